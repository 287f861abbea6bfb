import { sql } from 'drizzle-orm';
import { idList, refreshCompanySearch } from '../../../schema/db/search';
import { canEditCompany, type UserPrincipal } from '../access';
import type { ServiceContext } from '../platform/route';
import { endsWith } from '../platform/text-match';
import { auditInsert } from '../audit';
import { prospectStatements } from '../clients';
import { contactInserts } from '../clients';
import { domainOf } from './direction';
import type { MailAddress } from './parse';

/** Who files the mail: the Email Worker (sees everything) or a person through the extension (his scope only). */
export type MailActor = { kind: 'mailbox' } | { kind: 'user'; principal: UserPrincipal };

/** Where an address already lives: its contact and the company (a merged one resolved to its survivor). */
export interface KnownAddress {
  companyId: number;
  contactId: number;
  regionId: number;
  ownerId: number | null;
}

export type SenderResolution =
  | { kind: 'found'; known: KnownAddress; leadId: number | null; createdProspect: boolean; addedContact: boolean }
  | { kind: 'refused'; reason: 'out_of_scope' | 'no_region' };

// Mailbox providers: their domain says nothing about the sender's company.
const PUBLIC_DOMAINS = new Set([
  'mail.ru',
  'bk.ru',
  'inbox.ru',
  'list.ru',
  'internet.ru',
  'yandex.ru',
  'ya.ru',
  'yandex.com',
  'yandex.by',
  'yandex.kz',
  'narod.ru',
  'rambler.ru',
  'lenta.ru',
  'autorambler.ru',
  'myrambler.ru',
  'ro.ru',
  'gmail.com',
  'googlemail.com',
  'outlook.com',
  'hotmail.com',
  'live.com',
  'msn.com',
  'icloud.com',
  'me.com',
  'mac.com',
  'yahoo.com',
  'aol.com',
  'proton.me',
  'protonmail.com',
  'gmx.com',
  'gmx.de',
  'qip.ru',
  'pochta.ru',
  'e1.ru',
  'ngs.ru',
  'km.ru',
  'vk.com',
]);

export const isPublicMailDomain = (address: string) => PUBLIC_DOMAINS.has(domainOf(address));

/** Contacts holding these addresses (lower-case e-mails), one indexed read. */
export async function findKnownAddresses(ctx: ServiceContext, addresses: string[]): Promise<Map<string, KnownAddress>> {
  if (!addresses.length) return new Map();
  const rows = await ctx.db.all<{
    address: string;
    contact_id: number;
    company_id: number;
    region_id: number;
    owner_id: number | null;
  }>(sql`
    SELECT p.value AS address, p.contact_id, coalesce(m.id, c.id) AS company_id, coalesce(m.region_id, c.region_id) AS region_id,
      CASE WHEN m.id IS NULL THEN c.owner_id ELSE m.owner_id END AS owner_id
    FROM contact_points p JOIN companies c ON c.id = p.company_id LEFT JOIN companies m ON m.id = c.merged_into_id
    WHERE p.kind = 'email' AND p.value IN (SELECT value FROM json_each(${JSON.stringify(addresses)}))`);
  return new Map(
    rows.map((r) => [r.address, { companyId: r.company_id, contactId: r.contact_id, regionId: r.region_id, ownerId: r.owner_id }]),
  );
}

/** The one live company whose contacts already write from this corporate domain, if exactly one does. */
async function companyOfDomain(
  ctx: ServiceContext,
  address: string,
): Promise<{ id: number; region_id: number; owner_id: number | null } | null> {
  if (isPublicMailDomain(address)) return null;
  const rows = await ctx.db.all<{ id: number; region_id: number; owner_id: number | null }>(sql`
    SELECT DISTINCT c.id, c.region_id, c.owner_id FROM contact_points p
    JOIN companies c ON c.id = coalesce((SELECT merged_into_id FROM companies WHERE id = p.company_id), p.company_id)
    WHERE p.kind = 'email' AND ${endsWith(sql`p.value`, `@${domainOf(address)}`)} LIMIT 2`);
  return rows.length === 1 ? rows[0]! : null;
}

/**
 * The region a prospect from mail goes to: MAIL_DEFAULT_REGION, else the region of the manager
 * the mail was for, else the first region. A person logging it keeps it within his own regions.
 */
