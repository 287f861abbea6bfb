-- Default funnel of product.md; stages are data, an admin may rename them or change SLAs.
INSERT OR IGNORE INTO stages (id, position, name_ru, name_en, sla_hours, hint_ru, hint_en, outcome) VALUES
 ('new', 10, 'Новое обращение', 'New', 1, 'Перезвонить в течение часа', 'Call back within an hour', 'open'),
 ('qualified', 20, 'Потребность выявлена', 'Qualified', 72, 'Подготовить и отправить КП', 'Prepare and send a proposal', 'open'),
 ('proposal', 30, 'КП отправлено', 'Proposal sent', 120, 'Уточнить решение по КП', 'Follow up on the proposal', 'open'),
 ('order', 40, 'Заказ клиента', 'Order', 48, 'Выставить счёт', 'Issue the invoice', 'open'),
 ('invoice', 50, 'Счёт выставлен', 'Invoice issued', 120, 'Напомнить об оплате', 'Remind about payment', 'open'),
 ('paid', 60, 'Оплачено', 'Paid', 72, 'Согласовать отгрузку', 'Arrange the shipment', 'open'),
 ('shipped', 70, 'Отгружено', 'Shipped (won)', NULL, NULL, NULL, 'won'),
 ('lost', 90, 'Проиграно', 'Lost', NULL, NULL, NULL, 'lost');
