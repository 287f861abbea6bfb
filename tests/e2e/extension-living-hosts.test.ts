import type { Page } from 'puppeteer-core';
import { hostSites } from '../../extension/src/hosts/index';
import { replays } from '../fixtures/hosts/replays';
import { inContentScript, type TestBrowser } from '../helpers/browser';
import { monotonicMs } from '../helpers/clock';
import { QUOTED_REPLY, applyInPage, livingPage, otherThread, shownInPage, type LivingPage, type ReplayStep } from '../helpers/replay';
import { startSignedInExtension, type SignedInExtension } from '../helpers/extension-world';

/**
 * Webmail draws message bodies after load and keeps changing them; the ☎ decorator must keep
 * exactly one button per phone through all of it and then stop. Each adapter's saved page is
 * served with its message area empty and replayed (tests/helpers/replay.ts); after every step the
 * buttons in the area are the phones a model of the area holds, in order, the text reads the same,
 * and nothing more is drawn once the page is still.
 */

const SCAN_MS = 200; // features/click-to-call.ts

let chromium: TestBrowser;
let started: SignedInExtension | undefined;
const living = new Map(replays.map((replay) => [replay.site, livingPage(replay)]));

beforeAll(async () => {
  // Each replayed page at its own address, served as its shell: the message area empty.
  const pages = new Map(
    replays.map((replay) => {
      const url = new URL(replay.url);
      const shell = living.get(replay.site)!.shell;
      return [`${url.origin}${url.pathname}${url.search}`, () => shell] as const;
    }),
  );
  started = await startSignedInExtension(pages);
  ({ chromium } = started);
});
afterAll(async () => {
  await started?.close();
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const buttonsMade = (page: Page) => inContentScript<number>(page, 'voronkaPage.callButtonsMade');

/** Waits until the area shows what the model says, then checks that it stays so with no new buttons drawn. */
async function settled(page: Page, area: string, expected: { phones: string[]; text: string }, step: string): Promise<void> {
  const deadline = monotonicMs() + 15_000;
  let shown = await shownInPage(page, area);
  while (JSON.stringify(shown.phones) !== JSON.stringify(expected.phones) && monotonicMs() < deadline) {
    await pause(50);
    shown = await shownInPage(page, area);
  }
  const made = await buttonsMade(page);
  await pause(SCAN_MS * 4);
  const later = await shownInPage(page, area);
  expect({ step, phones: shown.phones, text: shown.text }).toEqual({ step, phones: expected.phones, text: expected.text });
  expect({ step, phones: later.phones, made: await buttonsMade(page) }).toEqual({ step, phones: expected.phones, made });
}

describe('the registry', () => {
  it('replays a living page for every host adapter', () => {
    expect(replays.map((replay) => replay.site).sort()).toEqual(hostSites.map((site) => site.id).sort());
  });
});

describe.each(hostSites.map((site) => [site.id] as const))('%s, changing after load', (id) => {
  it('keeps exactly one ☎ per phone through every step and draws nothing more when the page is still', async () => {
    const replay = replays.find((r) => r.site === id)!;
    const page$: LivingPage = living.get(id)!;
    const page = await chromium.browser.newPage();
    await page.setViewport({ width: 1280, height: 800 });
    await page.goto(replay.url);
    // The shell: the content script is running (its probe is there) and the area is empty.
    const deadline = monotonicMs() + 20_000;
    while (!(await inContentScript<string>(page, 'voronkaPage.site').catch(() => ''))) {
      if (monotonicMs() > deadline) throw new Error(`no content script on ${replay.url}`);
      await pause(50);
    }
    expect(await inContentScript(page, 'voronkaPage.site')).toBe(id);
    expect(await shownInPage(page, replay.area)).toEqual({ phones: [], text: '' });

    const steps: [string, ReplayStep][] = [
      ['body drawn after the shell', { kind: 'insert', html: page$.body }],
      ['same content re-rendered', { kind: 'rerender' }],
      ['quoted text expanded', { kind: 'expandQuote', html: QUOTED_REPLY }],
      ['thread swapped in place', { kind: 'swap', html: otherThread(page$.body) }],
      ['text of held nodes updated', { kind: 'rewrite' }],
      ['rows recycled', { kind: 'recycle' }],
      ['markup read and written back', { kind: 'reserialize' }],
      ['back to the first thread', { kind: 'swap', html: page$.body }],
    ];
    let expected = { phones: [] as string[], text: '' };
    for (const [name, step] of steps) {
      expected = page$.model(step);
      await applyInPage(page, replay.area, step);
      await settled(page, replay.area, expected, name);
    }
    // The body held phones to begin with, so the steps above proved something.
    expect(page$.model({ kind: 'rerender' }).phones.length).toBeGreaterThan(0);
    await applyInPage(page, replay.area, { kind: 'rerender' });

    // A burst: many changes faster than the scan, then quiet.
    const burst: ReplayStep[] = ['expandQuote', 'rewrite', 'recycle', 'rerender', 'reserialize', 'rewrite', 'expandQuote', 'recycle'].map(
      (kind) => (kind === 'expandQuote' ? { kind, html: QUOTED_REPLY } : { kind }) as ReplayStep,
    );
    for (let round = 0; round < 3; round++) {
      for (const step of burst) {
        expected = page$.model(step);
        await applyInPage(page, replay.area, step);
        await pause(SCAN_MS / 4);
      }
    }
    await settled(page, replay.area, expected, 'after a burst of 24 changes');
    await page.close();
  });
});
