import { browser } from '../shared/browser';
import { systemNow } from '../../../schema/domain/clock';
import { render } from 'preact';
import { useLayoutEffect, useState } from 'preact/hooks';
import type { MailHost, OpenMessage } from '../hosts/index';
import { createOverlay, probe, type Overlay } from '../content/overlay';
import type { MailCardView, MailParty } from '../shared/messages';
import { formatPhonesIn } from '../shared/format';
import { logMailRequest } from '../shared/mail';
import { OVERLAY_ATTRIBUTE } from '../shared/phones';
import { sendToBackground } from '../shared/send';
import {
  clampWidth,
  newClientDraft,
  readLayout,
  sidebarModel,
  STRIP_WIDTH,
  unknownParticipants,
  type NewClientDraft,
  type SidebarLayout,
} from '../shared/sidebar-model';

/**
 * The mail sidebar: when a message or thread is open, its outside participants are looked up (by
 * the service worker) and the client's card is docked at the right edge with the manager's actions.
 * It shares the screen rather than covering the mail: the page is narrowed by the sidebar's width
 * (a margin on <html>), the user can collapse it to a strip or drag its edge, and both are
 * remembered per site. The page is re-read on DOM and URL changes (throttled); a lookup happens
 * only when the thread key changes, and an answer for a thread no longer open is dropped.
 */

const REREAD_MS = 30;

type Lookup = { state: 'loading' } | { state: 'ready'; view: MailCardView } | { state: 'error'; message: string };

interface Props {
  site: MailHost;
  message: OpenMessage;
  lookup: Lookup;
  refresh: () => void;
  ownEmail: string | null;
  layout: SidebarLayout;
  /** `save`: remember it for this site (a drag saves once, when the button is released). */
  setLayout: (layout: SidebarLayout, save: boolean) => void;
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : 'Не удалось выполнить действие';
}

function outsideParties(message: OpenMessage, ownEmail: string | null): MailParty[] {
  const order = { from: 0, to: 1, cc: 2 } as const;
  return message.participants
    .filter((p) => p.email !== ownEmail)
    .sort((a, b) => order[a.role] - order[b.role])
    .map(({ email, name }) => ({ email, name }));
}

function tomorrowAtTen(now = new Date(systemNow())): number {
  const due = new Date(now);
  due.setDate(due.getDate() + 1);
  due.setHours(10, 0, 0, 0);
  return due.getTime();
}

