import { OVERLAY_ATTRIBUTE, phoneFromTelHref, scanPhones, type Phone, type TextPhoneHit } from '../shared/phones';
import { createOverlay, probe } from '../content/overlay';
import { toast } from '../content/toast';
import { formatDialled } from '../shared/format';
import { sendToBackground } from '../shared/send';

/**
 * Click-to-call on any enabled page (the 1C web client included): each phone number found in the
 * text is wrapped in our own marked element (`data-voronka="phone"`) holding the number's text and
 * a small ☎ button — the page's text is not changed — and `tel:` links are taken over, so a click
 * rings through the PBX (POST /api/calls) instead of asking the OS for a dialler.
 *
 * Idempotent by construction, because webmail draws, swaps and re-renders message bodies after load:
 * - a number already decorated sits inside our wrapper, and the scan skips marked subtrees;
 * - a text node is scanned again only when its text changed since we last saw it (`seen`);
 * - the mutations our own splitting and wrapping cause are taken off the observer's queue
 *   (`takeRecords`) before they can come back as "new content";
 * - when the page rewrites or removes a text node we split (a framework updating the node it holds,
 *   a recycled row of a virtual list), the pieces we made from it go too, and the new text is scanned;
 * - a copy of our markup the page writes back (its ☎ lost with the shadow root) becomes plain text again.
 */

const SCAN_MS = 200;

/** Text nodes as last scanned: unchanged text is never scanned twice. */
const seen = new WeakMap<Text, string>();
/** A page's text node we split → the wrappers and tail texts we put after it. */
const madeFrom = new WeakMap<Text, Node[]>();
/** Every node the decorator made (wrappers and split-off tails): never "new content". */
const ours = new WeakSet<Node>();

export async function placeCall(phone: Phone): Promise<void> {
  try {
    const outcome = await sendToBackground('call', { phone: phone.e164 });
    // The PBX callback APIs dial the number only (schema/contracts/calls.ts has no extension): the user dials it.
    toast(phone.extension ? `${outcome.message}. Наберите добавочный ${phone.extension}` : outcome.message);
  } catch (err) {
    toast(err instanceof Error ? err.message : 'Звонок не сделан', 'bad');
  }
}

function callButton(phone: Phone): HTMLElement {
  const { host, mount } = createOverlay('call', 'span');
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'dial';
  button.title = `Позвонить ${formatDialled(phone)} через Воронку`;
  button.setAttribute('aria-label', button.title);
  button.textContent = '☎';
  button.addEventListener('click', (event) => {
    event.preventDefault();
    event.stopPropagation();
    void placeCall(phone);
  });
  mount.style.display = 'inline';
  mount.append(button);
  host.dataset.phone = phone.e164;
  if (phone.extension) host.dataset.extension = phone.extension;
  probe.callButtonsMade++;
  return host;
}

const unchanged = (node: { data: string }): boolean => seen.get(node as Text) === node.data;

function remember(node: Text): void {
  seen.set(node, node.data);
}

/** Wraps each new number in the subtree with its ☎; offsets of one text node are handled from the end. */
export function decorate(root: Node): number {
  const hits = scanPhones(root as unknown as Parameters<typeof scanPhones>[0], {
    skipText: (node) => {
      if (unchanged(node)) return true;
      remember(node as unknown as Text);
      return false;
    },
  }).filter((h): h is TextPhoneHit => h.kind === 'text');
  const byNode = new Map<Text, TextPhoneHit[]>();
  for (const hit of hits) {
    const node = hit.node as unknown as Text;
    byNode.set(node, [...(byNode.get(node) ?? []), hit]);
  }
  let added = 0;
  for (const [node, list] of byNode) {
    const made = madeFrom.get(node) ?? [];
    for (const hit of list.sort((a, b) => b.end - a.end)) {
      if (!node.parentNode || hit.end > node.data.length) continue;
      const tail = node.splitText(hit.end);
      const number = node.splitText(hit.start);
      const wrapper = document.createElement('span');
      wrapper.setAttribute(OVERLAY_ATTRIBUTE, 'phone');
      wrapper.dataset.phone = hit.phone.e164;
      tail.before(wrapper);
      wrapper.append(number, callButton(hit.phone));
      for (const piece of [wrapper, number, tail]) ours.add(piece);
      remember(tail);
      made.push(wrapper, tail);
      added++;
    }
    remember(node);
    madeFrom.set(node, made);
  }
  return added;
}

