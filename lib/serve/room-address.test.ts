import type { NetworkInterfaceInfo } from "node:os";
import { describe, expect, it } from "vitest";
import { readConfig } from "@/lib/config";
import { portOf, roomAddresses } from "./room-address";

function info(address: string, family: "IPv4" | "IPv6", internal = false): NetworkInterfaceInfo {
  return { address, family, internal, netmask: "", mac: "", cidr: null, ...(family === "IPv6" ? { scopeid: 0 } : {}) } as NetworkInterfaceInfo;
}

const INTERFACES = {
  lo: [info("127.0.0.1", "IPv4", true), info("::1", "IPv6", true)],
  wlan0: [info("192.168.1.20", "IPv4"), info("fe80::1", "IPv6")],
  eth0: [info("10.0.0.5", "IPv4")],
};

describe("roomAddresses", () => {
  it("is empty while the server listens on this machine only", () => {
    for (const host of [undefined, "127.0.0.1", "localhost", "::1", "127.0.1.1"]) expect(roomAddresses(host, "3000", INTERFACES)).toEqual([]);
  });

  it("lists every external IPv4 address when the server listens on all interfaces", () => {
    expect(roomAddresses("0.0.0.0", "3000", INTERFACES)).toEqual(["http://192.168.1.20:3000", "http://10.0.0.5:3000"]);
    expect(roomAddresses("::", "8080", INTERFACES)).toEqual(["http://192.168.1.20:8080", "http://10.0.0.5:8080"]);
  });

  it("gives the named address or host as it is, brackets around IPv6, no port 80", () => {
    expect(roomAddresses("192.168.1.20", "3000", INTERFACES)).toEqual(["http://192.168.1.20:3000"]);
    expect(roomAddresses("radar.school.lan", "80", INTERFACES)).toEqual(["http://radar.school.lan"]);
    expect(roomAddresses("fd00::5", "3000", INTERFACES)).toEqual(["http://[fd00::5]:3000"]);
  });
});

describe("portOf and the listen host", () => {
  it("reads the port of a Host header, and the listen host npm start passes", () => {
    expect(portOf("192.168.1.20:3000")).toBe("3000");
    expect(portOf("[::1]:3001")).toBe("3001");
    expect(portOf("radar.lan")).toBe("");
    expect(portOf(null)).toBe("");
    expect(readConfig({ SEMANTIC_RADAR_LISTEN_HOST: " 0.0.0.0 " }).listenHost).toBe("0.0.0.0");
    expect(readConfig({}).listenHost).toBeUndefined();
  });
});
