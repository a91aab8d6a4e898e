import type { Page } from "@playwright/test";
import { expect } from "./test";

/**
 * "Accept and move on" shows the next node before the decision is saved;
 * before a test leaves the page (a full load would cancel a request still on
 * its way) it waits for every decision sent in the background to be saved.
 */
export async function decisionsSaved(page: Page): Promise<void> {
  await expect(page.getByTestId("decisions-saving")).toHaveCount(0);
  await expect(page.getByTestId("decision-notice")).toHaveCount(0);
}
