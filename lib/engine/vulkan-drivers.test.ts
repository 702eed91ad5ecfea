// Vulkan driver manifests: where the loader looks, and telling a software rasterizer from a GPU driver.
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { driverManifestPlaces, driverOf, softwareOnlyDriver, vulkanDrivers } from "./vulkan-drivers";

const manifest = (library: string) => JSON.stringify({ file_format_version: "1.0.0", ICD: { library_path: library, api_version: "1.3.0" } });

describe("driverManifestPlaces", () => {
  it("uses only VK_DRIVER_FILES (or the older VK_ICD_FILENAMES) when set", () => {
    expect(driverManifestPlaces({ VK_DRIVER_FILES: "/a.json:/b.d" })).toEqual(["/a.json", "/b.d"]);
    expect(driverManifestPlaces({ VK_ICD_FILENAMES: "/c.json" })).toEqual(["/c.json"]);
  });

  it("else searches the XDG and system icd.d folders, plus VK_ADD_DRIVER_FILES", () => {
    const places = driverManifestPlaces({ XDG_DATA_HOME: "/home/u/.local/share", VK_ADD_DRIVER_FILES: "/extra.json" });
    expect(places).toEqual([
      "/etc/xdg/vulkan/icd.d",
      "/etc/vulkan/icd.d",
      "/home/u/.local/share/vulkan/icd.d",
      "/usr/local/share/vulkan/icd.d",
      "/usr/share/vulkan/icd.d",
      "/extra.json",
    ]);
  });
});

describe("driverOf", () => {
  it("marks Mesa's lavapipe and SwiftShader as software, NVIDIA's driver as hardware", () => {
    expect(driverOf("lvp.json", manifest("/usr/lib/x86_64-linux-gnu/libvulkan_lvp.so"))).toMatchObject({ software: true });
    expect(driverOf("sw.json", manifest("./libvk_swiftshader.so"))).toMatchObject({ software: true });
    expect(driverOf("nvidia_icd.json", manifest("libGLX_nvidia.so.0"))).toEqual({ manifest: "nvidia_icd.json", library: "libGLX_nvidia.so.0", software: false });
  });

  it("ignores files that are not driver manifests", () => {
    expect(driverOf("layer.json", JSON.stringify({ layer: { name: "x" } }))).toBeUndefined();
    expect(driverOf("broken.json", "{")).toBeUndefined();
  });
});

describe("softwareOnlyDriver", () => {
  const lvp = { manifest: "lvp.json", library: "libvulkan_lvp.so", software: true };
  const nvidia = { manifest: "nvidia_icd.json", library: "libGLX_nvidia.so.0", software: false };
  it("is the software driver only when nothing else is offered", () => {
    expect(softwareOnlyDriver([lvp])).toBe(lvp);
    expect(softwareOnlyDriver([lvp, nvidia])).toBeUndefined();
    expect(softwareOnlyDriver([])).toBeUndefined();
  });
});

describe("vulkanDrivers", () => {
  it("reads the manifests of a folder named by VK_DRIVER_FILES", () => {
    const dir = mkdtempSync(join(tmpdir(), "icd-"));
    mkdirSync(join(dir, "icd.d"));
    writeFileSync(join(dir, "icd.d", "lvp_icd.x86_64.json"), manifest("/usr/lib/libvulkan_lvp.so"));
    writeFileSync(join(dir, "icd.d", "notes.txt"), "not a manifest");
    expect(vulkanDrivers({ VK_DRIVER_FILES: `${join(dir, "icd.d")}:${join(dir, "missing.json")}` })).toEqual([
      { manifest: join(dir, "icd.d", "lvp_icd.x86_64.json"), library: "/usr/lib/libvulkan_lvp.so", software: true },
    ]);
  });
});
