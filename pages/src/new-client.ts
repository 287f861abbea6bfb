import { api } from './lib/api';
import { clearErrors, filled, showCollisions, showError, submissionKey } from './lib/forms';
import { islandText } from './lib/island';

/**
 * «Новый клиент»: the form goes to POST /api/companies with empty fields left out. A double click on
 * «Создать» is one request (the button is disabled and the Idempotency-Key is the same); a duplicate
 * ИНН, phone or e-mail comes back as a 409 naming the holder — shown as a link to his card when the
 * caller may open it.
 */
const form = document.getElementById('new-client') as HTMLFormElement | null;
const message = document.getElementById('new-client-message');
const key = submissionKey('new-client');
/** The strings this script shows, in the page's language (NEW_CLIENT_SCRIPT_KEYS, platform/messages/clients.ts). */
const T = islandText<'clients.new.needName' | 'clients.new.creating'>('new-client-text');

const FIELD: Record<string, string> = { name: 'name', inn: 'inn', kpp: 'kpp', regionId: 'regionId' };
function toField(path: string): string | null {
  const parts = path.replace(/^body\./, '').split('.');
  if (parts[0] !== 'contacts') return FIELD[parts[0]!] ?? null;
  return { name: 'contactName', position: 'position', phones: 'phone', emails: 'email' }[parts[2] ?? ''] ?? null;
}

form?.addEventListener('submit', async (event) => {
  event.preventDefault();
  if (!message) return;
  const button = form.querySelector<HTMLButtonElement>('button[type="submit"]')!;
  if (button.disabled) return;
  clearErrors(form);
  const name = filled(form, 'name');
  if (!name) {
    form.querySelector<HTMLElement>('[data-error-for="name"]')!.textContent = T['clients.new.needName'];
    return;
  }
  const contactName = filled(form, 'contactName');
  const phone = filled(form, 'phone');
  const email = filled(form, 'email');
  const position = filled(form, 'position');
  const contact =
    contactName || phone || email
      ? [{ name: contactName ?? name, ...(position ? { position } : {}), phones: phone ? [phone] : [], emails: email ? [email] : [] }]
      : [];
  const inn = filled(form, 'inn');
  const kpp = filled(form, 'kpp');
  button.disabled = true;
  message.className = 'form-message muted';
  message.textContent = T['clients.new.creating'];
  try {
    const saved = await api<{ company: { id: number } }>('/api/companies', {
      method: 'POST',
      body: { name, ...(inn ? { inn } : {}), ...(kpp ? { kpp } : {}), regionId: Number(filled(form, 'regionId')), contacts: contact },
      idempotencyKey: key.get(),
    });
    location.href = `/app/clients/${saved.company.id}`;
  } catch (err) {
    key.renew();
    button.disabled = false;
    if (!showCollisions(message, err)) showError(form, message, err, toField);
  }
});
