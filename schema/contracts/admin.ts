import { z } from 'zod';
import { Role, UiLang } from './auth';

export const IntegrationIdParams = z.object({
  id: z.enum(['mango', 'zadarma', 'generic', 'onec-push', 'onec-pull', 'mail']),
});

export const IntegrationCard = z
  .object({
    id: z.string(),
    title: z.string(),
    configured: z.boolean(),
    /** Names of the required settings not set (never their values). */
    missing: z.array(z.string()),
    settings: z.array(z.object({ name: z.string(), secret: z.boolean(), required: z.boolean(), what: z.string(), set: z.boolean() })),
    /** What to run for each setting not set: `npx wrangler secret put NAME` for a secret. */
    commands: z.array(z.string()),
    /** The URL to paste into the provider's console (PUBLIC_URL or the request's origin + the hook's path); null when we call them. */
    url: z.string().nullable(),
    mailAddress: z.string().nullable(),
    where: z.string(),
    docs: z.string(),
    check: z.enum(['hook', 'odata', 'ping', 'mail']),
    silentAfterHours: z.number(),
    lastReceivedAt: z.number().int().nullable(),
    stored24h: z.number().int(),
    duplicate24h: z.number().int(),
    rejected24h: z.number().int(),
  })
  .meta({ id: 'IntegrationCard' });

export const IntegrationList = z.object({
  origin: z.string(),
  originFrom: z.enum(['PUBLIC_URL', 'request']),
  items: z.array(IntegrationCard),
});

export const IntegrationCheckResult = z.object({ ok: z.boolean(), message: z.string(), status: z.number().int().optional() });

const Extension = z
  .string()
  .trim()
  .regex(/^\d{1,8}$/, 'внутренний номер — от 1 до 8 цифр')
  .nullable();
const TimeZone = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .refine((zone) => {
    try {
      new Intl.DateTimeFormat('ru', { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  }, 'неизвестный часовой пояс (пример: Europe/Moscow)');

export const UserCreateRequest = z.object({
  name: z.string().trim().min(1).max(200),
  email: z.string().trim().toLowerCase().email().max(254),
  role: Role,
  regionIds: z.array(z.number().int().positive()).max(50).default([]),
  phoneExtension: Extension.default(null),
  timeZone: TimeZone.default('Europe/Moscow'),
  lang: UiLang.default('ru'),
});

export const UserUpdateRequest = z
  .object({
    name: z.string().trim().min(1).max(200),
    role: Role,
    regionIds: z.array(z.number().int().positive()).max(50),
    phoneExtension: Extension,
    timeZone: TimeZone,
    lang: UiLang,
  })
  .partial();

export const UserCreateResult = z.object({
  id: z.number().int(),
  email: z.string(),
  /** Shown once to the admin, never stored in clear and never shown again (docs/security.md). */
  initialPassword: z.string(),
});

export const UserUpdateResult = z.object({ id: z.number().int(), changed: z.array(z.string()) });

export const HandOverPreviewQuery = z.object({
  to: z
    .string()
    .regex(/^\d+(,\d+)*$/, 'список id через запятую')
    .transform((s) => s.split(',').map(Number)),
});

export const HandOverPreview = z.object({
  companies: z.number().int(),
  leads: z.number().int(),
  tasks: z.number().int(),
  /** Per receiver: how many clients, open leads and open tasks he gets. */
  byUser: z.array(
    z.object({ userId: z.number().int(), name: z.string(), companies: z.number().int(), leads: z.number().int(), tasks: z.number().int() }),
  ),
});
