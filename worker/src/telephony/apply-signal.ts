import { sql } from 'drizzle-orm';
import type { CallOutcome, CallSignal } from '../../../schema/contracts';
import { normalizePhone } from '../../../schema/domain/contact-points';
import { processEvents, reconcileEvent, type TimelineEvent } from '../funnel';
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
  manager_at: number | null;
  event_id: number | null;
}

const e164 = (raw: string | null) => (raw ? (normalizePhone(raw)?.e164 ?? raw.trim()) : null);

type Parties = Pick<CallRow, 'direction' | 'counterpart' | 'line' | 'user_id' | 'company_id' | 'contact_id'>;

const callKey = (provider: string, callId: string) => `${provider}\u0000${callId}`;
const unique = <T>(values: (T | null | undefined)[]) => [...new Set(values.filter((v): v is T => v !== null && v !== undefined))];

/**
 * The merge of one signal into its call, as one statement: commutative, so order does not matter.
 * Every moment is the provider's: a leg's end is not the call's end (legs are kept apart, see
 * `legStatements`); a summary brings the call's start and answer beside its end; a recording
 * brings no moment at all. The manager on record is whoever answered last (a transfer hands over).
 */
function upsertStatement(ctx: ServiceContext, signal: CallSignal, p: Parties, extension: string | null, createdLeadId: number | null) {
  const answeredAt = signal.phase === 'answered' ? signal.at : signal.answeredAt;
  const endedAt = (signal.phase === 'ended' && signal.leg === null) || signal.phase === 'summary' ? signal.at : null;
  // A new call starts when its first signal says (a recording says nothing); later only a ringing,
  // an answer or a summary's own start can move the start earlier.
  const startedAt = signal.startedAt ?? (signal.phase === 'recording' ? null : signal.at);
  const movesStart = signal.phase === 'ringing' || signal.phase === 'answered' || signal.startedAt !== null ? 1 : 0;
  const managerAt = signal.phase === 'answered' && extension !== null ? signal.at : null;
  const takesOver = sql`(excluded.manager_at IS NOT NULL AND (calls.manager_at IS NULL OR excluded.manager_at >= calls.manager_at))`;
  return ctx.db.all<CallRow>(sql`INSERT INTO calls (provider, call_id, direction, counterpart, line, extension, user_id, company_id, contact_id, lead_id,
      started_at, answered_at, ended_at, talk_sec, result, recording_url, last_seq, manager_at, updated_at)
    VALUES (${signal.provider}, ${signal.callId}, ${p.direction}, ${p.counterpart}, ${p.line}, ${extension}, ${p.user_id}, ${p.company_id}, ${p.contact_id}, ${createdLeadId},
      ${startedAt}, ${answeredAt}, ${endedAt}, ${signal.talkSec}, ${signal.result}, ${signal.recordingUrl}, ${signal.seq}, ${managerAt}, ${ctx.now})
    ON CONFLICT (provider, call_id) DO UPDATE SET
      direction = coalesce(calls.direction, excluded.direction), counterpart = coalesce(calls.counterpart, excluded.counterpart),
      line = coalesce(calls.line, excluded.line),
      extension = CASE WHEN ${takesOver} THEN excluded.extension ELSE coalesce(calls.extension, excluded.extension) END,
      user_id = CASE WHEN ${takesOver} THEN coalesce(excluded.user_id, calls.user_id) ELSE coalesce(calls.user_id, excluded.user_id) END,
      manager_at = CASE WHEN ${takesOver} THEN excluded.manager_at ELSE calls.manager_at END,
      company_id = coalesce(calls.company_id, excluded.company_id),
      contact_id = coalesce(calls.contact_id, excluded.contact_id), lead_id = coalesce(calls.lead_id, excluded.lead_id),
      started_at = CASE WHEN calls.started_at IS NULL THEN excluded.started_at WHEN ${movesStart} = 0 OR excluded.started_at IS NULL THEN calls.started_at
        ELSE min(calls.started_at, excluded.started_at) END,
      answered_at = CASE WHEN calls.answered_at IS NULL THEN excluded.answered_at WHEN excluded.answered_at IS NULL THEN calls.answered_at ELSE min(calls.answered_at, excluded.answered_at) END,
      ended_at = CASE WHEN calls.ended_at IS NULL THEN excluded.ended_at WHEN excluded.ended_at IS NULL THEN calls.ended_at ELSE max(calls.ended_at, excluded.ended_at) END,
      talk_sec = coalesce(excluded.talk_sec, calls.talk_sec), result = coalesce(excluded.result, calls.result),
      recording_url = coalesce(excluded.recording_url, calls.recording_url),
      last_seq = CASE WHEN calls.last_seq IS NULL THEN excluded.last_seq WHEN excluded.last_seq IS NULL THEN calls.last_seq ELSE max(calls.last_seq, excluded.last_seq) END,
      updated_at = excluded.updated_at`);
}

