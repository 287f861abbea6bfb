import type { Frame, Page } from 'puppeteer-core';
import { roundcube } from '../../extension/src/hosts/roundcube';
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

export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
  width: number;
}

/** Roundcube's message area as its adapter reads it — the header block and the message body — in `target`'s viewport. */
export const messageArea = (target: Page | Frame) =>
  target.evaluate(
    (header: string, body: string) => {
      const doc = (globalThis as unknown as { document: { querySelector(s: string): { getBoundingClientRect(): Box } | null } }).document;
      const boxes = [doc.querySelector(header)!.getBoundingClientRect(), doc.querySelector(body)!.getBoundingClientRect()];
      return {
        left: Math.min(...boxes.map((b) => b.left)),
        top: Math.min(...boxes.map((b) => b.top)),
        right: Math.max(...boxes.map((b) => b.right)),
        bottom: Math.max(...boxes.map((b) => b.bottom)),
        width: 0,
      };
    },
    roundcube.selectors.header!,
    roundcube.selectors.messageBody!,
  );

/** The sidebar panel's box, read in the content script's world (of the child frame `frameName`, if given). */
export const panelBox = (page: Page, frameName?: string) =>
  contentEventually<Box>(
    page,
    `(() => { const a = voronkaPage.sidebar?.querySelector('aside'); if (!a) return null; const r = a.getBoundingClientRect(); return { left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width }; })()`,
    undefined,
    frameName,
  );
