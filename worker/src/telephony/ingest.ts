import { ZodError } from 'zod';
import type { CallOutcome } from '../../../schema/contracts';
import { AppError } from '../platform/errors';
import type { ServiceContext } from '../platform/route';
import { recordInbox } from '../platform/inbox';
import { applyCallSignals } from './apply-signal';
import type { RawPayload, TelephonyAdapter } from './providers/adapter';

export type Applied =
  | { outcome: 'stored' | 'duplicate'; externalId: string | null; outcomes: CallOutcome[]; note: string | null }
  | { outcome: 'rejected'; externalId: string | null; reason: string };

export type IngestResult = Applied & { inboxId: number };

/** A failure of our own while applying (not the payload's fault): the PBX should send it again. */
export class ApplyFailure extends Error {
  constructor(
    readonly externalId: string | null,
    readonly failure: unknown,
  ) {
    super(errorText(failure));
  }
}

const unavailable = () =>
  new AppError('unavailable', {
    ru: 'Событие звонка не применено из-за внутренней ошибки; отправьте его ещё раз позже',
    en: 'The call event was not applied because of an internal error; send it again later',
  });

function errorText(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).slice(0, 500);
}

/** Problems of the payload that only the core can see (it validates the signal again): a 400, not our failure. */
function payloadProblem(err: unknown): string | null {
  if (err instanceof ZodError) return err.issues.map((i) => `${i.path.join('.') || 'сигнал'}: ${i.message}`).join('; ');
  if (err instanceof AppError && (err.code === 'validation_failed' || err.code === 'bad_request')) {
    return err.fields?.map((f) => `${f.field}: ${f.message}`).join('; ') || err.messageIn('ru');
  }
  return null;
}

/**
 * Read → apply, without the inbox: the adapter reads the payload, the telephony core merges each
 * call signal. Shared by the hooks (which then keep the payload) and the inbox replay.
 */
export async function applyTelephonyPayload(
  ctx: ServiceContext,
  adapter: TelephonyAdapter,
  kind: string,
  payload: RawPayload,
): Promise<Applied> {
  const read = adapter.read(kind, payload, { receivedAt: ctx.now, config: ctx.config });
  if (!read.ok) return { outcome: 'rejected', externalId: read.externalId, reason: read.reason };
  let outcomes: CallOutcome[];
  try {
    outcomes = await applyCallSignals(ctx, read.signals);
  } catch (err) {
    const problem = payloadProblem(err);
    if (problem !== null) return { outcome: 'rejected', externalId: read.externalId, reason: problem };
    throw new ApplyFailure(read.externalId, err);
  }
  const duplicate = outcomes.length > 0 && outcomes.every((o) => o.outcome === 'duplicate');
  return { outcome: duplicate ? 'duplicate' : 'stored', externalId: read.externalId, outcomes, note: read.note ?? null };
}

/**
 * One verified PBX payload: read, applied, and kept in the inbox with what became of it. An
 * unreadable payload is kept as rejected with its reason; a failure of our own is kept too and
 * answered 503, so the PBX sends it again (applying is idempotent).
 */
export async function ingestTelephonyPayload(
  ctx: ServiceContext,
  input: { adapter: TelephonyAdapter; kind: string; payload: RawPayload; label?: string },
): Promise<IngestResult> {
  const { adapter, kind, payload } = input;
  const keep = async (externalId: string | null, outcome: 'stored' | 'duplicate' | 'rejected', reason: string | null) => {
    try {
      return await recordInbox({
        db: ctx.db,
        now: ctx.now,
        entry: {
          source: adapter.id,
          externalId,
          method: payload.method,
          path: payload.path,
          headers: payload.headers,
          body: payload.body,
          outcome,
          reason: input.label ? `${input.label}${reason ? `: ${reason}` : ''}` : reason,
        },
      });
    } catch (err) {
      // Without its inbox row the payload must come again; the signals it carried apply idempotently.
      console.error(JSON.stringify({ requestId: ctx.requestId, where: `telephony inbox ${adapter.id}`, error: errorText(err) }));
      throw unavailable();
    }
  };

  let applied: Applied;
  try {
    applied = await applyTelephonyPayload(ctx, adapter, kind, payload);
  } catch (err) {
    const failure = err instanceof ApplyFailure ? err : new ApplyFailure(null, err);
    console.error(
      JSON.stringify({
        requestId: ctx.requestId,
        where: `telephony ${adapter.id} ${kind}`,
        error: failure.message,
        stack: (failure.failure as Error)?.stack,
      }),
    );
    await keep(failure.externalId, 'rejected', `не применено: внутренняя ошибка (${failure.message})`);
    throw unavailable();
  }
  const reason = applied.outcome === 'rejected' ? applied.reason : applied.note;
  return { ...applied, inboxId: await keep(applied.externalId, applied.outcome, reason) };
}
