import { OVERLAY_ATTRIBUTE, phoneFromTelHref, scanPhones, type Phone, type TextPhoneHit } from '../shared/phones';
import { createOverlay } from '../content/overlay';
import { toast } from '../content/toast';
import { sendToBackground } from '../shared/send';

/**
 * Click-to-call on any enabled page (the 1C web client included): after each phone number found in
 * the text a small ☎ button is added in our own marked element — the page's text is not changed —
 * and `tel:` links are taken over, so a click rings through the PBX (POST /api/calls) instead of
 * asking the OS for a dialler.
 */

const SCAN_MS = 200;

function dialText(phone: Phone): string {
  return phone.extension ? `${phone.e164} доб. ${phone.extension}` : phone.e164;
}

export async function placeCall(phone: Phone): Promise<void> {
  try {
    const outcome = await sendToBackground('call', { phone: phone.e164 });
    toast(outcome.message);
  } catch (err) {
    toast(err instanceof Error ? err.message : 'Звонок не сделан', 'bad');
  }
}

function callButton(phone: Phone): HTMLElement {
  const { host, mount } = createOverlay('call', 'span');
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'dial';
  button.title = `Позвонить ${dialText(phone)} через Воронку`;
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
  return host;
}

/** Adds a button after each number in the subtree; offsets of one text node are handled from the end. */
export function decorate(root: Node): number {
  const hits = scanPhones(root as unknown as Parameters<typeof scanPhones>[0]).filter((h): h is TextPhoneHit => h.kind === 'text');
  const byNode = new Map<Text, TextPhoneHit[]>();
  for (const hit of hits) {
    const node = hit.node as unknown as Text;
    byNode.set(node, [...(byNode.get(node) ?? []), hit]);
  }
  let added = 0;
  for (const [node, list] of byNode) {
    for (const hit of list.sort((a, b) => b.end - a.end)) {
      if (!node.parentNode || hit.end > node.data.length) continue;
      const rest = node.splitText(hit.end);
      rest.parentNode?.insertBefore(callButton(hit.phone), rest);
      added++;
    }
  }
  return added;
}

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
  };
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node instanceof Element && node.hasAttribute(OVERLAY_ATTRIBUTE)) continue;
        pending.push(node.nodeType === Node.TEXT_NODE ? (node.parentNode ?? node) : node);
      }
    }
    if (pending.length) timer ??= setTimeout(flush, SCAN_MS);
  });
  decorate(document.body);
  observer.observe(document.body, { childList: true, subtree: true });
  signal.addEventListener('abort', () => {
    observer.disconnect();
    clearTimeout(timer);
    document.removeEventListener('click', onClick, true);
  });
}
