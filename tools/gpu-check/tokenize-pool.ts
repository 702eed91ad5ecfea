/**
 * Tokenization on worker threads, for the GPU check's variants: on a GPU the forward pass is fast enough that
 * one thread of JavaScript tokenizing is the larger cost. Each worker loads the tokenizer once and encodes a
 * contiguous slice; ids come back packed in transferable typed arrays.
 * The worker side runs in the same bundle (check.ts dispatches on workerData.role).
 */
import { Worker } from "node:worker_threads";
import { describeModel, encodeTexts, loadTokenizer, type EncodedText, type TextKind } from "../../lib/engine/tools";

export interface PackedEncoded {
  ids: Int32Array; // all texts' ids, concatenated
  specials: Uint8Array; // same layout
  offsets: Int32Array; // [count + 1]: text i is ids[offsets[i] .. offsets[i + 1])
}

export function packEncoded(encoded: readonly EncodedText[]): PackedEncoded {
  const offsets = new Int32Array(encoded.length + 1);
  encoded.forEach((e, i) => (offsets[i + 1] = offsets[i] + e.ids.length));
  const ids = new Int32Array(offsets[encoded.length]);
  const specials = new Uint8Array(ids.length);
  encoded.forEach((e, i) => {
    ids.set(e.ids, offsets[i]);
    specials.set(e.specials, offsets[i]);
  });
  return { ids, specials, offsets };
}

export function unpackEncoded(packed: PackedEncoded): EncodedText[] {
  const out: EncodedText[] = [];
  for (let i = 0; i + 1 < packed.offsets.length; i++) {
    const [from, to] = [packed.offsets[i], packed.offsets[i + 1]];
    out.push({ ids: Array.from(packed.ids.subarray(from, to)), specials: packed.specials.slice(from, to) });
  }
  return out;
}

export interface TokenizerWorkerData {
  role: "tokenizer";
  modelDir: string;
  modelId: string;
}

/** Worker side: answers { id, texts, kind } with { id, packed }. */
export function serveTokenizer(port: import("node:worker_threads").MessagePort, data: TokenizerWorkerData): void {
  const model = describeModel(data.modelDir, data.modelId);
  const tokenizer = loadTokenizer(model);
  port.on("message", ({ id, texts, kind }: { id: number; texts: string[]; kind: TextKind }) => {
    const packed = packEncoded(encodeTexts(tokenizer, model, texts, kind).encoded);
    port.postMessage({ id, packed }, [packed.ids.buffer, packed.specials.buffer, packed.offsets.buffer] as ArrayBuffer[]);
  });
  port.postMessage({ ready: true });
}

export interface TokenizerPool {
  threads: number;
  encode(texts: readonly string[], kind: TextKind): Promise<EncodedText[]>;
  close(): Promise<void>;
}

/** Starts `threads` workers running `entry` (a script that calls serveTokenizer when it is a worker). */
export async function createTokenizerPool(entry: string, data: TokenizerWorkerData, threads: number): Promise<TokenizerPool> {
  const workers = Array.from({ length: threads }, () => new Worker(entry, { workerData: data }));
  await Promise.all(
    workers.map((w) => new Promise<void>((resolve, reject) => {
      w.once("message", () => resolve());
      w.once("error", reject);
    })),
  );
  let nextId = 0;
  const ask = (worker: Worker, texts: string[], kind: TextKind) =>
    new Promise<EncodedText[]>((resolve, reject) => {
      const id = nextId++;
      const onMessage = (message: { id: number; packed: PackedEncoded }) => {
        if (message.id !== id) return;
        worker.off("message", onMessage);
        worker.off("error", reject);
        resolve(unpackEncoded(message.packed));
      };
      worker.on("message", onMessage);
      worker.once("error", reject);
      worker.postMessage({ id, texts, kind });
    });
  return {
    threads,
    async encode(texts, kind) {
      const size = Math.ceil(texts.length / threads);
      const parts = await Promise.all(workers.map((w, i) => ask(w, texts.slice(i * size, (i + 1) * size), kind)));
      return parts.flat();
    },
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
