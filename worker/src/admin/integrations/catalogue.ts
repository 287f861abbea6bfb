import { sql, type SQL } from 'drizzle-orm';
import type { Config } from '../../platform/config';

/** One setting of an integration: its name (a wrangler var or secret), whether it is needed, what it is. */
export interface IntegrationSetting {
  name: string;
  secret: boolean;
  required: boolean;
  what: string;
}

export type IntegrationId = 'mango' | 'zadarma' | 'generic' | 'onec-push' | 'onec-pull' | 'mail';

export interface IntegrationDef {
  id: IntegrationId;
  title: string;
  settings: IntegrationSetting[];
  /** The path the provider is given (the URL is the public origin + this); null when we call them. */
  path: string | null;
  /** Where in the provider's console the URL goes. */
  where: string;
  /** Which inbox rows are this integration's payloads. */
  inbox: SQL;
  /** The sync page warns when a configured integration has sent nothing for longer than this. */
  silentAfterHours: number;
  /** What «Проверить» does. */
  check: 'hook' | 'odata' | 'ping' | 'mail';
  docs: string;
}

/**
 * Every integration the worker has, as the admin's pages show it (docs/admin.md). Silence: the PBX
 * and mail are quiet over a weekend and on holidays, so 72 hours; the 1C push sends every document
 * saved in a working day, 72 hours too; the pull runs every 5 minutes, so 1 hour without an answer
 * from 1C means it is down or refusing.
 */
export const INTEGRATIONS: readonly IntegrationDef[] = [
  {
    id: 'mango',
    title: 'Манго Офис',
    settings: [
      { name: 'MANGO_VPBX_API_KEY', secret: true, required: true, what: 'уникальный код АТС (ключ API)' },
      { name: 'MANGO_VPBX_API_SALT', secret: true, required: true, what: 'ключ для создания подписи (соль)' },
      { name: 'MANGO_VPBX_API_URL', secret: false, required: false, what: 'адрес API, если не https://app.mango-office.ru/vpbx/' },
      { name: 'TELEPHONY_PROVIDER', secret: false, required: false, what: '«mango» — звонки из карточки через Манго' },
    ],
    path: '/hooks/telephony/mango',
    where: 'Личный кабинет Манго → Интеграции → API Коннектор → «Адрес внешней системы»',
    inbox: sql`source = 'mango'`,
    silentAfterHours: 72,
    check: 'hook',
    docs: 'docs/telephony.md',
  },
  {
    id: 'zadarma',
    title: 'Zadarma',
    settings: [
      { name: 'ZADARMA_API_SECRET', secret: true, required: true, what: 'Secret из раздела API (подпись уведомлений)' },
      { name: 'ZADARMA_API_KEY', secret: true, required: false, what: 'Key из раздела API — нужен только для звонков из карточки' },
      { name: 'ZADARMA_TIME_ZONE', secret: false, required: false, what: 'часовой пояс АТС, если не Europe/Moscow' },
    ],
    path: '/hooks/telephony/zadarma',
    where: 'Личный кабинет Zadarma → Настройки → Интеграции и API → Уведомления о звонках в АТС (все события)',
    inbox: sql`source = 'zadarma'`,
    silentAfterHours: 72,
    check: 'hook',
    docs: 'docs/telephony.md',
  },
  {
    id: 'generic',
    title: 'АТС по общему вебхуку (Asterisk и др.)',
    settings: [
      {
        name: 'TELEPHONY_WEBHOOK_SECRET',
        secret: true,
        required: true,
        what: 'секрет Standard Webhooks (whsec_…), им подписывает события АТС или ретранслятор',
      },
    ],
    path: '/hooks/telephony/generic',
    where: 'Настройка ретранслятора AMI/ARI (docs/asterisk) или вебхука АТС: адрес и секрет',
    inbox: sql`source = 'generic'`,
    silentAfterHours: 72,
    check: 'hook',
    docs: 'docs/telephony.md',
  },
  {
    id: 'onec-push',
    title: '1С: выгрузка документов в Воронку',
    settings: [
      { name: 'ONEC_WEBHOOK_SECRET', secret: true, required: true, what: 'общий секрет подписи запросов из 1С' },
      { name: 'ONEC_PUSH_AUTH', secret: false, required: false, what: '«basic» — принимать и старую подпись (слабее)' },
    ],
    path: '/hooks/1c/documents',
    where: 'Расширение 1С «Воронка» → Настройки обмена → «Адрес сервиса»',
    inbox: sql`source = 'onec' AND method <> 'GET'`,
    silentAfterHours: 72,
    check: 'ping',
    docs: 'docs/1c.md',
  },
  {
    id: 'onec-pull',
    title: '1С: загрузка из OData',
    settings: [
      { name: 'ONEC_ODATA_URL', secret: true, required: true, what: 'https://сервер/база/odata/standard.odata' },
      { name: 'ONEC_ODATA_USER', secret: true, required: true, what: 'пользователь 1С с правом чтения' },
      { name: 'ONEC_ODATA_PASSWORD', secret: true, required: true, what: 'его пароль' },
    ],
    // README lists all three as secrets: the URL and the user name say where the base is and who reads it.
    path: null,
    where: 'В 1С: «Администрирование → Общие настройки → Интеграция → Стандартный интерфейс OData» — опубликовать нужные объекты',
    inbox: sql`source = 'onec' AND method = 'GET'`,
    silentAfterHours: 1,
    check: 'odata',
    docs: 'docs/1c.md',
  },
  {
    id: 'mail',
    title: 'Почта (копия писем)',
    settings: [
      { name: 'MAIL_OWN_DOMAINS', secret: false, required: true, what: 'домены почты компании: company.ru' },
      { name: 'MAIL_ADDRESS', secret: false, required: false, what: 'адрес, на который почтовый сервер копирует письма' },
      { name: 'MAIL_DEFAULT_REGION', secret: false, required: false, what: 'регион для новых отправителей' },
    ],
    path: null,
    where: 'Cloudflare → Email Routing → Routing rules: адрес → этот воркер; на почтовом сервере — правило пересылки копии',
    inbox: sql`source = 'mail' AND method = 'EMAIL'`,
    silentAfterHours: 72,
    check: 'mail',
    docs: 'docs/mail.md',
  },
];

/** The required settings that are not set (names only). */
export function missingSettings(def: IntegrationDef, config: Config): string[] {
  const set = new Set(config.setNames);
  return def.settings.filter((s) => s.required && !set.has(s.name)).map((s) => s.name);
}

export const isConfigured = (def: IntegrationDef, config: Config) => missingSettings(def, config).length === 0;

/** Which integration an inbox row belongs to, for the sync page (a row of no integration: ping, lookup, the extension's mail). */
export function integrationOfSource(source: string): IntegrationDef | undefined {
  return INTEGRATIONS.find((d) => d.id === source || (source === 'onec' && d.id === 'onec-push') || (source === 'mail' && d.id === 'mail'));
}
