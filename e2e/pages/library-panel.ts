import { expect, type Locator, type Page } from "@playwright/test";

/** This browser's library in the sidebar and the actions above the results. */
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

  /** Saves the searched knowledge base under `name`: the one way something enters the library. */
  async save(name: string): Promise<void> {
    const form = this.page.getByTestId("library-save");
    await form.getByTestId("library-save-name").fill(name);
    await form.getByRole("button", { name: "Save to my library" }).click();
    await expect(this.items.filter({ has: this.page.getByRole("button", { name: `Open ${name}` }) })).toHaveCount(1);
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
