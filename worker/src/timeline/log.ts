import { z } from 'zod';
import type { EventLogRequest } from '../../../schema/contracts';
import { canEditCompany, requireWriter } from '../access';
import { processEvent } from '../funnel';
import { forbidden } from '../platform/errors';
import type { ServiceContext } from '../platform/route';
import { loadReadableCompany } from '../clients';
import { loadReadableLead } from '../funnel';
import { snippetOf } from '../mail';

/** Product.md: a conversation of 30 s or more with a known client or lead is "targeted". */
export const TARGETED_CALL_SEC = 30;

/** A person (or the extension) logs a call, mail or note; it goes through the same pipeline as webhooks. */
export async function logEvent({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { companyId: number; event: z.output<typeof EventLogRequest> };
}) {
  const p = requireWriter(ctx.principal);
  const company = await loadReadableCompany(ctx.db, p, input.companyId);
  if (!canEditCompany(p, company)) throw forbidden();
  if (input.event.leadId) {
    const lead = await loadReadableLead(ctx.db, p, input.event.leadId);
    if (lead.company_id !== company.id) throw forbidden({ ru: 'Интерес другой компании', en: 'The lead belongs to another company' });
  }
  const e = input.event;
  // A mail logged by hand carries its text the way an ingested one does (events.details.snippet).
  const snippet = e.kind === 'mail' && e.text ? snippetOf(e.text) : '';
  const result = await processEvent(ctx, {
    kind: e.kind,
    source: p.via === 'extension' ? 'extension' : 'manual',
    externalId: e.idempotencyKey ?? crypto.randomUUID(),
    occurredAt: e.occurredAt ?? ctx.now,
    companyId: company.id,
    leadId: e.leadId ?? null,
    userId: p.user.id,
    regionId: company.regionId,
    direction: e.direction ?? null,
    durationSec: e.durationSec ?? null,
    callResult: e.callResult ?? null,
    targeted: e.kind === 'call' ? e.callResult === 'answered' && (e.durationSec ?? 0) >= TARGETED_CALL_SEC : null,
    subject: e.subject ?? null,
    hasAttachment: e.hasAttachment,
    ...(snippet ? { details: { snippet } } : {}),
  });
  return {
    eventId: result.eventId,
    duplicate: result.duplicate,
    movedTo: result.moved,
    tasksOpened: result.tasksOpened,
    tasksClosed: result.tasksClosed,
  };
}
