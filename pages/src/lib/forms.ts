import { ApiError } from './api';
import { fill, islandText } from './island';

/** The strings shown here, in the page's language (FORMS_SCRIPT_KEYS, worker/src/clients/pages/card-forms.tsx), read when first needed. */
type FormsKey = 'clients.offline' | 'clients.checkFields' | 'clients.checkMarked' | 'clients.openCard';
let formsText: Record<FormsKey, string> | undefined;
const t = (key: FormsKey) => (formsText ??= islandText<FormsKey>('forms-text'))[key];

/** Helpers of the workspace forms: empty means absent, errors in the page's language next to their field. */

/** A form field's trimmed text, or undefined when the browser sent it empty. */
export function filled(form: HTMLFormElement, name: string): string | undefined {
  const el = form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement | null;
  const value = el?.value.trim() ?? '';
  return value === '' ? undefined : value;
}

export function clearErrors(form: HTMLElement) {
  form.querySelectorAll<HTMLElement>('[data-error-for]').forEach((el) => {
    el.textContent = '';
  });
}

/**
 * Shows a failed call: each field the server names next to its input (`toField` maps `body.inn` to
 * the form's own name), the rest in the message line. Returns the message line's text.
 */
export function showError(form: HTMLElement, message: HTMLElement, err: unknown, toField: (path: string) => string | null) {
  message.className = 'form-message error';
  if (!(err instanceof ApiError)) {
    message.textContent = t('clients.offline');
    return;
  }
  const rest: string[] = [];
  for (const f of err.fields) {
    const name = toField(f.field);
    const slot = name ? form.querySelector<HTMLElement>(`[data-error-for="${name}"]`) : null;
    if (slot) slot.textContent = f.message;
    else rest.push(`${f.field} — ${f.message}`);
  }
  message.textContent = err.fields.length
    ? rest.length
      ? fill(t('clients.checkFields'), { fields: rest.join('; ') })
      : t('clients.checkMarked')
    : err.message;
}

/** The Idempotency-Key of one submission: the same for a double click, a new one after an answer. */
export function submissionKey(prefix: string) {
  let key = `${prefix}-${crypto.randomUUID()}`;
  return { get: () => key, renew: () => (key = `${prefix}-${crypto.randomUUID()}`) };
}

/** A date input's day at 10:00 of the browser's clock (the manager's own). */
export function dayAt10(day: string): number {
  return new Date(`${day}T10:00`).getTime();
}

interface Collision {
  by: string;
  value: string;
  companyId?: number;
  companyName?: string;
}

/** A 409 naming who holds the ИНН, phone or e-mail: the message and a link to each holder the caller may open. */
export function showCollisions(out: HTMLElement, err: unknown): boolean {
  const collisions = err instanceof ApiError && err.status === 409 ? (err.details?.['collisions'] as Collision[] | undefined) : undefined;
  if (!collisions) return false;
  out.className = 'form-message error';
  out.textContent = `${(err as ApiError).message}. `;
  for (const c of collisions.filter((c) => c.companyId !== undefined)) {
    const link = document.createElement('a');
    link.href = `/app/clients/${c.companyId}`;
    link.textContent = fill(t('clients.openCard'), { name: c.companyName ?? c.value });
    link.className = 'holder';
    out.append(link, ' ');
  }
  return true;
}
