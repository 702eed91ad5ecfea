// Where a machine already has a CUDA library: places the dynamic loader searches by itself (its cache, the
// LD_LIBRARY_PATH of this process), and places it does not (CUDA toolkit folders, the NVIDIA wheels that pip
// installs beside PyTorch). Node built-ins only.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";

/** name -> path from `ldconfig -p` ("\tlibcuda.so.1 (libc6,x86-64) => /usr/lib/x86_64-linux-gnu/libcuda.so.1"). */
export function parseLdconfig(output) {
  const found = new Map();
  for (const match of output.matchAll(/^\s*(\S+) \(([^)]*)\) => (\S+)$/gm)) {
    // 64-bit x86 entries only: a 32-bit libcuda.so.1 is no use to a 64-bit process.
    if (match[2].includes("x86-64") && !found.has(match[1])) found.set(match[1], match[3]);
  }
  return found;
}

let ldconfigCache;
function ldconfigEntries() {
  if (!ldconfigCache) {
    const run = ["ldconfig", "/sbin/ldconfig", "/usr/sbin/ldconfig"].map((command) => spawnSync(command, ["-p"], { encoding: "utf8" })).find((r) => r.status === 0);
    ldconfigCache = parseLdconfig(run?.stdout ?? "");
  }
  return ldconfigCache;
}

/** Where the dynamic loader would find `name` by itself in a process started with `env`, if anywhere. */
export function loaderFinds(name, env = process.env) {
  for (const dir of (env.LD_LIBRARY_PATH ?? "").split(":").filter(Boolean)) {
    if (existsSync(join(dir, name))) return join(dir, name);
  }
  return ldconfigEntries().get(name);
}

/** site-packages folders of `python` (a virtual environment's too), or none when there is no such Python. */
export function pythonSitePackages(python) {
  const script = "import site, sys; print('\\n'.join(site.getsitepackages() + [site.getusersitepackages()]))";
  const run = spawnSync(python, ["-c", script], { encoding: "utf8", timeout: 20_000 });
  return run.status === 0 ? run.stdout.split("\n").map((line) => line.trim()).filter((dir) => dir && existsSync(dir)) : [];
}

/** Folders of NVIDIA's pip wheels under a site-packages folder: nvidia/cu13/lib (CUDA 13) and nvidia/<part>/lib (earlier). */
export function nvidiaWheelFolders(sitePackages) {
  const nvidia = join(sitePackages, "nvidia");
  if (!existsSync(nvidia)) return [];
  return readdirSync(nvidia).map((part) => join(nvidia, part, "lib")).filter((dir) => existsSync(dir));
}

/** CUDA toolkit folders: $CUDA_HOME, $CUDA_PATH, /usr/local/cuda and /usr/local/cuda-13.x. */
export function cudaToolkitFolders(env = process.env) {
  const roots = [env.CUDA_HOME, env.CUDA_PATH, "/usr/local/cuda"].filter(Boolean);
  if (existsSync("/usr/local")) roots.push(...readdirSync("/usr/local").filter((d) => /^cuda-13(\.\d+)*$/.test(d)).map((d) => join("/usr/local", d)));
  return roots.flatMap((root) => [join(root, "lib64"), join(root, "targets", "x86_64-linux", "lib")]).filter((dir) => existsSync(dir));
}

/** The first of `folders` that holds `name`. */
export function findIn(folders, name) {
  const dir = folders.find((folder) => existsSync(join(folder, name)));
  return dir && join(dir, name);
}
