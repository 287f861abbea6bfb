import { ApiError, api } from './lib/api';
import { clearErrors, dayAt10, filled, showCollisions, showError, submissionKey } from './lib/forms';
import { fill, islandText } from './lib/island';

/** The strings this script shows, in the page's language (CARD_SCRIPT_KEYS, platform/messages/clients.ts). */
const T = islandText<'clients.saving' | 'clients.connecting' | 'clients.offline' | 'clients.pbxCalling' | 'card.releaseConfirm'>(
  'card-text',
);

/** The client card's owner actions: take from the pool, give back, assign; the page reloads to show the new owner. */
const box = document.getElementById('owner-actions');
const message = document.getElementById('owner-message');

async function send(method: string, path: string, body?: unknown) {
  if (!message) return;
  message.textContent = T['clients.saving'];
  message.className = 'muted';
  try {
    await api(path, { method, ...(body === undefined ? {} : { body }) });
    location.reload();
  } catch (err) {
    message.textContent = err instanceof ApiError ? err.message : T['clients.offline'];
    message.className = 'error';
  }
}

if (box) {
  const base = `/api/companies/${box.dataset['company']}`;
  document.getElementById('claim')?.addEventListener('click', () => send('POST', `${base}/claim`));
  document.getElementById('release')?.addEventListener('click', () => {
    if (confirm(T['card.releaseConfirm'])) void send('PUT', `${base}/owner`, { ownerId: null });
  });
  document.getElementById('assign')?.addEventListener('submit', (event) => {
    event.preventDefault();
    const value = (document.getElementById('assign-owner') as HTMLSelectElement).value;
    void send('PUT', `${base}/owner`, { ownerId: value === '' ? null : Number(value) });
  });
}

/**
 * The composer under the timeline (worker/src/clients/pages/card-forms.tsx): a note, a task with a
 * due date, a call through the PBX, a lead, a mail logged by hand. Each form goes to the existing
 * API with empty fields left out; a saved note, task, lead or mail reloads the card to show it in the
 * timeline, a call shows the PBX's answer. A double click is one request (Idempotency-Key).
 */
const composer = document.getElementById('composer');
const composerMessage = document.getElementById('composer-message');

const TO_FIELD: Record<string, string> = {
  'body.name': 'name',
  'body.inn': 'inn',
  'body.kpp': 'kpp',
  'body.position': 'position',
  'body.phones.0': 'phone',
  'body.emails.0': 'email',
  'body.title': 'title',
  'body.dueAt': 'due',
  'body.subject': 'subject',
  'body.amountKopecks': 'amount',
  'body.phone': 'other',
  'body.stageId': 'stageId',
  'body.text': 'text',
};

