import { sql } from 'drizzle-orm';
import type { CallOutcome, CallSignal } from '../../../schema/contracts';
import { normalizePhone } from '../../../schema/domain/contact-points';
import { processEvents, type TimelineEvent } from '../funnel';
import type { Principal } from '../platform/principal';
import type { ServiceContext } from '../platform/route';
import { prospectStatements } from '../clients';
import { TARGETED_CALL_SEC } from '../timeline';
import { callerCard, callerRows } from './lookup';

interface CallRow {
  id: number;
  provider: string;
  call_id: string;
  direction: 'in' | 'out' | 'internal' | null;
  counterpart: string | null;
  line: string | null;
  extension: string | null;
  user_id: number | null;
  company_id: number | null;
  contact_id: number | null;
  lead_id: number | null;
  started_at: number | null;
  answered_at: number | null;
  ended_at: number | null;
  talk_sec: number | null;
  result: 'answered' | 'missed' | 'busy' | 'failed' | null;
  recording_url: string | null;
  last_seq: number | null;
  event_id: number | null;
}

const e164 = (raw: string | null) => (raw ? (normalizePhone(raw)?.e164 ?? raw.trim()) : null);

type Parties = Pick<CallRow, 'direction' | 'counterpart' | 'line' | 'user_id' | 'company_id' | 'contact_id'>;

const callKey = (provider: string, callId: string) => `${provider}\u0000${callId}`;
const unique = <T>(values: (T | null | undefined)[]) => [...new Set(values.filter((v): v is T => v !== null && v !== undefined))];

/** The merge of one signal into its call, as one statement: commutative, so order does not matter. */
function upsertStatement(ctx: ServiceContext, signal: CallSignal, p: Parties, extension: string | null, createdLeadId: number | null) {
  const answeredAt = signal.phase === 'answered' ? signal.at : null;
  const endedAt = signal.phase === 'ended' || signal.phase === 'summary' ? signal.at : null;
  // A new call starts when its first signal says, whatever it is; later only ringing/answered can move the start earlier.
  const startedAt = signal.at;
  return ctx.db.all<CallRow>(sql`INSERT INTO calls (provider, call_id, direction, counterpart, line, extension, user_id, company_id, contact_id, lead_id,
      started_at, answered_at, ended_at, talk_sec, result, recording_url, last_seq, updated_at)
    VALUES (${signal.provider}, ${signal.callId}, ${p.direction}, ${p.counterpart}, ${p.line}, ${extension}, ${p.user_id}, ${p.company_id}, ${p.contact_id}, ${createdLeadId},
      ${startedAt}, ${answeredAt}, ${endedAt}, ${signal.talkSec}, ${signal.result}, ${signal.recordingUrl}, ${signal.seq}, ${ctx.now})
    ON CONFLICT (provider, call_id) DO UPDATE SET
      direction = coalesce(calls.direction, excluded.direction), counterpart = coalesce(calls.counterpart, excluded.counterpart),
      line = coalesce(calls.line, excluded.line),
      extension = CASE WHEN ${signal.phase === 'answered' ? 1 : 0} = 1 THEN coalesce(excluded.extension, calls.extension) ELSE coalesce(calls.extension, excluded.extension) END,
      user_id = coalesce(calls.user_id, excluded.user_id), company_id = coalesce(calls.company_id, excluded.company_id),
      contact_id = coalesce(calls.contact_id, excluded.contact_id), lead_id = coalesce(calls.lead_id, excluded.lead_id),
      started_at = CASE WHEN ${signal.phase === 'ringing' || signal.phase === 'answered' ? 1 : 0} = 0 THEN calls.started_at
        WHEN calls.started_at IS NULL THEN excluded.started_at ELSE min(calls.started_at, excluded.started_at) END,
      answered_at = CASE WHEN calls.answered_at IS NULL THEN excluded.answered_at WHEN excluded.answered_at IS NULL THEN calls.answered_at ELSE min(calls.answered_at, excluded.answered_at) END,
      ended_at = CASE WHEN calls.ended_at IS NULL THEN excluded.ended_at WHEN excluded.ended_at IS NULL THEN calls.ended_at ELSE max(calls.ended_at, excluded.ended_at) END,
      talk_sec = coalesce(excluded.talk_sec, calls.talk_sec), result = coalesce(excluded.result, calls.result),
      recording_url = coalesce(excluded.recording_url, calls.recording_url),
      last_seq = CASE WHEN calls.last_seq IS NULL THEN excluded.last_seq WHEN excluded.last_seq IS NULL THEN calls.last_seq ELSE max(calls.last_seq, excluded.last_seq) END,
      updated_at = excluded.updated_at
    RETURNING *`);
}

