/**
 * The teacher's side of the libraries: every knowledge base on the server, publishing one to every participant
 * (it goes into the room's library, which every browser lists), removing any. The routes check the teacher key
 * before calling here. Server-only.
 */
import "server-only";
import { ROOM_LIBRARY } from "../store/types";
import type { LibraryKb, RoomKb } from "./library-types";
import { libraryKbOf } from "./library";
import { kbNotFound, kbRepository } from "./repository";

export async function roomKbs(): Promise<{ kbs: RoomKb[]; store: "pglite" | "postgres" }> {
  const { kbs, kind } = await kbRepository().list();
  return {
    kbs: kbs.map((kb) => {
      const { mine: _mine, ...rest } = libraryKbOf(kb, { mine: false, published: kb.published });
      return { ...rest, libraries: kb.libraries };
    }),
    store: kind,
  };
}

/**
 * Lists a knowledge base for everyone (under `name`, else the name it has) or takes it off their lists (the
 * participants who saved it keep it). 404 for an unknown id.
 */
export async function publishKb(id: string, published: boolean, name?: string): Promise<LibraryKb> {
  const repository = kbRepository();
  const record = await repository.record(id);
  if (!record) throw kbNotFound(id);
  if (!published) {
    // Off the lists, still held by the room: nothing is deleted while no participant holds it.
    const held = await repository.keep(ROOM_LIBRARY, id, null);
    if (!held) throw kbNotFound(id);
    return libraryKbOf(held, { mine: false, published: false });
  }
  const shown = await repository.keep(ROOM_LIBRARY, id, name ?? record.name);
  if (!shown) throw kbNotFound(id);
  return libraryKbOf(shown, { mine: false, published: true });
}

/** Deletes a knowledge base from every library, its entries and vectors with it. 404 for an unknown id. */
export async function removeKb(id: string): Promise<{ deleted: string }> {
  if (!(await kbRepository().delete(id))) throw kbNotFound(id);
  return { deleted: id };
}
