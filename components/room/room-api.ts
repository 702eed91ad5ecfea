/** The teacher's calls to the room routes, each with the teacher key in its header; failures arrive as AppError. */
import { call } from "@/lib/api/client";
import type { LibraryKb, RoomKbsResponse } from "@/lib/api/contract";

/** The header the room routes read the teacher key from (lib/api/keys.ts). */
const TEACHER_KEY_HEADER = "x-teacher-key";

export async function fetchRoomKbs(key: string): Promise<RoomKbsResponse> {
  return (await (await call("/api/room/kbs", { headers: { [TEACHER_KEY_HEADER]: key } })).json()) as RoomKbsResponse;
}

export async function setPublished(key: string, id: string, published: boolean): Promise<LibraryKb> {
  const init = { method: "PATCH", headers: { [TEACHER_KEY_HEADER]: key }, body: JSON.stringify({ published }) };
  return (await (await call(`/api/room/kbs/${encodeURIComponent(id)}`, init)).json()) as LibraryKb;
}

export async function removeFromServer(key: string, id: string): Promise<void> {
  await call(`/api/room/kbs/${encodeURIComponent(id)}`, { method: "DELETE", headers: { [TEACHER_KEY_HEADER]: key } });
}
