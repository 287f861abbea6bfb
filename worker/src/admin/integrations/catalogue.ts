import { sql, type SQL } from 'drizzle-orm';
import type { Config } from '../../platform/config';
import type { MessageKey } from '../../platform/i18n';

/** One setting of an integration: its name (a wrangler var or secret), whether it is needed, what it is. */
export interface IntegrationSetting {
  name: string;
  secret: boolean;
  required: boolean;
  /** What it is, in the catalogue (platform/messages/admin.ts). */
  what: MessageKey;
}

export type IntegrationId = 'mango' | 'zadarma' | 'generic' | 'onec-push' | 'onec-pull' | 'mail';

export interface IntegrationDef {
  id: IntegrationId;
  title: MessageKey;
  settings: IntegrationSetting[];
  /** The path the provider is given (the URL is the public origin + this); null when we call them. */
  path: string | null;
  /** Where in the provider's console the URL goes. */
  where: MessageKey;
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
    title: 'admin.int.mango.title',
    settings: [
      { name: 'MANGO_VPBX_API_KEY', secret: true, required: true, what: 'admin.int.mango.key' },
      { name: 'MANGO_VPBX_API_SALT', secret: true, required: true, what: 'admin.int.mango.salt' },
      { name: 'MANGO_VPBX_API_URL', secret: false, required: false, what: 'admin.int.mango.url' },
      { name: 'TELEPHONY_PROVIDER', secret: false, required: false, what: 'admin.int.mango.provider' },
    ],
    path: '/hooks/telephony/mango',
    where: 'admin.int.mango.where',
    inbox: sql`source = 'mango'`,
    silentAfterHours: 72,
    check: 'hook',
    docs: 'docs/telephony.md',
  },
  {
    id: 'zadarma',
    title: 'admin.int.zadarma.title',
    settings: [
      { name: 'ZADARMA_API_SECRET', secret: true, required: true, what: 'admin.int.zadarma.secret' },
      { name: 'ZADARMA_API_KEY', secret: true, required: false, what: 'admin.int.zadarma.key' },
      { name: 'ZADARMA_TIME_ZONE', secret: false, required: false, what: 'admin.int.zadarma.zone' },
    ],
    path: '/hooks/telephony/zadarma',
    where: 'admin.int.zadarma.where',
    inbox: sql`source = 'zadarma'`,
    silentAfterHours: 72,
    check: 'hook',
    docs: 'docs/telephony.md',
  },
  {
    id: 'generic',
    title: 'admin.int.generic.title',
    settings: [
      {
        name: 'TELEPHONY_WEBHOOK_SECRET',
        secret: true,
        required: true,
        what: 'admin.int.generic.secret',
      },
    ],
    path: '/hooks/telephony/generic',
    where: 'admin.int.generic.where',
    inbox: sql`source = 'generic'`,
    silentAfterHours: 72,
    check: 'hook',
    docs: 'docs/telephony.md',
  },
  {
    id: 'onec-push',
    title: 'admin.int.onecPush.title',
    settings: [
      { name: 'ONEC_WEBHOOK_SECRET', secret: true, required: true, what: 'admin.int.onecPush.secret' },
      { name: 'ONEC_PUSH_AUTH', secret: false, required: false, what: 'admin.int.onecPush.auth' },
    ],
    path: '/hooks/1c/documents',
    where: 'admin.int.onecPush.where',
    inbox: sql`source = 'onec' AND method <> 'GET'`,
    silentAfterHours: 72,
    check: 'ping',
    docs: 'docs/1c.md',
  },
  {
    id: 'onec-pull',
    title: 'admin.int.onecPull.title',
    settings: [
      { name: 'ONEC_ODATA_URL', secret: true, required: true, what: 'admin.int.onecPull.url' },
      { name: 'ONEC_ODATA_USER', secret: true, required: true, what: 'admin.int.onecPull.user' },
      { name: 'ONEC_ODATA_PASSWORD', secret: true, required: true, what: 'admin.int.onecPull.password' },
    ],
    // README lists all three as secrets: the URL and the user name say where the base is and who reads it.
    path: null,
    where: 'admin.int.onecPull.where',
    inbox: sql`source = 'onec' AND method = 'GET'`,
    silentAfterHours: 1,
    check: 'odata',
    docs: 'docs/1c.md',
  },
  {
    id: 'mail',
    title: 'admin.int.mail.title',
    settings: [
      { name: 'MAIL_OWN_DOMAINS', secret: false, required: true, what: 'admin.int.mail.domains' },
      { name: 'MAIL_ADDRESS', secret: false, required: false, what: 'admin.int.mail.address' },
      { name: 'MAIL_DEFAULT_REGION', secret: false, required: false, what: 'admin.int.mail.region' },
    ],
    path: null,
    where: 'admin.int.mail.where',
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
