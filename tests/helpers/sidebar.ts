import type { Page } from 'puppeteer-core';
import { contentEventually, inContentScript } from './browser';

/**
 * Driving the extension's mail sidebar from a test: it lives in a closed shadow root, so every
 * step runs inside the content script's isolated world (`voronkaPage` is its test handle).
 */

/** Clicks the sidebar button of `action`; false when there is none. */
export const clickSidebar = (page: Page, action: string) =>
  inContentScript<boolean>(
    page,
    `(() => { const b = voronkaPage.sidebar?.querySelector('[data-action="${action}"]'); b?.click(); return Boolean(b); })()`,
  );

/** Types `text` into the open form (note, task) and submits it once the button is enabled. */
export async function fillAndSubmit(page: Page, text: string): Promise<void> {
  await contentEventually(page, `Boolean(voronkaPage.sidebar?.querySelector('[data-part="form"] [name="text"]'))`);
  await inContentScript(
    page,
    `(() => {
    const field = voronkaPage.sidebar.querySelector('[data-part="form"] [name="text"]');
    field.value = ${JSON.stringify(text)};
    field.dispatchEvent(new Event('input', { bubbles: true }));
  })()`,
  );
  await contentEventually(page, `voronkaPage.sidebar.querySelector('[data-action="submit"]')?.disabled === false`);
  await clickSidebar(page, 'submit');
}
