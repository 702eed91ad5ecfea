/**
 * A room that is safe to hand out: each browser's library is its own (a second browser context can neither see
 * nor change it, by the page or by the API), and the teacher, with the key the server was started with,
 * publishes a knowledge base to every participant and removes it. Real model, real embedded database.
 */
import { fileURLToPath } from "node:url";
import { expect, test } from "./fixtures";
import { E2E_TEACHER_KEY } from "./keys";
import { LibraryPanel } from "./pages/library-panel";
import { RadarPage } from "./pages/radar-page";

// Written to e2e/artifacts/ (ignored) on every run; the README's copies in e2e/screenshots/ are taken from there.
const SCREENSHOTS = fileURLToPath(new URL("./artifacts/", import.meta.url));

const ALICE_NOTES = ["Privacy spec: Alice's notes say the exam is on Friday.", "Privacy spec: Alice's locker code is 4711.", "Privacy spec: bring a calculator."];
const COURSE = ["Room spec: week one covers tokenization.", "Room spec: week two covers pooling.", "Room spec: the final project is a search demo."];

test("a second browser can neither see nor change the first one's knowledge bases, by the page or the API", async ({ radar, page, context, browser, baseURL }) => {
  const alice = new LibraryPanel(page);
  await radar.setKnowledgeBase(ALICE_NOTES);
  await radar.search("When is the exam?");
  const kbId = new URL(page.url()).searchParams.get("kb")!;
  await alice.save("Alice's exam notes");

  // The owner key is a cookie no script can read, sent to this site only.
  const owner = (await context.cookies()).find((cookie) => cookie.name === "radar_owner");
  expect(owner).toMatchObject({ httpOnly: true, sameSite: "Strict", value: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) });
  expect(await page.evaluate(() => document.cookie)).not.toContain("radar_owner");

  const other = await browser.newContext({ baseURL });
  const bobPage = await other.newPage();
  const bob = new RadarPage(bobPage);
  const bobLibrary = new LibraryPanel(bobPage);
  await bob.goto();
  await bob.waitForEngine();
  await expect(bobLibrary.panel).toContainText("None yet");
  await expect(bobLibrary.panel).not.toContainText("Alice's exam notes");
  await expect(bobLibrary.item(kbId)).toHaveCount(0);

  // By the API, with Bob's own cookie: not listed, and 404 for rename, delete and export, as if it did not exist.
  expect(((await (await other.request.get("/api/kbs")).json()) as { kbs: { id: string }[] }).kbs.map((kb) => kb.id)).not.toContain(kbId);
  const refusals = [
    await other.request.patch(`/api/kbs/${kbId}`, { data: { name: "Bob was here" } }),
    await other.request.delete(`/api/kbs/${kbId}`),
    await other.request.get(`/api/kbs/${kbId}/export`),
  ];
  for (const refused of refusals) {
    expect(refused.status()).toBe(404);
    expect((await refused.json()).error.code).toBe("kb_not_found");
  }
  await page.reload();
  await expect(alice.item(kbId).getByRole("button", { name: "Open Alice's exam notes" })).toBeVisible();

  // A share link is read-only: Bob searches it and may keep a copy under his own name; Alice's stays as it was.
  await bobPage.goto(`/?kb=${kbId}&q=${encodeURIComponent("locker code")}`);
  await bob.waitForResults("locker code");
  expect((await bob.rowTexts())[0]).toBe(ALICE_NOTES[1]);
  await expect(bobLibrary.item(kbId)).toHaveCount(0);
  await bobLibrary.save("Copied notes");
  await page.reload();
  await expect(alice.item(kbId).getByRole("button", { name: "Open Alice's exam notes" })).toBeVisible();
  await bobLibrary.remove(kbId);
  await page.reload();
  await expect(alice.item(kbId)).toHaveCount(1);
  await other.close();
});

test("the teacher publishes a knowledge base to every participant, and removes it", async ({ radar, page, browser, baseURL }) => {
  const participant = new LibraryPanel(page);
  await radar.setKnowledgeBase(COURSE);
  await radar.search("What is the final project?");
  const kbId = new URL(page.url()).searchParams.get("kb")!;

  const teacherContext = await browser.newContext({ baseURL });
  const teacher = await teacherContext.newPage();
  await teacher.goto("/room");
  await teacher.getByTestId("teacher-key").fill("not-the-teacher-key-at-all");
  await teacher.getByRole("button", { name: "Open the room" }).click();
  await expect(teacher.getByTestId("room-error")).toContainText("got a key that is not the teacher key");
  await teacher.getByTestId("teacher-key").fill(E2E_TEACHER_KEY);
  await teacher.getByRole("button", { name: "Open the room" }).click();
  const listed = teacher.locator(`[data-testid="room-kb"][data-kb-id="${kbId}"]`);
  await expect(listed).toContainText(COURSE[0]);
  await expect(listed).toContainText("saved in 0 libraries");
  await listed.getByRole("button", { name: `Publish ${COURSE[0]} to everyone` }).click();
  await expect(listed).toContainText("Published to everyone");
  await teacher.screenshot({ path: `${SCREENSHOTS}room-teacher-en.png` });
  await teacher.getByTestId("locale-switch").click();
  await expect(listed).toContainText("已发布给所有人");
  await teacher.screenshot({ path: `${SCREENSHOTS}room-teacher-zh.png` });
  await teacher.getByTestId("locale-switch").click();
  await expect(listed).toContainText("Published to everyone");

  // The participant who is already looking sees it appear; a newcomer finds it on arrival. Neither may delete it.
  const published = participant.item(kbId);
  await expect(published.getByTestId("library-published")).toHaveText("Published by the teacher");
  const newcomerContext = await browser.newContext({ baseURL });
  const newcomer = await newcomerContext.newPage();
  await newcomer.goto("/");
  const forNewcomer = new LibraryPanel(newcomer).item(kbId);
  await expect(forNewcomer.getByTestId("library-published")).toBeVisible();
  await expect(forNewcomer.getByRole("button", { name: /^Delete / })).toHaveCount(0);
  expect((await newcomerContext.request.delete(`/api/kbs/${kbId}`)).status()).toBe(404);

  // Removed by the teacher: gone from the server and from every list.
  await listed.getByRole("button", { name: `Remove ${COURSE[0]} from the server` }).click();
  await listed.getByRole("button", { name: new RegExp(`^Remove ${COURSE[0]} for good`) }).click();
  await expect(listed).toHaveCount(0);
  await expect(published).toHaveCount(0);
  await newcomer.reload();
  await expect(new LibraryPanel(newcomer).panel).toContainText("None yet");
  expect((await newcomerContext.request.post("/api/search", { data: { kbId, query: "pooling" } })).status()).toBe(404);
  await Promise.all([teacherContext.close(), newcomerContext.close()]);
});
