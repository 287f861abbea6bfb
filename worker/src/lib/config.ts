import type { Env } from '../env';

/** Everything configurable, resolved once per request at the entry and passed down. */
export interface Config {
  version: string;
  sessionTtlMs: number;
  secureCookies: boolean;
  embedTokenSecret: string | null;
  frameAncestors: string[];
  /** Standard-Webhooks secrets by integration name; only configured ones are present. */
  webhookSecrets: Record<string, string>;
  /** 1C writes zone-less local times; this is the zone of the 1C server. */
  onecTimeZone: string;
  /** Region code for companies that arrive from 1C unknown; empty = the first region. */
  onecDefaultRegion: string | null;
}

export const APP_VERSION = '0.1.0';

export function loadConfig(env: Env): Config {
  const webhookSecrets: Record<string, string> = {};
  if (env.TELEPHONY_WEBHOOK_SECRET) webhookSecrets['telephony'] = env.TELEPHONY_WEBHOOK_SECRET;
  if (env.ONEC_WEBHOOK_SECRET) webhookSecrets['onec'] = env.ONEC_WEBHOOK_SECRET;
  return {
    version: env.APP_VERSION || APP_VERSION,
    sessionTtlMs: Number(env.SESSION_TTL_HOURS || 12) * 3_600_000,
    secureCookies: env.SECURE_COOKIES !== 'false',
    embedTokenSecret: env.EMBED_TOKEN_SECRET || null,
    frameAncestors: (env.FRAME_ANCESTORS || '').split(/[\s,]+/).filter(Boolean),
    webhookSecrets,
    onecTimeZone: env.ONEC_TIME_ZONE || 'Europe/Moscow',
    onecDefaultRegion: env.ONEC_DEFAULT_REGION || null,
  };
}
