/**
 * A rejected payload's reason as one plain Russian sentence for the admin (the raw reason stays
 * behind «Подробности»). Reasons come from the signature checks (English, "unauthorized: …"), the
 * body limit, the replay guards, zod validation ("body.x: message") and the integrations' own readers,
 * which already speak Russian; an unknown reason is shown as it is, after a general sentence.
 */
const SIGNATURE: [RegExp, string][] = [
  [/outside the 5-minute window/i, 'время в подписи расходится с нашим больше чем на 5 минут: проверьте часы отправителя'],
  [/missing .*header|нет заголовка|missing X-Signature/i, 'запрос пришёл без заголовков подписи'],
  [/not configured|не задан|не настроен/i, 'секрет для этой интеграции у нас не задан'],
  [/mismatch|не совпадает/i, 'подпись не совпадает: у отправителя другой секрет'],
  [/чужой vpbx_api_key/i, 'ключ АТС не наш: проверьте MANGO_VPBX_API_KEY'],
  [/weaker|Basic/i, 'старый способ подписи выключен (ONEC_PUSH_AUTH)'],
];

/** zod's messages, English and Russian (parseInput answers in the sender's language), as plain words. */
const ZOD: [RegExp, string][] = [
  [/^Required$|received undefined|получено undefined/i, 'не заполнено'],
  [/ожидалось \w+, получено \w+/i, 'неверный тип значения'],
  [/expected (\w+), received (\w+)/i, 'неверный тип значения'],
  [/Invalid (email|e-mail)/i, 'неверный e-mail'],
  [/Too big|too long|at most/i, 'слишком длинное значение'],
  [/Too small|at least/i, 'слишком короткое или пустое значение'],
  [/Invalid (enum|option)/i, 'значение не из списка допустимых'],
  [/Invalid/i, 'неверное значение'],
];

function fieldSentence(part: string): string | null {
  const m = /^((?:body|query|params)(?:\.[\wА-Яа-яЁё$-]+)*)\s*:\s*(.+)$/.exec(part.trim());
  if (!m) return null;
  const field = m[1]!.replace(/^(body|query|params)\.?/, '') || 'тело';
  const message = m[2]!;
  const plain = ZOD.find(([re]) => re.test(message))?.[1] ?? message;
  return `поле «${field}» — ${plain}`;
}

export function explainReason(reason: string | null | undefined): string {
  if (!reason) return 'Причина не записана.';
  const r = reason.trim();
  if (r.startsWith('unauthorized')) {
    const why = SIGNATURE.find(([re]) => re.test(r))?.[1] ?? 'подпись не прошла проверку';
    return `Подпись не принята: ${why}. Такой запрос нужно прислать заново, повтор здесь невозможен.`;
  }
  if (r.startsWith('payload_too_large')) return 'Запрос больше 1 МБ: хранится только его начало. Его нужно прислать заново частями.';
  if (r.startsWith('replay:') || r.includes('request_id_reused'))
    return 'Повтор уже полученного запроса (тот же идентификатор): повторно не применяется.';
  if (r.startsWith('более старая версия')) return 'Пришла более старая версия объекта, чем уже есть в Воронке: не применяется.';
  if (/внутренняя ошибка|ошибка обработки/.test(r)) return 'Не применено из-за ошибки на нашей стороне: нажмите «Повторить».';
  if (/не найден/.test(r)) {
    return 'Ссылается на то, чего в Воронке ещё нет (например, контрагент ещё не пришёл из 1С): нажмите «Повторить», когда оно придёт.';
  }
  if (/not valid JSON|не JSON/i.test(r)) return 'Тело запроса — не JSON: отправитель прислал что-то другое.';
  if (/not valid UTF-8|не текст UTF-8/i.test(r)) return 'Тело запроса — не текст в UTF-8: у отправителя неверная кодировка.';
  const fields = r.split(/;\s*/).map(fieldSentence);
  if (fields.length && fields.every((f) => f !== null)) return `Данные не прошли проверку: ${fields.join('; ')}.`;
  if (/[А-Яа-яЁё]/.test(r)) return `Не принято: ${r.replace(/\.$/, '')}.`;
  return 'Не принято: причина на английском — см. подробности.';
}
