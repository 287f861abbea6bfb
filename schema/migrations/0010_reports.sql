CREATE TABLE `lead_stays` (
	`id` integer PRIMARY KEY NOT NULL,
	`lead_id` integer NOT NULL,
	`stage_id` text NOT NULL,
	`left_at` integer NOT NULL,
	`minutes` integer NOT NULL,
	`bucket` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `lead_stays_lead_idx` ON `lead_stays` (`lead_id`);--> statement-breakpoint
CREATE TABLE `report_window` (
	`id` integer PRIMARY KEY NOT NULL,
	`revenue_from` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `rollup_calls` (
	`day` text NOT NULL,
	`user_id` integer NOT NULL,
	`calls` integer DEFAULT 0 NOT NULL,
	`inbound` integer DEFAULT 0 NOT NULL,
	`outbound` integer DEFAULT 0 NOT NULL,
	`missed` integer DEFAULT 0 NOT NULL,
	`targeted` integer DEFAULT 0 NOT NULL,
	`talk_sec` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`day`, `user_id`)
);
--> statement-breakpoint
CREATE INDEX `rollup_calls_user_idx` ON `rollup_calls` (`user_id`,`day`);--> statement-breakpoint
CREATE TABLE `rollup_clients` (
	`day` text NOT NULL,
	`region_id` integer NOT NULL,
	`owner_id` integer NOT NULL,
	`created` integer DEFAULT 0 NOT NULL,
	`converted` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`day`, `region_id`, `owner_id`)
);
--> statement-breakpoint
CREATE INDEX `rollup_clients_owner_idx` ON `rollup_clients` (`owner_id`,`day`);--> statement-breakpoint
CREATE TABLE `rollup_documents` (
	`day` text NOT NULL,
	`region_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`invoices` integer DEFAULT 0 NOT NULL,
	`invoiced_kopecks` integer DEFAULT 0 NOT NULL,
	`payments` integer DEFAULT 0 NOT NULL,
	`paid_kopecks` integer DEFAULT 0 NOT NULL,
	`shipments` integer DEFAULT 0 NOT NULL,
	`shipped_kopecks` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`day`, `region_id`, `user_id`)
);
--> statement-breakpoint
CREATE INDEX `rollup_documents_user_idx` ON `rollup_documents` (`user_id`,`day`);--> statement-breakpoint
CREATE TABLE `rollup_leads` (
	`day` text NOT NULL,
	`region_id` integer NOT NULL,
	`owner_id` integer NOT NULL,
	`leads` integer DEFAULT 0 NOT NULL,
	`ch_call` integer DEFAULT 0 NOT NULL,
	`ch_mail` integer DEFAULT 0 NOT NULL,
	`ch_onec` integer DEFAULT 0 NOT NULL,
	`ch_manual` integer DEFAULT 0 NOT NULL,
	`ch_import` integer DEFAULT 0 NOT NULL,
	`ch_web` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`day`, `region_id`, `owner_id`)
);
--> statement-breakpoint
CREATE INDEX `rollup_leads_owner_idx` ON `rollup_leads` (`owner_id`,`day`);--> statement-breakpoint
CREATE TABLE `rollup_revenue` (
	`company_id` integer NOT NULL,
	`month` text NOT NULL,
	`kopecks` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`company_id`, `month`)
);
--> statement-breakpoint
CREATE TABLE `rollup_stays` (
	`month` text NOT NULL,
	`stage_id` text NOT NULL,
	`region_id` integer NOT NULL,
	`owner_id` integer NOT NULL,
	`stays` integer DEFAULT 0 NOT NULL,
	`total_min` integer DEFAULT 0 NOT NULL,
	`b0` integer DEFAULT 0 NOT NULL,
	`b1` integer DEFAULT 0 NOT NULL,
	`b2` integer DEFAULT 0 NOT NULL,
	`b3` integer DEFAULT 0 NOT NULL,
	`b4` integer DEFAULT 0 NOT NULL,
	`b5` integer DEFAULT 0 NOT NULL,
	`b6` integer DEFAULT 0 NOT NULL,
	`b7` integer DEFAULT 0 NOT NULL,
	`b8` integer DEFAULT 0 NOT NULL,
	`b9` integer DEFAULT 0 NOT NULL,
	`b10` integer DEFAULT 0 NOT NULL,
	`b11` integer DEFAULT 0 NOT NULL,
	`b12` integer DEFAULT 0 NOT NULL,
	`b13` integer DEFAULT 0 NOT NULL,
	`b14` integer DEFAULT 0 NOT NULL,
	`b15` integer DEFAULT 0 NOT NULL,
	`b16` integer DEFAULT 0 NOT NULL,
	`b17` integer DEFAULT 0 NOT NULL,
	`b18` integer DEFAULT 0 NOT NULL,
	`b19` integer DEFAULT 0 NOT NULL,
	`b20` integer DEFAULT 0 NOT NULL,
	`b21` integer DEFAULT 0 NOT NULL,
	`b22` integer DEFAULT 0 NOT NULL,
	`b23` integer DEFAULT 0 NOT NULL,
	`b24` integer DEFAULT 0 NOT NULL,
	`b25` integer DEFAULT 0 NOT NULL,
	`b26` integer DEFAULT 0 NOT NULL,
	`b27` integer DEFAULT 0 NOT NULL,
	`b28` integer DEFAULT 0 NOT NULL,
	`b29` integer DEFAULT 0 NOT NULL,
	`b30` integer DEFAULT 0 NOT NULL,
	`b31` integer DEFAULT 0 NOT NULL,
	`b32` integer DEFAULT 0 NOT NULL,
	`b33` integer DEFAULT 0 NOT NULL,
	`b34` integer DEFAULT 0 NOT NULL,
	`b35` integer DEFAULT 0 NOT NULL,
	`b36` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`month`, `stage_id`, `region_id`, `owner_id`)
);
--> statement-breakpoint
CREATE INDEX `rollup_stays_owner_idx` ON `rollup_stays` (`owner_id`,`month`);--> statement-breakpoint
CREATE TABLE `tz_offsets` (
	`time_zone` text PRIMARY KEY NOT NULL,
	`offset_min` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `companies` ADD `converted_at` integer;--> statement-breakpoint
ALTER TABLE `companies` ADD `last_touch_at` integer;--> statement-breakpoint
ALTER TABLE `companies` ADD `revenue_24m` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `companies_touch_idx` ON `companies` (`last_touch_at`);--> statement-breakpoint
INSERT OR IGNORE INTO tz_offsets (time_zone, offset_min) VALUES ('Europe/Kaliningrad', 120), ('Europe/Moscow', 180), ('Europe/Simferopol', 180), ('Europe/Kirov', 180), ('Europe/Volgograd', 180), ('Europe/Samara', 240), ('Europe/Astrakhan', 240), ('Europe/Saratov', 240), ('Europe/Ulyanovsk', 240), ('Asia/Yekaterinburg', 300), ('Asia/Omsk', 360), ('Asia/Novosibirsk', 420), ('Asia/Barnaul', 420), ('Asia/Tomsk', 420), ('Asia/Novokuznetsk', 420), ('Asia/Krasnoyarsk', 420), ('Asia/Irkutsk', 480), ('Asia/Chita', 540), ('Asia/Yakutsk', 540), ('Asia/Khandyga', 540), ('Asia/Vladivostok', 600), ('Asia/Ust-Nera', 600), ('Asia/Magadan', 660), ('Asia/Sakhalin', 660), ('Asia/Srednekolymsk', 660), ('Asia/Kamchatka', 720), ('Asia/Anadyr', 720);
--> statement-breakpoint
UPDATE companies SET converted_at = (SELECT min(d.occurred_at) FROM onec_documents d WHERE d.company_id = companies.id
      AND d.kind IN ('payment_bank', 'payment_cash') AND d.posted = 1 AND d.deletion_mark = 0) WHERE true;
--> statement-breakpoint
DELETE FROM lead_stays;
--> statement-breakpoint
INSERT INTO lead_stays (id, lead_id, stage_id, left_at, minutes, bucket)
    SELECT id, lead_id, stage_id, left_at, minutes, (CASE WHEN minutes < 1 THEN 0 WHEN minutes < 2 THEN 1 WHEN minutes < 3 THEN 2 WHEN minutes < 5 THEN 3 WHEN minutes < 7 THEN 4 WHEN minutes < 10 THEN 5 WHEN minutes < 15 THEN 6 WHEN minutes < 20 THEN 7 WHEN minutes < 30 THEN 8 WHEN minutes < 45 THEN 9 WHEN minutes < 60 THEN 10 WHEN minutes < 90 THEN 11 WHEN minutes < 120 THEN 12 WHEN minutes < 180 THEN 13 WHEN minutes < 240 THEN 14 WHEN minutes < 360 THEN 15 WHEN minutes < 480 THEN 16 WHEN minutes < 720 THEN 17 WHEN minutes < 960 THEN 18 WHEN minutes < 1440 THEN 19 WHEN minutes < 2160 THEN 20 WHEN minutes < 2880 THEN 21 WHEN minutes < 4320 THEN 22 WHEN minutes < 5760 THEN 23 WHEN minutes < 7200 THEN 24 WHEN minutes < 10080 THEN 25 WHEN minutes < 14400 THEN 26 WHEN minutes < 20160 THEN 27 WHEN minutes < 30240 THEN 28 WHEN minutes < 43200 THEN 29 WHEN minutes < 64800 THEN 30 WHEN minutes < 86400 THEN 31 WHEN minutes < 129600 THEN 32 WHEN minutes < 172800 THEN 33 WHEN minutes < 259200 THEN 34 WHEN minutes < 525600 THEN 35 ELSE 36 END) FROM (
      SELECT s.id AS id, s.lead_id AS lead_id, s.from_stage_id AS stage_id, s.at AS left_at, max(0, (s.at - coalesce((SELECT p.at FROM stage_changes p WHERE p.lead_id = s.lead_id AND p.id < s.id ORDER BY p.id DESC LIMIT 1),
  (SELECT l.created_at FROM leads l WHERE l.id = s.lead_id), s.at)) / 60000) AS minutes FROM stage_changes s
      WHERE s.from_stage_id IS NOT NULL) WHERE true
    ON CONFLICT (id) DO NOTHING;
--> statement-breakpoint
DELETE FROM rollup_calls;
--> statement-breakpoint
DELETE FROM rollup_leads;
--> statement-breakpoint
DELETE FROM rollup_stays;
--> statement-breakpoint
DELETE FROM rollup_clients;
--> statement-breakpoint
DELETE FROM rollup_documents;
--> statement-breakpoint
DELETE FROM rollup_revenue;
--> statement-breakpoint
INSERT INTO rollup_calls (day, user_id, calls, inbound, outbound, missed, targeted, talk_sec)
  SELECT date(s.occurred_at / 1000 + 60 * coalesce((SELECT o.offset_min FROM users u JOIN tz_offsets o ON o.time_zone = u.time_zone WHERE u.id = s.user_id), 180), 'unixepoch'), coalesce(s.user_id, 0), sum(1), sum((CASE WHEN s.direction = 'in' THEN 1 ELSE 0 END)), sum((CASE WHEN s.direction = 'out' THEN 1 ELSE 0 END)), sum((CASE WHEN s.direction = 'in' AND coalesce(s.call_result, 'missed') != 'answered' THEN 1 ELSE 0 END)), sum((CASE WHEN s.targeted = 1 THEN 1 ELSE 0 END)), sum(coalesce(s.duration_sec, 0))
  FROM events s WHERE s.kind = 'call' GROUP BY 1, 2
  ON CONFLICT (day, user_id) DO UPDATE SET calls = calls + excluded.calls, inbound = inbound + excluded.inbound, outbound = outbound + excluded.outbound, missed = missed + excluded.missed, targeted = targeted + excluded.targeted, talk_sec = talk_sec + excluded.talk_sec;
--> statement-breakpoint
INSERT INTO rollup_leads (day, region_id, owner_id, leads, ch_call, ch_mail, ch_onec, ch_manual, ch_import, ch_web)
  SELECT date(s.created_at / 1000 + 10800, 'unixepoch'), s.region_id, coalesce(s.owner_id, 0), sum(1), sum((CASE WHEN s.channel = 'call' THEN 1 ELSE 0 END)), sum((CASE WHEN s.channel = 'mail' THEN 1 ELSE 0 END)), sum((CASE WHEN s.channel = 'onec' THEN 1 ELSE 0 END)), sum((CASE WHEN s.channel = 'manual' THEN 1 ELSE 0 END)), sum((CASE WHEN s.channel = 'import' THEN 1 ELSE 0 END)), sum((CASE WHEN s.channel = 'web' THEN 1 ELSE 0 END))
  FROM leads s WHERE 1 GROUP BY 1, 2, 3
  ON CONFLICT (day, region_id, owner_id) DO UPDATE SET leads = leads + excluded.leads, ch_call = ch_call + excluded.ch_call, ch_mail = ch_mail + excluded.ch_mail, ch_onec = ch_onec + excluded.ch_onec, ch_manual = ch_manual + excluded.ch_manual, ch_import = ch_import + excluded.ch_import, ch_web = ch_web + excluded.ch_web;
--> statement-breakpoint
INSERT INTO rollup_stays (month, stage_id, region_id, owner_id, stays, total_min, b0, b1, b2, b3, b4, b5, b6, b7, b8, b9, b10, b11, b12, b13, b14, b15, b16, b17, b18, b19, b20, b21, b22, b23, b24, b25, b26, b27, b28, b29, b30, b31, b32, b33, b34, b35, b36)
  SELECT strftime('%Y-%m', s.left_at / 1000 + 10800, 'unixepoch'), s.stage_id, coalesce((SELECT l.region_id FROM leads l WHERE l.id = s.lead_id), 0), coalesce((SELECT l.owner_id FROM leads l WHERE l.id = s.lead_id), 0), sum(1), sum(s.minutes), sum((CASE WHEN s.bucket = 0 THEN 1 ELSE 0 END)), sum((CASE WHEN s.bucket = 1 THEN 1 ELSE 0 END)), sum((CASE WHEN s.bucket = 2 THEN 1 ELSE 0 END)), sum((CASE WHEN s.bucket = 3 THEN 1 ELSE 0 END)), sum((CASE WHEN s.bucket = 4 THEN 1 ELSE 0 END)), sum((CASE WHEN s.bucket = 5 THEN 1 ELSE 0 END)), sum((CASE WHEN s.bucket = 6 THEN 1 ELSE 0 END)), sum((CASE WHEN s.bucket = 7 THEN 1 ELSE 0 END)), sum((CASE WHEN s.bucket = 8 THEN 1 ELSE 0 END)), sum((CASE WHEN s.bucket = 9 THEN 1 ELSE 0 END)), sum((CASE WHEN s.bucket = 10 THEN 1 ELSE 0 END)), sum((CASE WHEN s.bucket = 11 THEN 1 ELSE 0 END)), sum((CASE WHEN s.bucket = 12 THEN 1 ELSE 0 END)), sum((CASE WHEN s.bucket = 13 THEN 1 ELSE 0 END)), sum((CASE WHEN s.bucket = 14 THEN 1 ELSE 0 END)), sum((CASE WHEN s.bucket = 15 THEN 1 ELSE 0 END)), sum((CASE WHEN s.bucket = 16 THEN 1 ELSE 0 END)), sum((CASE WHEN s.bucket = 17 THEN 1 ELSE 0 END)), sum((CASE WHEN s.bucket = 18 THEN 1 ELSE 0 END)), sum((CASE WHEN s.bucket = 19 THEN 1 ELSE 0 END)), sum((CASE WHEN s.bucket = 20 THEN 1 ELSE 0 END)), sum((CASE WHEN s.bucket = 21 THEN 1 ELSE 0 END)), sum((CASE WHEN s.bucket = 22 THEN 1 ELSE 0 END)), sum((CASE WHEN s.bucket = 23 THEN 1 ELSE 0 END)), sum((CASE WHEN s.bucket = 24 THEN 1 ELSE 0 END)), sum((CASE WHEN s.bucket = 25 THEN 1 ELSE 0 END)), sum((CASE WHEN s.bucket = 26 THEN 1 ELSE 0 END)), sum((CASE WHEN s.bucket = 27 THEN 1 ELSE 0 END)), sum((CASE WHEN s.bucket = 28 THEN 1 ELSE 0 END)), sum((CASE WHEN s.bucket = 29 THEN 1 ELSE 0 END)), sum((CASE WHEN s.bucket = 30 THEN 1 ELSE 0 END)), sum((CASE WHEN s.bucket = 31 THEN 1 ELSE 0 END)), sum((CASE WHEN s.bucket = 32 THEN 1 ELSE 0 END)), sum((CASE WHEN s.bucket = 33 THEN 1 ELSE 0 END)), sum((CASE WHEN s.bucket = 34 THEN 1 ELSE 0 END)), sum((CASE WHEN s.bucket = 35 THEN 1 ELSE 0 END)), sum((CASE WHEN s.bucket = 36 THEN 1 ELSE 0 END))
  FROM lead_stays s WHERE 1 GROUP BY 1, 2, 3, 4
  ON CONFLICT (month, stage_id, region_id, owner_id) DO UPDATE SET stays = stays + excluded.stays, total_min = total_min + excluded.total_min, b0 = b0 + excluded.b0, b1 = b1 + excluded.b1, b2 = b2 + excluded.b2, b3 = b3 + excluded.b3, b4 = b4 + excluded.b4, b5 = b5 + excluded.b5, b6 = b6 + excluded.b6, b7 = b7 + excluded.b7, b8 = b8 + excluded.b8, b9 = b9 + excluded.b9, b10 = b10 + excluded.b10, b11 = b11 + excluded.b11, b12 = b12 + excluded.b12, b13 = b13 + excluded.b13, b14 = b14 + excluded.b14, b15 = b15 + excluded.b15, b16 = b16 + excluded.b16, b17 = b17 + excluded.b17, b18 = b18 + excluded.b18, b19 = b19 + excluded.b19, b20 = b20 + excluded.b20, b21 = b21 + excluded.b21, b22 = b22 + excluded.b22, b23 = b23 + excluded.b23, b24 = b24 + excluded.b24, b25 = b25 + excluded.b25, b26 = b26 + excluded.b26, b27 = b27 + excluded.b27, b28 = b28 + excluded.b28, b29 = b29 + excluded.b29, b30 = b30 + excluded.b30, b31 = b31 + excluded.b31, b32 = b32 + excluded.b32, b33 = b33 + excluded.b33, b34 = b34 + excluded.b34, b35 = b35 + excluded.b35, b36 = b36 + excluded.b36;
--> statement-breakpoint
INSERT INTO rollup_clients (day, region_id, owner_id, created, converted)
  SELECT date(s.created_at / 1000 + 10800, 'unixepoch'), s.region_id, coalesce(s.owner_id, 0), sum(1), sum(0)
  FROM companies s WHERE s.merged_into_id IS NULL GROUP BY 1, 2, 3
  ON CONFLICT (day, region_id, owner_id) DO UPDATE SET created = created + excluded.created, converted = converted + excluded.converted;
--> statement-breakpoint
INSERT INTO rollup_clients (day, region_id, owner_id, created, converted)
  SELECT date(s.converted_at / 1000 + 10800, 'unixepoch'), s.region_id, coalesce(s.owner_id, 0), sum(0), sum(1)
  FROM companies s WHERE s.merged_into_id IS NULL AND s.converted_at IS NOT NULL GROUP BY 1, 2, 3
  ON CONFLICT (day, region_id, owner_id) DO UPDATE SET created = created + excluded.created, converted = converted + excluded.converted;
--> statement-breakpoint
INSERT INTO rollup_documents (day, region_id, user_id, invoices, invoiced_kopecks, payments, paid_kopecks, shipments, shipped_kopecks)
  SELECT substr(s.date_local, 1, 10), coalesce((SELECT c.region_id FROM companies c WHERE c.id = s.company_id), 0), coalesce(s.user_id, 0), sum((CASE WHEN s.kind = 'invoice' THEN 1 ELSE 0 END)), sum((CASE WHEN s.kind = 'invoice' THEN s.amount_kopecks ELSE 0 END)), sum((CASE WHEN s.kind IN ('payment_bank', 'payment_cash') THEN 1 ELSE 0 END)), sum((CASE WHEN s.kind IN ('payment_bank', 'payment_cash') THEN s.amount_kopecks ELSE 0 END)), sum((CASE WHEN s.kind = 'shipment' THEN 1 ELSE 0 END)), sum((CASE WHEN s.kind = 'shipment' THEN s.amount_kopecks ELSE 0 END))
  FROM onec_documents s WHERE s.posted = 1 AND s.deletion_mark = 0 AND s.kind IN ('invoice', 'payment_bank', 'payment_cash', 'shipment') GROUP BY 1, 2, 3
  ON CONFLICT (day, region_id, user_id) DO UPDATE SET invoices = invoices + excluded.invoices, invoiced_kopecks = invoiced_kopecks + excluded.invoiced_kopecks, payments = payments + excluded.payments, paid_kopecks = paid_kopecks + excluded.paid_kopecks, shipments = shipments + excluded.shipments, shipped_kopecks = shipped_kopecks + excluded.shipped_kopecks;
--> statement-breakpoint
INSERT INTO rollup_revenue (company_id, month, kopecks)
  SELECT s.company_id, substr(s.date_local, 1, 7), sum(s.amount_kopecks)
  FROM onec_documents s WHERE s.posted = 1 AND s.deletion_mark = 0 AND s.kind IN ('payment_bank', 'payment_cash') AND s.company_id IS NOT NULL GROUP BY 1, 2
  ON CONFLICT (company_id, month) DO UPDATE SET kopecks = kopecks + excluded.kopecks;
--> statement-breakpoint
UPDATE companies SET last_touch_at = (SELECT max(e.occurred_at) FROM events e WHERE e.company_id = companies.id AND +e.kind IN ('call', 'mail', 'note', 'task_done'));
--> statement-breakpoint
INSERT INTO report_window (id, revenue_from) VALUES (1, strftime('%Y-%m', 'now', 'start of month', '-23 months')) ON CONFLICT (id) DO UPDATE SET revenue_from = excluded.revenue_from;
--> statement-breakpoint
UPDATE companies SET revenue_24m = coalesce((SELECT sum(r.kopecks) FROM rollup_revenue r WHERE r.company_id = companies.id AND r.month >= (SELECT revenue_from FROM report_window WHERE id = 1)), 0);
--> statement-breakpoint
CREATE TRIGGER rollup_calls_ai AFTER INSERT ON events BEGIN
  INSERT INTO rollup_calls (day, user_id, calls, inbound, outbound, missed, targeted, talk_sec)
    SELECT date(NEW.occurred_at / 1000 + 60 * coalesce((SELECT o.offset_min FROM users u JOIN tz_offsets o ON o.time_zone = u.time_zone WHERE u.id = NEW.user_id), 180), 'unixepoch'), coalesce(NEW.user_id, 0), 1, (CASE WHEN NEW.direction = 'in' THEN 1 ELSE 0 END), (CASE WHEN NEW.direction = 'out' THEN 1 ELSE 0 END), (CASE WHEN NEW.direction = 'in' AND coalesce(NEW.call_result, 'missed') != 'answered' THEN 1 ELSE 0 END), (CASE WHEN NEW.targeted = 1 THEN 1 ELSE 0 END), coalesce(NEW.duration_sec, 0) WHERE (NEW.kind = 'call')
    ON CONFLICT (day, user_id) DO UPDATE SET calls = calls + excluded.calls, inbound = inbound + excluded.inbound, outbound = outbound + excluded.outbound, missed = missed + excluded.missed, targeted = targeted + excluded.targeted, talk_sec = talk_sec + excluded.talk_sec;
END;
--> statement-breakpoint
CREATE TRIGGER rollup_calls_ad AFTER DELETE ON events BEGIN
  INSERT INTO rollup_calls (day, user_id, calls, inbound, outbound, missed, targeted, talk_sec)
    SELECT date(OLD.occurred_at / 1000 + 60 * coalesce((SELECT o.offset_min FROM users u JOIN tz_offsets o ON o.time_zone = u.time_zone WHERE u.id = OLD.user_id), 180), 'unixepoch'), coalesce(OLD.user_id, 0), -(1), -((CASE WHEN OLD.direction = 'in' THEN 1 ELSE 0 END)), -((CASE WHEN OLD.direction = 'out' THEN 1 ELSE 0 END)), -((CASE WHEN OLD.direction = 'in' AND coalesce(OLD.call_result, 'missed') != 'answered' THEN 1 ELSE 0 END)), -((CASE WHEN OLD.targeted = 1 THEN 1 ELSE 0 END)), -(coalesce(OLD.duration_sec, 0)) WHERE (OLD.kind = 'call')
    ON CONFLICT (day, user_id) DO UPDATE SET calls = calls + excluded.calls, inbound = inbound + excluded.inbound, outbound = outbound + excluded.outbound, missed = missed + excluded.missed, targeted = targeted + excluded.targeted, talk_sec = talk_sec + excluded.talk_sec;
END;
--> statement-breakpoint
CREATE TRIGGER rollup_calls_au AFTER UPDATE OF kind, occurred_at, user_id, direction, call_result, targeted, duration_sec ON events BEGIN
  INSERT INTO rollup_calls (day, user_id, calls, inbound, outbound, missed, targeted, talk_sec)
    SELECT date(OLD.occurred_at / 1000 + 60 * coalesce((SELECT o.offset_min FROM users u JOIN tz_offsets o ON o.time_zone = u.time_zone WHERE u.id = OLD.user_id), 180), 'unixepoch'), coalesce(OLD.user_id, 0), -(1), -((CASE WHEN OLD.direction = 'in' THEN 1 ELSE 0 END)), -((CASE WHEN OLD.direction = 'out' THEN 1 ELSE 0 END)), -((CASE WHEN OLD.direction = 'in' AND coalesce(OLD.call_result, 'missed') != 'answered' THEN 1 ELSE 0 END)), -((CASE WHEN OLD.targeted = 1 THEN 1 ELSE 0 END)), -(coalesce(OLD.duration_sec, 0)) WHERE (OLD.kind = 'call')
    ON CONFLICT (day, user_id) DO UPDATE SET calls = calls + excluded.calls, inbound = inbound + excluded.inbound, outbound = outbound + excluded.outbound, missed = missed + excluded.missed, targeted = targeted + excluded.targeted, talk_sec = talk_sec + excluded.talk_sec;
  INSERT INTO rollup_calls (day, user_id, calls, inbound, outbound, missed, targeted, talk_sec)
    SELECT date(NEW.occurred_at / 1000 + 60 * coalesce((SELECT o.offset_min FROM users u JOIN tz_offsets o ON o.time_zone = u.time_zone WHERE u.id = NEW.user_id), 180), 'unixepoch'), coalesce(NEW.user_id, 0), 1, (CASE WHEN NEW.direction = 'in' THEN 1 ELSE 0 END), (CASE WHEN NEW.direction = 'out' THEN 1 ELSE 0 END), (CASE WHEN NEW.direction = 'in' AND coalesce(NEW.call_result, 'missed') != 'answered' THEN 1 ELSE 0 END), (CASE WHEN NEW.targeted = 1 THEN 1 ELSE 0 END), coalesce(NEW.duration_sec, 0) WHERE (NEW.kind = 'call')
    ON CONFLICT (day, user_id) DO UPDATE SET calls = calls + excluded.calls, inbound = inbound + excluded.inbound, outbound = outbound + excluded.outbound, missed = missed + excluded.missed, targeted = targeted + excluded.targeted, talk_sec = talk_sec + excluded.talk_sec;
END;
--> statement-breakpoint
CREATE TRIGGER rollup_calls_users_bu BEFORE UPDATE OF time_zone ON users BEGIN
  INSERT INTO rollup_calls (day, user_id, calls, inbound, outbound, missed, targeted, talk_sec)
    SELECT date(s.occurred_at / 1000 + 60 * coalesce((SELECT o.offset_min FROM users u JOIN tz_offsets o ON o.time_zone = u.time_zone WHERE u.id = s.user_id), 180), 'unixepoch'), coalesce(s.user_id, 0), -(1), -((CASE WHEN s.direction = 'in' THEN 1 ELSE 0 END)), -((CASE WHEN s.direction = 'out' THEN 1 ELSE 0 END)), -((CASE WHEN s.direction = 'in' AND coalesce(s.call_result, 'missed') != 'answered' THEN 1 ELSE 0 END)), -((CASE WHEN s.targeted = 1 THEN 1 ELSE 0 END)), -(coalesce(s.duration_sec, 0)) FROM events s WHERE s.user_id = OLD.id AND (s.kind = 'call')
    ON CONFLICT (day, user_id) DO UPDATE SET calls = calls + excluded.calls, inbound = inbound + excluded.inbound, outbound = outbound + excluded.outbound, missed = missed + excluded.missed, targeted = targeted + excluded.targeted, talk_sec = talk_sec + excluded.talk_sec;
END;
--> statement-breakpoint
CREATE TRIGGER rollup_calls_users_au AFTER UPDATE OF time_zone ON users BEGIN
  INSERT INTO rollup_calls (day, user_id, calls, inbound, outbound, missed, targeted, talk_sec)
    SELECT date(s.occurred_at / 1000 + 60 * coalesce((SELECT o.offset_min FROM users u JOIN tz_offsets o ON o.time_zone = u.time_zone WHERE u.id = s.user_id), 180), 'unixepoch'), coalesce(s.user_id, 0), 1, (CASE WHEN s.direction = 'in' THEN 1 ELSE 0 END), (CASE WHEN s.direction = 'out' THEN 1 ELSE 0 END), (CASE WHEN s.direction = 'in' AND coalesce(s.call_result, 'missed') != 'answered' THEN 1 ELSE 0 END), (CASE WHEN s.targeted = 1 THEN 1 ELSE 0 END), coalesce(s.duration_sec, 0) FROM events s WHERE s.user_id = NEW.id AND (s.kind = 'call')
    ON CONFLICT (day, user_id) DO UPDATE SET calls = calls + excluded.calls, inbound = inbound + excluded.inbound, outbound = outbound + excluded.outbound, missed = missed + excluded.missed, targeted = targeted + excluded.targeted, talk_sec = talk_sec + excluded.talk_sec;
END;
--> statement-breakpoint
CREATE TRIGGER rollup_leads_ai AFTER INSERT ON leads BEGIN
  INSERT INTO rollup_leads (day, region_id, owner_id, leads, ch_call, ch_mail, ch_onec, ch_manual, ch_import, ch_web)
    SELECT date(NEW.created_at / 1000 + 10800, 'unixepoch'), NEW.region_id, coalesce(NEW.owner_id, 0), 1, (CASE WHEN NEW.channel = 'call' THEN 1 ELSE 0 END), (CASE WHEN NEW.channel = 'mail' THEN 1 ELSE 0 END), (CASE WHEN NEW.channel = 'onec' THEN 1 ELSE 0 END), (CASE WHEN NEW.channel = 'manual' THEN 1 ELSE 0 END), (CASE WHEN NEW.channel = 'import' THEN 1 ELSE 0 END), (CASE WHEN NEW.channel = 'web' THEN 1 ELSE 0 END) WHERE (1)
    ON CONFLICT (day, region_id, owner_id) DO UPDATE SET leads = leads + excluded.leads, ch_call = ch_call + excluded.ch_call, ch_mail = ch_mail + excluded.ch_mail, ch_onec = ch_onec + excluded.ch_onec, ch_manual = ch_manual + excluded.ch_manual, ch_import = ch_import + excluded.ch_import, ch_web = ch_web + excluded.ch_web;
END;
--> statement-breakpoint
CREATE TRIGGER rollup_leads_ad AFTER DELETE ON leads BEGIN
  INSERT INTO rollup_leads (day, region_id, owner_id, leads, ch_call, ch_mail, ch_onec, ch_manual, ch_import, ch_web)
    SELECT date(OLD.created_at / 1000 + 10800, 'unixepoch'), OLD.region_id, coalesce(OLD.owner_id, 0), -(1), -((CASE WHEN OLD.channel = 'call' THEN 1 ELSE 0 END)), -((CASE WHEN OLD.channel = 'mail' THEN 1 ELSE 0 END)), -((CASE WHEN OLD.channel = 'onec' THEN 1 ELSE 0 END)), -((CASE WHEN OLD.channel = 'manual' THEN 1 ELSE 0 END)), -((CASE WHEN OLD.channel = 'import' THEN 1 ELSE 0 END)), -((CASE WHEN OLD.channel = 'web' THEN 1 ELSE 0 END)) WHERE (1)
    ON CONFLICT (day, region_id, owner_id) DO UPDATE SET leads = leads + excluded.leads, ch_call = ch_call + excluded.ch_call, ch_mail = ch_mail + excluded.ch_mail, ch_onec = ch_onec + excluded.ch_onec, ch_manual = ch_manual + excluded.ch_manual, ch_import = ch_import + excluded.ch_import, ch_web = ch_web + excluded.ch_web;
END;
--> statement-breakpoint
CREATE TRIGGER rollup_leads_au AFTER UPDATE OF created_at, region_id, owner_id, channel ON leads BEGIN
  INSERT INTO rollup_leads (day, region_id, owner_id, leads, ch_call, ch_mail, ch_onec, ch_manual, ch_import, ch_web)
    SELECT date(OLD.created_at / 1000 + 10800, 'unixepoch'), OLD.region_id, coalesce(OLD.owner_id, 0), -(1), -((CASE WHEN OLD.channel = 'call' THEN 1 ELSE 0 END)), -((CASE WHEN OLD.channel = 'mail' THEN 1 ELSE 0 END)), -((CASE WHEN OLD.channel = 'onec' THEN 1 ELSE 0 END)), -((CASE WHEN OLD.channel = 'manual' THEN 1 ELSE 0 END)), -((CASE WHEN OLD.channel = 'import' THEN 1 ELSE 0 END)), -((CASE WHEN OLD.channel = 'web' THEN 1 ELSE 0 END)) WHERE (1)
    ON CONFLICT (day, region_id, owner_id) DO UPDATE SET leads = leads + excluded.leads, ch_call = ch_call + excluded.ch_call, ch_mail = ch_mail + excluded.ch_mail, ch_onec = ch_onec + excluded.ch_onec, ch_manual = ch_manual + excluded.ch_manual, ch_import = ch_import + excluded.ch_import, ch_web = ch_web + excluded.ch_web;
  INSERT INTO rollup_leads (day, region_id, owner_id, leads, ch_call, ch_mail, ch_onec, ch_manual, ch_import, ch_web)
    SELECT date(NEW.created_at / 1000 + 10800, 'unixepoch'), NEW.region_id, coalesce(NEW.owner_id, 0), 1, (CASE WHEN NEW.channel = 'call' THEN 1 ELSE 0 END), (CASE WHEN NEW.channel = 'mail' THEN 1 ELSE 0 END), (CASE WHEN NEW.channel = 'onec' THEN 1 ELSE 0 END), (CASE WHEN NEW.channel = 'manual' THEN 1 ELSE 0 END), (CASE WHEN NEW.channel = 'import' THEN 1 ELSE 0 END), (CASE WHEN NEW.channel = 'web' THEN 1 ELSE 0 END) WHERE (1)
    ON CONFLICT (day, region_id, owner_id) DO UPDATE SET leads = leads + excluded.leads, ch_call = ch_call + excluded.ch_call, ch_mail = ch_mail + excluded.ch_mail, ch_onec = ch_onec + excluded.ch_onec, ch_manual = ch_manual + excluded.ch_manual, ch_import = ch_import + excluded.ch_import, ch_web = ch_web + excluded.ch_web;
END;
--> statement-breakpoint
CREATE TRIGGER rollup_stays_ai AFTER INSERT ON lead_stays BEGIN
  INSERT INTO rollup_stays (month, stage_id, region_id, owner_id, stays, total_min, b0, b1, b2, b3, b4, b5, b6, b7, b8, b9, b10, b11, b12, b13, b14, b15, b16, b17, b18, b19, b20, b21, b22, b23, b24, b25, b26, b27, b28, b29, b30, b31, b32, b33, b34, b35, b36)
    SELECT strftime('%Y-%m', NEW.left_at / 1000 + 10800, 'unixepoch'), NEW.stage_id, coalesce((SELECT l.region_id FROM leads l WHERE l.id = NEW.lead_id), 0), coalesce((SELECT l.owner_id FROM leads l WHERE l.id = NEW.lead_id), 0), 1, NEW.minutes, (CASE WHEN NEW.bucket = 0 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 1 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 2 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 3 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 4 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 5 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 6 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 7 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 8 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 9 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 10 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 11 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 12 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 13 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 14 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 15 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 16 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 17 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 18 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 19 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 20 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 21 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 22 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 23 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 24 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 25 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 26 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 27 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 28 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 29 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 30 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 31 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 32 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 33 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 34 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 35 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 36 THEN 1 ELSE 0 END) WHERE (1)
    ON CONFLICT (month, stage_id, region_id, owner_id) DO UPDATE SET stays = stays + excluded.stays, total_min = total_min + excluded.total_min, b0 = b0 + excluded.b0, b1 = b1 + excluded.b1, b2 = b2 + excluded.b2, b3 = b3 + excluded.b3, b4 = b4 + excluded.b4, b5 = b5 + excluded.b5, b6 = b6 + excluded.b6, b7 = b7 + excluded.b7, b8 = b8 + excluded.b8, b9 = b9 + excluded.b9, b10 = b10 + excluded.b10, b11 = b11 + excluded.b11, b12 = b12 + excluded.b12, b13 = b13 + excluded.b13, b14 = b14 + excluded.b14, b15 = b15 + excluded.b15, b16 = b16 + excluded.b16, b17 = b17 + excluded.b17, b18 = b18 + excluded.b18, b19 = b19 + excluded.b19, b20 = b20 + excluded.b20, b21 = b21 + excluded.b21, b22 = b22 + excluded.b22, b23 = b23 + excluded.b23, b24 = b24 + excluded.b24, b25 = b25 + excluded.b25, b26 = b26 + excluded.b26, b27 = b27 + excluded.b27, b28 = b28 + excluded.b28, b29 = b29 + excluded.b29, b30 = b30 + excluded.b30, b31 = b31 + excluded.b31, b32 = b32 + excluded.b32, b33 = b33 + excluded.b33, b34 = b34 + excluded.b34, b35 = b35 + excluded.b35, b36 = b36 + excluded.b36;
END;
--> statement-breakpoint
CREATE TRIGGER rollup_stays_ad AFTER DELETE ON lead_stays BEGIN
  INSERT INTO rollup_stays (month, stage_id, region_id, owner_id, stays, total_min, b0, b1, b2, b3, b4, b5, b6, b7, b8, b9, b10, b11, b12, b13, b14, b15, b16, b17, b18, b19, b20, b21, b22, b23, b24, b25, b26, b27, b28, b29, b30, b31, b32, b33, b34, b35, b36)
    SELECT strftime('%Y-%m', OLD.left_at / 1000 + 10800, 'unixepoch'), OLD.stage_id, coalesce((SELECT l.region_id FROM leads l WHERE l.id = OLD.lead_id), 0), coalesce((SELECT l.owner_id FROM leads l WHERE l.id = OLD.lead_id), 0), -(1), -(OLD.minutes), -((CASE WHEN OLD.bucket = 0 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 1 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 2 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 3 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 4 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 5 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 6 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 7 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 8 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 9 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 10 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 11 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 12 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 13 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 14 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 15 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 16 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 17 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 18 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 19 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 20 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 21 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 22 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 23 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 24 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 25 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 26 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 27 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 28 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 29 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 30 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 31 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 32 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 33 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 34 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 35 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 36 THEN 1 ELSE 0 END)) WHERE (1)
    ON CONFLICT (month, stage_id, region_id, owner_id) DO UPDATE SET stays = stays + excluded.stays, total_min = total_min + excluded.total_min, b0 = b0 + excluded.b0, b1 = b1 + excluded.b1, b2 = b2 + excluded.b2, b3 = b3 + excluded.b3, b4 = b4 + excluded.b4, b5 = b5 + excluded.b5, b6 = b6 + excluded.b6, b7 = b7 + excluded.b7, b8 = b8 + excluded.b8, b9 = b9 + excluded.b9, b10 = b10 + excluded.b10, b11 = b11 + excluded.b11, b12 = b12 + excluded.b12, b13 = b13 + excluded.b13, b14 = b14 + excluded.b14, b15 = b15 + excluded.b15, b16 = b16 + excluded.b16, b17 = b17 + excluded.b17, b18 = b18 + excluded.b18, b19 = b19 + excluded.b19, b20 = b20 + excluded.b20, b21 = b21 + excluded.b21, b22 = b22 + excluded.b22, b23 = b23 + excluded.b23, b24 = b24 + excluded.b24, b25 = b25 + excluded.b25, b26 = b26 + excluded.b26, b27 = b27 + excluded.b27, b28 = b28 + excluded.b28, b29 = b29 + excluded.b29, b30 = b30 + excluded.b30, b31 = b31 + excluded.b31, b32 = b32 + excluded.b32, b33 = b33 + excluded.b33, b34 = b34 + excluded.b34, b35 = b35 + excluded.b35, b36 = b36 + excluded.b36;
END;
--> statement-breakpoint
CREATE TRIGGER rollup_stays_au AFTER UPDATE OF lead_id, stage_id, left_at, minutes, bucket ON lead_stays BEGIN
  INSERT INTO rollup_stays (month, stage_id, region_id, owner_id, stays, total_min, b0, b1, b2, b3, b4, b5, b6, b7, b8, b9, b10, b11, b12, b13, b14, b15, b16, b17, b18, b19, b20, b21, b22, b23, b24, b25, b26, b27, b28, b29, b30, b31, b32, b33, b34, b35, b36)
    SELECT strftime('%Y-%m', OLD.left_at / 1000 + 10800, 'unixepoch'), OLD.stage_id, coalesce((SELECT l.region_id FROM leads l WHERE l.id = OLD.lead_id), 0), coalesce((SELECT l.owner_id FROM leads l WHERE l.id = OLD.lead_id), 0), -(1), -(OLD.minutes), -((CASE WHEN OLD.bucket = 0 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 1 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 2 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 3 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 4 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 5 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 6 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 7 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 8 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 9 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 10 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 11 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 12 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 13 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 14 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 15 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 16 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 17 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 18 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 19 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 20 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 21 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 22 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 23 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 24 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 25 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 26 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 27 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 28 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 29 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 30 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 31 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 32 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 33 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 34 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 35 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 36 THEN 1 ELSE 0 END)) WHERE (1)
    ON CONFLICT (month, stage_id, region_id, owner_id) DO UPDATE SET stays = stays + excluded.stays, total_min = total_min + excluded.total_min, b0 = b0 + excluded.b0, b1 = b1 + excluded.b1, b2 = b2 + excluded.b2, b3 = b3 + excluded.b3, b4 = b4 + excluded.b4, b5 = b5 + excluded.b5, b6 = b6 + excluded.b6, b7 = b7 + excluded.b7, b8 = b8 + excluded.b8, b9 = b9 + excluded.b9, b10 = b10 + excluded.b10, b11 = b11 + excluded.b11, b12 = b12 + excluded.b12, b13 = b13 + excluded.b13, b14 = b14 + excluded.b14, b15 = b15 + excluded.b15, b16 = b16 + excluded.b16, b17 = b17 + excluded.b17, b18 = b18 + excluded.b18, b19 = b19 + excluded.b19, b20 = b20 + excluded.b20, b21 = b21 + excluded.b21, b22 = b22 + excluded.b22, b23 = b23 + excluded.b23, b24 = b24 + excluded.b24, b25 = b25 + excluded.b25, b26 = b26 + excluded.b26, b27 = b27 + excluded.b27, b28 = b28 + excluded.b28, b29 = b29 + excluded.b29, b30 = b30 + excluded.b30, b31 = b31 + excluded.b31, b32 = b32 + excluded.b32, b33 = b33 + excluded.b33, b34 = b34 + excluded.b34, b35 = b35 + excluded.b35, b36 = b36 + excluded.b36;
  INSERT INTO rollup_stays (month, stage_id, region_id, owner_id, stays, total_min, b0, b1, b2, b3, b4, b5, b6, b7, b8, b9, b10, b11, b12, b13, b14, b15, b16, b17, b18, b19, b20, b21, b22, b23, b24, b25, b26, b27, b28, b29, b30, b31, b32, b33, b34, b35, b36)
    SELECT strftime('%Y-%m', NEW.left_at / 1000 + 10800, 'unixepoch'), NEW.stage_id, coalesce((SELECT l.region_id FROM leads l WHERE l.id = NEW.lead_id), 0), coalesce((SELECT l.owner_id FROM leads l WHERE l.id = NEW.lead_id), 0), 1, NEW.minutes, (CASE WHEN NEW.bucket = 0 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 1 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 2 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 3 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 4 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 5 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 6 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 7 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 8 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 9 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 10 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 11 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 12 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 13 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 14 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 15 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 16 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 17 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 18 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 19 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 20 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 21 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 22 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 23 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 24 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 25 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 26 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 27 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 28 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 29 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 30 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 31 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 32 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 33 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 34 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 35 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 36 THEN 1 ELSE 0 END) WHERE (1)
    ON CONFLICT (month, stage_id, region_id, owner_id) DO UPDATE SET stays = stays + excluded.stays, total_min = total_min + excluded.total_min, b0 = b0 + excluded.b0, b1 = b1 + excluded.b1, b2 = b2 + excluded.b2, b3 = b3 + excluded.b3, b4 = b4 + excluded.b4, b5 = b5 + excluded.b5, b6 = b6 + excluded.b6, b7 = b7 + excluded.b7, b8 = b8 + excluded.b8, b9 = b9 + excluded.b9, b10 = b10 + excluded.b10, b11 = b11 + excluded.b11, b12 = b12 + excluded.b12, b13 = b13 + excluded.b13, b14 = b14 + excluded.b14, b15 = b15 + excluded.b15, b16 = b16 + excluded.b16, b17 = b17 + excluded.b17, b18 = b18 + excluded.b18, b19 = b19 + excluded.b19, b20 = b20 + excluded.b20, b21 = b21 + excluded.b21, b22 = b22 + excluded.b22, b23 = b23 + excluded.b23, b24 = b24 + excluded.b24, b25 = b25 + excluded.b25, b26 = b26 + excluded.b26, b27 = b27 + excluded.b27, b28 = b28 + excluded.b28, b29 = b29 + excluded.b29, b30 = b30 + excluded.b30, b31 = b31 + excluded.b31, b32 = b32 + excluded.b32, b33 = b33 + excluded.b33, b34 = b34 + excluded.b34, b35 = b35 + excluded.b35, b36 = b36 + excluded.b36;
END;
--> statement-breakpoint
CREATE TRIGGER rollup_stays_leads_bu BEFORE UPDATE OF region_id, owner_id ON leads BEGIN
  INSERT INTO rollup_stays (month, stage_id, region_id, owner_id, stays, total_min, b0, b1, b2, b3, b4, b5, b6, b7, b8, b9, b10, b11, b12, b13, b14, b15, b16, b17, b18, b19, b20, b21, b22, b23, b24, b25, b26, b27, b28, b29, b30, b31, b32, b33, b34, b35, b36)
    SELECT strftime('%Y-%m', s.left_at / 1000 + 10800, 'unixepoch'), s.stage_id, coalesce((SELECT l.region_id FROM leads l WHERE l.id = s.lead_id), 0), coalesce((SELECT l.owner_id FROM leads l WHERE l.id = s.lead_id), 0), -(1), -(s.minutes), -((CASE WHEN s.bucket = 0 THEN 1 ELSE 0 END)), -((CASE WHEN s.bucket = 1 THEN 1 ELSE 0 END)), -((CASE WHEN s.bucket = 2 THEN 1 ELSE 0 END)), -((CASE WHEN s.bucket = 3 THEN 1 ELSE 0 END)), -((CASE WHEN s.bucket = 4 THEN 1 ELSE 0 END)), -((CASE WHEN s.bucket = 5 THEN 1 ELSE 0 END)), -((CASE WHEN s.bucket = 6 THEN 1 ELSE 0 END)), -((CASE WHEN s.bucket = 7 THEN 1 ELSE 0 END)), -((CASE WHEN s.bucket = 8 THEN 1 ELSE 0 END)), -((CASE WHEN s.bucket = 9 THEN 1 ELSE 0 END)), -((CASE WHEN s.bucket = 10 THEN 1 ELSE 0 END)), -((CASE WHEN s.bucket = 11 THEN 1 ELSE 0 END)), -((CASE WHEN s.bucket = 12 THEN 1 ELSE 0 END)), -((CASE WHEN s.bucket = 13 THEN 1 ELSE 0 END)), -((CASE WHEN s.bucket = 14 THEN 1 ELSE 0 END)), -((CASE WHEN s.bucket = 15 THEN 1 ELSE 0 END)), -((CASE WHEN s.bucket = 16 THEN 1 ELSE 0 END)), -((CASE WHEN s.bucket = 17 THEN 1 ELSE 0 END)), -((CASE WHEN s.bucket = 18 THEN 1 ELSE 0 END)), -((CASE WHEN s.bucket = 19 THEN 1 ELSE 0 END)), -((CASE WHEN s.bucket = 20 THEN 1 ELSE 0 END)), -((CASE WHEN s.bucket = 21 THEN 1 ELSE 0 END)), -((CASE WHEN s.bucket = 22 THEN 1 ELSE 0 END)), -((CASE WHEN s.bucket = 23 THEN 1 ELSE 0 END)), -((CASE WHEN s.bucket = 24 THEN 1 ELSE 0 END)), -((CASE WHEN s.bucket = 25 THEN 1 ELSE 0 END)), -((CASE WHEN s.bucket = 26 THEN 1 ELSE 0 END)), -((CASE WHEN s.bucket = 27 THEN 1 ELSE 0 END)), -((CASE WHEN s.bucket = 28 THEN 1 ELSE 0 END)), -((CASE WHEN s.bucket = 29 THEN 1 ELSE 0 END)), -((CASE WHEN s.bucket = 30 THEN 1 ELSE 0 END)), -((CASE WHEN s.bucket = 31 THEN 1 ELSE 0 END)), -((CASE WHEN s.bucket = 32 THEN 1 ELSE 0 END)), -((CASE WHEN s.bucket = 33 THEN 1 ELSE 0 END)), -((CASE WHEN s.bucket = 34 THEN 1 ELSE 0 END)), -((CASE WHEN s.bucket = 35 THEN 1 ELSE 0 END)), -((CASE WHEN s.bucket = 36 THEN 1 ELSE 0 END)) FROM lead_stays s WHERE s.lead_id = OLD.id AND (1)
    ON CONFLICT (month, stage_id, region_id, owner_id) DO UPDATE SET stays = stays + excluded.stays, total_min = total_min + excluded.total_min, b0 = b0 + excluded.b0, b1 = b1 + excluded.b1, b2 = b2 + excluded.b2, b3 = b3 + excluded.b3, b4 = b4 + excluded.b4, b5 = b5 + excluded.b5, b6 = b6 + excluded.b6, b7 = b7 + excluded.b7, b8 = b8 + excluded.b8, b9 = b9 + excluded.b9, b10 = b10 + excluded.b10, b11 = b11 + excluded.b11, b12 = b12 + excluded.b12, b13 = b13 + excluded.b13, b14 = b14 + excluded.b14, b15 = b15 + excluded.b15, b16 = b16 + excluded.b16, b17 = b17 + excluded.b17, b18 = b18 + excluded.b18, b19 = b19 + excluded.b19, b20 = b20 + excluded.b20, b21 = b21 + excluded.b21, b22 = b22 + excluded.b22, b23 = b23 + excluded.b23, b24 = b24 + excluded.b24, b25 = b25 + excluded.b25, b26 = b26 + excluded.b26, b27 = b27 + excluded.b27, b28 = b28 + excluded.b28, b29 = b29 + excluded.b29, b30 = b30 + excluded.b30, b31 = b31 + excluded.b31, b32 = b32 + excluded.b32, b33 = b33 + excluded.b33, b34 = b34 + excluded.b34, b35 = b35 + excluded.b35, b36 = b36 + excluded.b36;
END;
--> statement-breakpoint
CREATE TRIGGER rollup_stays_leads_au AFTER UPDATE OF region_id, owner_id ON leads BEGIN
  INSERT INTO rollup_stays (month, stage_id, region_id, owner_id, stays, total_min, b0, b1, b2, b3, b4, b5, b6, b7, b8, b9, b10, b11, b12, b13, b14, b15, b16, b17, b18, b19, b20, b21, b22, b23, b24, b25, b26, b27, b28, b29, b30, b31, b32, b33, b34, b35, b36)
    SELECT strftime('%Y-%m', s.left_at / 1000 + 10800, 'unixepoch'), s.stage_id, coalesce((SELECT l.region_id FROM leads l WHERE l.id = s.lead_id), 0), coalesce((SELECT l.owner_id FROM leads l WHERE l.id = s.lead_id), 0), 1, s.minutes, (CASE WHEN s.bucket = 0 THEN 1 ELSE 0 END), (CASE WHEN s.bucket = 1 THEN 1 ELSE 0 END), (CASE WHEN s.bucket = 2 THEN 1 ELSE 0 END), (CASE WHEN s.bucket = 3 THEN 1 ELSE 0 END), (CASE WHEN s.bucket = 4 THEN 1 ELSE 0 END), (CASE WHEN s.bucket = 5 THEN 1 ELSE 0 END), (CASE WHEN s.bucket = 6 THEN 1 ELSE 0 END), (CASE WHEN s.bucket = 7 THEN 1 ELSE 0 END), (CASE WHEN s.bucket = 8 THEN 1 ELSE 0 END), (CASE WHEN s.bucket = 9 THEN 1 ELSE 0 END), (CASE WHEN s.bucket = 10 THEN 1 ELSE 0 END), (CASE WHEN s.bucket = 11 THEN 1 ELSE 0 END), (CASE WHEN s.bucket = 12 THEN 1 ELSE 0 END), (CASE WHEN s.bucket = 13 THEN 1 ELSE 0 END), (CASE WHEN s.bucket = 14 THEN 1 ELSE 0 END), (CASE WHEN s.bucket = 15 THEN 1 ELSE 0 END), (CASE WHEN s.bucket = 16 THEN 1 ELSE 0 END), (CASE WHEN s.bucket = 17 THEN 1 ELSE 0 END), (CASE WHEN s.bucket = 18 THEN 1 ELSE 0 END), (CASE WHEN s.bucket = 19 THEN 1 ELSE 0 END), (CASE WHEN s.bucket = 20 THEN 1 ELSE 0 END), (CASE WHEN s.bucket = 21 THEN 1 ELSE 0 END), (CASE WHEN s.bucket = 22 THEN 1 ELSE 0 END), (CASE WHEN s.bucket = 23 THEN 1 ELSE 0 END), (CASE WHEN s.bucket = 24 THEN 1 ELSE 0 END), (CASE WHEN s.bucket = 25 THEN 1 ELSE 0 END), (CASE WHEN s.bucket = 26 THEN 1 ELSE 0 END), (CASE WHEN s.bucket = 27 THEN 1 ELSE 0 END), (CASE WHEN s.bucket = 28 THEN 1 ELSE 0 END), (CASE WHEN s.bucket = 29 THEN 1 ELSE 0 END), (CASE WHEN s.bucket = 30 THEN 1 ELSE 0 END), (CASE WHEN s.bucket = 31 THEN 1 ELSE 0 END), (CASE WHEN s.bucket = 32 THEN 1 ELSE 0 END), (CASE WHEN s.bucket = 33 THEN 1 ELSE 0 END), (CASE WHEN s.bucket = 34 THEN 1 ELSE 0 END), (CASE WHEN s.bucket = 35 THEN 1 ELSE 0 END), (CASE WHEN s.bucket = 36 THEN 1 ELSE 0 END) FROM lead_stays s WHERE s.lead_id = NEW.id AND (1)
    ON CONFLICT (month, stage_id, region_id, owner_id) DO UPDATE SET stays = stays + excluded.stays, total_min = total_min + excluded.total_min, b0 = b0 + excluded.b0, b1 = b1 + excluded.b1, b2 = b2 + excluded.b2, b3 = b3 + excluded.b3, b4 = b4 + excluded.b4, b5 = b5 + excluded.b5, b6 = b6 + excluded.b6, b7 = b7 + excluded.b7, b8 = b8 + excluded.b8, b9 = b9 + excluded.b9, b10 = b10 + excluded.b10, b11 = b11 + excluded.b11, b12 = b12 + excluded.b12, b13 = b13 + excluded.b13, b14 = b14 + excluded.b14, b15 = b15 + excluded.b15, b16 = b16 + excluded.b16, b17 = b17 + excluded.b17, b18 = b18 + excluded.b18, b19 = b19 + excluded.b19, b20 = b20 + excluded.b20, b21 = b21 + excluded.b21, b22 = b22 + excluded.b22, b23 = b23 + excluded.b23, b24 = b24 + excluded.b24, b25 = b25 + excluded.b25, b26 = b26 + excluded.b26, b27 = b27 + excluded.b27, b28 = b28 + excluded.b28, b29 = b29 + excluded.b29, b30 = b30 + excluded.b30, b31 = b31 + excluded.b31, b32 = b32 + excluded.b32, b33 = b33 + excluded.b33, b34 = b34 + excluded.b34, b35 = b35 + excluded.b35, b36 = b36 + excluded.b36;
END;
--> statement-breakpoint
CREATE TRIGGER rollup_clients_created_ai AFTER INSERT ON companies BEGIN
  INSERT INTO rollup_clients (day, region_id, owner_id, created, converted)
    SELECT date(NEW.created_at / 1000 + 10800, 'unixepoch'), NEW.region_id, coalesce(NEW.owner_id, 0), 1, 0 WHERE (NEW.merged_into_id IS NULL)
    ON CONFLICT (day, region_id, owner_id) DO UPDATE SET created = created + excluded.created, converted = converted + excluded.converted;
END;
--> statement-breakpoint
CREATE TRIGGER rollup_clients_created_ad AFTER DELETE ON companies BEGIN
  INSERT INTO rollup_clients (day, region_id, owner_id, created, converted)
    SELECT date(OLD.created_at / 1000 + 10800, 'unixepoch'), OLD.region_id, coalesce(OLD.owner_id, 0), -(1), -(0) WHERE (OLD.merged_into_id IS NULL)
    ON CONFLICT (day, region_id, owner_id) DO UPDATE SET created = created + excluded.created, converted = converted + excluded.converted;
END;
--> statement-breakpoint
CREATE TRIGGER rollup_clients_created_au AFTER UPDATE OF created_at, region_id, owner_id, merged_into_id ON companies BEGIN
  INSERT INTO rollup_clients (day, region_id, owner_id, created, converted)
    SELECT date(OLD.created_at / 1000 + 10800, 'unixepoch'), OLD.region_id, coalesce(OLD.owner_id, 0), -(1), -(0) WHERE (OLD.merged_into_id IS NULL)
    ON CONFLICT (day, region_id, owner_id) DO UPDATE SET created = created + excluded.created, converted = converted + excluded.converted;
  INSERT INTO rollup_clients (day, region_id, owner_id, created, converted)
    SELECT date(NEW.created_at / 1000 + 10800, 'unixepoch'), NEW.region_id, coalesce(NEW.owner_id, 0), 1, 0 WHERE (NEW.merged_into_id IS NULL)
    ON CONFLICT (day, region_id, owner_id) DO UPDATE SET created = created + excluded.created, converted = converted + excluded.converted;
END;
--> statement-breakpoint
CREATE TRIGGER rollup_clients_converted_ai AFTER INSERT ON companies BEGIN
  INSERT INTO rollup_clients (day, region_id, owner_id, created, converted)
    SELECT date(NEW.converted_at / 1000 + 10800, 'unixepoch'), NEW.region_id, coalesce(NEW.owner_id, 0), 0, 1 WHERE (NEW.merged_into_id IS NULL AND NEW.converted_at IS NOT NULL)
    ON CONFLICT (day, region_id, owner_id) DO UPDATE SET created = created + excluded.created, converted = converted + excluded.converted;
END;
--> statement-breakpoint
CREATE TRIGGER rollup_clients_converted_ad AFTER DELETE ON companies BEGIN
  INSERT INTO rollup_clients (day, region_id, owner_id, created, converted)
    SELECT date(OLD.converted_at / 1000 + 10800, 'unixepoch'), OLD.region_id, coalesce(OLD.owner_id, 0), -(0), -(1) WHERE (OLD.merged_into_id IS NULL AND OLD.converted_at IS NOT NULL)
    ON CONFLICT (day, region_id, owner_id) DO UPDATE SET created = created + excluded.created, converted = converted + excluded.converted;
END;
--> statement-breakpoint
CREATE TRIGGER rollup_clients_converted_au AFTER UPDATE OF converted_at, region_id, owner_id, merged_into_id ON companies BEGIN
  INSERT INTO rollup_clients (day, region_id, owner_id, created, converted)
    SELECT date(OLD.converted_at / 1000 + 10800, 'unixepoch'), OLD.region_id, coalesce(OLD.owner_id, 0), -(0), -(1) WHERE (OLD.merged_into_id IS NULL AND OLD.converted_at IS NOT NULL)
    ON CONFLICT (day, region_id, owner_id) DO UPDATE SET created = created + excluded.created, converted = converted + excluded.converted;
  INSERT INTO rollup_clients (day, region_id, owner_id, created, converted)
    SELECT date(NEW.converted_at / 1000 + 10800, 'unixepoch'), NEW.region_id, coalesce(NEW.owner_id, 0), 0, 1 WHERE (NEW.merged_into_id IS NULL AND NEW.converted_at IS NOT NULL)
    ON CONFLICT (day, region_id, owner_id) DO UPDATE SET created = created + excluded.created, converted = converted + excluded.converted;
END;
--> statement-breakpoint
CREATE TRIGGER rollup_documents_ai AFTER INSERT ON onec_documents BEGIN
  INSERT INTO rollup_documents (day, region_id, user_id, invoices, invoiced_kopecks, payments, paid_kopecks, shipments, shipped_kopecks)
    SELECT substr(NEW.date_local, 1, 10), coalesce((SELECT c.region_id FROM companies c WHERE c.id = NEW.company_id), 0), coalesce(NEW.user_id, 0), (CASE WHEN NEW.kind = 'invoice' THEN 1 ELSE 0 END), (CASE WHEN NEW.kind = 'invoice' THEN NEW.amount_kopecks ELSE 0 END), (CASE WHEN NEW.kind IN ('payment_bank', 'payment_cash') THEN 1 ELSE 0 END), (CASE WHEN NEW.kind IN ('payment_bank', 'payment_cash') THEN NEW.amount_kopecks ELSE 0 END), (CASE WHEN NEW.kind = 'shipment' THEN 1 ELSE 0 END), (CASE WHEN NEW.kind = 'shipment' THEN NEW.amount_kopecks ELSE 0 END) WHERE (NEW.posted = 1 AND NEW.deletion_mark = 0 AND NEW.kind IN ('invoice', 'payment_bank', 'payment_cash', 'shipment'))
    ON CONFLICT (day, region_id, user_id) DO UPDATE SET invoices = invoices + excluded.invoices, invoiced_kopecks = invoiced_kopecks + excluded.invoiced_kopecks, payments = payments + excluded.payments, paid_kopecks = paid_kopecks + excluded.paid_kopecks, shipments = shipments + excluded.shipments, shipped_kopecks = shipped_kopecks + excluded.shipped_kopecks;
END;
--> statement-breakpoint
CREATE TRIGGER rollup_documents_ad AFTER DELETE ON onec_documents BEGIN
  INSERT INTO rollup_documents (day, region_id, user_id, invoices, invoiced_kopecks, payments, paid_kopecks, shipments, shipped_kopecks)
    SELECT substr(OLD.date_local, 1, 10), coalesce((SELECT c.region_id FROM companies c WHERE c.id = OLD.company_id), 0), coalesce(OLD.user_id, 0), -((CASE WHEN OLD.kind = 'invoice' THEN 1 ELSE 0 END)), -((CASE WHEN OLD.kind = 'invoice' THEN OLD.amount_kopecks ELSE 0 END)), -((CASE WHEN OLD.kind IN ('payment_bank', 'payment_cash') THEN 1 ELSE 0 END)), -((CASE WHEN OLD.kind IN ('payment_bank', 'payment_cash') THEN OLD.amount_kopecks ELSE 0 END)), -((CASE WHEN OLD.kind = 'shipment' THEN 1 ELSE 0 END)), -((CASE WHEN OLD.kind = 'shipment' THEN OLD.amount_kopecks ELSE 0 END)) WHERE (OLD.posted = 1 AND OLD.deletion_mark = 0 AND OLD.kind IN ('invoice', 'payment_bank', 'payment_cash', 'shipment'))
    ON CONFLICT (day, region_id, user_id) DO UPDATE SET invoices = invoices + excluded.invoices, invoiced_kopecks = invoiced_kopecks + excluded.invoiced_kopecks, payments = payments + excluded.payments, paid_kopecks = paid_kopecks + excluded.paid_kopecks, shipments = shipments + excluded.shipments, shipped_kopecks = shipped_kopecks + excluded.shipped_kopecks;
END;
--> statement-breakpoint
CREATE TRIGGER rollup_documents_au AFTER UPDATE OF posted, deletion_mark, kind, date_local, company_id, user_id, amount_kopecks ON onec_documents BEGIN
  INSERT INTO rollup_documents (day, region_id, user_id, invoices, invoiced_kopecks, payments, paid_kopecks, shipments, shipped_kopecks)
    SELECT substr(OLD.date_local, 1, 10), coalesce((SELECT c.region_id FROM companies c WHERE c.id = OLD.company_id), 0), coalesce(OLD.user_id, 0), -((CASE WHEN OLD.kind = 'invoice' THEN 1 ELSE 0 END)), -((CASE WHEN OLD.kind = 'invoice' THEN OLD.amount_kopecks ELSE 0 END)), -((CASE WHEN OLD.kind IN ('payment_bank', 'payment_cash') THEN 1 ELSE 0 END)), -((CASE WHEN OLD.kind IN ('payment_bank', 'payment_cash') THEN OLD.amount_kopecks ELSE 0 END)), -((CASE WHEN OLD.kind = 'shipment' THEN 1 ELSE 0 END)), -((CASE WHEN OLD.kind = 'shipment' THEN OLD.amount_kopecks ELSE 0 END)) WHERE (OLD.posted = 1 AND OLD.deletion_mark = 0 AND OLD.kind IN ('invoice', 'payment_bank', 'payment_cash', 'shipment'))
    ON CONFLICT (day, region_id, user_id) DO UPDATE SET invoices = invoices + excluded.invoices, invoiced_kopecks = invoiced_kopecks + excluded.invoiced_kopecks, payments = payments + excluded.payments, paid_kopecks = paid_kopecks + excluded.paid_kopecks, shipments = shipments + excluded.shipments, shipped_kopecks = shipped_kopecks + excluded.shipped_kopecks;
  INSERT INTO rollup_documents (day, region_id, user_id, invoices, invoiced_kopecks, payments, paid_kopecks, shipments, shipped_kopecks)
    SELECT substr(NEW.date_local, 1, 10), coalesce((SELECT c.region_id FROM companies c WHERE c.id = NEW.company_id), 0), coalesce(NEW.user_id, 0), (CASE WHEN NEW.kind = 'invoice' THEN 1 ELSE 0 END), (CASE WHEN NEW.kind = 'invoice' THEN NEW.amount_kopecks ELSE 0 END), (CASE WHEN NEW.kind IN ('payment_bank', 'payment_cash') THEN 1 ELSE 0 END), (CASE WHEN NEW.kind IN ('payment_bank', 'payment_cash') THEN NEW.amount_kopecks ELSE 0 END), (CASE WHEN NEW.kind = 'shipment' THEN 1 ELSE 0 END), (CASE WHEN NEW.kind = 'shipment' THEN NEW.amount_kopecks ELSE 0 END) WHERE (NEW.posted = 1 AND NEW.deletion_mark = 0 AND NEW.kind IN ('invoice', 'payment_bank', 'payment_cash', 'shipment'))
    ON CONFLICT (day, region_id, user_id) DO UPDATE SET invoices = invoices + excluded.invoices, invoiced_kopecks = invoiced_kopecks + excluded.invoiced_kopecks, payments = payments + excluded.payments, paid_kopecks = paid_kopecks + excluded.paid_kopecks, shipments = shipments + excluded.shipments, shipped_kopecks = shipped_kopecks + excluded.shipped_kopecks;
END;
--> statement-breakpoint
CREATE TRIGGER rollup_documents_companies_bu BEFORE UPDATE OF region_id ON companies BEGIN
  INSERT INTO rollup_documents (day, region_id, user_id, invoices, invoiced_kopecks, payments, paid_kopecks, shipments, shipped_kopecks)
    SELECT substr(s.date_local, 1, 10), coalesce((SELECT c.region_id FROM companies c WHERE c.id = s.company_id), 0), coalesce(s.user_id, 0), -((CASE WHEN s.kind = 'invoice' THEN 1 ELSE 0 END)), -((CASE WHEN s.kind = 'invoice' THEN s.amount_kopecks ELSE 0 END)), -((CASE WHEN s.kind IN ('payment_bank', 'payment_cash') THEN 1 ELSE 0 END)), -((CASE WHEN s.kind IN ('payment_bank', 'payment_cash') THEN s.amount_kopecks ELSE 0 END)), -((CASE WHEN s.kind = 'shipment' THEN 1 ELSE 0 END)), -((CASE WHEN s.kind = 'shipment' THEN s.amount_kopecks ELSE 0 END)) FROM onec_documents s WHERE s.company_id = OLD.id AND (s.posted = 1 AND s.deletion_mark = 0 AND s.kind IN ('invoice', 'payment_bank', 'payment_cash', 'shipment'))
    ON CONFLICT (day, region_id, user_id) DO UPDATE SET invoices = invoices + excluded.invoices, invoiced_kopecks = invoiced_kopecks + excluded.invoiced_kopecks, payments = payments + excluded.payments, paid_kopecks = paid_kopecks + excluded.paid_kopecks, shipments = shipments + excluded.shipments, shipped_kopecks = shipped_kopecks + excluded.shipped_kopecks;
END;
--> statement-breakpoint
CREATE TRIGGER rollup_documents_companies_au AFTER UPDATE OF region_id ON companies BEGIN
  INSERT INTO rollup_documents (day, region_id, user_id, invoices, invoiced_kopecks, payments, paid_kopecks, shipments, shipped_kopecks)
    SELECT substr(s.date_local, 1, 10), coalesce((SELECT c.region_id FROM companies c WHERE c.id = s.company_id), 0), coalesce(s.user_id, 0), (CASE WHEN s.kind = 'invoice' THEN 1 ELSE 0 END), (CASE WHEN s.kind = 'invoice' THEN s.amount_kopecks ELSE 0 END), (CASE WHEN s.kind IN ('payment_bank', 'payment_cash') THEN 1 ELSE 0 END), (CASE WHEN s.kind IN ('payment_bank', 'payment_cash') THEN s.amount_kopecks ELSE 0 END), (CASE WHEN s.kind = 'shipment' THEN 1 ELSE 0 END), (CASE WHEN s.kind = 'shipment' THEN s.amount_kopecks ELSE 0 END) FROM onec_documents s WHERE s.company_id = NEW.id AND (s.posted = 1 AND s.deletion_mark = 0 AND s.kind IN ('invoice', 'payment_bank', 'payment_cash', 'shipment'))
    ON CONFLICT (day, region_id, user_id) DO UPDATE SET invoices = invoices + excluded.invoices, invoiced_kopecks = invoiced_kopecks + excluded.invoiced_kopecks, payments = payments + excluded.payments, paid_kopecks = paid_kopecks + excluded.paid_kopecks, shipments = shipments + excluded.shipments, shipped_kopecks = shipped_kopecks + excluded.shipped_kopecks;
END;
--> statement-breakpoint
CREATE TRIGGER rollup_revenue_ai AFTER INSERT ON onec_documents BEGIN
  INSERT INTO rollup_revenue (company_id, month, kopecks)
    SELECT NEW.company_id, substr(NEW.date_local, 1, 7), NEW.amount_kopecks WHERE (NEW.posted = 1 AND NEW.deletion_mark = 0 AND NEW.kind IN ('payment_bank', 'payment_cash') AND NEW.company_id IS NOT NULL)
    ON CONFLICT (company_id, month) DO UPDATE SET kopecks = kopecks + excluded.kopecks;
END;
--> statement-breakpoint
CREATE TRIGGER rollup_revenue_ad AFTER DELETE ON onec_documents BEGIN
  INSERT INTO rollup_revenue (company_id, month, kopecks)
    SELECT OLD.company_id, substr(OLD.date_local, 1, 7), -(OLD.amount_kopecks) WHERE (OLD.posted = 1 AND OLD.deletion_mark = 0 AND OLD.kind IN ('payment_bank', 'payment_cash') AND OLD.company_id IS NOT NULL)
    ON CONFLICT (company_id, month) DO UPDATE SET kopecks = kopecks + excluded.kopecks;
END;
--> statement-breakpoint
CREATE TRIGGER rollup_revenue_au AFTER UPDATE OF posted, deletion_mark, kind, date_local, company_id, amount_kopecks ON onec_documents BEGIN
  INSERT INTO rollup_revenue (company_id, month, kopecks)
    SELECT OLD.company_id, substr(OLD.date_local, 1, 7), -(OLD.amount_kopecks) WHERE (OLD.posted = 1 AND OLD.deletion_mark = 0 AND OLD.kind IN ('payment_bank', 'payment_cash') AND OLD.company_id IS NOT NULL)
    ON CONFLICT (company_id, month) DO UPDATE SET kopecks = kopecks + excluded.kopecks;
  INSERT INTO rollup_revenue (company_id, month, kopecks)
    SELECT NEW.company_id, substr(NEW.date_local, 1, 7), NEW.amount_kopecks WHERE (NEW.posted = 1 AND NEW.deletion_mark = 0 AND NEW.kind IN ('payment_bank', 'payment_cash') AND NEW.company_id IS NOT NULL)
    ON CONFLICT (company_id, month) DO UPDATE SET kopecks = kopecks + excluded.kopecks;
END;
--> statement-breakpoint
CREATE TRIGGER lead_stays_ai AFTER INSERT ON stage_changes WHEN NEW.from_stage_id IS NOT NULL BEGIN
  INSERT INTO lead_stays (id, lead_id, stage_id, left_at, minutes, bucket)
    SELECT id, lead_id, stage_id, left_at, minutes, (CASE WHEN minutes < 1 THEN 0 WHEN minutes < 2 THEN 1 WHEN minutes < 3 THEN 2 WHEN minutes < 5 THEN 3 WHEN minutes < 7 THEN 4 WHEN minutes < 10 THEN 5 WHEN minutes < 15 THEN 6 WHEN minutes < 20 THEN 7 WHEN minutes < 30 THEN 8 WHEN minutes < 45 THEN 9 WHEN minutes < 60 THEN 10 WHEN minutes < 90 THEN 11 WHEN minutes < 120 THEN 12 WHEN minutes < 180 THEN 13 WHEN minutes < 240 THEN 14 WHEN minutes < 360 THEN 15 WHEN minutes < 480 THEN 16 WHEN minutes < 720 THEN 17 WHEN minutes < 960 THEN 18 WHEN minutes < 1440 THEN 19 WHEN minutes < 2160 THEN 20 WHEN minutes < 2880 THEN 21 WHEN minutes < 4320 THEN 22 WHEN minutes < 5760 THEN 23 WHEN minutes < 7200 THEN 24 WHEN minutes < 10080 THEN 25 WHEN minutes < 14400 THEN 26 WHEN minutes < 20160 THEN 27 WHEN minutes < 30240 THEN 28 WHEN minutes < 43200 THEN 29 WHEN minutes < 64800 THEN 30 WHEN minutes < 86400 THEN 31 WHEN minutes < 129600 THEN 32 WHEN minutes < 172800 THEN 33 WHEN minutes < 259200 THEN 34 WHEN minutes < 525600 THEN 35 ELSE 36 END) FROM (
      SELECT NEW.id AS id, NEW.lead_id AS lead_id, NEW.from_stage_id AS stage_id, NEW.at AS left_at, max(0, (NEW.at - coalesce((SELECT p.at FROM stage_changes p WHERE p.lead_id = NEW.lead_id AND p.id < NEW.id ORDER BY p.id DESC LIMIT 1),
  (SELECT l.created_at FROM leads l WHERE l.id = NEW.lead_id), NEW.at)) / 60000) AS minutes
      WHERE NEW.from_stage_id IS NOT NULL) WHERE true
    ON CONFLICT (id) DO NOTHING;
END;
--> statement-breakpoint
CREATE TRIGGER lead_stays_ad AFTER DELETE ON stage_changes BEGIN
  DELETE FROM lead_stays WHERE id = OLD.id;
END;
--> statement-breakpoint
CREATE TRIGGER companies_last_touch_ai AFTER INSERT ON events WHEN NEW.company_id IS NOT NULL AND NEW.kind IN ('call', 'mail', 'note', 'task_done') BEGIN
  UPDATE companies SET last_touch_at = NEW.occurred_at WHERE id = NEW.company_id AND coalesce(last_touch_at, 0) < NEW.occurred_at;
END;
--> statement-breakpoint
CREATE TRIGGER companies_last_touch_au AFTER UPDATE OF company_id, occurred_at, kind ON events BEGIN
  UPDATE companies SET last_touch_at = (SELECT max(e.occurred_at) FROM events e WHERE e.company_id = companies.id AND +e.kind IN ('call', 'mail', 'note', 'task_done')) WHERE id IN (OLD.company_id, NEW.company_id);
END;
--> statement-breakpoint
CREATE TRIGGER companies_last_touch_ad AFTER DELETE ON events WHEN OLD.company_id IS NOT NULL AND OLD.kind IN ('call', 'mail', 'note', 'task_done') BEGIN
  UPDATE companies SET last_touch_at = (SELECT max(e.occurred_at) FROM events e WHERE e.company_id = companies.id AND +e.kind IN ('call', 'mail', 'note', 'task_done')) WHERE id = OLD.company_id;
END;
--> statement-breakpoint
CREATE TRIGGER companies_revenue_ai AFTER INSERT ON rollup_revenue BEGIN
  UPDATE companies SET revenue_24m = revenue_24m + NEW.kopecks WHERE id = NEW.company_id AND NEW.month >= (SELECT revenue_from FROM report_window WHERE id = 1);
END;
--> statement-breakpoint
CREATE TRIGGER companies_revenue_au AFTER UPDATE OF kopecks ON rollup_revenue BEGIN
  UPDATE companies SET revenue_24m = revenue_24m + NEW.kopecks - OLD.kopecks WHERE id = NEW.company_id AND NEW.month >= (SELECT revenue_from FROM report_window WHERE id = 1);
END;
