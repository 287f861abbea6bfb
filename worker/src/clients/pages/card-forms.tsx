/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import type { Child } from 'hono/jsx';
import { raw } from 'hono/html';
import type { CompanyCard } from '../../../../schema/contracts';
import { formatPhoneRu, formatPhoneWithExtension } from '../../platform/ru-format';

/**
 * The card as a workspace: the composer under the timeline (note, task, call, new lead with its
 * subject and stage, mail log with its text), a contact's correction in place, and the «Новый клиент» form. Plain forms; pages/src/client-card.ts and pages/src/new-client.ts send them
 * to the existing API (empty fields left out) and show each error in Russian next to its field.
 */

const STYLE = `
.composer .tabs{display:flex;gap:6px;flex-wrap:wrap;margin:0 0 8px}.composer .tabs button{margin:0;padding:6px 12px;background:#fff;color:var(--ink);border:1px solid var(--line)}
.composer .tabs button[aria-selected="true"]{background:var(--brand);color:#fff;border-color:var(--brand)}
.composer form[hidden]{display:none}.composer textarea{width:100%;min-height:70px;padding:9px 10px;border:1px solid var(--line);border-radius:6px;font:inherit}
.field-error{color:var(--bad);font-size:14px;min-height:0}.form-grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(200px,1fr));gap:0 14px}
.form-message{margin-top:10px}.contact-edit{margin:8px 0 4px;padding:10px 12px;background:#f7f9fb;border-radius:6px}
.contact-edit[hidden]{display:none}.contact-edit .buttons{display:flex;gap:8px;flex-wrap:wrap}.contact .edit{margin:0 0 0 8px;padding:2px 10px;font-size:14px}.carries{font-size:14px}.carries .snippet{color:var(--muted);white-space:pre-line;max-height:4.5em;overflow:hidden}
@media print{.composer{display:none}}
`;
export const FormStyle = () => <style>{raw(STYLE)}</style>;

/** A labelled input with its error slot (`data-error-for`, filled by the page script). */
export function Field({
  name,
  label,
  type = 'text',
  required,
  value,
  hint,
}: {
  name: string;
  label: string;
  type?: string;
  required?: boolean;
  value?: string;
  hint?: string;
}): Child {
  return (
    <div>
      <label for={`f-${name}`}>{label}</label>
      <input id={`f-${name}`} name={name} type={type} required={required} value={value} placeholder={hint} />
      <div class="field-error" data-error-for={name} />
    </div>
  );
}

const TABS = [
  ['note', 'Заметка'],
  ['task', 'Задача'],
  ['call', 'Звонок'],
  ['lead', 'Интерес'],
  ['mail', 'Письмо'],
  ['contact', 'Контакт'],
  ['details', 'Реквизиты'],
] as const;

/** An open stage of the funnel a new lead may start at. */
export interface OpenStage {
  id: string;
  name: string;
}

