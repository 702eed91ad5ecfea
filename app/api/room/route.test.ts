/** GET /api/room: the room's addresses follow the listen host npm start passes; the entry limit is the server's. */
import { NextRequest } from "next/server";
import { afterEach, describe, expect, it } from "vitest";
import { reloadConfig } from "@/lib/config";
import type { RoomInfo } from "@/lib/api/contract/room";
import { GET, POST } from "./route";

async function room(): Promise<RoomInfo> {
  const response = await GET(new NextRequest("http://127.0.0.1:3000/api/room", { headers: { host: "127.0.0.1:3000" } }));
  expect(response.status).toBe(200);
  return (await response.json()) as RoomInfo;
}

afterEach(() => void reloadConfig());

describe("GET /api/room", () => {
  it("has no address while the server listens on localhost, and gives the default limit", async () => {
    reloadConfig({ SEMANTIC_RADAR_LISTEN_HOST: "127.0.0.1" });
    expect(await room()).toEqual({ addresses: [], maxEntries: 50_000 });
  });

  it("gives the named listen address with the port the page was reached on, and a configured limit", async () => {
    reloadConfig({ SEMANTIC_RADAR_LISTEN_HOST: "192.168.7.7", SEMANTIC_RADAR_MAX_ENTRIES: "1000" });
    expect(await room()).toEqual({ addresses: ["http://192.168.7.7:3000"], maxEntries: 1000 });
  });

  it("answers other methods with 405", async () => {
    const response = await POST(new NextRequest("http://127.0.0.1:3000/api/room", { method: "POST" }));
    expect(response.status).toBe(405);
  });
});