function Sidebar({ site, message, lookup, refresh, ownEmail, layout, setLayout }: Props) {
  const collapsed = layout.collapsed;
  const [status, setStatus] = useState<{ text: string; tone: 'ok' | 'bad' } | null>(null);
  const [busy, setBusy] = useState(false);
  const [form, setForm] = useState<'note' | 'task' | 'client' | null>(null);
  const [draft, setDraft] = useState('');
  const [client, setClient] = useState<NewClientDraft | null>(null);

  const view = lookup.state === 'ready' ? lookup.view : null;
  const model = view?.card ? sidebarModel(view.card, view.email) : null;
  const newcomers = view?.card ? unknownParticipants(view.card, outsideParties(message, ownEmail), ownEmail) : [];
  const width = clampWidth(layout.width, innerWidth);

  const startResize = (event: PointerEvent) => {
    event.preventDefault();
    const grip = event.currentTarget as HTMLElement;
    grip.setPointerCapture(event.pointerId);
    let next = layout;
    const move = (e: PointerEvent) => {
      next = { collapsed: false, width: clampWidth(innerWidth - e.clientX, innerWidth) };
      setLayout(next, false);
    };
    const up = () => {
      grip.removeEventListener('pointermove', move);
      grip.removeEventListener('pointerup', up);
      setLayout(next, true);
    };
    grip.addEventListener('pointermove', move);
    grip.addEventListener('pointerup', up);
  };

  useLayoutEffect(() => {
    if (lookup.state !== 'ready') return;
    probe.sidebarShown = { threadKey: message.threadKey, companyName: model?.title ?? null, at: systemNow(), shownAt: performance.now() };
    performance.mark('voronka:card-drawn', { detail: message.threadKey }); // the bench's end (bench/suites/extension-roundcube.ts)
  }, [lookup, message.threadKey]);

  async function run(action: () => Promise<{ message: string; state: string }>, after?: () => void) {
    setBusy(true);
    setStatus(null);
    try {
      const outcome = await action();
      setStatus({ text: formatPhonesIn(outcome.message), tone: outcome.state === 'collision' ? 'bad' : 'ok' });
      setForm(null);
      setDraft('');
      if (outcome.state === 'sent') after?.();
    } catch (err) {
      setStatus({ text: errorText(err), tone: 'bad' });
    } finally {
      setBusy(false);
    }
  }

  const logMail = () => {
    const request = logMailRequest(site.id, message, systemNow());
    if (!request) setStatus({ text: 'На странице не видно отправителя письма', tone: 'bad' });
    else void run(() => sendToBackground('logMail', request), refresh);
  };

  const openForm = (kind: 'note' | 'task' | 'client') => {
    setForm(form === kind ? null : kind);
    const suggested = kind === 'client' && view?.candidate ? newClientDraft(view.candidate, message.bodyText) : null;
    setClient(suggested);
    setDraft(suggested?.companyName ?? '');
  };

  const addContact = (party: MailParty) => {
    if (model)
      void run(
        () => sendToBackground('addContact', { companyId: model.companyId, contact: { ...party, position: null, phones: [] } }),
        refresh,
      );
  };

  const submit = (event: Event) => {
    event.preventDefault();
    if (form === 'client' && view?.candidate && client) {
      // The mail the client is created from is logged in the same step, at its own date.
      const mail = logMailRequest(site.id, message, systemNow());
      void run(() => sendToBackground('createClient', { companyName: draft, contact: client.contact, mail }), refresh);
    } else if (model && form === 'note') {
      void run(() => sendToBackground('addNote', { companyId: model.companyId, text: draft }), refresh);
    } else if (model && form === 'task') {
      void run(() => sendToBackground('createTask', { companyId: model.companyId, title: draft, dueAt: tomorrowAtTen() }), refresh);
    }
  };

  if (collapsed)
    return (
      <aside
        class="panel strip"
        aria-label="Воронка: карточка клиента"
        data-thread={message.threadKey}
        style={{ width: `${STRIP_WIDTH}px` }}
      >
        <button
          class="icon"
          type="button"
          data-action="expand"
          title="Развернуть карточку Воронки"
          onClick={() => setLayout({ ...layout, collapsed: false }, true)}
        >
          ◂<span class="vertical">Воронка</span>
        </button>
      </aside>
    );

  return (
    <aside class="panel docked" aria-label="Воронка: карточка клиента" data-thread={message.threadKey} style={{ width: `${width}px` }}>
      <div class="grip" data-part="grip" title="Потяните, чтобы изменить ширину" onPointerDown={startResize} />
      <header>
        <span>Воронка</span>
        <button
          class="icon"
          type="button"
          data-action="collapse"
          title="Свернуть в полоску"
          onClick={() => setLayout({ ...layout, collapsed: true }, true)}
        >
          ▸
        </button>
      </header>
      <>
        {lookup.state === 'loading' && (
          <section class="muted" data-part="loading">
            Ищем клиента…
          </section>
        )}
        {lookup.state === 'error' && (
          <section class="bad" data-part="error">
            {lookup.message}
          </section>
        )}
        {view && !model && (
          <section data-part="unknown">
            <h2>Клиент не найден</h2>
            <p class="muted">
              {view.candidate ? `${view.candidate.name ?? ''} ${view.candidate.email}`.trim() : 'В письме нет внешних адресов'}
            </p>
            {view.candidate && (
              <button type="button" data-action="create-client" onClick={() => openForm('client')} disabled={busy}>
                Создать клиента
              </button>
            )}
          </section>
        )}
        {model && (
          <>
            <section data-part="company">
              <h2 data-part="company-name">{model.title}</h2>
              <div class="muted">{model.subtitle}</div>
              <div data-part="owner">{model.owner}</div>
            </section>
            {model.contact && (
              <section data-part="contact">
                <h3>Контакт</h3>
                <div>
                  {model.contact.name}
                  {model.contact.position ? `, ${model.contact.position}` : ''}
                </div>
                <div class="muted">{model.contact.points.join(' · ')}</div>
              </section>
            )}
            {newcomers.length > 0 && (
              <section data-part="newcomers">
                <h3>Нет в карточке</h3>
                {newcomers.map((party) => (
                  <div key={party.email}>
                    {party.name ? `${party.name} ` : ''}
                    <span class="muted">{party.email}</span>{' '}
                    <button
                      type="button"
                      data-action="add-contact"
                      data-email={party.email}
                      disabled={busy}
                      onClick={() => addContact(party)}
                    >
                      Добавить контакт
                    </button>
                  </div>
                ))}
              </section>
            )}
            <section data-part="leads">
              <h3>Интересы</h3>
              {model.leads.length === 0 ? (
                <div class="muted">Открытых интересов нет</div>
              ) : (
                <ul>
                  {model.leads.map((lead) => (
                    <li key={lead.id}>
                      <div>{lead.title}</div>
                      <b>{lead.stage}</b>
                      {lead.amount ? ` · ${lead.amount}` : ''}
                      {lead.next && <div class="muted">Дальше: {lead.next}</div>}
                    </li>
                  ))}
                </ul>
              )}
            </section>
            {model.documents.length > 0 && (
              <section data-part="documents">
                <h3>Документы 1С</h3>
                <ul>
                  {model.documents.map((d) => (
                    <li key={d.kind}>{d.text}</li>
                  ))}
                </ul>
              </section>
            )}
            {model.deviations.length > 0 && (
              <section data-part="deviations">
                <h3>Отклонения</h3>
                <ul class="bad">
                  {model.deviations.map((d) => (
                    <li key={d}>{d}</li>
                  ))}
                </ul>
              </section>
            )}
            <section data-part="actions">
              <button class="primary" type="button" data-action="log-mail" onClick={logMail} disabled={busy}>
                Записать письмо
              </button>
              <button type="button" data-action="note" onClick={() => openForm('note')} disabled={busy}>
                Заметка
              </button>
              <button type="button" data-action="task" onClick={() => openForm('task')} disabled={busy}>
                Задача
              </button>
              <button
                type="button"
                data-action="lead"
                disabled={busy}
                onClick={() => run(() => sendToBackground('createLead', { companyId: model.companyId }), refresh)}
              >
                Интерес
              </button>
              {model.phones.slice(0, 2).map((phone) => (
                <button
                  type="button"
                  data-action="call"
                  key={phone.text}
                  disabled={busy}
                  onClick={() =>
                    run(async () => {
                      const outcome = await sendToBackground('call', { phone: phone.e164, companyId: model.companyId });
                      // The PBX dials the main number; the extension is for the manager to dial (as click-to-call says).
                      return phone.extension
                        ? { ...outcome, message: `${outcome.message}. Наберите добавочный ${phone.extension}` }
                        : outcome;
                    })
                  }
                >
                  ☎ {phone.text}
                </button>
              ))}
            </section>
            <section data-part="timeline">
              <h3>Лента</h3>
              {model.timeline.length === 0 ? (
                <div class="muted">Пока пусто</div>
              ) : (
                <ul>
                  {model.timeline.map((e) => (
                    <li key={e.id}>
                      <span class="muted">{e.when}</span> {e.text}
                    </li>
                  ))}
                </ul>
              )}
            </section>
          </>
        )}
        {form && (
          <section data-part="form">
            <form onSubmit={submit}>
              <label class="muted">{form === 'note' ? 'Заметка' : form === 'task' ? 'Задача на завтра, 10:00' : 'Название клиента'}</label>
              {form === 'note' ? (
                <textarea name="text" rows={3} maxLength={500} value={draft} onInput={(e) => setDraft(e.currentTarget.value)} />
              ) : (
                <input name="text" maxLength={300} value={draft} onInput={(e) => setDraft(e.currentTarget.value)} />
              )}
              {form === 'client' && client && (
                <>
                  <label class="muted">Контактное лицо</label>
                  <input
                    name="contact-name"
                    maxLength={200}
                    value={client.contact.name}
                    onInput={(e) => setClient({ ...client, contact: { ...client.contact, name: e.currentTarget.value } })}
                  />
                  <label class="muted">Должность</label>
                  <input
                    name="position"
                    maxLength={200}
                    value={client.contact.position ?? ''}
                    onInput={(e) => setClient({ ...client, contact: { ...client.contact, position: e.currentTarget.value || null } })}
                  />
                  <label class="muted">Телефоны</label>
                  <input
                    name="phones"
                    maxLength={300}
                    value={client.contact.phones.join(', ')}
                    onInput={(e) =>
                      setClient({
                        ...client,
                        contact: {
                          ...client.contact,
                          phones: e.currentTarget.value
                            .split(/[,;]/)
                            .map((p) => p.trim())
                            .filter(Boolean),
                        },
                      })
                    }
                  />
                  <div class="muted" data-part="client-email">
                    {client.contact.email} · письмо запишется в ленту нового клиента
                  </div>
                </>
              )}
              <button class="primary" type="submit" data-action="submit" disabled={busy || draft.trim() === ''}>
                Сохранить
              </button>
              <button type="button" onClick={() => setForm(null)}>
                Отмена
              </button>
            </form>
          </section>
        )}
        {status && (
          <div class={`status ${status.tone}`} role="status" data-part="status">
            {status.text}
          </div>
        )}
      </>
    </aside>
  );
}

