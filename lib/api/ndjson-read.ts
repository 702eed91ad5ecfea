/** Reads an NDJSON response body event by event (the browser side of ndjson.ts). */

/** Yields each line of `body` parsed as JSON; a final line without "\n" counts too. */
export async function* readNdjson<E>(body: ReadableStream<Uint8Array>): AsyncGenerator<E> {
  const reader = body.getReader();
  // stream: true keeps a multi-byte character (Chinese text) split across chunks whole.
  const decoder = new TextDecoder();
  let buffered = "";
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      buffered += decoder.decode(value, { stream: true });
      const lines = buffered.split("\n");
      buffered = lines.pop() ?? "";
      for (const line of lines) if (line.trim()) yield JSON.parse(line) as E;
    }
    buffered += decoder.decode();
    if (buffered.trim()) yield JSON.parse(buffered) as E;
  } finally {
    reader.releaseLock();
  }
}
