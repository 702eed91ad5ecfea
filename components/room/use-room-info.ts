"use client";

import { useEffect, useState } from "react";
import { call } from "@/lib/api/client";
import { MAX_ENTRIES } from "@/lib/api/contract";
import type { RoomInfo } from "@/lib/api/contract/room";

// Until the server answers: no room address (links use the page's own), the documented default limit.
const UNKNOWN: RoomInfo = { addresses: [], maxEntries: MAX_ENTRIES };

/** The room's addresses and the server's entry limit, asked once per page. */
export function useRoomInfo(): RoomInfo {
  const [info, setInfo] = useState<RoomInfo>(UNKNOWN);
  useEffect(() => {
    const abort = new AbortController();
    call("/api/room", { signal: abort.signal })
      .then((response) => response.json() as Promise<RoomInfo>)
      .then((answer) => !abort.signal.aborted && setInfo(answer))
      // The room's address is a convenience: without it, links use the address this page was opened with.
      .catch(() => undefined);
    return () => abort.abort();
  }, []);
  return info;
}

/** The origin share links use: the room's first address when it has one, else the page's own origin. */
export function shareOrigin(info: RoomInfo, pageOrigin: string): string {
  const pageHost = new URL(pageOrigin).hostname;
  // A participant who joined through one of the room's addresses shares that same one.
  const joinedThrough = info.addresses.find((address) => new URL(address).hostname === pageHost);
  return joinedThrough ?? info.addresses[0] ?? pageOrigin;
}
