import type { NextRequest } from "next/server";
import { MAX_ENTRIES } from "@/lib/api/contract";
import type { RoomInfo } from "@/lib/api/contract/room";
import { config } from "@/lib/config";
import { otherMethodsIn } from "@/lib/api/dialect";
import { respond } from "@/lib/api/respond";
import { portOf, roomAddresses } from "@/lib/serve/room-address";

// Network interfaces change (a laptop joins another Wi-Fi): never prerender or cache this answer.
export const dynamic = "force-dynamic";

/** {addresses, maxEntries}: the URLs participants open (none when the server listens on this machine only). */
export async function GET(request: NextRequest) {
  return respond(async (): Promise<RoomInfo> => ({
    addresses: roomAddresses(config().listenHost, portOf(request.headers.get("host"))),
    maxEntries: config().maxEntries ?? MAX_ENTRIES,
  }));
}

/** Any other method: 405 with a JSON body and an Allow header; OPTIONS lists the methods answered. */
export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethodsIn("radar", "GET");
