import { sql } from 'drizzle-orm';
import type { CompanyCard, Deviation } from '../../../../schema/contracts';
import { requireUser } from '../../access';
import type { ServiceContext } from '../../platform/route';
import { auditCompanyViewIfReadable } from '../../audit';
import { leadName } from '../../../../schema/domain/format-ru';
import { assembleDetail, companyDetailQueries } from './get';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Product.md defaults; they become settings when an admin page for them exists. */
export const NO_TOUCH_DAYS = 14;
export const DORMANT_MONTHS = 24;
export const CALLBACK_WITHIN_MS = HOUR;

interface LeadRow {
  id: number;
  stage_id: string;
  name_ru: string;
  name_en: string;
  sla_hours: number | null;
  hint_ru: string | null;
  hint_en: string | null;
  amount_kopecks: number;
  channel: string;
  subject: string | null;
  owner_id: number | null;
  created_at: number;
  stage_entered_at: number;
  task_title: string | null;
  task_due: number | null;
}
interface DocRow {
  kind: 'order' | 'invoice' | 'payment' | 'shipment';
  number: string;
  date_local: string;
  amount_kopecks: number;
  occurred_at: number;
}
interface EventRow {
  id: number;
  kind: string;
  source: string;
  occurred_at: number;
  direction: string | null;
  duration_sec: number | null;
  call_result: string | null;
  targeted: number | null;
  subject: string | null;
  counterpart: string | null;
  user_name: string | null;
  lead_id: number | null;
  snippet: string | null;
  attachments: string | null;
  thread_id: string | null;
  recording_url: string | null;
}
/** A mail's attachment list as stored (names and sizes only); anything else reads as none. */
function parseAttachments(text: string | null): { name: string; size?: number }[] {
  if (!text) return [];
  try {
    const list: unknown = JSON.parse(text);
    return Array.isArray(list)
      ? list
          .filter((a): a is { name: string; size?: number } => typeof (a as { name?: unknown })?.name === 'string')
          .map((a) => ({ name: a.name, ...(typeof a.size === 'number' ? { size: a.size } : {}) }))
      : [];
  } catch {
    return [];
  }
}

interface FactsRow {
  last_touch: number | null;
  last_invoice: number | null;
  last_missed: number | null;
  last_callback: number | null;
  region_name: string;
  region_tz: string;
  status: string;
  created_at: number;
}
interface TaskRow {
  id: number;
  title: string;
  due_at: number;
}

const lastDoc = (kinds: string, label: string, companyId: number) => sql`SELECT * FROM (
  SELECT ${label} AS kind, number, date_local, amount_kopecks, occurred_at FROM onec_documents
  WHERE company_id = ${companyId} AND kind IN (${sql.raw(kinds)}) AND posted = 1 AND deletion_mark = 0
  ORDER BY occurred_at DESC LIMIT 1)`;

/**
 * Everything a card shows, from one batch of indexed reads: the company and its contacts, open
 * leads with their next action, the last order/invoice/payment/shipment, deviations computed
 * from the data, and the last 20 timeline events. The view's audit row rides in the same batch.
 */
