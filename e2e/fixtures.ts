import { test as base } from "@playwright/test";
import { RadarPage } from "./pages/radar-page";

/** `radar`: the radar page, opened, its model loaded. Every test starts with empty localStorage (a new context). */
export const test = base.extend<{ radar: RadarPage }>({
  radar: async ({ page }, use) => {
    const radar = new RadarPage(page);
    await radar.goto();
    await radar.waitForEngine();
    await use(radar);
  },
});

export { expect } from "@playwright/test";

/** A small knowledge base whose best match for a password question is not in doubt on any real model. */
export const FAQ = [
  "To reset your password, open Settings and choose Forgot password.",
  "Shipping to Europe takes five to seven business days.",
  "We accept credit cards and bank transfers.",
  "Our office is closed on public holidays.",
  "The mobile app works on Android and iOS.",
  "Refunds are processed within ten days of the return.",
];
export const PASSWORD_QUESTION = "How do I change my password?";
