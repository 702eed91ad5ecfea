/** Vectors as OpenAI's embeddings API answers them. Pure. */

/** A row as base64 of little-endian float32 (what the SDKs decode), whatever this machine's byte order. */
export function base64Float32(row: Float32Array): string {
  const bytes = new Uint8Array(row.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < row.length; i++) view.setFloat32(i * 4, row[i], true);
  return Buffer.from(bytes).toString("base64");
}

/** Decodes base64 little-endian float32 (the inverse of base64Float32). */
export function float32FromBase64(text: string): Float32Array {
  const bytes = Buffer.from(text, "base64");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Float32Array.from({ length: bytes.byteLength / 4 }, (_, i) => view.getFloat32(i * 4, true));
}