/**
 * start ≤ answered ≤ ended, whatever order the provider's moments came in: the start is the
 * earliest moment known, the end the latest. Returns the call as it now stands.
 */
function orderedTimes(ctx: ServiceContext, provider: string, callId: string, legsEndedAt: number | null = null) {
  return ctx.db.all<CallRow>(sql`UPDATE calls SET
      started_at = CASE WHEN started_at IS NULL THEN coalesce(answered_at, ended_at, ${legsEndedAt})
        ELSE min(started_at, coalesce(answered_at, started_at), coalesce(ended_at, started_at)) END,
      ended_at = CASE WHEN coalesce(ended_at, ${legsEndedAt}) IS NULL THEN NULL
        ELSE max(coalesce(ended_at, ${legsEndedAt}), coalesce(${legsEndedAt}, ended_at), coalesce(answered_at, ended_at, ${legsEndedAt})) END
    WHERE provider = ${provider} AND call_id = ${callId} RETURNING *`);
}

/** One event of one leg, kept once (a retry changes nothing); answers a row when it is new. */
function legStatement(ctx: ServiceContext, signal: CallSignal) {
  if (signal.leg === null || (signal.phase !== 'ringing' && signal.phase !== 'answered' && signal.phase !== 'ended')) return null;
  return ctx.db.all<{ fresh: number }>(sql`INSERT INTO call_leg_events (provider, call_id, leg_id, phase, seq, at, handed_on)
    VALUES (${signal.provider}, ${signal.callId}, ${signal.leg}, ${signal.phase}, ${signal.seq ?? -1}, ${signal.at}, ${signal.handedOn ? 1 : 0})
    ON CONFLICT DO NOTHING RETURNING 1 AS fresh`);
}

/** The first `seq` of a call: an event numbered before it cannot be missing. */
const FIRST_SEQ = 1;

interface LegState {
  provider: string;
  call_id: string;
  legs: number;
  ended_legs: number;
  last_end: number | null;
  seqs: number;
  min_seq: number | null;
  max_seq: number | null;
  last_handed_on: number | null;
}

/**
 * A call made of legs is over when every leg seen has ended, the last to end did not pass the call
 * on, and no event is missing between the first and last `seq` seen (a gap means a leg we have not
 * heard of yet may still be talking). Its summary, when it comes, is the final word either way.
 */
export function legsOver(s: LegState): boolean {
  if (s.legs === 0 || s.ended_legs < s.legs || s.last_end === null || s.last_handed_on === 1) return false;
  // *unconfirmed*: that Mango numbers an entry's events from 1 — where it does not, such calls end with their summary.
  return s.seqs === 0 || (s.min_seq !== null && s.max_seq !== null && s.min_seq <= FIRST_SEQ && s.seqs === s.max_seq - s.min_seq + 1);
}

