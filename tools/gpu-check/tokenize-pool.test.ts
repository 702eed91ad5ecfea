import { describe, expect, it } from "vitest";
import { packEncoded, unpackEncoded } from "./tokenize-pool";

describe("packEncoded / unpackEncoded", () => {
  it("round-trips texts of different lengths, an empty one included", () => {
    const encoded = [
      { ids: [101, 7592, 102], specials: Uint8Array.from([1, 0, 1]) },
      { ids: [], specials: new Uint8Array(0) },
      { ids: [101, 102], specials: Uint8Array.from([1, 1]) },
    ];
    const packed = packEncoded(encoded);
    expect([...packed.offsets]).toEqual([0, 3, 3, 5]);
    expect(unpackEncoded(packed)).toEqual(encoded);
  });
});
