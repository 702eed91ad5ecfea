import { expect, type Locator, type Page } from "@playwright/test";

/** The saved knowledge bases in the sidebar and the actions above the results (issue 9). */
export class LibraryPanel {
  readonly panel: Locator;
  readonly items: Locator;
  readonly copyLink: Locator;
  readonly copyStatus: Locator;

  constructor(readonly page: Page) {
    this.panel = page.getByTestId("library");
    this.items = page.getByTestId("library-item");
    this.copyLink = page.getByTestId("copy-link");
    this.copyStatus = page.getByTestId("copy-status");
  }

  item(kbId: string): Locator {
    return this.page.locator(`[data-testid="library-item"][data-kb-id="${kbId}"]`);
  }

  async rename(kbId: string, name: string): Promise<void> {
    const item = this.item(kbId);
    await item.getByRole("button", { name: /^Rename / }).click();
    await item.getByTestId("library-rename-input").fill(name);
    await item.getByRole("button", { name: "Save" }).click();
    await expect(item.getByRole("button", { name: `Open ${name}` })).toBeVisible();
  }

  async remove(kbId: string): Promise<void> {
    const item = this.item(kbId);
    await item.getByRole("button", { name: /^Delete / }).click();
    await item.getByRole("button", { name: /^Confirm delete / }).click();
    await expect(item).toHaveCount(0);
  }
}
