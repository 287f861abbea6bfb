import { sql, type SQL } from 'drizzle-orm';
import { companyReadScope, leadReadScope, requireUser, userReadScope } from '../../access';
import type { ServiceContext } from '../../platform/route';
import { formatPhoneRu, leadName } from '../../platform/ru-format';
import { CALLBACK_WITHIN_MS, DORMANT_MONTHS, NO_TOUCH_DAYS } from '../../clients';

type Kind = 'stuck' | 'overdue_task' | 'no_touch' | 'missed_call' | 'dormant';
interface Row {
  kind: Kind;
  company_id: number;
  company_name: string;
  owner_name: string | null;
  lead_id: number | null;
  task_id: number | null;
  since: number | null;
  detail: string | null;
  lead_channel: string | null;
  lead_created_at: number | null;
  lead_subject: string | null;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ownerName = sql`(SELECT u.name FROM users u WHERE u.id = companies.owner_id)`;

/**
 * Deviations are computed, never typed: stuck past the stage SLA, overdue tasks, open leads with
 * no touch for N days, missed calls not returned within an hour, dormant clients. A manager gets
 * his own, a head his regions, the admin everyone — the same scope as every read.
 */
export async function listDeviations({ ctx, input }: { ctx: ServiceContext; input: { kind?: Kind | undefined; limit: number } }) {
  const p = requireUser(ctx.principal);
  const now = ctx.now;
  // A manager's list is his own work: the pool is not his deviation.
  const own = (column: SQL) => (p.user.role === 'manager' ? sql`${column} = ${p.user.id}` : sql`1`);
  const leadScope = sql`${leadReadScope(p) ?? sql`1`} AND ${own(sql`leads.owner_id`)}`;
  const companyScope = sql`${companyReadScope(p) ?? sql`1`} AND ${own(sql`companies.owner_id`)}`;
  const queries: Record<Kind, SQL> = {
    stuck: sql`SELECT 'stuck' AS kind, companies.id AS company_id, companies.name AS company_name, ${ownerName} AS owner_name, leads.id AS lead_id, NULL AS task_id,
        leads.stage_entered_at + s.sla_hours * ${HOUR} AS since, s.name_ru AS detail, leads.channel AS lead_channel, leads.created_at AS lead_created_at, leads.subject AS lead_subject
      FROM leads JOIN stages s ON s.id = leads.stage_id JOIN companies ON companies.id = leads.company_id
      WHERE leads.closed_at IS NULL AND s.outcome = 'open' AND s.sla_hours IS NOT NULL AND leads.stage_entered_at < ${now} - s.sla_hours * ${HOUR} AND ${leadScope}`,
    overdue_task: sql`SELECT 'overdue_task' AS kind, coalesce(companies.id, 0) AS company_id, coalesce(companies.name, '') AS company_name, u.name AS owner_name, t.lead_id, t.id AS task_id, t.due_at AS since, t.title AS detail, NULL AS lead_channel, NULL AS lead_created_at, NULL AS lead_subject
      FROM tasks t JOIN users u ON u.id = t.user_id LEFT JOIN companies ON companies.id = t.company_id
      WHERE t.done_at IS NULL AND t.due_at < ${now} AND t.user_id IN (SELECT users.id FROM users WHERE ${userReadScope(p) ?? sql`1`})
        AND ${p.user.role === 'manager' ? sql`t.user_id = ${p.user.id}` : sql`1`}`,
    // companies.last_touch_at is kept exact by triggers on events (schema/rollups).
    no_touch: sql`SELECT 'no_touch' AS kind, companies.id AS company_id, companies.name AS company_name, ${ownerName} AS owner_name, leads.id AS lead_id, NULL AS task_id,
        companies.last_touch_at AS since, NULL AS detail, leads.channel AS lead_channel, leads.created_at AS lead_created_at, leads.subject AS lead_subject
      FROM leads JOIN stages s ON s.id = leads.stage_id JOIN companies ON companies.id = leads.company_id
      WHERE leads.closed_at IS NULL AND s.outcome = 'open' AND ${leadScope} AND coalesce(companies.last_touch_at, 0) < ${now - NO_TOUCH_DAYS * DAY}`,
    missed_call: sql`SELECT 'missed_call' AS kind, companies.id AS company_id, companies.name AS company_name, ${ownerName} AS owner_name, NULL AS lead_id, NULL AS task_id, m.at AS since, m.counterpart AS detail, NULL AS lead_channel, NULL AS lead_created_at, NULL AS lead_subject
      FROM (SELECT company_id, max(occurred_at) AS at, counterpart FROM events
            WHERE kind = 'call' AND direction = 'in' AND call_result IN ('missed', 'busy') AND occurred_at >= ${now - 7 * DAY} AND occurred_at < ${now - CALLBACK_WITHIN_MS} AND company_id IS NOT NULL
            GROUP BY company_id) m
      JOIN companies ON companies.id = m.company_id
      WHERE ${companyScope} AND NOT EXISTS (SELECT 1 FROM events e WHERE e.company_id = m.company_id AND +e.kind = 'call' AND e.occurred_at > m.at AND (e.direction = 'out' OR e.call_result = 'answered'))`,
    dormant: sql`SELECT 'dormant' AS kind, companies.id AS company_id, companies.name AS company_name, ${ownerName} AS owner_name, NULL AS lead_id, NULL AS task_id,
        (SELECT max(d.occurred_at) FROM onec_documents d WHERE d.company_id = companies.id AND d.kind = 'invoice' AND d.posted = 1 AND d.deletion_mark = 0) AS since, NULL AS detail, NULL AS lead_channel, NULL AS lead_created_at, NULL AS lead_subject
      FROM companies WHERE companies.status = 'client' AND companies.merged_into_id IS NULL AND companies.created_at < ${now - DORMANT_MONTHS * 30.4375 * DAY} AND ${companyScope}
        AND NOT EXISTS (SELECT 1 FROM onec_documents d WHERE d.company_id = companies.id AND d.kind = 'invoice' AND d.posted = 1 AND d.deletion_mark = 0 AND d.occurred_at >= ${now - DORMANT_MONTHS * 30.4375 * DAY})`,
  };
  const kinds = (input.kind ? [input.kind] : Object.keys(queries)) as Kind[];
  const results = (await ctx.db.batch(
    kinds.flatMap((k) => [
      ctx.db.all<Row>(sql`SELECT * FROM (${queries[k]}) ORDER BY since LIMIT ${input.limit}`),
      ctx.db.all<{ n: number }>(sql`SELECT count(*) AS n FROM (${queries[k]})`),
    ]) as never,
  )) as unknown as (Row[] | { n: number }[])[];
  const ru = ctx.lang === 'ru';
  const counts: Record<string, number> = {};
  const items = kinds.flatMap((k, i) => {
    counts[k] = Number((results[i * 2 + 1] as { n: number }[])[0]?.n ?? 0);
    return (results[i * 2] as Row[]).map((r) => ({
      kind: r.kind,
      companyId: r.company_id,
      companyName: r.company_name,
      ownerName: r.owner_name,
      leadId: r.lead_id,
      taskId: r.task_id,
      since: r.since,
      message: message(r, ru),
    }));
  });
  return { items, counts };
}

/** A lead is named by its client and subject, else how it came (docs/workspace.md), never by its number. */
const lead = (r: Row) =>
  leadName({ companyName: r.company_name, subject: r.lead_subject, channel: r.lead_channel, createdAt: r.lead_created_at });

function message(r: Row, ru: boolean): string {
  switch (r.kind) {
    case 'stuck':
      return ru ? `Интерес «${lead(r)}» дольше срока на этапе «${r.detail}»` : `Lead "${lead(r)}" is past the stage SLA`;
    case 'overdue_task':
      return ru ? `Просрочена задача «${r.detail}»` : `Overdue task "${r.detail}"`;
    case 'no_touch':
      return ru
        ? `Нет касаний по интересу «${lead(r)}» больше ${NO_TOUCH_DAYS} дней`
        : `No touch on lead "${lead(r)}" for over ${NO_TOUCH_DAYS} days`;
    case 'missed_call':
      return ru
        ? `Пропущенный звонок${r.detail ? ` с ${formatPhoneRu(r.detail)}` : ''} не перезвонили в течение часа`
        : 'Missed call not returned within an hour';
    case 'dormant':
      return ru ? `Нет счетов ${DORMANT_MONTHS} месяцев и больше` : `No invoice for ${DORMANT_MONTHS} months or more`;
  }
}
