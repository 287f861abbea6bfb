import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { type Principal, sessionLang } from './principal';
import { authenticateUser, type Access } from './authenticate';
import type { Env } from './env';
import { claimIdempotencyKey, completeIdempotencyKey, readIdempotencyKey, releaseIdempotencyKey, requestFingerprint } from './idempotency';
import { countRefusal, recordInbox, recordRefused, sha256OfBytes, type RefusalKind } from './inbox';
import { readBodyCapped, type CappedBody } from './read-body';
import type { Config } from './config';
import type { Db } from './db';
import { AppError, errorBody } from './errors';
import type { Lang } from './i18n';
import type { LivePush } from './live';
import { parseInput } from './validation';
import { recordRead, type ReadAudit } from './read-audit';

export type { Access };

export interface AppVariables {
  live: LivePush;
  requestId: string;
  lang: Lang;
  config: Config;
  db: Db;
  now: number;
  /** This same app answering a request in-process (no network): the integrations page's «Проверить» sends its signed test events through it. */
  self: (request: Request) => Promise<Response>;
  /** The caller, once a route has authenticated it (the page header and the error pages read it). */
  principal?: Principal;
}
export type AppEnv = { Bindings: Env; Variables: AppVariables };
export type App = Hono<AppEnv>;

/** What every service receives: the caller, the database and the resolved config. */
export interface ServiceContext {
  db: Db;
  /** Pushes to a manager's browser; a no-op where no live channel is bound. */
  live: LivePush;
  config: Config;
  principal: Principal;
  requestId: string;
  lang: Lang;
  now: number;
}

export type MachineCheck = { ok: true; integration: string; externalId?: string } | { ok: false; reason: string };

export interface MachineAuth {
  /** Inbox source name for this hook. */
  source: string;
  /** `bytes` are exactly what was received (signatures are checked over them); `body` is their lossy UTF-8 text. */
  verify: (args: { headers: Headers; body: string; bytes: Uint8Array; url: URL; config: Config; now: number }) => Promise<MachineCheck>;
}

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Schema = z.ZodType;
type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface RouteSpec<
  Q extends Schema | undefined,
  P extends Schema | undefined,
  B extends Schema | undefined,
  R extends Schema | undefined,
> {
  method: Method;
  path: string;
  tag: string;
  summary: string;
  access: readonly Access[];
  /** Machine routes: how the caller proves who it is; failures are kept in the inbox. */
  machine?: MachineAuth;
  /** Pages answer a missing session with a redirect to the sign-in page instead of JSON 401. */
  page?: boolean;
  /**
   * A file the browser opens from a link (a CSV): like a page, it is in the signed-in user's language
   * (users.lang), not the browser's Accept-Language, which is all a link carries.
   */
  download?: boolean;
  query?: Q;
  params?: P;
  body?: B;
  response?: R;
  status?: 200 | 201;
  /**
   * Honours an `Idempotency-Key` header from a signed-in user: the first answer (status and body)
   * is kept per (user, key) and replayed for a repeat; see services/idempotency/claim.ts.
   */
  idempotent?: boolean;
  /** Returns clients' personal data: each successful answer to a person is audited (platform/read-audit.ts). */
  reads?: ReadAudit;
  /**
   * A read that needs no caller, started while the caller is being authenticated so the two D1
   * round trips overlap (caller ID is answered while a phone rings). Its result reaches the
   * handler only after authentication and validation passed; the handler still decides what the
   * caller may see of it. Runs only on a valid query; a failure is ignored (the handler reads again).
   */
  prefetch?: (args: { db: Db; query: Out<Q> }) => Promise<unknown>;
  handler: (args: {
    ctx: ServiceContext;
    input: { query: Out<Q>; params: Out<P>; body: Out<B> };
    c: Context<AppEnv>;
    rawBody: string;
    /** What `prefetch` read, undefined without one or when it failed. */
    prefetched?: Promise<unknown>;
  }) => Promise<(R extends Schema ? z.input<R> : unknown) | Response>;
}

export type AnyRoute = RouteSpec<Schema | undefined, Schema | undefined, Schema | undefined, Schema | undefined>;

export function defineRoute<
  Q extends Schema | undefined = undefined,
  P extends Schema | undefined = undefined,
  B extends Schema | undefined = undefined,
  R extends Schema | undefined = undefined,
>(spec: RouteSpec<Q, P, B, R>): AnyRoute {
  return spec as unknown as AnyRoute;
}

export const MAX_BODY_BYTES = 1_000_000;

/**
 * A hook request that is not trusted (over the size limit, or its signature refused): counted, and
 * kept as a bounded inbox row (size, SHA-256, first 4 KB, reason) unless the source is over its
 * rate limit (HOOK_RATE_LIMITER, per source and client address), which answers 429 and only counts.
 */
