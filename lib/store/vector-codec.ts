/**
 * Vectors to and from PostgreSQL. Pure. Writes use pgvector's text form; reads use its binary form
 * (vector_send: int16 dims, int16 unused, then dims big-endian float4), aggregated per pooling into one bytea,
 * so loading 50,000 rows is one buffer to decode instead of 50,000 strings to parse.
 */

/** pgvector's text literal of one row. Number#toString is the shortest text that reads back to the same float32. */
export function vectorLiteral(row: Float32Array): string {
  let text = "[";
  for (let i = 0; i < row.length; i++) text += (i ? "," : "") + row[i];
  return `${text}]`;
}

/** Decodes concatenated vector_send values into one [count, dims] matrix. */
export function decodeVectorSend(bytes: Uint8Array, count: number, dims: number): Float32Array {
  const rowBytes = 4 + 4 * dims;
  if (bytes.length !== count * rowBytes) {
    throw new Error(`expected ${count} vectors of ${dims} dims (${count * rowBytes} bytes), got ${bytes.length} bytes`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Float32Array(count * dims);
  for (let r = 0; r < count; r++) {
    const base = r * rowBytes;
    const rowDims = view.getInt16(base);
    if (rowDims !== dims) throw new Error(`expected vector ${r} to have ${dims} dims, got ${rowDims}`);
    for (let d = 0; d < dims; d++) out[r * dims + d] = view.getFloat32(base + 4 + 4 * d);
  }
  return out;
}
