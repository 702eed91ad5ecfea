#!/usr/bin/env python3
"""A small vulkaninfo in ctypes (no X11 or Wayland libraries needed), and a .deb extractor for machines without dpkg.

  python3 vulkan-probe.py [--json OUT.json]    load libvulkan.so.1, create an instance, list the physical devices;
                                               exit 0 when at least one is a GPU (not a software rasterizer)
  python3 vulkan-probe.py extract DEB DIR      unpack a Debian package's files into DIR (as dpkg -x does)

WebGPU in onnxruntime runs on Dawn, which runs on Vulkan on Linux: if this finds no device, WebGPU cannot start,
and what it prints (loader found or not, instance error, device list) says which layer is missing.
"""
import ctypes
import io
import json
import os
import struct
import sys
import tarfile
from pathlib import Path

DEVICE_TYPES = {0: "other", 1: "integrated GPU", 2: "discrete GPU", 3: "virtual GPU", 4: "CPU"}
ICD_DIRS = ["/usr/share/vulkan/icd.d", "/etc/vulkan/icd.d", "/usr/local/share/vulkan/icd.d", "/usr/local/nvidia/share/vulkan/icd.d"]
PROPERTIES_BYTES = 4096  # VkPhysicalDeviceProperties is ~824 bytes; the fields read here are at its start


class ApplicationInfo(ctypes.Structure):
    _fields_ = [("sType", ctypes.c_int), ("pNext", ctypes.c_void_p), ("pApplicationName", ctypes.c_char_p),
                ("applicationVersion", ctypes.c_uint32), ("pEngineName", ctypes.c_char_p),
                ("engineVersion", ctypes.c_uint32), ("apiVersion", ctypes.c_uint32)]


class InstanceCreateInfo(ctypes.Structure):
    _fields_ = [("sType", ctypes.c_int), ("pNext", ctypes.c_void_p), ("flags", ctypes.c_uint32),
                ("pApplicationInfo", ctypes.POINTER(ApplicationInfo)), ("enabledLayerCount", ctypes.c_uint32),
                ("ppEnabledLayerNames", ctypes.c_void_p), ("enabledExtensionCount", ctypes.c_uint32),
                ("ppEnabledExtensionNames", ctypes.c_void_p)]


def api_version(v):
    return f"{(v >> 22) & 0x7F}.{(v >> 12) & 0x3FF}.{v & 0xFFF}"


def driver_version(v, vendor):
    if vendor == 0x10DE:  # NVIDIA packs 10.8.8.6 bits
        return f"{(v >> 22) & 0x3FF}.{(v >> 14) & 0xFF}.{(v >> 6) & 0xFF}"
    return api_version(v)


def loaded_path(name):
    try:
        return next((line.split()[-1] for line in open("/proc/self/maps") if name in line), None)
    except OSError:
        return None


def probe():
    facts = {"env": {k: os.environ.get(k) for k in ("VK_DRIVER_FILES", "VK_ICD_FILENAMES", "LD_LIBRARY_PATH")},
             "icdFiles": sorted(str(p) for d in ICD_DIRS if os.path.isdir(d) for p in Path(d).glob("*.json")),
             "devices": []}
    try:
        vk = ctypes.CDLL("libvulkan.so.1")
    except OSError as error:
        facts["loaderError"] = str(error)
        return facts
    facts["loader"] = loaded_path("libvulkan.so")
    version = ctypes.c_uint32(0)
    if hasattr(vk, "vkEnumerateInstanceVersion") and vk.vkEnumerateInstanceVersion(ctypes.byref(version)) == 0:
        facts["instanceVersion"] = api_version(version.value)
    app = ApplicationInfo(0, None, b"semantic-radar-gpu-check", 1, b"none", 1, (1 << 22) | (1 << 12))
    create = InstanceCreateInfo(1, None, 0, ctypes.pointer(app), 0, None, 0, None)
    instance = ctypes.c_void_p()
    result = vk.vkCreateInstance(ctypes.byref(create), None, ctypes.byref(instance))
    facts["createInstance"] = result  # 0 success; -9 VK_ERROR_INCOMPATIBLE_DRIVER: the loader found no driver
    if result != 0:
        return facts
    count = ctypes.c_uint32(0)
    vk.vkEnumeratePhysicalDevices(instance, ctypes.byref(count), None)
    handles = (ctypes.c_void_p * count.value)()
    vk.vkEnumeratePhysicalDevices(instance, ctypes.byref(count), handles)
    for handle in handles:
        buffer = ctypes.create_string_buffer(PROPERTIES_BYTES)
        vk.vkGetPhysicalDeviceProperties(ctypes.c_void_p(handle), buffer)
        api, driver, vendor, device, kind = struct.unpack_from("<5I", buffer.raw, 0)
        facts["devices"].append({"name": buffer.raw[20:276].split(b"\0")[0].decode(errors="replace"),
                                 "type": DEVICE_TYPES.get(kind, str(kind)), "apiVersion": api_version(api),
                                 "driverVersion": driver_version(driver, vendor), "vendorId": hex(vendor), "deviceId": hex(device)})
    vk.vkDestroyInstance(instance, None)
    return facts


def extract_deb(deb, target):
    """A .deb is an ar archive holding data.tar.{xz,gz,zst}; unpack the data part (zstd needs Python 3.14)."""
    data = Path(deb).read_bytes()
    if not data.startswith(b"!<arch>\n"):
        raise SystemExit(f"{deb} is not a Debian package")
    offset = 8
    while offset < len(data):
        name, size = data[offset:offset + 16].decode().strip().rstrip("/"), int(data[offset + 48:offset + 58])
        if name.startswith("data.tar"):
            with tarfile.open(fileobj=io.BytesIO(data[offset + 60:offset + 60 + size])) as tar:
                try:
                    tar.extractall(target, filter="tar")  # keeps the packages' relative library symlinks
                except TypeError:  # Python without extraction filters
                    tar.extractall(target)
            return
        offset += 60 + size + (size % 2)
    raise SystemExit(f"{deb} has no data.tar member")


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "extract":
        extract_deb(sys.argv[2], sys.argv[3])
        return 0
    facts = probe()
    if "--json" in sys.argv:
        Path(sys.argv[sys.argv.index("--json") + 1]).write_text(json.dumps(facts, indent=2))
    print(f"Vulkan loader: {facts.get('loader') or 'NOT LOADED: ' + facts.get('loaderError', '?')}")
    print(f"  instance version {facts.get('instanceVersion', '?')}, vkCreateInstance -> {facts.get('createInstance', '-')}")
    print(f"  driver manifests: {', '.join(facts['icdFiles']) or 'none in ' + ', '.join(ICD_DIRS)}")
    print(f"  VK_DRIVER_FILES={facts['env']['VK_DRIVER_FILES']} VK_ICD_FILENAMES={facts['env']['VK_ICD_FILENAMES']}")
    for d in facts["devices"]:
        print(f"  device: {d['name']} ({d['type']}), Vulkan {d['apiVersion']}, driver {d['driverVersion']}, vendor {d['vendorId']}")
    hardware = [d for d in facts["devices"] if d["type"] != "CPU"]
    if not hardware:
        print("  no hardware Vulkan device found" + (" (only software rasterizers)" if facts["devices"] else ""))
    return 0 if hardware else 1


if __name__ == "__main__":
    sys.exit(main())
