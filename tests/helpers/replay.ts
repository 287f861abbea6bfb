import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import type { Page } from 'puppeteer-core';
import type { DomNode } from '../../extension/src/hosts/dom';
import { scanPhones } from '../../extension/src/shared/phones';
import type { HostReplay } from '../fixtures/hosts/replays';
import { FIXTURE_DIR } from '../fixtures/hosts/load';

/**
 * A living host page: a saved page served with its message area empty, then changed by a script
 * the way the app changes it (the body drawn after the shell, the thread swapped in place, the same
 * content re-rendered, quoted text expanded, rows recycled). The same script runs on a model of the
 * area (linkedom, no extension), whose phones are what the page must show one ☎ each for.
 */

export type ReplayStep =
  /** The app draws a message into the empty area; a framework keeps its text nodes. */
  | { kind: 'insert'; html: string }
  /** The same content drawn again: new nodes, the old ones (and our buttons in them) dropped. */
  | { kind: 'rerender' }
  /** Another thread in place, without navigation. */
  | { kind: 'swap'; html: string }
  /** «Показать цитату»: the trimmed quote appended. */
  | { kind: 'expandQuote'; html: string }
  /** The framework updates the text nodes it holds (a diff that only changes text). */
  | { kind: 'rewrite' }
  /** A virtual list recycles its rows: each held node gets the next row's text. */
  | { kind: 'recycle' }
  /** The app reads the area's markup and writes it back (`el.innerHTML = el.innerHTML`), our wrappers included; it holds no nodes after. */
  | { kind: 'reserialize' };

/**
 * The app's side, as plain browser JavaScript (it runs in the page as is, and in Node on linkedom).
 * `state` is the framework's memory: the HTML it last drew and the text nodes it holds.
 */
const APPLY_STEP = `function applyReplayStep(area, step, state, doc) {
  var swapPairs = function (text) { return text.replace(/(\\d{2})-(\\d{2})(?!\\d)/g, '$2-$1'); };
  var hold = function (root, into) {
    for (var i = 0; i < root.childNodes.length; i++) {
      var child = root.childNodes[i];
      if (child.nodeType === 3) { if (/\\d{3}/.test(child.data)) into.push({ node: child, text: child.data }); }
      else if (child.nodeType === 1 && !child.hasAttribute('data-voronka')) hold(child, into);
    }
    return into;
  };
  // A browser parses «Имя &lt;8495…&gt;» into one text node, linkedom into four: normalize() makes the model
  // hold the nodes the browser holds (in the page it finds nothing to merge).
  if (step.kind === 'insert' || step.kind === 'swap') { state.html = step.html; area.innerHTML = step.html; area.normalize(); state.held = hold(area, []); }
  else if (step.kind === 'rerender') { area.innerHTML = state.html; area.normalize(); state.held = hold(area, []); }
  else if (step.kind === 'expandQuote') {
    var quote = doc.createElement('blockquote');
    quote.innerHTML = step.html;
    quote.normalize();
    area.appendChild(quote);
    state.held = state.held.concat(hold(quote, []));
  }
  else if (step.kind === 'reserialize') { area.innerHTML = area.innerHTML; state.held = []; }
  else if (step.kind === 'rewrite') state.held.forEach(function (h) { h.text = swapPairs(h.text); h.node.data = h.text; });
  else if (step.kind === 'recycle') {
    var texts = state.held.map(function (h) { return h.text; });
    state.held.forEach(function (h, i) { h.text = texts[(i + 1) % texts.length]; h.node.data = h.text; });
  }
}`;

type Apply = (area: unknown, step: ReplayStep, state: unknown, doc: unknown) => void;
const applyInNode = new Function(`return ${APPLY_STEP}`)() as Apply;

/** Another thread's body: the same markup with its numbers changed («123-45-67» → «123-67-45»). */
export function otherThread(html: string): string {
  return html.replace(/(\d{2})-(\d{2})(?!\d)/g, '$2-$1');
}

/** A quote as Outlook and Roundcube write it below a reply, with a phone and an extension. */
export const QUOTED_REPLY =
  '<p>-----Original Message-----<br>От: Иван Петров &lt;ivan@krovlya.ru&gt;<br>Тел.: +7 (495) 987-65-43, доб. 204</p>';

export interface LivingPage {
  /** The saved page with its area emptied: what the server sends. */
  shell: string;
  /** The area's saved content: what the app draws into it. */
  body: string;
  /** The same steps on a model of the area; returns the phones the area then shows, "+7… #ext", in order. */
  model: (step: ReplayStep) => { phones: string[]; text: string };
}

const phoneLabel = (e164: string, extension: string | null | undefined): string => (extension ? `${e164} #${extension}` : e164);
const squeeze = (text: string | null): string => (text ?? '').replace(/\s+/g, ' ').trim();

export function livingPage(replay: HostReplay): LivingPage {
  const html = readFileSync(join(FIXTURE_DIR, replay.file), 'utf8');
  const served = parseHTML(html).document;
  const area = served.querySelector(replay.area);
  if (!area) throw new Error(`${replay.file}: no ${replay.area}`);
  const body = area.innerHTML;
  area.innerHTML = '';
  const shell = served.toString();

  const { document } = parseHTML(`<!DOCTYPE html><html><body><div id="area"></div></body></html>`);
  const modelArea = document.getElementById('area') as unknown as { textContent: string | null };
  const state = { html: '', held: [] };
  return {
    shell,
    body,
    model: (step) => {
      applyInNode(modelArea, step, state, document);
      const phones = scanPhones(modelArea as unknown as DomNode)
        .filter((hit) => hit.kind === 'text')
        .map((hit) => phoneLabel(hit.phone.e164, hit.phone.extension));
      return { phones, text: squeeze(modelArea.textContent) };
    },
  };
}

/** Runs one step in the page's own world, as the app's script would. */
export async function applyInPage(page: Page, area: string, step: ReplayStep): Promise<void> {
  await page.evaluate(
    `(${APPLY_STEP})(document.querySelector(${JSON.stringify(area)}), ${JSON.stringify(step)}, (globalThis.__replayState ??= { html: '', held: [] }), document)`,
  );
}

/** The ☎ buttons in the area, in page order (one that draws nothing is marked so), and the area's text as the user reads it. */
export async function shownInPage(page: Page, area: string): Promise<{ phones: string[]; text: string }> {
  return page.evaluate(`(() => {
    const area = document.querySelector(${JSON.stringify(area)});
    // A host without its (closed) shadow root, e.g. a copy the page made of our markup, draws nothing: no button.
    // A number the app itself hides (a softphone's panels for other call states) shows neither, and is not that.
    const drawn = (el) => el.getBoundingClientRect().width > 0;
    const phones = [...area.querySelectorAll('[data-voronka="call"]')].map((h) =>
      (h.dataset.extension ? h.dataset.phone + ' #' + h.dataset.extension : h.dataset.phone) + (drawn(h) || !drawn(h.parentElement) ? '' : ' (no button)'));
    return { phones, text: area.textContent.replace(/\\s+/g, ' ').trim() };
  })()`) as Promise<{ phones: string[]; text: string }>;
}
