import { z } from 'zod';
import { TelephonyHookResult } from '../../../schema/contracts/calls';
import { defineRoute, type AnyRoute } from '../platform/route';
import { hookAnswer, rawPayload } from './hook-answer';
import { ingestTelephonyPayload, type IngestResult } from './ingest';
import type { TelephonyAdapter } from './providers/adapter';

type Kept = Extract<IngestResult, { outcome: 'stored' | 'duplicate' }>;

/**
 * A PBX hook: the path the adapter declares for `kind`, the adapter's signature check as the machine
 * principal (refusals kept by the route adapter), then read → apply → inbox, answered 200/400/503.
 */
export function telephonyHookRoute(spec: {
  adapter: TelephonyAdapter;
  kind: string;
  summary: string;
  /** The body of a 200 when the provider expects more than `{ ok, outcome }`. */
  answer?: (kept: Kept, rawBody: string) => object;
  response?: z.ZodType;
}): AnyRoute {
  const hook = spec.adapter.hooks.find((h) => h.kind === spec.kind);
  if (!hook) throw new Error(`${spec.adapter.id} declares no hook ${spec.kind}`);
  return defineRoute({
    method: 'post',
    path: hook.path,
    tag: 'hooks',
    summary: spec.summary,
    access: ['machine'],
    response: spec.response ?? TelephonyHookResult,
    machine: { source: spec.adapter.id, verify: spec.adapter.verify },
    handler: async ({ ctx, c, rawBody }) => {
      const result = await ingestTelephonyPayload(ctx, { adapter: spec.adapter, kind: spec.kind, payload: rawPayload(c, rawBody) });
      return hookAnswer(c, result, (kept) => spec.answer?.(kept, rawBody) ?? { ok: true, outcome: kept.outcome });
    },
  });
}
