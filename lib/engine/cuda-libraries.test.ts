// preloadCudaLibraries in this process, where onnxruntime-node is loaded: it finds onnxruntime's folder from the
// mapped libonnxruntime.so.1, loads what is there by name, and leaves absent names to the system's loader.
import * as fs from "node:fs";
import { dirname } from "node:path";
import "onnxruntime-node";
import { Worker } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import { preloadCudaLibraries } from "./cuda-libraries.mjs";

describe("preloadCudaLibraries", () => {
  it("loads a library from the folder of the mapped libonnxruntime.so.1, a plain library being no addon", () => {
    const [loaded, ...rest] = preloadCudaLibraries(fs, ["libonnxruntime.so.1", "libsemantic-radar-absent.so.1"]);
    expect(rest).toEqual([]);
    expect(loaded).toMatch(/\/onnxruntime-node\/bin\/napi-v\d+\/linux\/x64\/libonnxruntime\.so\.1$/);
    const maps = fs.readFileSync("/proc/self/maps", "utf8");
    expect(maps).toContain(dirname(loaded));
  });


  it("loads from a worker thread too, where the engine's model thread creates its sessions", async () => {
    const source = `
      const { parentPort, workerData } = require("node:worker_threads");
      require(workerData.ort);
      const { preloadCudaLibraries } = require(workerData.module);
      parentPort.postMessage(preloadCudaLibraries(require("node:fs"), ["libonnxruntime.so.1"]));`;
    const workerData = { ort: require.resolve("onnxruntime-node"), module: require.resolve("./cuda-libraries.mjs") };
    const loaded = await new Promise((resolve, reject) => new Worker(source, { eval: true, workerData }).once("message", resolve).once("error", reject));
    expect(loaded).toEqual([expect.stringMatching(/\/libonnxruntime\.so\.1$/)]);
  });
});
