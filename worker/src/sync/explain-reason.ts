import { type Lang, type MessageKey, msg, msgf } from '../platform/i18n';

/**
 * A rejected payload's reason as one plain sentence for the admin, in his language (the raw reason
 * stays behind «Подробности»). Reasons come from the signature checks (English, "unauthorized: …"), the
 * body limit, the replay guards, zod validation ("body.x: message") and the integrations' own readers,
 * which already speak Russian; an unknown reason is shown as it is when it is in the admin's language,
 * else a general sentence points to the details.
 */
const SIGNATURE: [RegExp, MessageKey][] = [
  [/outside the 5-minute window/i, 'sync.reason.sig.window'],
  [/missing .*header|нет заголовка|missing X-Signature/i, 'sync.reason.sig.headers'],
  [/not configured|не задан|не настроен/i, 'sync.reason.sig.notSet'],
  [/mismatch|не совпадает/i, 'sync.reason.sig.mismatch'],
  [/чужой vpbx_api_key/i, 'sync.reason.sig.mangoKey'],
  [/weaker|Basic/i, 'sync.reason.sig.basic'],
];

/** zod's messages, English and Russian (parseInput answers in the sender's language), as plain words. */
const ZOD: [RegExp, MessageKey][] = [
  [/^Required$|received undefined|получено undefined/i, 'sync.zod.required'],
  [/ожидалось \w+, получено \w+/i, 'sync.zod.type'],
  [/expected (\w+), received (\w+)/i, 'sync.zod.type'],
  [/Invalid (email|e-mail)/i, 'sync.zod.email'],
  [/Too big|too long|at most/i, 'sync.zod.tooBig'],
  [/Too small|at least/i, 'sync.zod.tooSmall'],
  [/Invalid (enum|option)/i, 'sync.zod.enum'],
  [/Invalid/i, 'sync.zod.invalid'],
];

const CYRILLIC = /[А-Яа-яЁё]/;

function fieldSentence(part: string, lang: Lang): string | null {
  const m = /^((?:body|query|params)(?:\.[\wА-Яа-яЁё$-]+)*)\s*:\s*(.+)$/.exec(part.trim());
  if (!m) return null;
  const field = m[1]!.replace(/^(body|query|params)\.?/, '') || msg('sync.reason.body', lang);
  const message = m[2]!;
  const known = ZOD.find(([re]) => re.test(message))?.[1];
  // A message no pattern knows is shown as the validator said it — unless it is in the other language.
  const plain = known ? msg(known, lang) : lang === 'en' && CYRILLIC.test(message) ? msg('sync.zod.invalid', lang) : message;
  return msgf('sync.reason.field', lang, { field, problem: plain });
}

export function explainReason(reason: string | null | undefined, lang: Lang = 'ru'): string {
  const m = (k: MessageKey) => msg(k, lang);
  if (!reason) return m('sync.reason.none');
  const r = reason.trim();
  if (r.startsWith('unauthorized')) {
    const why = m(SIGNATURE.find(([re]) => re.test(r))?.[1] ?? 'sync.reason.sig.other');
    return msgf('sync.reason.signature', lang, { why });
  }
  if (r.startsWith('payload_too_large')) return m('sync.reason.tooLarge');
  if (r.startsWith('replay:') || r.includes('request_id_reused')) return m('sync.reason.replay');
  if (r.startsWith('более старая версия')) return m('sync.reason.older');
  if (/внутренняя ошибка|ошибка обработки/.test(r)) return m('sync.reason.ours');
  if (/не найден/.test(r)) return m('sync.reason.missing');
  if (/not valid JSON|не JSON/i.test(r)) return m('sync.reason.notJson');
  if (/not valid UTF-8|не текст UTF-8/i.test(r)) return m('sync.reason.notUtf8');
  const fields = r.split(/;\s*/).map((part) => fieldSentence(part, lang));
  if (fields.length && fields.every((f) => f !== null)) return msgf('sync.reason.fields', lang, { fields: fields.join('; ') });
  const reasonInLang = lang === 'ru' ? CYRILLIC.test(r) : !CYRILLIC.test(r);
  if (reasonInLang) return msgf('sync.reason.asIs', lang, { reason: r.replace(/\.$/, '') });
  return m('sync.reason.otherLang');
}
