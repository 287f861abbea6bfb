import type { Context } from 'hono';
import { AppError, errorBody } from '../platform/errors';
import type { AppEnv } from '../platform/route';
import type { RawPayload } from './providers/adapter';
import type { IngestResult } from './ingest';

/** The request as the adapters read it: method, path, headers and the raw body. */
export function rawPayload(c: Context<AppEnv>, body: string): RawPayload {
  return { method: c.req.method, path: c.req.path, headers: c.req.raw.headers, body };
}

/**
 * A PBX hook's answer: 400 naming the reason for an unreadable payload (already kept in the
 * inbox, so it is answered here rather than thrown again), else 200 with `ok`'s body.
 */
export function hookAnswer(
  c: Context<AppEnv>,
  result: IngestResult,
  ok: (r: Extract<IngestResult, { outcome: 'stored' | 'duplicate' }>) => object,
): Response {
  if (result.outcome === 'rejected') {
    const err = new AppError('bad_request', { ru: `Событие не принято: ${result.reason}`, en: `The event was refused: ${result.reason}` });
    return c.json(errorBody(err, c.var.lang, c.var.requestId), 400);
  }
  return c.json(ok(result), 200);
}
