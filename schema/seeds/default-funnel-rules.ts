/**
 * The funnel rules Voronka ships with (product.md, "The funnel"), as data: each moves a lead, opens
 * a task or closes one when an event of its kind matches its condition. Migration 0005 inserted
 * them; an admin may change thresholds or switch a rule off at /api/funnel/rules. The engine that
 * applies them is worker/src/funnel/engine/rules.ts; tests/unit/default-funnel-rules.test.ts holds
 * the migrations to this list. A change to the defaults is a new migration and a change here.
 */
export interface DefaultFunnelRule {
  id: string;
  position: number;
  eventKind: string;
  condition: Record<string, unknown>;
  toStageId: string | null;
  task: { titleRu: string; titleEn: string; kind: string; dueMinutes: number } | null;
  closesTaskKind: string | null;
  descriptionRu: string;
}

export const DEFAULT_FUNNEL_RULES: readonly DefaultFunnelRule[] = [
  {
    id: 'call_qualifies',
    position: 10,
    eventKind: 'call',
    condition: { callResult: 'answered', minDurationSec: 30, fromStages: ['new'] },
    toStageId: 'qualified',
    task: null,
    closesTaskKind: null,
    descriptionRu: 'Разговор от 30 секунд переводит новое обращение в «Потребность выявлена»',
  },
  {
    // The missed-call rule: a missed or busy inbound call opens a call-back task due within the hour.
    id: 'missed_call_callback',
    position: 20,
    eventKind: 'call',
    condition: { direction: 'in', callResults: ['missed', 'busy'] },
    toStageId: null,
    task: { titleRu: 'Перезвонить клиенту', titleEn: 'Call the client back', kind: 'callback', dueMinutes: 60 },
    closesTaskKind: null,
    descriptionRu: 'Пропущенный входящий — задача перезвонить в течение часа',
  },
  {
    id: 'call_closes_callback',
    position: 30,
    eventKind: 'call',
    condition: { anyOf: [{ direction: 'out' }, { callResult: 'answered' }] },
    toStageId: null,
    task: null,
    closesTaskKind: 'callback',
    descriptionRu: 'Состоявшийся или исходящий звонок закрывает задачу «перезвонить»',
  },
  {
    id: 'mail_with_attachment_proposal',
    position: 40,
    eventKind: 'mail',
    condition: { direction: 'out', hasAttachment: true, fromStages: ['new', 'qualified'] },
    toStageId: 'proposal',
    task: null,
    closesTaskKind: null,
    descriptionRu: 'Исходящее письмо с вложением отмечает «КП отправлено»',
  },
];
