import { sql } from 'drizzle-orm';
import type { LeadCard } from '../../../../schema/contracts';
import { leadName } from '../../../../schema/domain/format-ru';
import { requireUser } from '../../access';
import { loadStages } from '../engine/stages';
import type { ServiceContext } from '../../platform/route';
import { loadReadableLead } from './load';

interface ChangeRow {
  from_stage_id: string | null;
  to_stage_id: string;
  at: number;
  cause: 'event' | 'rule' | 'user' | 'recompute';
  cause_rule: string | null;
  reason: string | null;
  user_name: string | null;
  event_subject: string | null;
}

const RULE_RU: Record<string, string> = {
  call_qualifies: 'разговор от 30 секунд',
  unknown_caller: 'звонок с нового номера',
  mail_unknown_sender: 'письмо от нового отправителя',
  mail_with_attachment_proposal: 'исходящее письмо с вложением',
  onec_document: 'документ 1С',
};

function causeText(c: ChangeRow): string {
  switch (c.cause) {
    case 'user':
      return `${c.user_name ?? 'Пользователь'} вручную${c.reason ? `: ${c.reason}` : ''}`;
    case 'recompute':
      return `Пересчёт: ${c.reason ?? 'документы 1С изменились'}`;
    case 'rule':
      return `Правило «${RULE_RU[c.cause_rule ?? ''] ?? c.cause_rule}»${c.event_subject ? `: ${c.event_subject}` : ''}`;
    case 'event':
      return c.event_subject ?? (c.cause_rule ? (RULE_RU[c.cause_rule] ?? c.cause_rule) : 'Событие');
  }
}

/**
 * The lead card: where it is and why (the cause of every move), exact time in each stage from the
 * stored changes, the next action, and what 1C says was invoiced and paid (a partial payment shows).
 */
export async function getLeadCard({ ctx, input }: { ctx: ServiceContext; input: { id: number } }): Promise<LeadCard> {
  requireUser(ctx.principal);
  const lead = await loadReadableLead(ctx.db, ctx.principal, input.id);
  const stageMap = await loadStages(ctx.db);
  const [changes, names, task, money] = await ctx.db.batch([
    ctx.db.all<ChangeRow>(sql`SELECT sc.from_stage_id, sc.to_stage_id, sc.at, sc.cause, sc.cause_rule, sc.reason, u.name AS user_name, e.subject AS event_subject
      FROM stage_changes sc LEFT JOIN users u ON u.id = sc.user_id LEFT JOIN events e ON e.id = sc.cause_event_id
      WHERE sc.lead_id = ${lead.id} ORDER BY sc.at, sc.id`),
    ctx.db.all<{ company_name: string; owner_name: string | null; time_zone: string | null }>(
      sql`SELECT c.name AS company_name, (SELECT u.name FROM users u WHERE u.id = ${lead.owner_id}) AS owner_name,
        (SELECT r.time_zone FROM regions r WHERE r.id = ${lead.region_id}) AS time_zone FROM companies c WHERE c.id = ${lead.company_id}`,
    ),
    ctx.db.all<{ title: string; due_at: number }>(
      sql`SELECT title, due_at FROM tasks WHERE lead_id = ${lead.id} AND done_at IS NULL ORDER BY due_at LIMIT 1`,
    ),
    ctx.db.all<{ invoiced: number | null; paid: number | null }>(sql`SELECT
      sum(CASE WHEN kind = 'invoice' THEN amount_kopecks END) AS invoiced,
      sum(CASE WHEN kind IN ('payment_bank', 'payment_cash') THEN amount_kopecks END) AS paid
      FROM onec_documents WHERE lead_id = ${lead.id} AND posted = 1 AND deletion_mark = 0`),
  ]);
  const stage = stageMap.byId.get(lead.stage_id);
  const history = changes.map((c, i) => {
    const end = changes[i + 1]?.at ?? lead.closed_at ?? ctx.now;
    return {
      fromStageId: c.from_stage_id,
      toStageId: c.to_stage_id,
      toStageName: stageMap.byId.get(c.to_stage_id)?.nameRu ?? c.to_stage_id,
      at: c.at,
      cause: c.cause,
      causeText: causeText(c),
      durationMs: Math.max(0, end - c.at),
    };
  });
  const timeInStageMs: Record<string, number> = {};
  for (const h of history) timeInStageMs[h.toStageId] = (timeInStageMs[h.toStageId] ?? 0) + h.durationMs;
  const hint = stage?.hintRu ?? null;
  const next = task[0]
    ? { title: task[0].title, dueAt: task[0].due_at, fromTask: true }
    : hint && !lead.closed_at
      ? { title: hint, dueAt: stage?.slaHours ? lead.stage_entered_at + stage.slaHours * 3_600_000 : null, fromTask: false }
      : null;
  const companyName = names[0]?.company_name ?? '';
  return {
    id: lead.id,
    companyId: lead.company_id,
    companyName,
    ownerId: lead.owner_id,
    ownerName: names[0]?.owner_name ?? null,
    stageId: lead.stage_id,
    stageName: stage?.nameRu ?? lead.stage_id,
    channel: lead.channel,
    subject: lead.subject,
    // Named in the region's zone, as the card names it.
    name: leadName({
      companyName,
      subject: lead.subject,
      channel: lead.channel,
      createdAt: lead.created_at,
      ...(names[0]?.time_zone ? { timeZone: names[0].time_zone } : {}),
    }),
    amountKopecks: lead.amount_kopecks,
    createdAt: lead.created_at,
    stageEnteredAt: lead.stage_entered_at,
    closedAt: lead.closed_at,
    lostReason: lead.lost_reason,
    why: history.length ? history[history.length - 1]!.causeText : 'Создан',
    nextAction: next,
    invoicedKopecks: Number(money[0]?.invoiced ?? 0),
    paidKopecks: Number(money[0]?.paid ?? 0),
    history,
    timeInStageMs,
  };
}
