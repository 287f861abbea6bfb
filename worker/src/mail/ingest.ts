import { sql } from 'drizzle-orm';
import { canEditCompany } from '../access';
import { processEvent } from '../funnel';
import type { ServiceContext } from '../platform/route';
import type { AutoKind } from './automated';
import { classifyMail, inDomain, type MailDirection } from './direction';
import { applyNeverLog } from './never-log';
import type { MailAddress, MailMessage } from './parse';
import { findKnownAddresses, resolveUnknownSender, type KnownAddress, type MailActor } from './prospect';

export type { MailActor };

export type MailSkipReason = 'never_log' | 'unknown' | 'out_of_scope' | 'automated' | 'no_region';

export interface MailCompanyResult {
  companyId: number;
  eventId: number | null;
  duplicate: boolean;
  leadId: number | null;
  /** The stage a funnel rule moved the lead to (e.g. proposal for an outgoing mail with a file). */
  movedTo: string | null;
  createdProspect: boolean;
  addedContact: boolean;
}

export interface MailIngestResult {
  messageId: string;
  threadId: string;
  direction: MailDirection;
  companies: MailCompanyResult[];
  skipped: { address: string; reason: MailSkipReason; pattern?: string }[];
  /** For the inbox row of this mail. */
  outcome: 'stored' | 'duplicate' | 'rejected';
  reason: string | null;
}

/** The event key of a mail on one company's timeline; one mail touching two companies is two events. */
export const mailEventKey = (messageId: string, companyId: number) => `${messageId}#${companyId}`;

const MAX_THREAD_CANDIDATES = 50;

/**
 * The thread a mail belongs to: the thread of the first mail it refers to (References, then
 * In-Reply-To) that is already on a timeline; else the root its References name (a reply can
 * arrive before its root), else itself. Looked up by the event key's prefix on the unique index;
 * CROSS JOIN keeps the few candidate ids outside, or SQLite walks every mail event instead.
 */
export async function threadOf(ctx: ServiceContext, message: Pick<MailMessage, 'messageId' | 'references' | 'inReplyTo'>): Promise<string> {
  const refs = [...new Set([...message.references, ...(message.inReplyTo ? [message.inReplyTo] : [])])]
    .filter((id) => id !== message.messageId)
    .slice(0, MAX_THREAD_CANDIDATES);
  if (!refs.length) return message.messageId;
  const row = await ctx.db.get<{ thread_id: string | null } | undefined>(sql`
    SELECT json_extract(e.details, '$.threadId') AS thread_id FROM json_each(${JSON.stringify(refs)}) j
    CROSS JOIN events e ON e.source = 'mail' AND e.external_id >= j.value || '#' AND e.external_id < j.value || '$'
      AND json_extract(e.details, '$.messageId') = j.value
    ORDER BY j.key LIMIT 1`);
  return row?.thread_id ?? message.references[0] ?? message.inReplyTo ?? message.messageId;
}

const quoteList = (items: string[]) => items.slice(0, 10).join(', ') + (items.length > 10 ? ` и ещё ${items.length - 10}` : '');

/**
 * Files one mail, whichever way it came (the Email Worker or the extension): every outside
 * party is matched to a contact; an unknown sender of an incoming mail opens a prospect and a
 * lead; each company touched gets one event through the funnel pipeline, so an outgoing mail
 * with a file moves the lead to «КП отправлено». Internal mail and never-log addresses stay off
 * the timeline; what became of the mail is returned for its inbox row.
 */
