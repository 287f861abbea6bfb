import { sql } from 'drizzle-orm';
import type { CallOutcome, CallSignal } from '../../../schema/contracts';
import { normalizePhone } from '../../../schema/domain/contact-points';
import { processEvent } from '../funnel/process-event';
import type { ServiceContext } from '../lib/route';
import { prospectStatements } from '../services/clients/prospect';
import { TARGETED_CALL_SEC } from '../services/events/log';
import { lookupCaller } from './lookup';

interface CallRow {
  id: number; provider: string; call_id: string; direction: 'in' | 'out' | 'internal' | null; counterpart: string | null; line: string | null;
  extension: string | null; user_id: number | null; company_id: number | null; contact_id: number | null; lead_id: number | null;
  started_at: number | null; answered_at: number | null; ended_at: number | null; talk_sec: number | null;
  result: 'answered' | 'missed' | 'busy' | 'failed' | null; recording_url: string | null; last_seq: number | null; event_id: number | null;
}

const e164 = (raw: string | null) => (raw ? normalizePhone(raw)?.e164 ?? raw.trim() : null);

/**
 * The telephony core: merges a provider's signal into the call it belongs to — in any order, the
 * merge is commutative (earliest start, latest end, first known parties) — creates a prospect and
 * a lead for an unknown inbound caller, pushes a ringing call to its manager, and puts the finished
 * call on the timeline through the funnel pipeline (once; later signals only enrich it).
 */
