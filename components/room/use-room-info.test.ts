import { describe, expect, it } from "vitest";
import { shareOrigin } from "./use-room-info";

describe("shareOrigin", () => {
  const room = { addresses: ["http://192.168.1.20:3000", "http://10.0.0.5:3000"], maxEntries: 50_000 };

  it("gives the room's address to a teacher on localhost, whose own origin no phone can open", () => {
    expect(shareOrigin(room, "http://127.0.0.1:3000")).toBe("http://192.168.1.20:3000");
  });

  it("keeps the address a participant joined through, and the page's own origin when there is no room", () => {
    expect(shareOrigin(room, "http://10.0.0.5:3000")).toBe("http://10.0.0.5:3000");
    expect(shareOrigin({ addresses: [], maxEntries: 50_000 }, "http://127.0.0.1:3000")).toBe("http://127.0.0.1:3000");
  });
});
