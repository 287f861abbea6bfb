import { sql } from 'drizzle-orm';
import { companies, leads, stageChanges } from '../../../../schema/db';
import { refreshCompanySearch } from '../../../../schema/db/search';
import { normalizeCompanyName } from '../../../../schema/domain/names';
import type { ServiceContext } from '../../platform/route';
import { auditInsert } from '../../audit';
import type { ContactFields } from './normalize-input';
import { contactInserts } from './write-contacts';

export interface NewProspect {
  name: string;
  contact: ContactFields;
  regionId: number;
  ownerId: number | null;
  channel: 'call' | 'mail';
  at: number;
  /** Why the lead opened: the rule id shown on the lead card. */
  causeRule: 'unknown_caller' | 'mail_unknown_sender';
  /** 'event' when the caller links the causing event afterwards. */
  cause: 'rule' | 'event';
  details: Record<string, unknown>;
}

/**
 * The first contact of someone unknown (a call, a mail): a prospect company with the contact, a
 * lead in «Новое обращение» and its first stage change, its search row and the audit row — the
 * statements for one all-or-nothing batch (ids taken from the rows inserted just before).
 */
export function prospectStatements(ctx: ServiceContext, p: NewProspect) {
  const newCompany = sql`(SELECT max(id) FROM companies)`;
  return [
    ctx.db.insert(companies).values({
      name: p.name,
      nameNormalized: normalizeCompanyName(p.name) || p.name.toLowerCase(),
      regionId: p.regionId,
      ownerId: p.ownerId,
      status: 'prospect',
      createdAt: ctx.now,
      updatedAt: ctx.now,
    }),
    ...contactInserts(ctx.db, newCompany, [p.contact], ctx.now),
    ctx.db.insert(leads).values({
      companyId: newCompany as never,
      regionId: p.regionId,
      ownerId: p.ownerId,
      stageId: 'new',
      channel: p.channel,
      createdAt: p.at,
      stageEnteredAt: p.at,
    }),
    ctx.db.insert(stageChanges).values({
      leadId: sql`(SELECT max(id) FROM leads)` as never,
      fromStageId: null,
      toStageId: 'new',
      at: p.at,
      cause: p.cause,
      causeRule: p.causeRule,
    }),
    ...refreshCompanySearch(sql`SELECT max(id) FROM companies`).map((q) => ctx.db.run(q)),
    auditInsert(ctx, {
      action: 'change',
      entity: 'company',
      entityId: sql`(SELECT CAST(max(id) AS TEXT) FROM companies)`,
      details: { op: p.causeRule, ...p.details },
    }),
  ] as const;
}