async function refuseUntrusted(
  c: Context<AppEnv>,
  source: string,
  kind: Exclude<RefusalKind, 'rate_limited'>,
  reason: string,
  body: CappedBody,
): Promise<'kept' | 'rate_limited'> {
  const { db, now } = c.var;
  const size = body.over ? (body.declared ?? body.bytes.length) : body.bytes.length;
  const limiter = c.env?.HOOK_RATE_LIMITER;
  if (limiter) {
    const address = c.req.header('cf-connecting-ip') ?? 'unknown';
    const allowed = await limiter.limit({ key: `${source}:${address}` }).then(
      (r) => r.success,
      () => true, // a limiter that fails must not turn refusals into stored bodies or 500s
    );
    if (!allowed) {
      await countRefusal(db, { source, kind: 'rate_limited', bytes: size, now });
      return 'rate_limited';
    }
  }
  const url = new URL(c.req.url);
  await recordRefused(db, {
    now,
    kind,
    entry: { source, method: c.req.method, path: url.pathname, headers: c.req.raw.headers, reason },
    bytes: body.bytes,
    size,
  });
  return 'kept';
}

/** The rate limiter's period (wrangler.toml [[ratelimits]] HOOK_RATE_LIMITER). */
const REFUSED_RETRY_AFTER_S = 60;

function tooManyRefused(): AppError {
  return new AppError('too_many_requests', {
    ru: 'Слишком много отклонённых запросов с этого адреса: повторите через минуту',
    en: 'Too many refused requests from this address: retry in a minute',
  });
}

async function resolvePrincipal(c: Context<AppEnv>, route: AnyRoute, rawBody: string, body: CappedBody): Promise<Principal> {
  const { db, config, now } = c.var;
  // A route open to both people and a machine (the PBX's caller lookup) tries the people first.
  const forUsers = route.access.some((a) => a === 'session' || a === 'extension' || a === 'widget');
  if (route.machine && forUsers) {
    const user = await authenticateUser(c, route.access, db, config, now);
    if (user.kind !== 'anonymous') return user;
  }
  if (route.machine) {
    const url = new URL(c.req.url);
    const check = await route.machine.verify({ headers: c.req.raw.headers, body: rawBody, bytes: body.bytes, url, config, now });
    if (check.ok) return { kind: 'machine', integration: check.integration };
    const kept = await refuseUntrusted(c, route.machine.source, 'unauthorized', `unauthorized: ${check.reason}`, body);
    if (kept === 'rate_limited') throw tooManyRefused();
    throw new AppError('unauthorized', { ru: `Подпись не принята: ${check.reason}`, en: `Signature refused: ${check.reason}` });
  }
  const principal = await authenticateUser(c, route.access, db, config, now);
  if (principal.kind === 'anonymous' && !route.access.includes('public')) throw new AppError('unauthorized');
  return principal;
}

/** UTF-8 text of the body (a leading BOM dropped); `valid` false when some bytes are not UTF-8. */
function decodeUtf8(bytes: Uint8Array): { text: string; valid: boolean } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes), valid: true };
  } catch {
    return { text: new TextDecoder().decode(bytes), valid: false };
  }
}

function parseJsonBody(raw: string): unknown {
  if (raw.trim() === '') return {};
  try {
    return JSON.parse(raw);
  } catch {
    throw new AppError('bad_request', { ru: 'Тело запроса — не JSON', en: 'The request body is not valid JSON' });
  }
}