export async function getCompanyCard({ ctx, input }: { ctx: ServiceContext; input: { id: number } }): Promise<CompanyCard> {
  requireUser(ctx.principal);
  const id = input.id;
  const [companyRows, contactRows, pointRows, leadRows, docRows, eventRows, factRows, taskRows] = await ctx.db.batch([
    ...companyDetailQueries(ctx.db, id),
    ctx.db.all<LeadRow>(sql`SELECT l.id, l.stage_id, s.name_ru, s.name_en, s.sla_hours, s.hint_ru, s.hint_en, l.amount_kopecks, l.channel, l.subject,
        l.owner_id, l.created_at, l.stage_entered_at, t.title AS task_title, t.due_at AS task_due
      FROM leads l JOIN stages s ON s.id = l.stage_id
      LEFT JOIN tasks t ON t.id = (SELECT id FROM tasks WHERE lead_id = l.id AND done_at IS NULL ORDER BY due_at LIMIT 1)
      WHERE l.company_id = ${id} AND l.closed_at IS NULL AND s.outcome = 'open' ORDER BY l.stage_entered_at`),
    ctx.db.all<DocRow>(sql`${lastDoc("'order'", 'order', id)} UNION ALL ${lastDoc("'invoice'", 'invoice', id)}
      UNION ALL ${lastDoc("'payment_bank','payment_cash'", 'payment', id)} UNION ALL ${lastDoc("'shipment'", 'shipment', id)}`),
    ctx.db.all<EventRow>(sql`SELECT e.id, e.kind, e.source, e.occurred_at, e.direction, e.duration_sec, e.call_result, e.targeted,
        e.subject, e.counterpart, u.name AS user_name, e.lead_id,
        substr(json_extract(e.details, '$.snippet'), 1, 300) AS snippet, json_extract(e.details, '$.attachments') AS attachments,
        json_extract(e.details, '$.threadId') AS thread_id, json_extract(e.details, '$.recordingUrl') AS recording_url
      FROM events e LEFT JOIN users u ON u.id = e.user_id
      WHERE e.company_id = ${id} ORDER BY e.occurred_at DESC, e.id DESC LIMIT 20`),
    // `+kind` keeps each probe on the company's index (see services/companies/list.ts).
    ctx.db.all<FactsRow>(sql`SELECT
        (SELECT last_touch_at FROM companies WHERE id = ${id}) AS last_touch,
        (SELECT max(occurred_at) FROM onec_documents WHERE company_id = ${id} AND kind = 'invoice' AND posted = 1 AND deletion_mark = 0) AS last_invoice,
        (SELECT max(occurred_at) FROM events WHERE company_id = ${id} AND +kind = 'call' AND direction = 'in' AND call_result IN ('missed', 'busy')) AS last_missed,
        (SELECT max(occurred_at) FROM events WHERE company_id = ${id} AND +kind = 'call' AND (direction = 'out' OR call_result = 'answered')) AS last_callback,
        (SELECT r.name FROM regions r JOIN companies c ON c.region_id = r.id WHERE c.id = ${id}) AS region_name,
        (SELECT r.time_zone FROM regions r JOIN companies c ON c.region_id = r.id WHERE c.id = ${id}) AS region_tz,
        (SELECT status FROM companies WHERE id = ${id}) AS status, (SELECT created_at FROM companies WHERE id = ${id}) AS created_at`),
    ctx.db.all<TaskRow>(
      sql`SELECT id, title, due_at FROM tasks WHERE company_id = ${id} AND done_at IS NULL AND due_at < ${ctx.now} ORDER BY due_at`,
    ),
    auditCompanyViewIfReadable(ctx, id, { view: 'card' }),
  ]);
  const detail = assembleDetail(ctx.principal, [companyRows, contactRows, pointRows]);
  const facts = factRows[0]!;
  const ru = ctx.lang === 'ru';
  const deviations: Deviation[] = [];
  for (const l of leadRows) {
    // Named by client and subject, else what started it (docs/workspace.md), its day in the region's zone.
    const lead = leadName({
      companyName: detail.name,
      subject: l.subject,
      channel: l.channel,
      createdAt: l.created_at,
      timeZone: facts.region_tz,
      lang: ru ? 'ru' : 'en',
    });
    if (l.sla_hours !== null && ctx.now - l.stage_entered_at > l.sla_hours * HOUR) {
      deviations.push({
        kind: 'stuck',
        leadId: l.id,
        since: l.stage_entered_at + l.sla_hours * HOUR,
        message: ru
          ? `Интерес «${lead}» дольше срока на этапе «${l.name_ru}»`
          : `Lead «${lead}» is past its deadline at stage «${l.name_en}»`,
      });
    }
    if (facts.last_touch === null || ctx.now - facts.last_touch > NO_TOUCH_DAYS * DAY) {
      deviations.push({
        kind: 'no_touch',
        leadId: l.id,
        since: facts.last_touch,
        message: ru
          ? `Нет касаний по открытому интересу «${lead}» больше ${NO_TOUCH_DAYS} дней`
          : `No touch on open lead #${l.id} for over ${NO_TOUCH_DAYS} days`,
      });
    }
  }
  for (const t of taskRows) {
    deviations.push({
      kind: 'overdue_task',
      taskId: t.id,
      since: t.due_at,
      message: ru ? `Просрочена задача «${t.title}»` : `Overdue task "${t.title}"`,
    });
  }
  if (facts.last_missed !== null && (facts.last_callback ?? 0) < facts.last_missed && ctx.now - facts.last_missed > CALLBACK_WITHIN_MS) {
    deviations.push({
      kind: 'missed_call',
      since: facts.last_missed,
      message: ru ? 'Пропущенный звонок не перезвонили в течение часа' : 'Missed call not returned within an hour',
    });
  }
  const dormantSince = facts.last_invoice ?? facts.created_at;
  if (facts.status === 'client' && ctx.now - dormantSince > DORMANT_MONTHS * 30.4375 * DAY) {
    deviations.push({
      kind: 'dormant',
      since: facts.last_invoice,
      message: ru ? `Нет счетов ${DORMANT_MONTHS} месяцев и больше` : `No invoice for ${DORMANT_MONTHS} months or more`,
    });
  }
  return {
    ...detail,
    regionName: facts.region_name,
    lastTouchAt: facts.last_touch,
    openLeads: leadRows.map((l) => ({
      id: l.id,
      stageId: l.stage_id,
      stageName: ru ? l.name_ru : l.name_en,
      amountKopecks: l.amount_kopecks,
      channel: l.channel,
      subject: l.subject,
      ownerId: l.owner_id,
      createdAt: l.created_at,
      stageEnteredAt: l.stage_entered_at,
      nextAction:
        l.task_title !== null
          ? { title: l.task_title, dueAt: l.task_due, fromTask: true }
          : (ru ? l.hint_ru : l.hint_en)
            ? {
                title: (ru ? l.hint_ru : l.hint_en)!,
                dueAt: l.sla_hours !== null ? l.stage_entered_at + l.sla_hours * HOUR : null,
                fromTask: false,
              }
            : null,
    })),
    lastDocuments: docRows.map((d) => ({
      kind: d.kind,
      number: d.number,
      dateLocal: d.date_local,
      amountKopecks: d.amount_kopecks,
      occurredAt: d.occurred_at,
    })),
    deviations,
    timeline: eventRows.map((e) => ({
      id: e.id,
      kind: e.kind,
      source: e.source,
      occurredAt: e.occurred_at,
      direction: e.direction,
      durationSec: e.duration_sec,
      callResult: e.call_result,
      targeted: e.targeted === null ? null : !!e.targeted,
      subject: e.subject,
      counterpart: e.counterpart,
      userName: e.user_name,
      leadId: e.lead_id,
      snippet: e.snippet,
      attachments: parseAttachments(e.attachments),
      threadId: e.thread_id,
      recordingUrl: e.recording_url,
    })),
  };
}
