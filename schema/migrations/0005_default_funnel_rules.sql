-- Default rules of product.md "The funnel"; an admin may change thresholds or switch a rule off.
INSERT OR IGNORE INTO funnel_rules (id, position, event_kind, condition, to_stage_id, task_title_ru, task_title_en, task_kind, task_due_minutes, closes_task_kind, active, description_ru) VALUES
 ('call_qualifies', 10, 'call', '{"callResult":"answered","minDurationSec":30,"fromStages":["new"]}', 'qualified', NULL, NULL, NULL, NULL, NULL, 1,
  'Разговор от 30 секунд переводит новое обращение в «Потребность выявлена»'),
 ('missed_call_callback', 20, 'call', '{"direction":"in","callResults":["missed","busy"]}', NULL, 'Перезвонить клиенту', 'Call the client back', 'callback', 60, NULL, 1,
  'Пропущенный входящий — задача перезвонить в течение часа'),
 ('call_closes_callback', 30, 'call', '{"anyOf":[{"direction":"out"},{"callResult":"answered"}]}', NULL, NULL, NULL, NULL, NULL, 'callback', 1,
  'Состоявшийся или исходящий звонок закрывает задачу «перезвонить»'),
 ('mail_with_attachment_proposal', 40, 'mail', '{"direction":"out","hasAttachment":true,"fromStages":["new","qualified"]}', 'proposal', NULL, NULL, NULL, NULL, NULL, 1,
  'Исходящее письмо с вложением отмечает «КП отправлено»');