/**
 * The telephony core: merges providers' signals into the calls they belong to — in any order, the
 * merge is commutative (earliest start, latest end, first known parties) — creates a prospect and
 * a lead for an unknown inbound caller, pushes a ringing call to its manager, and puts each
 * finished call on the timeline through the funnel pipeline (once; later signals only enrich it).
 *
 * Set-based, so a relay's batch of hundreds of signals costs a handful of D1 round trips: one read
 * of the calls, extensions and numbers they name; one batch of merges; then, for calls that
 * ended, one read of their companies and the funnel pipeline's own read and batch.
 */
export async function applyCallSignals(ctx: ServiceContext, signals: readonly CallSignal[]): Promise<CallOutcome[]> {
  if (signals.length === 0) return [];
  const keys = unique(signals.map((s) => JSON.stringify([s.provider, s.callId])));
  const [existingRows, userRows, pointRows] = await ctx.db.batch([
    ctx.db.all<CallRow>(sql`SELECT c.* FROM json_each(${`[${keys.join(',')}]`}) j
      JOIN calls c ON c.provider = json_extract(j.value, '$[0]') AND c.call_id = json_extract(j.value, '$[1]')`),
    ctx.db.all<{ id: number; ext: string }>(sql`SELECT id, phone_extension AS ext FROM users
      WHERE active = 1 AND phone_extension IN (SELECT value FROM json_each(${JSON.stringify(unique(signals.map((s) => s.extension)))}))`),
    ctx.db.all<{ value: string; company_id: number; contact_id: number }>(sql`SELECT value, company_id, contact_id FROM contact_points
      WHERE kind = 'phone' AND value IN (SELECT value FROM json_each(${JSON.stringify(unique(signals.flatMap((s) => [e164(s.from), e164(s.to)])))}))`),
  ]);
  const before = new Map(existingRows.map((r) => [callKey(r.provider, r.call_id), r]));
  const userByExtension = new Map(userRows.map((u) => [u.ext, u.id]));
  const clientByPhone = new Map(pointRows.map((p) => [p.value, p]));

  // Parties are resolved once per call, on the first signal that knows them.
  const parties = new Map<string, Parties>();
  const createdLeads = new Map<string, number>();
  const statements = [];
  for (const signal of signals) {
    const key = callKey(signal.provider, signal.callId);
    const known = parties.get(key) ?? before.get(key);
    const direction = known?.direction ?? signal.direction;
    const counterpart = known?.counterpart ?? e164(direction === 'out' ? signal.to : direction === 'in' ? signal.from : null);
    const line = known?.line ?? e164(signal.line ?? (direction === 'in' ? signal.to : null));
    const extension = signal.extension ?? (known && 'extension' in known ? (known as CallRow).extension : null);
    const userId = known?.user_id ?? (signal.extension ? (userByExtension.get(signal.extension) ?? null) : null);
    let companyId = known?.company_id ?? null;
    let contactId = known?.contact_id ?? null;
    let createdLeadId: number | null = null;
    // Only a real phone number can be a client: a garbage "+…" from a PBX never makes a prospect.
    if (companyId === null && counterpart !== null && normalizePhone(counterpart)?.e164 === counterpart) {
      const client = clientByPhone.get(counterpart);
      if (client) {
        companyId = client.company_id;
        contactId = client.contact_id;
      } else if (direction === 'in') {
        const prospect = await createProspect(ctx, counterpart, line, userId);
        ({ companyId, contactId } = prospect);
        createdLeadId = prospect.leadId;
        if (prospect.leadId !== null) createdLeads.set(key, prospect.leadId);
        clientByPhone.set(counterpart, { value: counterpart, company_id: companyId, contact_id: contactId });
      }
    }
    const merged = { direction, counterpart, line, user_id: userId, company_id: companyId, contact_id: contactId };
    parties.set(key, before.has(key) ? { ...before.get(key)!, ...merged } : merged);
    statements.push(upsertStatement(ctx, signal, merged, extension, createdLeadId));
  }
  const rows = ((await ctx.db.batch(statements as never)) as CallRow[][]).map((r) => r[0]!);

  // Per signal: did it change its call? Per call: its row before and after this batch.
  const outcomes: CallOutcome[] = [];
  const latest = new Map<string, CallRow>();
  const firstSignal = new Map<string, CallSignal>();
  signals.forEach((signal, i) => {
    const key = callKey(signal.provider, signal.callId);
    const previous = latest.get(key) ?? before.get(key);
    const row = rows[i]!;
    if (!firstSignal.has(key)) firstSignal.set(key, signal);
    latest.set(key, row);
    const unchanged = !!previous && sameCall(previous, row);
    outcomes.push({
      outcome: unchanged ? 'duplicate' : 'stored',
      callRowId: row.id,
      ring: null,
      eventId: row.event_id,
      companyId: row.company_id,
      createdLeadId: null,
    });
  });
  const lastIndex = new Map<string, number>();
  signals.forEach((s, i) => lastIndex.set(callKey(s.provider, s.callId), i));
  for (const [key, leadId] of createdLeads) outcomes[lastIndex.get(key)!]!.createdLeadId = leadId;

  await ring(ctx, signals, outcomes, before, latest);

  // Calls that ended (or were enriched after ending) in this batch: on the timeline, once.
  const finished = [...latest].filter(([key, row]) => row.ended_at !== null && !(before.has(key) && sameCall(before.get(key)!, row)));
  const eventIds = await finalize(
    ctx,
    finished.map(([, row]) => row),
  );
  finished.forEach(([key], k) => {
    outcomes[lastIndex.get(key)!]!.eventId = eventIds[k] ?? null;
  });
  return outcomes;
}

