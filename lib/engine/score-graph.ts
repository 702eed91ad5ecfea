/**
 * A one-node ONNX graph, s = MatMul(m, q) with m: [n, d], q: [d, k], s: [n, k], encoded as the ModelProto
 * protobuf by hand: 5 message types, a dozen fields, no library needed for so little (onnx.proto field numbers
 * quoted beside each). onnxruntime's MatMul (MLAS, SIMD, several threads) scores 100,000 stored vectors in a
 * few milliseconds, where a JavaScript loop takes tens. Pure.
 */

const VARINT = 0;
const BYTES = 2;

function varint(value: number): number[] {
  const out: number[] = [];
  while (value > 0x7f) {
    out.push((value & 0x7f) | 0x80);
    value = Math.floor(value / 128);
  }
  out.push(value);
  return out;
}

const utf8 = (text: string) => [...new TextEncoder().encode(text)];
const intField = (field: number, value: number) => [...varint((field << 3) | VARINT), ...varint(value)];
const bytesField = (field: number, bytes: number[]) => [...varint((field << 3) | BYTES), ...varint(bytes.length), ...bytes];
const stringField = (field: number, text: string) => bytesField(field, utf8(text));

/** ValueInfoProto {name = 1, type = 2}: a float tensor with named (symbolic) dimensions. */
function floatTensor(name: string, dims: string[]): number[] {
  const shape = dims.flatMap((dim) => bytesField(1 /* TensorShapeProto.dim */, stringField(2 /* dim_param */, dim)));
  const tensorType = [...intField(1 /* elem_type */, 1 /* FLOAT */), ...bytesField(2 /* shape */, shape)];
  return [...stringField(1, name), ...bytesField(2, bytesField(1 /* TypeProto.tensor_type */, tensorType))];
}

/** The scoring graph's bytes, for InferenceSession.create(bytes). */
export function matMulGraph(): Uint8Array {
  const node = [...stringField(1, "m"), ...stringField(1, "q"), ...stringField(2, "s"), ...stringField(4 /* op_type */, "MatMul")];
  const graph = [
    ...bytesField(1 /* node */, node),
    ...stringField(2 /* name */, "score"),
    ...bytesField(11 /* input */, floatTensor("m", ["n", "d"])),
    ...bytesField(11, floatTensor("q", ["d", "k"])),
    ...bytesField(12 /* output */, floatTensor("s", ["n", "k"])),
  ];
  const opset = [...stringField(1 /* domain */, ""), ...intField(2 /* version */, 17)];
  const model = [...intField(1 /* ir_version */, 8), ...stringField(2 /* producer_name */, "semantic-radar"), ...bytesField(7 /* graph */, graph), ...bytesField(8 /* opset_import */, opset)];
  return Uint8Array.from(model);
}
