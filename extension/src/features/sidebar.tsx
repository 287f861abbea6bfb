import { systemNow } from '../../../schema/domain/clock';
import { render } from 'preact';
import { useLayoutEffect, useState } from 'preact/hooks';
import type { MailHost, OpenMessage } from '../hosts/index';
import { createOverlay, probe, type Overlay } from '../content/overlay';
import type { MailCardView, MailParty } from '../shared/messages';
import { logMailRequest } from '../shared/mail';
import { sendToBackground } from '../shared/send';
import { sidebarModel, suggestedCompanyName } from '../shared/sidebar-model';

/**
 * The mail sidebar: when a message or thread is open, its outside participants are looked up (by
 * the service worker) and the client's card floats at the right edge with the manager's actions.
 * The page is re-read on DOM and URL changes (throttled); a lookup happens only when the thread
 * key changes, and an answer for a thread no longer open is dropped.
 */

const REREAD_MS = 30;

type Lookup = { state: 'loading' } | { state: 'ready'; view: MailCardView } | { state: 'error'; message: string };

interface Props {
  site: MailHost;
  message: OpenMessage;
  lookup: Lookup;
  refresh: () => void;
  ownEmail: string | null;
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

function Sidebar({ site, message, lookup, refresh, ownEmail }: Props) {
  const [collapsed, setCollapsed] = useState(false);
  const [status, setStatus] = useState<{ text: string; tone: 'ok' | 'bad' } | null>(null);
  const [busy, setBusy] = useState(false);
  const [form, setForm] = useState<'note' | 'task' | 'client' | null>(null);
  const [draft, setDraft] = useState('');

  const view = lookup.state === 'ready' ? lookup.view : null;
  const model = view?.card ? sidebarModel(view.card, view.email) : null;

  useLayoutEffect(() => {
    if (lookup.state === 'ready') probe.sidebarShown = { threadKey: message.threadKey, companyName: model?.title ?? null, at: systemNow() };
  }, [lookup, message.threadKey]);

  async function run(action: () => Promise<{ message: string; state: string }>, after?: () => void) {
    setBusy(true);
    setStatus(null);
    try {
      const outcome = await action();
      setStatus({ text: outcome.message, tone: outcome.state === 'collision' ? 'bad' : 'ok' });
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
    const request = logMailRequest(site.id, message);
    if (!request) setStatus({ text: 'На странице не видно отправителя письма', tone: 'bad' });
    else void run(() => sendToBackground('logMail', request), refresh);
  };

  const openForm = (kind: 'note' | 'task' | 'client') => {
    setForm(form === kind ? null : kind);
    setDraft(kind === 'client' && view?.candidate ? suggestedCompanyName(view.candidate.email, view.candidate.name) : '');
  };

  const submit = (event: Event) => {
    event.preventDefault();
    if (form === 'client' && view?.candidate) {
      const contact = view.candidate;
      void run(() => sendToBackground('createClient', { companyName: draft, contact }), refresh);
    } else if (model && form === 'note') {
      void run(() => sendToBackground('addNote', { companyId: model.companyId, text: draft }), refresh);
    } else if (model && form === 'task') {
      void run(() => sendToBackground('createTask', { companyId: model.companyId, title: draft, dueAt: tomorrowAtTen() }), refresh);
    }
  };

  return (
    <aside class="panel" aria-label="Воронка: карточка клиента" data-thread={message.threadKey}>
      <header>
        <span>Воронка</span>
        <button class="icon" type="button" title={collapsed ? 'Развернуть' : 'Свернуть'} onClick={() => setCollapsed(!collapsed)}>
          {collapsed ? '▸' : '▾'}
        </button>
      </header>
      {!collapsed && (
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
              <section data-part="leads">
                <h3>Интересы</h3>
                {model.leads.length === 0 ? (
                  <div class="muted">Открытых интересов нет</div>
                ) : (
                  <ul>
                    {model.leads.map((lead) => (
                      <li key={lead.id}>
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
                    key={phone}
                    disabled={busy}
                    onClick={() =>
                      run(() => sendToBackground('call', { phone: phone.replace(/ доб\. .*/, ''), companyId: model.companyId }))
                    }
                  >
                    ☎ {phone}
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
                <label class="muted">
                  {form === 'note' ? 'Заметка' : form === 'task' ? 'Задача на завтра, 10:00' : 'Название клиента'}
                </label>
                {form === 'note' ? (
                  <textarea name="text" rows={3} maxLength={500} value={draft} onInput={(e) => setDraft(e.currentTarget.value)} />
                ) : (
                  <input name="text" maxLength={300} value={draft} onInput={(e) => setDraft(e.currentTarget.value)} />
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
      )}
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

  const draw = () => {
    if (!overlay || !current) return;
    render(
      <Sidebar site={site} message={current} lookup={lookup} refresh={() => void look(current!, false)} ownEmail={ownEmail} />,
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
    if (changed) void look(message);
    else draw();
  };

  const schedule = () => {
    timer ??= setTimeout(reread, REREAD_MS);
  };
  const observer = new MutationObserver((records) => {
    // Our own panel's insertion is not a change of the page.
    const host = overlay?.host;
    const ours = (r: MutationRecord) =>
      r.target === host || (r.type === 'childList' && [...r.addedNodes, ...r.removedNodes].every((n) => n === host));
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
  signal.addEventListener('abort', () => {
    observer.disconnect();
    removeEventListener('hashchange', schedule);
    removeEventListener('popstate', schedule);
    clearTimeout(timer);
    overlay?.host.remove();
  });
  reread();
}