/**
 * Ringing: an inbound call seen for the first time, not over yet, is pushed to the manager it
 * rings for (the extension), else to the client's owner, with the card as that manager may see it.
 */
async function ring(
  ctx: ServiceContext,
  signals: readonly CallSignal[],
  outcomes: CallOutcome[],
  before: Map<string, CallRow>,
  latest: Map<string, CallRow>,
) {
  const ringing: { index: number; row: CallRow; signal: CallSignal }[] = [];
  const seen = new Set<string>();
  signals.forEach((signal, index) => {
    const key = callKey(signal.provider, signal.callId);
    if (seen.has(key)) return;
    seen.add(key);
    const row = latest.get(key)!;
    if (before.has(key) || row.direction !== 'in' || !row.counterpart || row.ended_at !== null) return;
    if (signal.phase === 'ended' || signal.phase === 'summary') return;
    ringing.push({ index, row, signal });
  });
  if (!ringing.length) return;
  const cards = await callerRows(
    ctx.db,
    ringing.map((r) => r.row.counterpart!),
  );
  const targets = ringing.map(({ row }) => row.user_id ?? cards.get(row.counterpart!)?.owner_id ?? null);
  const principals = await principalsFor(ctx, unique(targets));
  await Promise.all(
    ringing.map(async ({ index, row, signal }, k) => {
      const target = targets[k];
      const principal = target !== null && target !== undefined ? principals.get(target) : undefined;
      if (!principal) return;
      const card = callerCard(principal, row.counterpart!, cards.get(row.counterpart!));
      await ctx.live.push(principal.user.id, {
        type: 'call.ringing',
        callId: signal.callId,
        provider: signal.provider,
        at: signal.at,
        card,
      });
      outcomes[index]!.ring = { userId: principal.user.id, card, callId: signal.callId };
    }),
  );
}

/** A signal that leaves the merged call as it was (a retry, a replay) is a duplicate. */
function sameCall(a: CallRow, b: CallRow): boolean {
  const { updated_at: _a, ...left } = a as CallRow & { updated_at?: number };
  const { updated_at: _b, ...right } = b as CallRow & { updated_at?: number };
  return JSON.stringify(left) === JSON.stringify(right);
}

/** The cards a manager sees are scoped to him, not to the PBX that told us about the call. */
async function principalsFor(ctx: ServiceContext, userIds: number[]) {
  if (!userIds.length) return new Map<number, Extract<Principal, { kind: 'user' }>>();
  const rows = await ctx.db.all<{
    id: number;
    name: string;
    email: string;
    role: 'manager' | 'head' | 'admin';
    region_ids: string | null;
  }>(sql`SELECT id, name, email, role,
    (SELECT group_concat(region_id) FROM user_regions WHERE user_id = users.id) AS region_ids FROM users WHERE id IN (SELECT value FROM json_each(${JSON.stringify(userIds)}))`);
  return new Map(
    rows.map((u) => [
      u.id,
      {
        kind: 'user' as const,
        via: 'extension' as const,
        credentialId: 0,
        user: { id: u.id, name: u.name, email: u.email, role: u.role, regionIds: u.region_ids ? u.region_ids.split(',').map(Number) : [] },
      },
    ]),
  );
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
  const ofPhone = () =>
    ctx.db.get<{ company_id: number; contact_id: number; lead_id: number | null }>(sql`SELECT p.company_id, p.contact_id,
    (SELECT max(id) FROM leads WHERE company_id = p.company_id) AS lead_id FROM contact_points p WHERE p.kind = 'phone' AND p.value = ${phone}`);
  try {
    await ctx.db.batch(
      prospectStatements(ctx, {
        name,
        contact: { name: `Звонивший ${phone}`, position: null, phones: [{ e164: phone, extension: null }], emails: [] },
        regionId,
        ownerId: null,
        channel: 'call',
        at: ctx.now,
        causeRule: 'unknown_caller',
        cause: 'rule',
        details: { phone },
      }),
    );
  } catch (err) {
    // Another request made this caller's prospect between our read and our write (two legs or two
    // calls of one new number at once): the number is unique, so the batch failed whole; his prospect is the one.
    const existing = isUniquePhoneConflict(err) ? await ofPhone() : undefined;
    if (!existing) throw err;
    return { companyId: existing.company_id, contactId: existing.contact_id, leadId: null };
  }
  const created = await ofPhone();
  return { companyId: created!.company_id, contactId: created!.contact_id, leadId: created!.lead_id };
}

