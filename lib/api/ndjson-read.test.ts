import { describe, expect, it } from "vitest";
import { readNdjson } from "./ndjson-read";

function streamOfChunks(chunks: Uint8Array[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });
}

async function collect(stream: ReadableStream<Uint8Array>): Promise<unknown[]> {
  const events: unknown[] = [];
  for await (const event of readNdjson(stream)) events.push(event);
  return events;
}

describe("readNdjson", () => {
  it("reassembles lines split across chunks, even inside a Chinese character", async () => {
    const bytes = new TextEncoder().encode('{"t":"我饿了"}\n{"n":2}\n');
    const cuts = [1, 7, 9, 14]; // 7 and 9 fall inside the UTF-8 bytes of 我 / 饿
    const chunks = [0, ...cuts].map((from, i) => bytes.slice(from, cuts[i] ?? bytes.length));
    expect(await collect(streamOfChunks(chunks))).toEqual([{ t: "我饿了" }, { n: 2 }]);
  });

  it("reads a last line without a newline and skips blank lines", async () => {
    const bytes = new TextEncoder().encode('{"a":1}\n\n{"b":2}');
    expect(await collect(streamOfChunks([bytes]))).toEqual([{ a: 1 }, { b: 2 }]);
  });
});