async function prospectRegion(ctx: ServiceContext, actor: MailActor, ownUserIds: number[]): Promise<number | null> {
  const code = ctx.config.mailDefaultRegion;
  const configured = code
    ? ((await ctx.db.get<{ id: number } | undefined>(sql`SELECT id FROM regions WHERE code = ${code}`))?.id ?? null)
    : null;
  if (actor.kind === 'user' && actor.principal.user.role !== 'admin') {
    const mine = actor.principal.user.regionIds;
    return configured !== null && mine.includes(configured) ? configured : (mine[0] ?? null);
  }
  if (configured !== null) return configured;
  const row = await ctx.db.get<{ id: number | null }>(sql`SELECT coalesce(
      (SELECT min(region_id) FROM user_regions WHERE user_id IN (SELECT value FROM json_each(${JSON.stringify(ownUserIds)}))),
      (SELECT min(id) FROM regions)) AS id`);
  return row?.id ?? null;
}

const contactName = (sender: MailAddress) => sender.name || sender.address.slice(0, sender.address.lastIndexOf('@'));

/**
 * An unknown sender of an incoming mail: a new contact of the one company already writing from
 * his corporate domain, else a prospect (named after the domain, or after him on a public mailbox)
 * with a contact and a lead in "new" (channel mail) — in the region's pool, or the manager's own
 * when a manager logs it himself.
 */
export async function resolveUnknownSender(
  ctx: ServiceContext,
  input: { sender: MailAddress; actor: MailActor; ownUserIds: number[]; at: number },
): Promise<SenderResolution> {
  const { sender, actor, at } = input;
  const contact = [{ name: contactName(sender), position: null, phones: [], emails: [sender.address] }];
  const sameDomain = await companyOfDomain(ctx, sender.address);
  if (sameDomain) {
    if (actor.kind === 'user' && !canEditCompany(actor.principal, { regionId: sameDomain.region_id, ownerId: sameDomain.owner_id }))
      return { kind: 'refused', reason: 'out_of_scope' };
    const added = await tryBatch(ctx, () => [
      ...contactInserts(ctx.db, sameDomain.id, contact, ctx.now),
      ...refreshCompanySearch(idList([sameDomain.id])).map((q) => ctx.db.run(q)),
      auditInsert(ctx, {
        action: 'change',
        entity: 'company',
        entityId: sameDomain.id,
        details: { op: 'mail_new_contact', email: sender.address },
      }),
    ]);
    return resolved(ctx, sender.address, { createdProspect: false, addedContact: added });
  }

  const regionId = await prospectRegion(ctx, actor, input.ownUserIds);
  if (regionId === null) return { kind: 'refused', reason: 'no_region' };
  const ownerId = actor.kind === 'user' && actor.principal.user.role === 'manager' ? actor.principal.user.id : null;
  const name = isPublicMailDomain(sender.address) ? sender.name || sender.address : domainOf(sender.address);
  // The mail event does not exist yet; ingest links it (cause_event_id) once processEvent has written it.
  const created = await tryBatch(ctx, () => [
    ...prospectStatements(ctx, {
      name,
      contact: contact[0]!,
      regionId,
      ownerId,
      channel: 'mail',
      at,
      causeRule: 'mail_unknown_sender',
      cause: 'event',
      details: { email: sender.address },
    }),
  ]);
  return resolved(ctx, sender.address, { createdProspect: created, addedContact: false });
}

/** Runs the batch; false when another delivery of the same mail created this address first. */
async function tryBatch(ctx: ServiceContext, statements: () => unknown[]): Promise<boolean> {
  try {
    await ctx.db.batch(statements() as never);
    return true;
  } catch (err) {
    if (/UNIQUE constraint failed: contact_points/.test(String(err))) return false;
    throw err;
  }
}

async function resolved(
  ctx: ServiceContext,
  address: string,
  how: { createdProspect: boolean; addedContact: boolean },
): Promise<SenderResolution> {
  const known = (await findKnownAddresses(ctx, [address])).get(address);
  if (!known) throw new Error(`the contact of ${address} was not found right after it was written`);
  const leadId = how.createdProspect
    ? ((await ctx.db.get<{ id: number } | undefined>(sql`SELECT max(id) AS id FROM leads WHERE company_id = ${known.companyId}`))?.id ??
      null)
    : null;
  return { kind: 'found', known, leadId, ...how };
}