/** The page rewrote or dropped a text node we split: our pieces of its old text go with it. */
function undo(node: Node): void {
  const made = madeFrom.get(node as Text);
  if (!made) return;
  madeFrom.delete(node as Text);
  seen.delete(node as Text);
  for (const piece of made) (piece as ChildNode).remove();
}

/**
 * A copy of our wrapper that the page made by writing back markup it read (`el.innerHTML = el.innerHTML`):
 * its ☎ host came back without the shadow root, so the button is gone. It is put back to plain text
 * (joined with the text around it, as the page's markup had it) for the rescan to decorate.
 */
function unwrapCopies(node: Node): void {
  if (!(node instanceof Element)) return;
  const copies = [
    ...(node.matches(`[${OVERLAY_ATTRIBUTE}="phone"]`) ? [node] : []),
    ...node.querySelectorAll(`[${OVERLAY_ATTRIBUTE}="phone"]`),
  ];
  for (const copy of copies) {
    // Ours made by us, or a page's own element that merely carries the name (it has no ☎ host inside).
    if (ours.has(copy) || !copy.parentNode || !copy.querySelector(`[${OVERLAY_ATTRIBUTE}="call"]`)) continue;
    const text = document.createTextNode(copy.textContent ?? '');
    copy.replaceWith(text);
    const before = text.previousSibling;
    const after = text.nextSibling;
    if (after?.nodeType === Node.TEXT_NODE) {
      text.data += (after as Text).data;
      after.remove();
    }
    if (before?.nodeType === Node.TEXT_NODE) {
      (before as Text).data += text.data;
      text.remove();
    }
  }
}

const insideOurs = (node: Node): boolean =>
  ours.has(node) ||
  (node instanceof Element ? node.closest(`[${OVERLAY_ATTRIBUTE}]`) : node.parentElement?.closest(`[${OVERLAY_ATTRIBUTE}]`)) !== null;

export function startClickToCall(signal: AbortSignal): void {
  const onClick = (event: MouseEvent) => {
    const link = (event.target as Element | null)?.closest?.('a[href^="tel:" i]');
    if (!link || link.closest(`[${OVERLAY_ATTRIBUTE}]`)) return;
    const phone = phoneFromTelHref(link.getAttribute('href') ?? '');
    if (!phone) return;
    event.preventDefault();
    void placeCall(phone);
  };
  document.addEventListener('click', onClick, true);

  let pending: Node[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    timer = undefined;
    const roots = pending.filter((n, i) => n.isConnected && !pending.some((other, j) => j !== i && other !== n && other.contains(n)));
    pending = [];
    for (const root of roots) decorate(root);
    // Only our own splits and wrappers happened since the last delivery: they are not new content.
    observer.takeRecords();
  };
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === 'characterData') {
        const node = record.target;
        if (insideOurs(node)) continue;
        undo(node);
        pending.push(node);
        continue;
      }
      for (const node of record.removedNodes) undo(node);
      for (const node of record.addedNodes) {
        unwrapCopies(node);
        if (insideOurs(node)) continue;
        pending.push(node.nodeType === Node.TEXT_NODE ? (node.parentNode ?? node) : node);
      }
    }
    // undo() and unwrapCopies() above changed the page: those mutations are ours too.
    observer.takeRecords();
    if (pending.length) timer ??= setTimeout(flush, SCAN_MS);
  });
  decorate(document.body);
  observer.observe(document.body, { childList: true, characterData: true, subtree: true });
  signal.addEventListener('abort', () => {
    observer.disconnect();
    clearTimeout(timer);
    document.removeEventListener('click', onClick, true);
  });
}
