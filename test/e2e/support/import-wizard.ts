import type { Locator, Page } from 'playwright-core';

/** How long the wizard may take to open on a loaded machine. */
const WIZARD_TIMEOUT_MS = 60_000;

/** Opens File → Import… as a browser tab offers it (the toolbar's More menu) and returns the wizard. */
export async function openImportWizard(page: Page): Promise<Locator> {
  await page.getByRole('toolbar', { name: 'Mail commands' }).getByRole('button', { name: 'More commands' }).click();
  await page.getByRole('menu', { name: 'More commands' }).getByRole('menuitem', { name: 'Import…' }).click();
  const wizard = page.getByRole('dialog', { name: 'Import mail' });
  await wizard.waitFor({ timeout: WIZARD_TIMEOUT_MS });
  return wizard;
}