/** The composer: one tab per thing a manager records about the client. */
export function Composer({ card, stages }: { card: CompanyCard; stages: OpenStage[] }): Child {
  const phones = card.contacts.flatMap((c) => c.points.filter((p) => p.kind === 'phone').map((p) => p.value));
  return (
    <div class="card composer" id="composer" data-company={String(card.id)}>
      <h2>Добавить</h2>
      <div class="tabs" role="tablist">
        {TABS.map(([id, label], i) => (
          <button type="button" role="tab" data-tab={id} aria-selected={i === 0 ? 'true' : 'false'}>
            {label}
          </button>
        ))}
      </div>
      <form data-form="note">
        <label for="f-note">Заметка</label>
        <textarea id="f-note" name="subject" required maxlength={500} />
        <div class="field-error" data-error-for="subject" />
        <button type="submit">Сохранить заметку</button>
      </form>
      <form data-form="task" hidden>
        <div class="form-grid">
          <Field name="title" label="Что сделать" required />
          <Field name="due" label="Срок" type="date" required />
        </div>
        <button type="submit">Поставить задачу</button>
      </form>
      <form data-form="call" hidden>
        <label for="f-call-phone">Номер</label>
        <select id="f-call-phone" name="phone">
          {phones.map((p) => (
            <option value={p}>{formatPhoneRu(p)}</option>
          ))}
        </select>
        <Field name="other" label="или другой номер" hint="+7 495 123-45-67" />
        <button type="submit">Позвонить через АТС</button>
      </form>
      <form data-form="lead" hidden>
        <div class="form-grid">
          <Field name="leadSubject" label="Что нужно клиенту" hint="Кровля на склад, 1200 м²" />
          <div>
            <label for="f-stageId">Этап</label>
            <select id="f-stageId" name="stageId">
              {stages.map((st, i) => (
                <option value={st.id} selected={i === 0}>
                  {st.name}
                </option>
              ))}
            </select>
            <div class="field-error" data-error-for="stageId" />
          </div>
          <Field name="amount" label="Сумма, ₽" type="number" hint="необязательно" />
        </div>
        <button type="submit">Открыть интерес</button>
      </form>
      <form data-form="mail" hidden>
        <div class="form-grid">
          <Field name="subject" label="Тема письма" required />
          <div>
            <label for="f-mail-direction">Направление</label>
            <select id="f-mail-direction" name="direction">
              <option value="out">исходящее</option>
              <option value="in">входящее</option>
            </select>
          </div>
        </div>
        <label for="f-mail-text">Текст письма</label>
        <textarea id="f-mail-text" name="text" placeholder="необязательно: первые 500 знаков видны в ленте" />
        <div class="field-error" data-error-for="text" />
        <button type="submit">Записать письмо</button>
      </form>
      <form data-form="contact" hidden>
        <div class="form-grid">
          <Field name="contactName" label="Имя" required />
          <Field name="position" label="Должность" />
          <Field name="phone" label="Телефон" type="tel" hint="+7 495 123-45-67" />
          <Field name="email" label="E-mail" type="email" />
        </div>
        <button type="submit">Добавить контакт</button>
      </form>
      <form data-form="details" hidden>
        <div class="form-grid">
          <Field name="name" label="Название" required value={card.name} />
          <Field name="inn" label="ИНН" value={card.inn ?? ''} />
          <Field name="kpp" label="КПП" value={card.kpp ?? ''} />
        </div>
        <button type="submit">Сохранить реквизиты</button>
      </form>
      <p class="form-message" id="composer-message" role="status" />
    </div>
  );
}

type CardContact = CompanyCard['contacts'][number];

/** One input of a contact's correction form, with its error slot named as the API names the field. */
function ContactInputField({
  id,
  name,
  slot,
  label,
  value,
  type = 'text',
  required,
  hint,
}: {
  id: string;
  name: string;
  slot: string;
  label: string;
  value: string;
  type?: string;
  required?: boolean;
  hint?: string;
}): Child {
  return (
    <div>
      <label for={id}>{label}</label>
      <input id={id} name={name} type={type} value={value} required={required} placeholder={hint} />
      <div class="field-error" data-error-for={slot} />
    </div>
  );
}

/**
 * «Изменить» on a contact opens this form in place, filled with what is stored: the name, the
 * position, each phone and e-mail in its own input plus an empty one to add another. A cleared
 * input removes that phone or e-mail (pages/src/client-card.ts sends the full lists).
 */
export function ContactEditForm({ contact }: { contact: CardContact }): Child {
  const phones = contact.points.filter((p) => p.kind === 'phone').map((p) => formatPhoneWithExtension(p.value, p.extension));
  const emails = contact.points.filter((p) => p.kind === 'email').map((p) => p.value);
  const id = (field: string) => `c${contact.id}-${field}`;
  return (
    <form class="contact-edit" data-contact-form={String(contact.id)} hidden novalidate>
      <div class="form-grid">
        <ContactInputField id={id('name')} name="name" slot="name" label="Имя" value={contact.name} required />
        <ContactInputField id={id('position')} name="position" slot="position" label="Должность" value={contact.position ?? ''} />
        {[...phones, ''].map((value, i) => (
          <ContactInputField
            id={id(`phone-${i}`)}
            name="phone"
            slot={`phones.${i}`}
            label={value ? `Телефон${phones.length > 1 ? ` ${i + 1}` : ''}` : 'Ещё телефон'}
            value={value}
            type="tel"
            hint={value ? 'пусто — удалить' : '+7 495 123-45-67'}
          />
        ))}
        {[...emails, ''].map((value, i) => (
          <ContactInputField
            id={id(`email-${i}`)}
            name="email"
            slot={`emails.${i}`}
            label={value ? `E-mail${emails.length > 1 ? ` ${i + 1}` : ''}` : 'Ещё e-mail'}
            value={value}
            type="email"
            hint={value ? 'пусто — удалить' : 'name@company.ru'}
          />
        ))}
      </div>
      <div class="buttons">
        <button type="submit">Сохранить</button>
        <button type="button" class="secondary" data-cancel>
          Отмена
        </button>
      </div>
      <p class="form-message" role="status" />
    </form>
  );
}