export async function applyCallSignal(ctx: ServiceContext, signal: CallSignal): Promise<CallOutcome> {
  const existing = await ctx.db.get<CallRow | undefined>(sql`SELECT * FROM calls WHERE provider = ${signal.provider} AND call_id = ${signal.callId}`);
  const direction = existing?.direction ?? signal.direction;
  const counterpart = existing?.counterpart ?? e164(direction === 'out' ? signal.to : direction === 'in' ? signal.from : null);
  const line = existing?.line ?? e164(signal.line ?? (direction === 'in' ? signal.to : null));
  const extension = signal.extension ?? existing?.extension ?? null;

  // Parties are resolved once, on the first signal that knows them.
  let userId = existing?.user_id ?? null;
  if (userId === null && extension) {
    userId = (await ctx.db.get<{ id: number } | undefined>(sql`SELECT id FROM users WHERE phone_extension = ${extension} AND active = 1`))?.id ?? null;
  }
  let companyId = existing?.company_id ?? null;
  let contactId = existing?.contact_id ?? null;
  let createdLeadId: number | null = null;
  // Only a real phone number can be a client: a garbage "+…" from a PBX never makes a prospect.
  if (companyId === null && counterpart !== null && normalizePhone(counterpart)?.e164 === counterpart) {
    const known = await ctx.db.get<{ company_id: number; contact_id: number } | undefined>(sql`SELECT company_id, contact_id FROM contact_points WHERE kind = 'phone' AND value = ${counterpart}`);
    if (known) {
      companyId = known.company_id;
      contactId = known.contact_id;
    } else if (direction === 'in') {
      ({ companyId, contactId, leadId: createdLeadId } = await createProspect(ctx, counterpart, line, userId));
    }
  }

  const answeredAt = signal.phase === 'answered' ? signal.at : null;
  const endedAt = signal.phase === 'ended' || signal.phase === 'summary' ? signal.at : null;
  const startedAt = signal.phase === 'ringing' || signal.phase === 'answered' || !existing ? signal.at : null;
  const row = await ctx.db.get<CallRow>(sql`INSERT INTO calls (provider, call_id, direction, counterpart, line, extension, user_id, company_id, contact_id, lead_id,
      started_at, answered_at, ended_at, talk_sec, result, recording_url, last_seq, updated_at)
    VALUES (${signal.provider}, ${signal.callId}, ${direction}, ${counterpart}, ${line}, ${extension}, ${userId}, ${companyId}, ${contactId}, ${createdLeadId},
      ${startedAt}, ${answeredAt}, ${endedAt}, ${signal.talkSec}, ${signal.result}, ${signal.recordingUrl}, ${signal.seq}, ${ctx.now})
    ON CONFLICT (provider, call_id) DO UPDATE SET
      direction = coalesce(calls.direction, excluded.direction), counterpart = coalesce(calls.counterpart, excluded.counterpart),
      line = coalesce(calls.line, excluded.line),
      extension = CASE WHEN ${signal.phase === 'answered' ? 1 : 0} = 1 THEN coalesce(excluded.extension, calls.extension) ELSE coalesce(calls.extension, excluded.extension) END,
      user_id = coalesce(calls.user_id, excluded.user_id), company_id = coalesce(calls.company_id, excluded.company_id),
      contact_id = coalesce(calls.contact_id, excluded.contact_id), lead_id = coalesce(calls.lead_id, excluded.lead_id),
      started_at = CASE WHEN calls.started_at IS NULL THEN excluded.started_at WHEN excluded.started_at IS NULL THEN calls.started_at ELSE min(calls.started_at, excluded.started_at) END,
      answered_at = CASE WHEN calls.answered_at IS NULL THEN excluded.answered_at WHEN excluded.answered_at IS NULL THEN calls.answered_at ELSE min(calls.answered_at, excluded.answered_at) END,
      ended_at = CASE WHEN calls.ended_at IS NULL THEN excluded.ended_at WHEN excluded.ended_at IS NULL THEN calls.ended_at ELSE max(calls.ended_at, excluded.ended_at) END,
      talk_sec = coalesce(excluded.talk_sec, calls.talk_sec), result = coalesce(excluded.result, calls.result),
      recording_url = coalesce(excluded.recording_url, calls.recording_url),
      last_seq = CASE WHEN calls.last_seq IS NULL THEN excluded.last_seq WHEN excluded.last_seq IS NULL THEN calls.last_seq ELSE max(calls.last_seq, excluded.last_seq) END,
      updated_at = excluded.updated_at
    RETURNING *`);

  // Ringing: the manager it rings for (the extension), else the client's owner, sees who it is.
  let ring: CallOutcome['ring'] = null;
  if (row && direction === 'in' && !existing && signal.phase !== 'ended' && signal.phase !== 'summary' && counterpart) {
    const card = await lookupCaller(ctx.db, ctx.principal, counterpart);
    const target = userId ?? (card.known ? await ownerOf(ctx, row.company_id) : null);
    if (target !== null) {
      const userCard = await lookupCaller(ctx.db, await principalFor(ctx, target), counterpart);
      await ctx.live.push(target, { type: 'call.ringing', callId: signal.callId, provider: signal.provider, at: signal.at, card: userCard });
      ring = { userId: target, card: userCard, callId: signal.callId };
    }
  }

  let eventId: number | null = row?.event_id ?? null;
  const unchanged = !!existing && !!row && sameCall(existing, row);
  if (row && row.ended_at !== null && !unchanged) eventId = await finalize(ctx, row);
  return { outcome: unchanged ? 'duplicate' : 'stored', callRowId: row?.id ?? 0, ring, eventId, companyId: row?.company_id ?? null, createdLeadId };
}

/** A signal that leaves the merged call as it was (a retry, a replay) is a duplicate. */
function sameCall(a: CallRow, b: CallRow): boolean {
  const { updated_at: _a, ...left } = a as CallRow & { updated_at?: number };
  const { updated_at: _b, ...right } = b as CallRow & { updated_at?: number };
  return JSON.stringify(left) === JSON.stringify(right);
}

async function ownerOf(ctx: ServiceContext, companyId: number | null): Promise<number | null> {
  if (companyId === null) return null;
  return (await ctx.db.get<{ owner_id: number | null } | undefined>(sql`SELECT owner_id FROM companies WHERE id = ${companyId}`))?.owner_id ?? null;
}

