/**
 * Joining a room: the page shows the room's address and a QR code of it once the server listens beyond localhost,
 * and share links carry that address. The test server listens on 127.0.0.1 only (no test opens a port to the
 * network), so the LAN case answers /api/room as a server started with HOST=0.0.0.0 would (page.route); the
 * addresses themselves come from lib/serve/room-address.ts, tested on its own. The QR code is read back with jsQR.
 */
import jsQR from "jsqr";
import type { Page } from "@playwright/test";
import { expect, FAQ, PASSWORD_QUESTION, test } from "./fixtures";
import { RadarPage } from "./pages/radar-page";

const ROOM = "http://192.168.1.20:3000";

/** The QR code as drawn in the page, decoded: what a phone's camera would read. */
async function readQr(page: Page): Promise<string | null> {
  const { data, width, height } = await page.getByTestId("room-qr").evaluate(async (svg) => {
    const image = new Image();
    image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(new XMLSerializer().serializeToString(svg))}`;
    await image.decode();
    const canvas = Object.assign(document.createElement("canvas"), { width: 400, height: 400 });
    const context = canvas.getContext("2d")!;
    context.fillStyle = "#fff";
    context.fillRect(0, 0, 400, 400);
    context.drawImage(image, 0, 0, 400, 400);
    return { data: Array.from(context.getImageData(0, 0, 400, 400).data), width: 400, height: 400 };
  });
  return jsQR(Uint8ClampedArray.from(data), width, height)?.data ?? null;
}

test("on localhost only, the page says how to share the radar with a room, and links keep the page's address", async ({ radar, page, context }) => {
  await expect(page.getByTestId("room-local-only")).toContainText("HOST=0.0.0.0 npm start");
  await expect(page.getByTestId("join-card")).toHaveCount(0);
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await radar.setKnowledgeBase(FAQ);
  await radar.search(PASSWORD_QUESTION);
  await page.getByTestId("copy-link").click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(page.url());
});

test("a room server shows its address and a QR code of it, and share links use the room's address", async ({ page, context }) => {
  await page.route("**/api/room", (route) => route.fulfill({ json: { addresses: [ROOM, "http://10.0.0.5:3000"], maxEntries: 50_000 } }));
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const radar = new RadarPage(page);
  await radar.goto();
  await radar.waitForEngine();
  const card = page.getByTestId("join-card");
  await expect(card.getByTestId("room-address")).toHaveText(ROOM);
  await expect(card).toContainText("http://10.0.0.5:3000");
  expect(await readQr(page)).toBe(ROOM);
  // To e2e/artifacts/; docs/room.md shows a copy kept in e2e/screenshots/.
  await card.screenshot({ path: new URL("./artifacts/join-card.png", import.meta.url).pathname });

  await radar.setKnowledgeBase(FAQ);
  await radar.search(PASSWORD_QUESTION);
  await page.getByTestId("copy-link").click();
  const copied = new URL(await page.evaluate(() => navigator.clipboard.readText()));
  expect(copied.origin).toBe(ROOM);
  expect(copied.searchParams.get("q")).toBe(PASSWORD_QUESTION);

  // The code can be hidden and shown again.
  await card.getByTestId("room-qr-toggle").click();
  await expect(page.getByTestId("room-qr")).toBeHidden();
});