/** «Новый клиент»: company, region and a first contact; a duplicate's holder comes back as a link. */
export function NewClientPage({ regions }: { regions: { id: number; name: string }[] }): Child {
  return (
    <>
      <FormStyle />
      <p class="links">
        <a href="/app/clients">← Все клиенты</a>
      </p>
      <div class="card">
        <h1>Новый клиент</h1>
        <form id="new-client" novalidate>
          <div class="form-grid">
            <Field name="name" label="Название" required hint="ООО «Кровля»" />
            <Field name="inn" label="ИНН" hint="10 или 12 цифр" />
            <Field name="kpp" label="КПП" hint="9 цифр" />
            <div>
              <label for="f-regionId">Регион</label>
              <select id="f-regionId" name="regionId">
                {regions.map((r) => (
                  <option value={String(r.id)}>{r.name}</option>
                ))}
              </select>
              <div class="field-error" data-error-for="regionId" />
            </div>
          </div>
          <h2 style="margin-top:18px">Контактное лицо</h2>
          <div class="form-grid">
            <Field name="contactName" label="Имя" />
            <Field name="position" label="Должность" />
            <Field name="phone" label="Телефон" type="tel" hint="+7 495 123-45-67" />
            <Field name="email" label="E-mail" type="email" />
          </div>
          <button type="submit">Создать</button>
          <div class="form-message" id="new-client-message" role="status" />
        </form>
      </div>
    </>
  );
}

type TimelineEvent = CompanyCard['timeline'][number];

/** Mails per thread among the events shown: «в переписке 3 письма» on each of them. */
export function threadSizes(events: TimelineEvent[]): Map<string, number> {
  const sizes = new Map<string, number>();
  for (const e of events) if (e.kind === 'mail' && e.threadId) sizes.set(e.threadId, (sizes.get(e.threadId) ?? 0) + 1);
  return sizes;
}

const kb = (size: number | undefined) => (size === undefined || size === 0 ? '' : ` (${Math.max(1, Math.round(size / 1024))} КБ)`);
const letters = (n: number) =>
  n % 10 === 1 && n % 100 !== 11 ? 'письмо' : [2, 3, 4].includes(n % 10) && ![12, 13, 14].includes(n % 100) ? 'письма' : 'писем';

/** What an event carries beyond its line: a mail's snippet, attachments and thread; a call's recording. */
export function EventCarries({ e, threads }: { e: TimelineEvent; threads: Map<string, number> }): Child {
  const inThread = e.kind === 'mail' && e.threadId ? (threads.get(e.threadId) ?? 0) : 0;
  const files = e.attachments ?? [];
  if (!e.snippet && !files.length && inThread < 2 && !e.recordingUrl) return null;
  return (
    <div class="carries">
      {e.kind === 'mail' && e.snippet ? <div class="snippet">{e.snippet}</div> : null}
      {files.length ? <div class="muted">📎 {files.map((f) => `${f.name}${kb(f.size)}`).join(', ')}</div> : null}
      {inThread >= 2 ? (
        <div class="muted">
          в переписке {inThread} {letters(inThread)}
        </div>
      ) : null}
      {e.recordingUrl && /^https?:\/\//.test(e.recordingUrl) ? (
        <a href={e.recordingUrl} rel="noopener noreferrer" target="_blank">
          Запись разговора
        </a>
      ) : null}
    </div>
  );
}
