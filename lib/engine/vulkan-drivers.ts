/**
 * Which Vulkan drivers the loader will offer Dawn (WebGPU on Linux runs on Vulkan). Why the engine cares:
 * onnxruntime's WebGPU provider runs happily on a software Vulkan driver (Mesa's lavapipe, SwiftShader), which
 * is the CPU under another name, and it does not say which adapter it got. The driver manifests do.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { homedir } from "node:os";
import { basename, join } from "node:path";

export interface VulkanDriver {
  manifest: string;
  library: string;
  software: boolean;
}

// Library names of Vulkan drivers that rasterize on the CPU.
const SOFTWARE_DRIVERS = /lvp|llvmpipe|swiftshader/i;

/** The manifest files or folders the Vulkan loader reads on Linux, in its order (explicit variables win). */
export function driverManifestPlaces(env: Record<string, string | undefined> = process.env): string[] {
  const explicit = env.VK_DRIVER_FILES || env.VK_ICD_FILENAMES;
  if (explicit) return explicit.split(":").filter(Boolean);
  const configDirs = (env.XDG_CONFIG_DIRS || "/etc/xdg").split(":");
  const dataHome = env.XDG_DATA_HOME || join(homedir(), ".local", "share");
  const dataDirs = (env.XDG_DATA_DIRS || "/usr/local/share:/usr/share").split(":");
  const added = (env.VK_ADD_DRIVER_FILES ?? "").split(":").filter(Boolean);
  return [...configDirs.map((d) => join(d, "vulkan", "icd.d")), "/etc/vulkan/icd.d", join(dataHome, "vulkan", "icd.d"), ...dataDirs.map((d) => join(d, "vulkan", "icd.d")), ...added];
}

function manifestsIn(place: string): string[] {
  if (!existsSync(place)) return [];
  if (!statSync(place).isDirectory()) return [place];
  return readdirSync(place)
    .filter((f) => f.endsWith(".json"))
    .map((f) => join(place, f));
}

/** Reads one manifest's library_path; undefined when it is not a readable driver manifest. */
export function driverOf(manifest: string, json: string): VulkanDriver | undefined {
  try {
    const library = (JSON.parse(json) as { ICD?: { library_path?: unknown } }).ICD?.library_path;
    if (typeof library !== "string") return undefined;
    return { manifest, library, software: SOFTWARE_DRIVERS.test(basename(library)) };
  } catch {
    return undefined;
  }
}

export function vulkanDrivers(env: Record<string, string | undefined> = process.env): VulkanDriver[] {
  const drivers: VulkanDriver[] = [];
  for (const manifest of driverManifestPlaces(env).flatMap(manifestsIn)) {
    const driver = driverOf(manifest, readFileSync(manifest, "utf8"));
    if (driver) drivers.push(driver);
  }
  return drivers;
}

/** The software driver WebGPU would land on when no hardware driver is offered, else undefined. */
export function softwareOnlyDriver(drivers: readonly VulkanDriver[]): VulkanDriver | undefined {
  return drivers.length > 0 && drivers.every((d) => d.software) ? drivers[0] : undefined;
}