/** Thin adapter: authenticate, validate, call the service-backed handler, answer JSON. */
export function registerRoute(app: App, route: AnyRoute): void {
  app.on(route.method.toUpperCase(), route.path, async (c) => {
    // Read up to the limit and no further: a body without Content-Length (chunked) that never ends,
    // or one far over the limit, is refused before it is read whole — and before authentication.
    const body: CappedBody =
      route.method === 'get' || route.method === 'delete'
        ? { over: false, bytes: new Uint8Array(0) }
        : await readBodyCapped(c.req.raw, MAX_BODY_BYTES);
    if (body.over) {
      if (route.machine) {
        const stopped = body.declared !== null ? `Content-Length ${body.declared}` : `stopped reading after ${body.bytes.length} bytes`;
        const reason = `payload_too_large: over ${MAX_BODY_BYTES} bytes (${stopped})`;
        if ((await refuseUntrusted(c, route.machine.source, 'too_large', reason, body)) === 'rate_limited') {
          return c.json(errorBody(tooManyRefused(), c.var.lang, c.var.requestId), 429, { 'retry-after': String(REFUSED_RETRY_AFTER_S) });
        }
      }
      throw new AppError('payload_too_large');
    }
    const decoded = decodeUtf8(body.bytes);
    const rawBody = decoded.text;
    let prefetched: Promise<unknown> | undefined;
    if (route.prefetch && route.query) {
      const query = route.query.safeParse(c.req.query());
      if (query.success) prefetched = route.prefetch({ db: c.var.db, query: query.data }).catch(() => undefined);
    }
    let principal: Principal;
    try {
      principal = await resolvePrincipal(c, route, rawBody, body);
    } catch (err) {
      if (err instanceof AppError && err.code === 'too_many_requests') {
        return c.json(errorBody(err, c.var.lang, c.var.requestId), 429, { 'retry-after': String(REFUSED_RETRY_AFTER_S) });
      }
      if (route.page && err instanceof AppError && err.code === 'unauthorized') {
        // The way back keeps the query (a month, filters), so sign-in lands on the page that was asked for.
        const asked = new URL(c.req.url);
        return c.redirect(`/sign-in?next=${encodeURIComponent(asked.pathname + asked.search)}`, 302);
      }
      throw err;
    }
    c.set('principal', principal);
    // A page or a download speaks its user's language (users.lang), its refusals too; the API answers by Accept-Language.
    const lang = ((route.page || route.download) && sessionLang(principal)) || c.var.lang;
    c.set('lang', lang);
    try {
      if (!decoded.valid) {
        throw new AppError('bad_request', { ru: 'Тело запроса — не текст UTF-8', en: 'The request body is not valid UTF-8' });
      }
      const input = {
        query: route.query ? parseInput(route.query, c.req.query(), lang, 'query') : undefined,
        params: route.params ? parseInput(route.params, c.req.param(), lang, 'params') : undefined,
        body: route.body ? parseInput(route.body, parseJsonBody(rawBody), lang, 'body') : undefined,
      };
      const ctx: ServiceContext = {
        db: c.var.db,
        live: c.var.live,
        config: c.var.config,
        principal,
        requestId: c.var.requestId,
        lang,
        now: c.var.now,
      };
      const key = route.idempotent && principal.kind === 'user' ? readIdempotencyKey(c.req.raw.headers) : null;
      const audited = async (result: unknown) => {
        if (!route.reads || (result instanceof Response && result.status >= 400)) return;
        await recordRead(
          ctx,
          route.reads,
          {
            method: c.req.method,
            path: c.req.path,
            route: route.path,
            query: c.req.query(),
            params: (input.params ?? {}) as Record<string, unknown>,
          },
          result instanceof Response ? null : result,
        );
      };
      if (key === null || principal.kind !== 'user') {
        const result = await route.handler({ ctx, input: input as never, c, rawBody, prefetched });
        await audited(result);
        if (result instanceof Response) return result;
        return c.json(result as object, route.status ?? 200);
      }
      const userId = principal.user.id;
      const claim = await claimIdempotencyKey(ctx.db, {
        userId,
        key,
        requestHash: await requestFingerprint(c.req.method, new URL(c.req.url).pathname, rawBody),
        now: ctx.now,
      });
      if (claim.kind === 'replay') {
        return new Response(claim.body, {
          status: claim.status,
          headers: { 'content-type': 'application/json; charset=UTF-8', 'idempotent-replayed': 'true' },
        });
      }
      let response: Response;
      try {
        const result = await route.handler({ ctx, input: input as never, c, rawBody, prefetched });
        response = result instanceof Response ? result : c.json(result as object, route.status ?? 200);
      } catch (err) {
        await releaseIdempotencyKey(ctx.db, claim.id).catch(() => undefined);
        throw err;
      }
      // A server failure is not an answer to keep: the retry must run again.
      if (response.status >= 500) await releaseIdempotencyKey(ctx.db, claim.id);
      else
        await completeIdempotencyKey(ctx.db, {
          id: claim.id,
          userId,
          status: response.status,
          body: await response.clone().text(),
          now: ctx.now,
        });
      return response;
    } catch (err) {
      if (route.machine && err instanceof AppError && (err.code === 'validation_failed' || err.code === 'bad_request')) {
        const reason = err.fields?.map((f) => `${f.field}: ${f.message}`).join('; ') || err.message;
        await recordInbox({
          db: c.var.db,
          now: c.var.now,
          entry: {
            source: route.machine.source,
            method: c.req.method,
            path: new URL(c.req.url).pathname,
            headers: c.req.raw.headers,
            body: rawBody,
            bytes: body.bytes.length,
            sha256: await sha256OfBytes(body.bytes),
            outcome: 'rejected',
            reason,
          },
        });
      }
      throw err;
    }
  });
}