/** Runs the sidebar on a mail site until `signal` aborts. */
export function startSidebar(site: MailHost, ownEmail: string | null, signal: AbortSignal): void {
  let overlay: Overlay | null = null;
  let current: OpenMessage | null = null;
  let lookup: Lookup = { state: 'loading' };
  let generation = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  // Collapsed or not and the width, per site: the next message on this site opens the same way.
  const layoutKey = `voronka.sidebar.${location.host}`;
  let layout = readLayout(null);
  let dock: HTMLStyleElement | null = null;
  const layoutLoaded = browser.storage.local
    .get(layoutKey)
    .then((stored) => {
      layout = readLayout(stored[layoutKey]);
    })
    .catch(() => undefined);

  /** The page gives up the sidebar's width (a margin on <html>), so the sidebar sits beside the mail, not on it. */
  const applyDock = () => {
    if (!overlay) {
      dock?.remove();
      dock = null;
      return;
    }
    const width = layout.collapsed ? STRIP_WIDTH : clampWidth(layout.width, innerWidth);
    const css = `html{margin-right:${width}px !important;box-sizing:border-box}`;
    if (!dock) {
      dock = document.createElement('style');
      dock.setAttribute(OVERLAY_ATTRIBUTE, 'sidebar-dock');
    }
    if (dock.textContent !== css) dock.textContent = css;
    if (!dock.isConnected) (document.head ?? document.documentElement).append(dock);
  };

  const setLayout = (next: SidebarLayout, save: boolean) => {
    layout = next;
    draw();
    if (save) void browser.storage.local.set({ [layoutKey]: next }).catch(() => undefined);
  };

  const draw = () => {
    if (!overlay || !current) return;
    applyDock();
    render(
      <Sidebar
        site={site}
        message={current}
        lookup={lookup}
        refresh={() => void look(current!, false)}
        ownEmail={ownEmail}
        layout={layout}
        setLayout={setLayout}
      />,
      overlay.mount,
    );
  };

  async function look(message: OpenMessage, showLoading = true): Promise<void> {
    const mine = ++generation;
    if (showLoading) {
      lookup = { state: 'loading' };
      draw();
    }
    try {
      const view = await sendToBackground('mailCard', { participants: outsideParties(message, ownEmail).slice(0, 10) });
      if (mine !== generation) return; // another thread opened meanwhile
      lookup = { state: 'ready', view };
    } catch (err) {
      if (mine !== generation) return;
      lookup = { state: 'error', message: errorText(err) };
    }
    draw();
  }

  const reread = () => {
    timer = undefined;
    const message = site.readOpenMessage(document, new URL(location.href));
    if (!message) {
      if (current) {
        current = null;
        generation++;
        if (overlay) {
          render(null, overlay.mount);
          overlay.host.remove();
          overlay = null;
          probe.sidebar = null;
          applyDock();
        }
      }
      return;
    }
    const changed = message.threadKey !== current?.threadKey;
    current = message;
    if (!overlay) {
      overlay = createOverlay('sidebar');
      document.body.append(overlay.host);
      probe.sidebar = overlay.root;
    } else if (!overlay.host.isConnected) {
      document.body.append(overlay.host); // the site re-rendered its body
    }
    if (changed) {
      performance.mark('voronka:message-read', { detail: message.threadKey }); // the bench's start: the open message first read
      void look(message);
    } else draw();
  };

  const schedule = () => {
    timer ??= setTimeout(reread, REREAD_MS);
  };
  const observer = new MutationObserver((records) => {
    // Our own panel's insertion is not a change of the page.
    const host = overlay?.host;
    const mine = (n: Node | null) => n !== null && (n === host || n === dock);
    const ours = (r: MutationRecord) =>
      mine(r.target) ||
      (r.target as Node).parentNode === dock ||
      (r.type === 'childList' && [...r.addedNodes, ...r.removedNodes].every(mine));
    if (host && records.every(ours)) return;
    schedule();
  });
  observer.observe(document.body, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ['data-thread-perm-id', 'email', 'title', 'data-convid'],
  });
  addEventListener('hashchange', schedule);
  addEventListener('popstate', schedule);
  addEventListener('resize', draw);
  signal.addEventListener('abort', () => {
    observer.disconnect();
    removeEventListener('hashchange', schedule);
    removeEventListener('popstate', schedule);
    removeEventListener('resize', draw);
    clearTimeout(timer);
    overlay?.host.remove();
    dock?.remove();
  });
  void layoutLoaded.then(reread);
}