if (composer && composerMessage) {
  const companyId = Number(composer.dataset['company']);
  const key = submissionKey('card');
  composer.querySelectorAll<HTMLButtonElement>('[data-tab]').forEach((tab) =>
    tab.addEventListener('click', () => {
      composer.querySelectorAll<HTMLButtonElement>('[data-tab]').forEach((t) => t.setAttribute('aria-selected', String(t === tab)));
      composer.querySelectorAll<HTMLFormElement>('form[data-form]').forEach((f) => {
        f.hidden = f.dataset['form'] !== tab.dataset['tab'];
      });
      composerMessage.textContent = '';
    }),
  );
  const requests: Record<string, (form: HTMLFormElement) => { path: string; body: unknown; reload: boolean; method?: string }> = {
    contact: (f) => {
      const [position, phone, email] = [filled(f, 'position'), filled(f, 'phone'), filled(f, 'email')];
      return {
        path: `/api/companies/${companyId}/contacts`,
        body: {
          name: filled(f, 'contactName'),
          ...(position ? { position } : {}),
          phones: phone ? [phone] : [],
          emails: email ? [email] : [],
        },
        reload: true,
      };
    },
    // Empty means absent here too: a cleared ИНН is not sent (clearing one is not offered).
    details: (f) => {
      const [name, inn, kpp] = [filled(f, 'name'), filled(f, 'inn'), filled(f, 'kpp')];
      return {
        path: `/api/companies/${companyId}`,
        method: 'PATCH',
        body: { ...(name ? { name } : {}), ...(inn ? { inn } : {}), ...(kpp ? { kpp } : {}) },
        reload: true,
      };
    },
    note: (f) => ({ path: `/api/companies/${companyId}/events`, body: { kind: 'note', subject: filled(f, 'subject') }, reload: true }),
    task: (f) => ({
      path: '/api/tasks',
      body: { title: filled(f, 'title'), dueAt: dayAt10(filled(f, 'due') ?? ''), companyId, kind: 'follow_up' },
      reload: true,
    }),
    call: (f) => ({ path: '/api/calls', body: { phone: filled(f, 'other') ?? filled(f, 'phone'), companyId }, reload: false }),
    lead: (f) => {
      const [amount, subject, stageId] = [filled(f, 'amount'), filled(f, 'leadSubject'), filled(f, 'stageId')];
      return {
        path: '/api/leads',
        body: {
          companyId,
          ...(subject ? { subject } : {}),
          ...(stageId ? { stageId } : {}),
          ...(amount ? { amountKopecks: Math.round(Number(amount.replace(',', '.')) * 100) } : {}),
        },
        reload: true,
      };
    },
    mail: (f) => {
      const text = filled(f, 'text');
      return {
        path: `/api/companies/${companyId}/events`,
        body: { kind: 'mail', subject: filled(f, 'subject'), direction: filled(f, 'direction'), ...(text ? { text } : {}) },
        reload: true,
      };
    },
  };
  composer.addEventListener('submit', async (event) => {
    const form = event.target as HTMLFormElement;
    const kind = form.dataset['form'] ?? '';
    const build = requests[kind];
    if (!build) return;
    event.preventDefault();
    const button = form.querySelector<HTMLButtonElement>('button[type="submit"]')!;
    if (button.disabled) return;
    clearErrors(form);
    const request = build(form);
    button.disabled = true;
    composerMessage.className = 'form-message muted';
    composerMessage.textContent = kind === 'call' ? T['clients.connecting'] : T['clients.saving'];
    try {
      const answer = await api<{ phone?: string }>(request.path, {
        method: request.method ?? 'POST',
        body: request.body,
        idempotencyKey: key.get(),
      });
      key.renew();
      if (request.reload) {
        location.reload();
        return;
      }
      composerMessage.className = 'form-message ok';
      composerMessage.textContent = fill(T['clients.pbxCalling'], { phone: answer.phone ?? '' });
    } catch (err) {
      key.renew();
      // The lead's subject has its own input (the mail's «Тема» is `subject`).
      const toField = (path: string) => (kind === 'lead' && path === 'body.subject' ? 'leadSubject' : (TO_FIELD[path] ?? null));
      if (!showCollisions(composerMessage, err)) showError(form, composerMessage, err, toField);
    }
    button.disabled = false;
  });
}

/**
 * «Изменить» on a contact opens its form in place (worker/src/clients/pages/card-forms.tsx
 * ContactEditForm); «Сохранить» sends PATCH /api/contacts/:id with the full lists of phones and
 * e-mails as typed (a cleared input removes one), errors next to their inputs, a 409 naming the
 * holder of a phone with a link; «Отмена» closes the form and puts back what was stored.
 */
function openContactForm(id: string, open: boolean) {
  const form = document.querySelector<HTMLFormElement>(`form[data-contact-form="${id}"]`);
  const button = document.querySelector<HTMLButtonElement>(`[data-edit-contact="${id}"]`);
  if (!form || !button) return;
  if (!open) form.reset();
  form.hidden = !open;
  button.setAttribute('aria-expanded', String(open));
  if (open) form.querySelector<HTMLInputElement>('input')?.focus();
}

document
  .querySelectorAll<HTMLButtonElement>('[data-edit-contact]')
  .forEach((button) =>
    button.addEventListener('click', () =>
      openContactForm(button.dataset['editContact']!, button.getAttribute('aria-expanded') !== 'true'),
    ),
  );

const contactKey = submissionKey('contact');
document.querySelectorAll<HTMLFormElement>('form[data-contact-form]').forEach((form) => {
  const id = form.dataset['contactForm']!;
  const out = form.querySelector<HTMLElement>('.form-message')!;
  form.querySelector('[data-cancel]')?.addEventListener('click', () => openContactForm(id, false));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const button = form.querySelector<HTMLButtonElement>('button[type="submit"]')!;
    if (button.disabled) return;
    clearErrors(form);
    const values = (name: string) => [...form.querySelectorAll<HTMLInputElement>(`input[name="${name}"]`)].map((i) => i.value.trim());
    button.disabled = true;
    out.className = 'form-message muted';
    out.textContent = T['clients.saving'];
    try {
      await api(`/api/contacts/${id}`, {
        method: 'PATCH',
        body: {
          name: filled(form, 'name') ?? '',
          position: filled(form, 'position') ?? '',
          phones: values('phone'),
          emails: values('email'),
        },
        idempotencyKey: contactKey.get(),
      });
      contactKey.renew();
      location.reload();
      return;
    } catch (err) {
      contactKey.renew();
      if (!showCollisions(out, err)) showError(form, out, err, (path) => path.replace(/^body\./, ''));
    }
    button.disabled = false;
  });
});
