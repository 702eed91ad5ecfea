/**
 * The room address: the URLs other machines on the network can open, derived from the address the server listens
 * on (config().listenHost: npm start passes it) and this machine's network interfaces.
 */
import "server-only";
import { networkInterfaces, type NetworkInterfaceInfo } from "node:os";

const LOOPBACK = new Set(["localhost", "127.0.0.1", "::1", "[::1]"]);
const EVERY_INTERFACE = new Set(["0.0.0.0", "::", "[::]"]);

/**
 * `http://<address>:<port>` for each address a participant can use: none when the server listens on loopback only;
 * every external IPv4 address when it listens on all interfaces (IPv4 first: what a phone on a classroom Wi-Fi has);
 * the named address or host otherwise.
 */
export function roomAddresses(
  listenHost: string | undefined,
  port: string,
  interfaces: NodeJS.Dict<NetworkInterfaceInfo[]> = networkInterfaces(),
): string[] {
  const host = listenHost?.toLowerCase();
  if (!host || LOOPBACK.has(host) || host.startsWith("127.")) return [];
  const suffix = port && port !== "80" ? `:${port}` : "";
  if (!EVERY_INTERFACE.has(host)) return [`http://${host.includes(":") && !host.startsWith("[") ? `[${host}]` : host}${suffix}`];
  const external = Object.values(interfaces)
    .flatMap((list) => list ?? [])
    .filter((info) => !info.internal && info.family === "IPv4")
    .map((info) => info.address);
  return [...new Set(external)].map((address) => `http://${address}${suffix}`);
}

/** The port from a Host header ("192.168.1.20:3000" -> "3000", "[::1]:3000" -> "3000"); "" when none is given. */
export function portOf(hostHeader: string | null): string {
  const match = /:(\d+)$/.exec(hostHeader ?? "");
  return match ? match[1] : "";
}