/** D1's refusal of a second contact point with the same number (drizzle wraps it in its own error). */
function isUniquePhoneConflict(err: unknown): boolean {
  const texts = [err, (err as { cause?: unknown } | null)?.cause].map((e) => (e instanceof Error ? e.message : String(e)));
  return texts.some((t) => t.includes('UNIQUE constraint failed: contact_points.kind, contact_points.value'));
}

/**
 * Finished calls on the timeline, once each; a later signal (summary, recording) only enriches
 * the event already there. Returns each call's event id.
 */
async function finalize(ctx: ServiceContext, rows: CallRow[]): Promise<(number | null)[]> {
  if (!rows.length) return [];
  const regionOf = new Map(
    (
      await ctx.db.all<{ id: number; region_id: number }>(sql`SELECT id, region_id FROM companies
    WHERE id IN (SELECT value FROM json_each(${JSON.stringify(unique(rows.map((r) => r.company_id)))}))`)
    ).map((c) => [c.id, c.region_id]),
  );
  const enrich: unknown[] = [];
  const fresh: { index: number; event: TimelineEvent; extra: unknown[] }[] = [];
  const eventIds: (number | null)[] = rows.map((r) => r.event_id);
  rows.forEach((row, index) => {
    const talkSec =
      row.talk_sec ??
      (row.answered_at !== null && row.ended_at !== null ? Math.max(0, Math.round((row.ended_at - row.answered_at) / 1000)) : 0);
    const result = row.result ?? (row.answered_at !== null ? 'answered' : 'missed');
    const targeted = result === 'answered' && talkSec >= TARGETED_CALL_SEC && row.company_id !== null;
    const details = {
      callId: row.call_id,
      provider: row.provider,
      line: row.line,
      extension: row.extension,
      recordingUrl: row.recording_url,
    };
    if (row.event_id !== null) {
      enrich.push(
        ctx.db.run(sql`UPDATE events SET duration_sec = ${talkSec}, call_result = ${result}, targeted = ${targeted ? 1 : 0},
        occurred_at = coalesce(${row.started_at}, occurred_at),
        details = json_patch(coalesce(details, '{}'), ${JSON.stringify(details)}) WHERE id = ${row.event_id}`),
      );
      return;
    }
    const externalId = `call:${row.call_id}`;
    fresh.push({
      index,
      event: {
        kind: 'call',
        source: row.provider as 'mango',
        externalId,
        occurredAt: row.started_at ?? row.ended_at!,
        companyId: row.company_id,
        contactId: row.contact_id,
        leadId: row.lead_id,
        userId: row.user_id,
        regionId: row.company_id !== null ? (regionOf.get(row.company_id) ?? null) : null,
        direction: row.direction,
        durationSec: talkSec,
        callResult: result,
        targeted,
        counterpart: row.counterpart,
        subject: null,
        details,
      },
      // The call record learns its event in the same batch.
      extra: [
        ctx.db.run(
          sql`UPDATE calls SET event_id = (SELECT id FROM events WHERE source = ${row.provider} AND external_id = ${externalId}) WHERE id = ${row.id}`,
        ),
      ],
    });
  });
  if (enrich.length) await ctx.db.batch(enrich as never);
  const processed = await processEvents(ctx, fresh);
  const missing: number[] = [];
  processed.forEach((p, k) => {
    if (p.eventId !== null) eventIds[fresh[k]!.index] = p.eventId;
    else missing.push(k);
  });
  // A duplicate: another request put the call on the timeline first; link the record to that event.
  for (const k of missing) {
    const { index, event } = fresh[k]!;
    const row = rows[index]!;
    const id =
      (
        await ctx.db.get<{ id: number } | undefined>(
          sql`SELECT id FROM events WHERE source = ${row.provider} AND external_id = ${event.externalId}`,
        )
      )?.id ?? null;
    if (id !== null) await ctx.db.run(sql`UPDATE calls SET event_id = ${id} WHERE id = ${row.id}`);
    eventIds[index] = id;
  }
  return eventIds;
}
