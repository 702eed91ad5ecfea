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

const COPY_SIGNATURE = Buffer.from("PGCOPY\n\xff\r\n\0", "latin1");

/**
 * Rows of kb_vectors (kb_id, pooling, idx, embedding) in PostgreSQL's binary COPY format, for rows
 * [start, end) of a [count, dims] matrix. Binary because text is the bottleneck of a bulk write: under WASM
 * (PGlite) ~900 rows/s as text against ~20,000 as binary on this machine; through `pg` ~2,000 against the
 * figures in the README.
 */
export function copyBinaryVectors(kbId: string, pooling: string, matrix: Float32Array, dims: number, start: number, end: number): Uint8Array {
  const id = Buffer.from(kbId, "utf8");
  const name = Buffer.from(pooling, "utf8");
  const rowBytes = 2 + (4 + id.length) + (4 + name.length) + (4 + 4) + (4 + 4 + 4 * dims);
  const out = Buffer.alloc(COPY_SIGNATURE.length + 8 + (end - start) * rowBytes + 2);
  let at = COPY_SIGNATURE.copy(out, 0) + 8; // flags and header extension length: zero
  for (let r = start; r < end; r++) {
    at = out.writeInt16BE(4, at); // four columns
    at = out.writeInt32BE(id.length, at);
    at += id.copy(out, at);
    at = out.writeInt32BE(name.length, at);
    at += name.copy(out, at);
    at = out.writeInt32BE(4, at);
    at = out.writeInt32BE(r, at);
    // vector_recv: int16 dims, int16 unused, then the floats, all big-endian.
    at = out.writeInt32BE(4 + 4 * dims, at);
    at = out.writeInt16BE(dims, at);
    at = out.writeInt16BE(0, at);
    for (let d = 0; d < dims; d++) at = out.writeFloatBE(matrix[r * dims + d], at);
  }
  out.writeInt16BE(-1, at); // end of data
  return out;
}
