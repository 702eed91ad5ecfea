/** GET /api/room: how participants reach this server, and the limits the page should know before it sends. */

export interface RoomInfo {
  /**
   * Addresses other machines can open, e.g. `http://192.168.1.20:3000`; empty when the server listens on this
   * machine only (127.0.0.1, the default of `npm start`).
   */
  addresses: string[];
  /** Entries one knowledge base may hold on this server (SEMANTIC_RADAR_MAX_ENTRIES, else 50,000). */
  maxEntries: number;
}