export async function ingestMail(
  ctx: ServiceContext,
  input: { message: MailMessage; actor: MailActor; ignore?: string[] },
): Promise<MailIngestResult> {
  const { message, actor } = input;
  const participants = [message.from, ...message.to, ...message.cc].filter((a): a is MailAddress => !!a).map((a) => a.address);
  const [patternRows, userRows] = await Promise.all([
    ctx.db.all<{ pattern: string }>(sql`SELECT pattern FROM mail_never_log`),
    ctx.db.all<{ id: number; email: string }>(sql`SELECT id, lower(email) AS email FROM users
      WHERE active = 1 AND lower(email) IN (SELECT value FROM json_each(${JSON.stringify(participants)}))`),
  ]);
  const userByEmail = new Map(userRows.map((u) => [u.email, u.id]));
  const actorEmail = actor.kind === 'user' ? actor.principal.user.email.toLowerCase() : null;
  const isOwn = (address: string) =>
    address === actorEmail || userByEmail.has(address) || ctx.config.mailOwnDomains.some((d) => inDomain(address, d));
  const parties = classifyMail(message, isOwn, new Set(input.ignore ?? []));
  const verdict = applyNeverLog(
    parties,
    patternRows.map((r) => r.pattern),
  );
  const threadId = await threadOf(ctx, message);
  const skipped: MailIngestResult['skipped'] = verdict.skipped.map((s) => ({
    address: s.address,
    reason: 'never_log',
    pattern: s.pattern,
  }));
  const result = (outcome: MailIngestResult['outcome'], reason: string | null, companies: MailCompanyResult[] = []): MailIngestResult => ({
    messageId: message.messageId,
    threadId,
    direction: parties.direction,
    companies,
    skipped,
    outcome,
    reason,
  });

  if (verdict.internal) return result('stored', 'внутренняя переписка — не записывается');
  // A delivery failure names nobody who wrote: its sender is a mail server, whoever's domain it is on.
  if (message.auto?.kind === 'bounce') return result('stored', `отчёт о недоставке — не записывается (${message.auto.sign})`);
  if (verdict.neverLog)
    return result('stored', `в списке «не записывать»: ${quoteList([...new Set(verdict.skipped.map((s) => s.pattern))])}`);

  // Our side of the mail: the sender of an outgoing one, else the first of ours it was sent to.
  const ownUserIds = parties.own.map((a) => userByEmail.get(a.address)).filter((id): id is number => id !== undefined);
  const userId = ownUserIds[0] ?? (actor.kind === 'user' ? actor.principal.user.id : null);
  const at = Math.min(message.date ?? ctx.now, ctx.now);

  const known = await findKnownAddresses(
    ctx,
    verdict.logged.map((a) => a.address),
  );
  const created = new Map<number, { leadId: number | null; createdProspect: boolean; addedContact: boolean }>();
  const sender =
    parties.direction === 'in' && message.from && verdict.logged[0]?.address === message.from.address ? verdict.logged[0] : null;
  if (sender && !known.has(sender.address)) {
    if (message.automated) {
      skipped.push({ address: sender.address, reason: 'automated' });
    } else {
      const resolution = await resolveUnknownSender(ctx, { sender, actor, ownUserIds, at });
      if (resolution.kind === 'found') {
        known.set(sender.address, resolution.known);
        created.set(resolution.known.companyId, {
          leadId: resolution.leadId,
          createdProspect: resolution.createdProspect,
          addedContact: resolution.addedContact,
        });
      } else {
        skipped.push({ address: sender.address, reason: resolution.reason });
      }
    }
  }

  // One event per company, about the first of its people on the mail (the sender comes first).
  const byCompany = new Map<number, { first: MailAddress; known: KnownAddress; addresses: string[] }>();
  for (const a of verdict.logged) {
    const k = known.get(a.address);
    if (!k) {
      if (!skipped.some((s) => s.address === a.address)) skipped.push({ address: a.address, reason: 'unknown' });
      continue;
    }
    const group = byCompany.get(k.companyId);
    if (group) group.addresses.push(a.address);
    else byCompany.set(k.companyId, { first: a, known: k, addresses: [a.address] });
  }

  const details = {
    messageId: message.messageId,
    threadId,
    inReplyTo: message.inReplyTo,
    snippet: message.snippet,
    attachments: message.attachments,
    ...(message.auto ? { auto: message.auto.kind } : {}),
    from: message.from?.address ?? null,
    to: message.to.map((a) => a.address),
    cc: message.cc.map((a) => a.address),
    // No date to file it at (a webmail page whose date the extension could not read, a mail without
    // a Date header): it is filed at its receipt, and the event says so.
    ...(message.date === null ? { dateSource: 'receipt' as const } : {}),
  };
  const companies: MailCompanyResult[] = [];
  for (const [companyId, group] of byCompany) {
    if (actor.kind === 'user' && !canEditCompany(actor.principal, group.known)) {
      skipped.push(...group.addresses.map((address) => ({ address, reason: 'out_of_scope' as const })));
      continue;
    }
    const fresh = created.get(companyId);
    const processed = await processEvent(ctx, {
      kind: 'mail',
      source: 'mail',
      externalId: mailEventKey(message.messageId, companyId),
      occurredAt: at,
      companyId,
      contactId: group.known.contactId,
      leadId: fresh?.leadId ?? null,
      userId,
      regionId: group.known.regionId,
      direction: parties.direction,
      counterpart: group.first.address,
      subject: message.subject || null,
      hasAttachment: message.attachments.length > 0,
      details,
    });
    if (fresh?.createdProspect && fresh.leadId !== null && processed.eventId !== null) {
      await ctx.db.run(
        sql`UPDATE stage_changes SET cause_event_id = ${processed.eventId} WHERE lead_id = ${fresh.leadId} AND from_stage_id IS NULL AND cause_event_id IS NULL`,
      );
    }
    // A duplicate answers with the event already there, so both deliveries report the same thing.
    const stored = await ctx.db.get<{ id: number; lead_id: number | null } | undefined>(
      sql`SELECT id, lead_id FROM events WHERE source = 'mail' AND external_id = ${mailEventKey(message.messageId, companyId)}`,
    );
    companies.push({
      companyId,
      eventId: stored?.id ?? null,
      duplicate: processed.duplicate,
      leadId: stored?.lead_id ?? null,
      movedTo: processed.moved,
      createdProspect: fresh?.createdProspect ?? false,
      addedContact: fresh?.addedContact ?? false,
    });
  }

  const why = (reason: MailSkipReason) =>
    reason === 'automated' && message.auto ? AUTO_RU[message.auto.kind](message.auto.sign) : SKIP_RU[reason];
  if (!companies.length) {
    const reasons = skipped.map((s) => `${s.address}: ${why(s.reason)}`);
    return result('rejected', reasons.length ? `ничего не записано — ${quoteList(reasons)}` : 'в письме нет внешних адресов');
  }
  if (companies.every((c) => c.duplicate)) return result('duplicate', null, companies);
  return result(
    'stored',
    skipped.length ? `не записано для: ${quoteList(skipped.map((s) => `${s.address} (${why(s.reason)})`))}` : null,
    companies,
  );
}

const SKIP_RU: Record<MailSkipReason, string> = {
  never_log: 'в списке «не записывать»',
  unknown: 'нет такого контакта',
  out_of_scope: 'клиент другого менеджера',
  automated: 'рассылка или автоответ от неизвестного отправителя',
  no_region: 'нет региона для нового клиента (MAIL_DEFAULT_REGION или регионы в базе)',
};

const AUTO_RU: Record<AutoKind, (sign: string) => string> = {
  bounce: (sign) => `отчёт о недоставке (${sign})`,
  auto_reply: (sign) => `автоответ от неизвестного отправителя (${sign})`,
  bulk: (sign) => `рассылка от неизвестного отправителя (${sign})`,
};
