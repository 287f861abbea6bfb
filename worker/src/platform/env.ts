/** Bindings and variables as wrangler/Miniflare pass them; read only by lib/config.ts. */
export interface Env {
  DB: D1Database;
  /** Durable Object namespace of the managers' live channels (worker/src/live/manager-channel.ts). */
  LIVE?: DurableObjectNamespace;
  APP_VERSION?: string;
  /** An ISO instant the worker takes as "now" (tests, seeds, the bench); empty = the machine's clock (lib/clock.ts). */
  CLOCK_NOW?: string;
  /** Where the worker is reached from outside (https://crm.example.ru): the URLs the integrations page gives to paste; empty = the request's origin. */
  PUBLIC_URL?: string;
  SESSION_TTL_HOURS?: string;
  SECURE_COOKIES?: string;
  EMBED_TOKEN_SECRET?: string;
  FRAME_ANCESTORS?: string;
  TELEPHONY_WEBHOOK_SECRET?: string;
  ONEC_WEBHOOK_SECRET?: string;
  /** 'basic' also accepts Basic credentials and a body-only X-Signature on the 1C push (weaker: replayable); default signed only. */
  ONEC_PUSH_AUTH?: string;
  /** Workers Rate Limiting (wrangler.toml [[ratelimits]]): refused hook requests per source and client address. */
  HOOK_RATE_LIMITER?: RateLimit;
  ZADARMA_API_SECRET?: string;
  MANGO_VPBX_API_KEY?: string;
  MANGO_VPBX_API_SALT?: string;
  MANGO_VPBX_API_URL?: string;
  ZADARMA_API_KEY?: string;
  ZADARMA_API_URL?: string;
  ZADARMA_TIME_ZONE?: string;
  TELEPHONY_PROVIDER?: string;
  SANDBOX_PBX?: string;
  ONEC_ODATA_URL?: string;
  ONEC_ODATA_USER?: string;
  ONEC_ODATA_PASSWORD?: string;
  ONEC_TIME_ZONE?: string;
  ONEC_DEFAULT_REGION?: string;
  ONEC_PULL_PAGE_SIZE?: string;
  ONEC_PULL_SINCE?: string;
  MAIL_OWN_DOMAINS?: string;
  MAIL_DEFAULT_REGION?: string;
  /** The BCC / forward address routed to this worker by Email Routing (docs/mail.md), shown on the integrations page. */
  MAIL_ADDRESS?: string;
}
