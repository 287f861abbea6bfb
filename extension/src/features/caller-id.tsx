import { browser } from '../shared/browser';
import { systemNow } from '../../../schema/domain/clock';
import { render } from 'preact';
import { useLayoutEffect, useState } from 'preact/hooks';
import type { CallerCard } from '../../../schema/contracts';
import type { SoftphoneHost } from '../hosts/index';
import { createOverlay, probe, type Overlay } from '../content/overlay';
import { formatPhone } from '../shared/format';
import { ringingText } from '../shared/live';
import { isBroadcast } from '../shared/messages';
import { sendToBackground } from '../shared/send';

/**
 * The caller's card over the page: for the call the web softphone is ringing or talking on (read
 * from its DOM), and for an incoming call pushed over the live channel (the service worker asks the
 * active tab first and falls back to a notification when no page shows it).
 */

interface Shown {
  card: CallerCard;
  title: string;
}

function CallCard({ shown, close }: { shown: Shown; close: () => void }) {
  const [status, setStatus] = useState<string | null>(null);
  const text = ringingText(shown.card);
  useLayoutEffect(() => {
    // shownAt: the page's monotonic timeline, which a test or bench reads before it sends the webhook.
    probe.callShown = { phone: shown.card.phone, text, at: systemNow(), shownAt: performance.now() };
  }, [shown]);
  const companyId = shown.card.companyId;
  const act = async (action: () => Promise<{ message: string }>) => {
    try {
      setStatus((await action()).message);
    } catch (err) {
      setStatus(err instanceof Error ? err.message : 'Не получилось');
    }
  };
  return (
    <div class="call" role="alertdialog" aria-label={shown.title}>
      <div style={{ display: 'flex', justifyContent: 'space-between' }}>
        <b>{shown.title}</b>
        <button class="icon" type="button" title="Закрыть" onClick={close}>
          ×
        </button>
      </div>
      <div data-part="caller">{text}</div>
      <div class="muted">
        {formatPhone(shown.card.phone)}
        {shown.card.openLead ? ` · интерес: ${shown.card.openLead.stageName}` : ''}
      </div>
      {companyId !== undefined && (
        <div>
          <button
            class="primary"
            type="button"
            data-action="open-card"
            onClick={() =>
              act(() => sendToBackground('openCard', { companyId }).then(() => ({ message: 'Карточка открыта в новой вкладке' })))
            }
          >
            Открыть карточку
          </button>
          {!shown.card.openLead && (
            <button type="button" data-action="create-lead" onClick={() => act(() => sendToBackground('createLead', { companyId }))}>
              Создать интерес
            </button>
          )}
        </div>
      )}
      {status && (
        <div class="muted" role="status">
          {status}
        </div>
      )}
    </div>
  );
}

let overlay: Overlay | null = null;

export function showCall(shown: Shown | null): void {
  if (!shown) {
    if (overlay) render(null, overlay.mount);
    return;
  }
  if (!overlay) {
    overlay = createOverlay('call-card');
    probe.callCard = overlay.root;
  }
  if (!overlay.host.isConnected) document.documentElement.append(overlay.host);
  render(<CallCard shown={shown} close={() => showCall(null)} />, overlay.mount);
}

/** Incoming calls pushed by the service worker; answers `{ shown: true }` so it skips the notification. */
export function listenForPushedCalls(callPopups: boolean, signal: AbortSignal): void {
  if (!callPopups || window.top !== window) return;
  // Answered by the returned promise; any other message gets no answer from here (undefined).
  const listener = (raw: unknown) => {
    if (!isBroadcast(raw) || raw.payload.type !== 'call.ringing') return undefined;
    showCall({ card: raw.payload.card, title: 'Входящий звонок' });
    return Promise.resolve({ shown: true });
  };
  browser.runtime.onMessage.addListener(listener);
  signal.addEventListener('abort', () => browser.runtime.onMessage.removeListener(listener));
}

/** On a web softphone: whenever the ringing or active number changes, look it up and show its card. */
export function startSoftphone(site: SoftphoneHost, signal: AbortSignal): void {
  let shownKey: string | null = null;
  const check = async () => {
    const call = site.readActiveCall(document);
    const key = call ? `${call.state}:${call.number}` : null;
    if (key === shownKey) return;
    shownKey = key;
    if (!call) return showCall(null);
    try {
      const card = await sendToBackground('phoneCard', { phone: call.number });
      if (shownKey === key) showCall({ card, title: call.state === 'ringing' ? 'Звонит' : 'Разговор' });
    } catch (err) {
      if (shownKey === key)
        showCall({
          card: {
            phone: call.number,
            known: false,
            ownerName: null,
            ownerExtension: null,
            regionName: null,
            status: null,
            companyName: err instanceof Error ? err.message : undefined,
          },
          title: 'Звонок',
        });
    }
  };
  const observer = new MutationObserver(() => void check());
  observer.observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['class', 'data-uri'] });
  signal.addEventListener('abort', () => observer.disconnect());
  void check();
}