/** The card a manager sees is scoped to him, not to the PBX that told us about the call. */
async function principalFor(ctx: ServiceContext, userId: number) {
  const u = await ctx.db.get<{ id: number; name: string; email: string; role: 'manager' | 'head' | 'admin'; region_ids: string | null }>(sql`SELECT id, name, email, role,
    (SELECT group_concat(region_id) FROM user_regions WHERE user_id = users.id) AS region_ids FROM users WHERE id = ${userId}`);
  return {
    kind: 'user' as const, via: 'extension' as const, credentialId: 0,
    user: { id: userId, name: u?.name ?? '', email: u?.email ?? '', role: u?.role ?? 'manager', regionIds: u?.region_ids ? u.region_ids.split(',').map(Number) : [] },
  };
}

/**
 * An unknown inbound caller becomes a prospect with a contact and a lead in "new", in the pool of
 * the region of the line called (else the answering manager's region, else the first region).
 */
async function createProspect(ctx: ServiceContext, phone: string, line: string | null, userId: number | null) {
  const region = await ctx.db.get<{ id: number }>(sql`SELECT coalesce(
      (SELECT region_id FROM phone_lines WHERE number = ${line}),
      (SELECT min(region_id) FROM user_regions WHERE user_id = ${userId}),
      (SELECT min(id) FROM regions)) AS id`);
  const regionId = region?.id ?? 1;
  const name = `Новый клиент ${phone}`;
  await ctx.db.batch(prospectStatements(ctx, {
    name, contact: { name: `Звонивший ${phone}`, position: null, phones: [{ e164: phone, extension: null }], emails: [] },
    regionId, ownerId: null, channel: 'call', at: ctx.now, causeRule: 'unknown_caller', cause: 'rule', details: { phone },
  }));
  const created = await ctx.db.get<{ company_id: number; contact_id: number; lead_id: number }>(sql`SELECT p.company_id, p.contact_id,
    (SELECT max(id) FROM leads WHERE company_id = p.company_id) AS lead_id FROM contact_points p WHERE p.kind = 'phone' AND p.value = ${phone}`);
  return { companyId: created!.company_id, contactId: created!.contact_id, leadId: created!.lead_id };
}

/** The finished call on the timeline, once; a later signal (summary, recording) only enriches that event. */
async function finalize(ctx: ServiceContext, row: CallRow): Promise<number | null> {
  const talkSec = row.talk_sec ?? (row.answered_at !== null && row.ended_at !== null ? Math.max(0, Math.round((row.ended_at - row.answered_at) / 1000)) : 0);
  const result = row.result ?? (row.answered_at !== null ? 'answered' : 'missed');
  const targeted = result === 'answered' && talkSec >= TARGETED_CALL_SEC && row.company_id !== null;
  const details = { callId: row.call_id, provider: row.provider, line: row.line, extension: row.extension, recordingUrl: row.recording_url };
  if (row.event_id !== null) {
    await ctx.db.run(sql`UPDATE events SET duration_sec = ${talkSec}, call_result = ${result}, targeted = ${targeted ? 1 : 0},
      occurred_at = coalesce(${row.started_at}, occurred_at),
      details = json_patch(coalesce(details, '{}'), ${JSON.stringify(details)}) WHERE id = ${row.event_id}`);
    return row.event_id;
  }
  const region = row.company_id !== null
    ? await ctx.db.get<{ region_id: number }>(sql`SELECT region_id FROM companies WHERE id = ${row.company_id}`) : undefined;
  const processed = await processEvent(ctx, {
    kind: 'call', source: row.provider as 'mango', externalId: `call:${row.call_id}`, occurredAt: row.started_at ?? row.ended_at!,
    companyId: row.company_id, contactId: row.contact_id, leadId: row.lead_id, userId: row.user_id, regionId: region?.region_id ?? null,
    direction: row.direction, durationSec: talkSec, callResult: result, targeted, counterpart: row.counterpart,
    subject: null, details,
  });
  const eventId = processed.eventId ?? (await ctx.db.get<{ id: number }>(sql`SELECT id FROM events WHERE source = ${row.provider} AND external_id = ${`call:${row.call_id}`}`))?.id ?? null;
  if (eventId !== null) await ctx.db.run(sql`UPDATE calls SET event_id = ${eventId} WHERE id = ${row.id}`);
  return eventId;
}
