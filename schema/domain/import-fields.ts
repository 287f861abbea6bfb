/**
 * The fields a spreadsheet column can be loaded into and the Russian words for them and for the
 * outcomes of a row: the import page, the worker's result file and the contracts share them.
 */
/** Rows per preview/commit request; the page also keeps each request under the 1 MB body limit. */
export const IMPORT_CHUNK_ROWS = 1000;
export const IMPORT_MAX_ROWS = 200_000;

export const importFields = ['name', 'inn', 'kpp', 'phone', 'email', 'contact', 'position', 'region', 'comment'] as const;
export type ImportFieldName = (typeof importFields)[number];

export const importFieldLabels: Record<ImportFieldName, string> = {
  name: 'Наименование',
  inn: 'ИНН',
  kpp: 'КПП',
  phone: 'Телефон',
  email: 'E-mail',
  contact: 'Контактное лицо',
  position: 'Должность',
  region: 'Регион',
  comment: 'Комментарий',
};

export const importOutcomeLabels = {
  new: 'Импортирована',
  merged: 'Объединена с существующей',
  duplicate: 'Дубликат',
  other_owner: 'Клиент другого менеджера',
  invalid: 'Ошибка',
} as const;
