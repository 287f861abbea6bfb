/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import type { Child } from 'hono/jsx';
import { raw } from 'hono/html';
import type { CompanyCard } from '../../../../schema/contracts';
import { type Lang, type MessageKey, msg, msgf } from '../../platform/i18n';
import { formatPhoneRu, formatPhoneWithExtension, pluralForm } from '../../platform/ru-format';

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
/** What pages/src/client-card.ts shows (its JSON island `card-text`; platform/messages/clients.ts). */
export const CARD_SCRIPT_KEYS = [
  'clients.saving',
  'clients.connecting',
  'clients.offline',
  'clients.pbxCalling',
  'card.releaseConfirm',
] as const;
/** What pages/src/new-client.ts shows (its JSON island `new-client-text`). */
export const NEW_CLIENT_SCRIPT_KEYS = ['clients.new.needName', 'clients.new.creating'] as const;

/** What pages/src/lib/forms.ts shows on the card and «Новый клиент» (its JSON island `forms-text`). */
export const FORMS_SCRIPT_KEYS = ['clients.offline', 'clients.checkFields', 'clients.checkMarked', 'clients.openCard'] as const;

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

const TABS = ['note', 'task', 'call', 'lead', 'mail', 'contact', 'details'] as const;

/** An open stage of the funnel a new lead may start at. */
export interface OpenStage {
  id: string;
  name: string;
}