function legStates(ctx: ServiceContext, keys: string[]) {
  return ctx.db.all<LegState>(sql`SELECT l.provider, l.call_id, count(DISTINCT l.leg_id) AS legs,
      count(DISTINCT CASE WHEN l.phase = 'ended' THEN l.leg_id END) AS ended_legs,
      max(CASE WHEN l.phase = 'ended' THEN l.at END) AS last_end,
      count(DISTINCT CASE WHEN l.seq >= 0 THEN l.seq END) AS seqs,
      min(CASE WHEN l.seq >= 0 THEN l.seq END) AS min_seq, max(CASE WHEN l.seq >= 0 THEN l.seq END) AS max_seq,
      (SELECT e.handed_on FROM call_leg_events e WHERE e.provider = l.provider AND e.call_id = l.call_id AND e.phase = 'ended'
        ORDER BY e.at DESC, e.seq DESC LIMIT 1) AS last_handed_on
    FROM json_each(${`[${keys.join(',')}]`}) j
    JOIN call_leg_events l ON l.provider = json_extract(j.value, '$[0]') AND l.call_id = json_extract(j.value, '$[1]')
    GROUP BY l.provider, l.call_id`);
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
  const shape: boolean[] = [];
  for (const signal of signals) {
    const key = callKey(signal.provider, signal.callId);
    const known = parties.get(key) ?? before.get(key);
    const direction = known?.direction ?? signal.direction;
    const counterpart = known?.counterpart ?? e164(direction === 'out' ? signal.to : direction === 'in' ? signal.from : null);
    const line = known?.line ?? e164(signal.line ?? (direction === 'in' ? signal.to : null));
    const extension = signal.extension ?? (known && 'extension' in known ? (known as CallRow).extension : null);
    // Whoever answers becomes the call's manager (a hunt group, a transfer); other signals keep the first known.
    const signalUser = signal.extension ? (userByExtension.get(signal.extension) ?? null) : null;
    const userId = signal.phase === 'answered' ? (signalUser ?? known?.user_id ?? null) : (known?.user_id ?? signalUser);
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
    const leg = legStatement(ctx, signal);
    statements.push(
      ...(leg ? [leg] : []),
      upsertStatement(ctx, signal, merged, extension, createdLeadId),
      orderedTimes(ctx, signal.provider, signal.callId),
    );
    shape.push(leg !== null);
  }
  const answers = (await ctx.db.batch(statements as never)) as unknown[][];
  const rows: CallRow[] = [];
  const freshLeg: boolean[] = [];
  let at = 0;
  for (const hasLeg of shape) {
    freshLeg.push(hasLeg && (answers[at] as unknown[]).length > 0);
    at += hasLeg ? 3 : 2;
    rows.push((answers[at - 1] as CallRow[])[0]!);
  }

  // Per signal: did it change its call (or tell of a leg not heard before)? Per call: its row before and after this batch.
  const outcomes: CallOutcome[] = [];
  const latest = new Map<string, CallRow>();
  signals.forEach((signal, i) => {
    const key = callKey(signal.provider, signal.callId);
    const previous = latest.get(key) ?? before.get(key);
    const row = rows[i]!;
    latest.set(key, row);
    const unchanged = !!previous && sameCall(previous, row) && !freshLeg[i];
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

  await endByLegs(ctx, signals, latest);
  await ring(ctx, signals, freshLeg, userByExtension, outcomes, before, latest);

  // Calls that ended (or changed after ending) in this batch: on the timeline once, its effects following the final state.
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

/** Calls of legs in this batch whose legs are all over now end at their last leg's end (unless already later). */
async function endByLegs(ctx: ServiceContext, signals: readonly CallSignal[], latest: Map<string, CallRow>) {
  const keys = unique(signals.filter((s) => s.leg !== null).map((s) => JSON.stringify([s.provider, s.callId])));
  if (!keys.length) return;
  const over = (await legStates(ctx, keys)).filter((l) => legsOver(l));
  const moving = over.filter((l) => {
    const row = latest.get(callKey(l.provider, l.call_id));
    return row && (row.ended_at === null || row.ended_at < l.last_end!);
  });
  if (!moving.length) return;
  const answers = (await ctx.db.batch(moving.map((l) => orderedTimes(ctx, l.provider, l.call_id, l.last_end)) as never)) as CallRow[][];
  for (const [row] of answers) if (row) latest.set(callKey(row.provider, row.call_id), row);
}

/**
 * Ringing: an inbound call seen for the first time, not over yet, is pushed to the manager it
 * rings for (the extension), else to the client's owner, with the card as that manager may see it;
 * and each new employee leg of a call (a hunt group, a transfer) rings its own extension.
 */
async function ring(
  ctx: ServiceContext,
  signals: readonly CallSignal[],
  freshLeg: boolean[],
  userByExtension: Map<string, number>,
  outcomes: CallOutcome[],
  before: Map<string, CallRow>,
  latest: Map<string, CallRow>,
) {
  const ringing: { index: number; row: CallRow; signal: CallSignal; target: number | null }[] = [];
  const seen = new Set<string>();
  signals.forEach((signal, index) => {
    const key = callKey(signal.provider, signal.callId);
    const row = latest.get(key)!;
    if (row.direction !== 'in' || !row.counterpart || row.ended_at !== null) return;
    if (signal.phase !== 'ringing' && signal.phase !== 'answered') return;
    const legTarget =
      freshLeg[index] && signal.phase === 'ringing' && signal.extension ? (userByExtension.get(signal.extension) ?? null) : null;
    const first = !before.has(key) && !seen.has(`${key}\u0000first`);
    if (!first && legTarget === null) return;
    const target = legTarget ?? (signal.extension ? (userByExtension.get(signal.extension) ?? null) : null) ?? row.user_id;
    const once = `${key}\u0000${target ?? 'owner'}`;
    if (seen.has(once)) return;
    seen.add(once);
    seen.add(`${key}\u0000first`);
    ringing.push({ index, row, signal, target });
  });
  if (!ringing.length) return;
  const cards = await callerRows(
    ctx.db,
    ringing.map((r) => r.row.counterpart!),
  );
  const targets = ringing.map(({ row, target }) => target ?? cards.get(row.counterpart!)?.owner_id ?? null);
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
    lang: 'ru' | 'en';
    time_zone: string;
    region_ids: string | null;
  }>(sql`SELECT id, name, email, role, lang, time_zone,
    (SELECT group_concat(region_id) FROM user_regions WHERE user_id = users.id) AS region_ids FROM users WHERE active = 1 AND id IN (SELECT value FROM json_each(${JSON.stringify(userIds)}))`);
  return new Map(
    rows.map((u) => [
      u.id,
      {
        kind: 'user' as const,
        via: 'extension' as const,
        credentialId: 0,
        user: {
          id: u.id,
          name: u.name,
          email: u.email,
          role: u.role,
          regionIds: u.region_ids ? u.region_ids.split(',').map(Number) : [],
          lang: u.lang,
          timeZone: u.time_zone,
        },
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
 * Finished calls on the timeline, once each. A call already there whose final state changed (a
 * late summary, an answer heard after the legs ended, the manager who took it, a recording) is
 * brought up to date and its funnel effects reconciled. Returns each call's event id.
 */
async function finalize(ctx: ServiceContext, rows: CallRow[]): Promise<(number | null)[]> {
  if (!rows.length) return [];
  const regionOf = new Map(
    (
      await ctx.db.all<{ id: number; region_id: number }>(sql`SELECT id, region_id FROM companies
    WHERE id IN (SELECT value FROM json_each(${JSON.stringify(unique(rows.map((r) => r.company_id)))}))`)
    ).map((c) => [c.id, c.region_id]),
  );
  const eventOf = (row: CallRow): TimelineEvent => {
    const talkSec =
      row.talk_sec ??
      (row.answered_at !== null && row.ended_at !== null ? Math.max(0, Math.round((row.ended_at - row.answered_at) / 1000)) : 0);
    const result = row.result ?? (row.answered_at !== null ? 'answered' : 'missed');
    return {
      kind: 'call',
      source: row.provider as 'mango',
      externalId: `call:${row.call_id}`,
      occurredAt: row.started_at ?? row.ended_at!,
      companyId: row.company_id,
      contactId: row.contact_id,
      leadId: row.lead_id,
      userId: row.user_id,
      regionId: row.company_id !== null ? (regionOf.get(row.company_id) ?? null) : null,
      direction: row.direction,
      durationSec: talkSec,
      callResult: result,
      targeted: result === 'answered' && talkSec >= TARGETED_CALL_SEC && row.company_id !== null,
      counterpart: row.counterpart,
      subject: null,
      details: { callId: row.call_id, provider: row.provider, line: row.line, extension: row.extension, recordingUrl: row.recording_url },
    };
  };
  const eventIds: (number | null)[] = rows.map((r) => r.event_id);
  const fresh: { index: number; event: TimelineEvent; extra: unknown[] }[] = [];
  const known: { index: number; eventId: number }[] = [];
  rows.forEach((row, index) => {
    if (row.event_id !== null) {
      known.push({ index, eventId: row.event_id });
      return;
    }
    const event = eventOf(row);
    fresh.push({
      index,
      event,
      // The call record learns its event in the same batch.
      extra: [
        ctx.db.run(
          sql`UPDATE calls SET event_id = (SELECT id FROM events WHERE source = ${row.provider} AND external_id = ${event.externalId}) WHERE id = ${row.id}`,
        ),
      ],
    });
  });
  const processed = await processEvents(ctx, fresh);
  processed.forEach((p, k) => {
    if (p.eventId !== null) eventIds[fresh[k]!.index] = p.eventId;
  });
  // A duplicate: another request put the call on the timeline first; link the record to that event and reconcile with it.
  for (const k of processed.flatMap((p, k) => (p.eventId === null ? [k] : []))) {
    const { index, event } = fresh[k]!;
    const row = rows[index]!;
    const id =
      (
        await ctx.db.get<{ id: number } | undefined>(
          sql`SELECT id FROM events WHERE source = ${row.provider} AND external_id = ${event.externalId}`,
        )
      )?.id ?? null;
    if (id === null) continue;
    await ctx.db.run(sql`UPDATE calls SET event_id = ${id} WHERE id = ${row.id}`);
    eventIds[index] = id;
    known.push({ index, eventId: id });
  }
  for (const { index, eventId } of known) await reconcileEvent(ctx, eventId, eventOf(rows[index]!));
  return eventIds;
}