/** The composer: one tab per thing a manager records about the client. */
export function Composer({ card, stages, lang }: { card: CompanyCard; stages: OpenStage[]; lang: Lang }): Child {
  const m = (key: MessageKey) => msg(key, lang);
  const phones = card.contacts.flatMap((c) => c.points.filter((p) => p.kind === 'phone').map((p) => p.value));
  return (
    <div class="card composer" id="composer" data-company={String(card.id)}>
      <h2>{m('card.add')}</h2>
      <div class="tabs" role="tablist">
        {TABS.map((id, i) => (
          <button type="button" role="tab" data-tab={id} aria-selected={i === 0 ? 'true' : 'false'}>
            {m(`card.tab.${id}`)}
          </button>
        ))}
      </div>
      <form data-form="note">
        <label for="f-note">{m('card.tab.note')}</label>
        <textarea id="f-note" name="subject" required maxlength={500} />
        <div class="field-error" data-error-for="subject" />
        <button type="submit">{m('card.note.save')}</button>
      </form>
      <form data-form="task" hidden>
        <div class="form-grid">
          <Field name="title" label={m('card.task.title')} required />
          <Field name="due" label={m('card.task.due')} type="date" required />
        </div>
        <button type="submit">{m('card.task.save')}</button>
      </form>
      <form data-form="call" hidden>
        <label for="f-call-phone">{m('card.call.phone')}</label>
        <select id="f-call-phone" name="phone">
          {phones.map((p) => (
            <option value={p} translate="no">
              {formatPhoneRu(p)}
            </option>
          ))}
        </select>
        <Field name="other" label={m('card.call.other')} hint="+7 495 123-45-67" />
        <button type="submit">{m('card.call.go')}</button>
      </form>
      <form data-form="lead" hidden>
        <div class="form-grid">
          <Field name="leadSubject" label={m('card.lead.subject')} hint={m('card.lead.subjectHint')} />
          <div>
            <label for="f-stageId">{m('card.lead.stage')}</label>
            <select id="f-stageId" name="stageId">
              {stages.map((st, i) => (
                <option value={st.id} selected={i === 0} translate="no">
                  {st.name}
                </option>
              ))}
            </select>
            <div class="field-error" data-error-for="stageId" />
          </div>
          <Field name="amount" label={m('card.lead.amountRub')} type="number" hint={m('card.optional')} />
        </div>
        <button type="submit">{m('card.lead.open')}</button>
      </form>
      <form data-form="mail" hidden>
        <div class="form-grid">
          <Field name="subject" label={m('card.mail.subject')} required />
          <div>
            <label for="f-mail-direction">{m('card.mail.direction')}</label>
            <select id="f-mail-direction" name="direction">
              <option value="out">{m('card.mail.out')}</option>
              <option value="in">{m('card.mail.in')}</option>
            </select>
          </div>
        </div>
        <label for="f-mail-text">{m('card.mail.text')}</label>
        <textarea id="f-mail-text" name="text" placeholder={m('card.mail.textHint')} />
        <div class="field-error" data-error-for="text" />
        <button type="submit">{m('card.mail.save')}</button>
      </form>
      <form data-form="contact" hidden>
        <div class="form-grid">
          <Field name="contactName" label={m('card.contact.name')} required />
          <Field name="position" label={m('card.contact.position')} />
          <Field name="phone" label={m('card.contact.phone')} type="tel" hint="+7 495 123-45-67" />
          <Field name="email" label={m('card.contact.email')} type="email" />
        </div>
        <button type="submit">{m('card.contact.add')}</button>
      </form>
      <form data-form="details" hidden>
        <div class="form-grid">
          <Field name="name" label={m('card.details.name')} required value={card.name} />
          <Field name="inn" label={m('card.details.inn')} value={card.inn ?? ''} />
          <Field name="kpp" label={m('card.details.kpp')} value={card.kpp ?? ''} />
        </div>
        <button type="submit">{m('card.details.save')}</button>
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

const POINT = {
  phone: {
    slot: 'phones',
    type: 'tel',
    one: 'card.contact.phone',
    n: 'card.contact.phoneN',
    more: 'card.contact.morePhone',
    hint: '+7 495 123-45-67',
  },
  email: {
    slot: 'emails',
    type: 'email',
    one: 'card.contact.email',
    n: 'card.contact.emailN',
    more: 'card.contact.moreEmail',
    hint: 'name@company.ru',
  },
} as const;

/** Each stored phone (or e-mail) of a contact in its own input, numbered when there are several, plus an empty one to add another. */
function PointInputs({
  kind,
  values,
  id,
  lang,
}: {
  kind: 'phone' | 'email';
  values: string[];
  id: (field: string) => string;
  lang: Lang;
}): Child {
  const p = POINT[kind];
  return (
    <>
      {[...values, ''].map((value, i) => (
        <ContactInputField
          id={id(`${kind}-${i}`)}
          name={kind}
          slot={`${p.slot}.${i}`}
          label={value ? (values.length > 1 ? msgf(p.n, lang, { n: i + 1 }) : msg(p.one, lang)) : msg(p.more, lang)}
          value={value}
          type={p.type}
          hint={value ? msg('card.contact.clearHint', lang) : p.hint}
        />
      ))}
    </>
  );
}

/**
 * «Изменить» on a contact opens this form in place, filled with what is stored: the name, the
 * position, each phone and e-mail in its own input plus an empty one to add another. A cleared
 * input removes that phone or e-mail (pages/src/client-card.ts sends the full lists).
 */
export function ContactEditForm({ contact, lang }: { contact: CardContact; lang: Lang }): Child {
  const m = (key: MessageKey) => msg(key, lang);
  const phones = contact.points.filter((p) => p.kind === 'phone').map((p) => formatPhoneWithExtension(p.value, p.extension, lang));
  const emails = contact.points.filter((p) => p.kind === 'email').map((p) => p.value);
  const id = (field: string) => `c${contact.id}-${field}`;
  return (
    <form class="contact-edit" data-contact-form={String(contact.id)} hidden novalidate>
      <div class="form-grid">
        <ContactInputField id={id('name')} name="name" slot="name" label={m('card.contact.name')} value={contact.name} required />
        <ContactInputField
          id={id('position')}
          name="position"
          slot="position"
          label={m('card.contact.position')}
          value={contact.position ?? ''}
        />
        <PointInputs kind="phone" values={phones} id={id} lang={lang} />
        <PointInputs kind="email" values={emails} id={id} lang={lang} />
      </div>
      <div class="buttons">
        <button type="submit">{m('card.save')}</button>
        <button type="button" class="secondary" data-cancel>
          {m('card.cancel')}
        </button>
      </div>
      <p class="form-message" role="status" />
    </form>
  );
}

/** «Новый клиент»: company, region and a first contact; a duplicate's holder comes back as a link. */
export function NewClientPage({ regions, lang }: { regions: { id: number; name: string }[]; lang: Lang }): Child {
  const m = (key: MessageKey) => msg(key, lang);
  return (
    <>
      <FormStyle />
      <p class="links">
        <a href="/app/clients">{m('card.back')}</a>
      </p>
      <div class="card">
        <h1>{m('clients.new')}</h1>
        <form id="new-client" novalidate>
          <div class="form-grid">
            <Field name="name" label={m('card.details.name')} required hint={m('clients.new.nameHint')} />
            <Field name="inn" label={m('card.details.inn')} hint={m('clients.new.innHint')} />
            <Field name="kpp" label={m('card.details.kpp')} hint={m('clients.new.kppHint')} />
            <div>
              <label for="f-regionId">{m('clients.col.region')}</label>
              <select id="f-regionId" name="regionId">
                {regions.map((r) => (
                  <option value={String(r.id)} translate="no">
                    {r.name}
                  </option>
                ))}
              </select>
              <div class="field-error" data-error-for="regionId" />
            </div>
          </div>
          <h2 style="margin-top:18px">{m('clients.new.contact')}</h2>
          <div class="form-grid">
            <Field name="contactName" label={m('card.contact.name')} />
            <Field name="position" label={m('card.contact.position')} />
            <Field name="phone" label={m('card.contact.phone')} type="tel" hint="+7 495 123-45-67" />
            <Field name="email" label={m('card.contact.email')} type="email" />
          </div>
          <button type="submit">{m('clients.new.create')}</button>
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

const kb = (size: number | undefined, lang: Lang) =>
  size === undefined || size === 0 ? '' : ` (${msgf('card.kb', lang, { n: Math.max(1, Math.round(size / 1024)) })})`;

/** What an event carries beyond its line: a mail's snippet, attachments and thread; a call's recording. */
export function EventCarries({ e, threads, lang }: { e: TimelineEvent; threads: Map<string, number>; lang: Lang }): Child {
  const inThread = e.kind === 'mail' && e.threadId ? (threads.get(e.threadId) ?? 0) : 0;
  const files = e.attachments ?? [];
  if (!e.snippet && !files.length && inThread < 2 && !e.recordingUrl) return null;
  return (
    <div class="carries">
      {e.kind === 'mail' && e.snippet ? (
        <div class="snippet" translate="no">
          {e.snippet}
        </div>
      ) : null}
      {files.length ? (
        <div class="muted">
          📎{' '}
          {files.map((f, i) => (
            <>
              {i > 0 ? ', ' : ''}
              <span translate="no">{f.name}</span>
              {kb(f.size, lang)}
            </>
          ))}
        </div>
      ) : null}
      {inThread >= 2 ? <div class="muted">{msgf(`card.thread.${pluralForm(inThread, lang)}`, lang, { n: inThread })}</div> : null}
      {e.recordingUrl && /^https?:\/\//.test(e.recordingUrl) ? (
        <a href={e.recordingUrl} rel="noopener noreferrer" target="_blank">
          {msg('card.recording', lang)}
        </a>
      ) : null}
    </div>
  );
}
