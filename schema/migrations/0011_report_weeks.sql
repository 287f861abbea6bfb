-- Expression and partial indexes written by hand: drizzle-kit 0.31 splits expressions on commas.
CREATE TABLE `rollup_calls_w` (
	`week` text NOT NULL,
	`user_id` integer NOT NULL,
	`calls` integer DEFAULT 0 NOT NULL,
	`inbound` integer DEFAULT 0 NOT NULL,
	`outbound` integer DEFAULT 0 NOT NULL,
	`missed` integer DEFAULT 0 NOT NULL,
	`targeted` integer DEFAULT 0 NOT NULL,
	`talk_sec` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`week`, `user_id`)
);
--> statement-breakpoint
CREATE INDEX `rollup_calls_w_user_idx` ON `rollup_calls_w` (`user_id`,`week`);--> statement-breakpoint
CREATE TABLE `rollup_clients_w` (
	`week` text NOT NULL,
	`region_id` integer NOT NULL,
	`owner_id` integer NOT NULL,
	`created` integer DEFAULT 0 NOT NULL,
	`converted` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`week`, `region_id`, `owner_id`)
);
--> statement-breakpoint
CREATE INDEX `rollup_clients_w_owner_idx` ON `rollup_clients_w` (`owner_id`,`week`);--> statement-breakpoint
CREATE TABLE `rollup_documents_w` (
	`week` text NOT NULL,
	`region_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`invoices` integer DEFAULT 0 NOT NULL,
	`invoiced_kopecks` integer DEFAULT 0 NOT NULL,
	`payments` integer DEFAULT 0 NOT NULL,
	`paid_kopecks` integer DEFAULT 0 NOT NULL,
	`shipments` integer DEFAULT 0 NOT NULL,
	`shipped_kopecks` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`week`, `region_id`, `user_id`)
);
--> statement-breakpoint
CREATE INDEX `rollup_documents_w_user_idx` ON `rollup_documents_w` (`user_id`,`week`);--> statement-breakpoint
CREATE TABLE `rollup_leads_w` (
	`week` text NOT NULL,
	`region_id` integer NOT NULL,
	`owner_id` integer NOT NULL,
	`leads` integer DEFAULT 0 NOT NULL,
	`ch_call` integer DEFAULT 0 NOT NULL,
	`ch_mail` integer DEFAULT 0 NOT NULL,
	`ch_onec` integer DEFAULT 0 NOT NULL,
	`ch_manual` integer DEFAULT 0 NOT NULL,
	`ch_import` integer DEFAULT 0 NOT NULL,
	`ch_web` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`week`, `region_id`, `owner_id`)
);
--> statement-breakpoint
CREATE INDEX `rollup_leads_w_owner_idx` ON `rollup_leads_w` (`owner_id`,`week`);--> statement-breakpoint
CREATE TABLE `rollup_stays_all` (
	`month` text NOT NULL,
	`stage_id` text NOT NULL,
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
	PRIMARY KEY(`month`, `stage_id`)
);
--> statement-breakpoint
CREATE INDEX `companies_silent_idx` ON `companies` (coalesce(`last_touch_at`, 0)) WHERE `merged_into_id` IS NULL;--> statement-breakpoint
CREATE INDEX `companies_region_silent_idx` ON `companies` (`region_id`, coalesce(`last_touch_at`, 0)) WHERE `merged_into_id` IS NULL;--> statement-breakpoint
CREATE INDEX `companies_owner_silent_idx` ON `companies` (coalesce(`owner_id`, 0), coalesce(`last_touch_at`, 0)) WHERE `merged_into_id` IS NULL;--> statement-breakpoint
CREATE INDEX `leads_open_idx` ON `leads` (`stage_id`, `stage_entered_at`) WHERE `closed_at` IS NULL;--> statement-breakpoint
CREATE INDEX `leads_region_open_idx` ON `leads` (`region_id`, `stage_id`, `stage_entered_at`) WHERE `closed_at` IS NULL;--> statement-breakpoint
CREATE INDEX `leads_owner_open_idx` ON `leads` (coalesce(`owner_id`, 0), `stage_id`, `stage_entered_at`) WHERE `closed_at` IS NULL;--> statement-breakpoint
DELETE FROM rollup_calls_w;
--> statement-breakpoint
DELETE FROM rollup_leads_w;
--> statement-breakpoint
DELETE FROM rollup_clients_w;
--> statement-breakpoint
DELETE FROM rollup_documents_w;
--> statement-breakpoint
DELETE FROM rollup_stays_all;
--> statement-breakpoint
INSERT INTO rollup_calls_w (week, user_id, calls, inbound, outbound, missed, targeted, talk_sec)
  SELECT date(date(s.occurred_at / 1000 + 60 * coalesce((SELECT o.offset_min FROM users u JOIN tz_offsets o ON o.time_zone = u.time_zone WHERE u.id = s.user_id), 180), 'unixepoch'), '-6 days', 'weekday 1'), coalesce(s.user_id, 0), sum(1), sum((CASE WHEN s.direction = 'in' THEN 1 ELSE 0 END)), sum((CASE WHEN s.direction = 'out' THEN 1 ELSE 0 END)), sum((CASE WHEN s.direction = 'in' AND coalesce(s.call_result, 'missed') != 'answered' THEN 1 ELSE 0 END)), sum((CASE WHEN s.targeted = 1 THEN 1 ELSE 0 END)), sum(coalesce(s.duration_sec, 0))
  FROM events s WHERE s.kind = 'call' GROUP BY 1, 2
  ON CONFLICT (week, user_id) DO UPDATE SET calls = calls + excluded.calls, inbound = inbound + excluded.inbound, outbound = outbound + excluded.outbound, missed = missed + excluded.missed, targeted = targeted + excluded.targeted, talk_sec = talk_sec + excluded.talk_sec;
--> statement-breakpoint
INSERT INTO rollup_leads_w (week, region_id, owner_id, leads, ch_call, ch_mail, ch_onec, ch_manual, ch_import, ch_web)
  SELECT date(date(s.created_at / 1000 + 10800, 'unixepoch'), '-6 days', 'weekday 1'), s.region_id, coalesce(s.owner_id, 0), sum(1), sum((CASE WHEN s.channel = 'call' THEN 1 ELSE 0 END)), sum((CASE WHEN s.channel = 'mail' THEN 1 ELSE 0 END)), sum((CASE WHEN s.channel = 'onec' THEN 1 ELSE 0 END)), sum((CASE WHEN s.channel = 'manual' THEN 1 ELSE 0 END)), sum((CASE WHEN s.channel = 'import' THEN 1 ELSE 0 END)), sum((CASE WHEN s.channel = 'web' THEN 1 ELSE 0 END))
  FROM leads s WHERE 1 GROUP BY 1, 2, 3
  ON CONFLICT (week, region_id, owner_id) DO UPDATE SET leads = leads + excluded.leads, ch_call = ch_call + excluded.ch_call, ch_mail = ch_mail + excluded.ch_mail, ch_onec = ch_onec + excluded.ch_onec, ch_manual = ch_manual + excluded.ch_manual, ch_import = ch_import + excluded.ch_import, ch_web = ch_web + excluded.ch_web;
--> statement-breakpoint
INSERT INTO rollup_clients_w (week, region_id, owner_id, created, converted)
  SELECT date(date(s.created_at / 1000 + 10800, 'unixepoch'), '-6 days', 'weekday 1'), s.region_id, coalesce(s.owner_id, 0), sum(1), sum(0)
  FROM companies s WHERE s.merged_into_id IS NULL GROUP BY 1, 2, 3
  ON CONFLICT (week, region_id, owner_id) DO UPDATE SET created = created + excluded.created, converted = converted + excluded.converted;
--> statement-breakpoint
INSERT INTO rollup_clients_w (week, region_id, owner_id, created, converted)
  SELECT date(date(s.converted_at / 1000 + 10800, 'unixepoch'), '-6 days', 'weekday 1'), s.region_id, coalesce(s.owner_id, 0), sum(0), sum(1)
  FROM companies s WHERE s.merged_into_id IS NULL AND s.converted_at IS NOT NULL GROUP BY 1, 2, 3
  ON CONFLICT (week, region_id, owner_id) DO UPDATE SET created = created + excluded.created, converted = converted + excluded.converted;
--> statement-breakpoint
INSERT INTO rollup_documents_w (week, region_id, user_id, invoices, invoiced_kopecks, payments, paid_kopecks, shipments, shipped_kopecks)
  SELECT date(substr(s.date_local, 1, 10), '-6 days', 'weekday 1'), coalesce((SELECT c.region_id FROM companies c WHERE c.id = s.company_id), 0), coalesce(s.user_id, 0), sum((CASE WHEN s.kind = 'invoice' THEN 1 ELSE 0 END)), sum((CASE WHEN s.kind = 'invoice' THEN s.amount_kopecks ELSE 0 END)), sum((CASE WHEN s.kind IN ('payment_bank', 'payment_cash') THEN 1 ELSE 0 END)), sum((CASE WHEN s.kind IN ('payment_bank', 'payment_cash') THEN s.amount_kopecks ELSE 0 END)), sum((CASE WHEN s.kind = 'shipment' THEN 1 ELSE 0 END)), sum((CASE WHEN s.kind = 'shipment' THEN s.amount_kopecks ELSE 0 END))
  FROM onec_documents s WHERE s.posted = 1 AND s.deletion_mark = 0 AND s.kind IN ('invoice', 'payment_bank', 'payment_cash', 'shipment') GROUP BY 1, 2, 3
  ON CONFLICT (week, region_id, user_id) DO UPDATE SET invoices = invoices + excluded.invoices, invoiced_kopecks = invoiced_kopecks + excluded.invoiced_kopecks, payments = payments + excluded.payments, paid_kopecks = paid_kopecks + excluded.paid_kopecks, shipments = shipments + excluded.shipments, shipped_kopecks = shipped_kopecks + excluded.shipped_kopecks;
--> statement-breakpoint
INSERT INTO rollup_stays_all (month, stage_id, stays, total_min, b0, b1, b2, b3, b4, b5, b6, b7, b8, b9, b10, b11, b12, b13, b14, b15, b16, b17, b18, b19, b20, b21, b22, b23, b24, b25, b26, b27, b28, b29, b30, b31, b32, b33, b34, b35, b36)
  SELECT strftime('%Y-%m', s.left_at / 1000 + 10800, 'unixepoch'), s.stage_id, sum(1), sum(s.minutes), sum((CASE WHEN s.bucket = 0 THEN 1 ELSE 0 END)), sum((CASE WHEN s.bucket = 1 THEN 1 ELSE 0 END)), sum((CASE WHEN s.bucket = 2 THEN 1 ELSE 0 END)), sum((CASE WHEN s.bucket = 3 THEN 1 ELSE 0 END)), sum((CASE WHEN s.bucket = 4 THEN 1 ELSE 0 END)), sum((CASE WHEN s.bucket = 5 THEN 1 ELSE 0 END)), sum((CASE WHEN s.bucket = 6 THEN 1 ELSE 0 END)), sum((CASE WHEN s.bucket = 7 THEN 1 ELSE 0 END)), sum((CASE WHEN s.bucket = 8 THEN 1 ELSE 0 END)), sum((CASE WHEN s.bucket = 9 THEN 1 ELSE 0 END)), sum((CASE WHEN s.bucket = 10 THEN 1 ELSE 0 END)), sum((CASE WHEN s.bucket = 11 THEN 1 ELSE 0 END)), sum((CASE WHEN s.bucket = 12 THEN 1 ELSE 0 END)), sum((CASE WHEN s.bucket = 13 THEN 1 ELSE 0 END)), sum((CASE WHEN s.bucket = 14 THEN 1 ELSE 0 END)), sum((CASE WHEN s.bucket = 15 THEN 1 ELSE 0 END)), sum((CASE WHEN s.bucket = 16 THEN 1 ELSE 0 END)), sum((CASE WHEN s.bucket = 17 THEN 1 ELSE 0 END)), sum((CASE WHEN s.bucket = 18 THEN 1 ELSE 0 END)), sum((CASE WHEN s.bucket = 19 THEN 1 ELSE 0 END)), sum((CASE WHEN s.bucket = 20 THEN 1 ELSE 0 END)), sum((CASE WHEN s.bucket = 21 THEN 1 ELSE 0 END)), sum((CASE WHEN s.bucket = 22 THEN 1 ELSE 0 END)), sum((CASE WHEN s.bucket = 23 THEN 1 ELSE 0 END)), sum((CASE WHEN s.bucket = 24 THEN 1 ELSE 0 END)), sum((CASE WHEN s.bucket = 25 THEN 1 ELSE 0 END)), sum((CASE WHEN s.bucket = 26 THEN 1 ELSE 0 END)), sum((CASE WHEN s.bucket = 27 THEN 1 ELSE 0 END)), sum((CASE WHEN s.bucket = 28 THEN 1 ELSE 0 END)), sum((CASE WHEN s.bucket = 29 THEN 1 ELSE 0 END)), sum((CASE WHEN s.bucket = 30 THEN 1 ELSE 0 END)), sum((CASE WHEN s.bucket = 31 THEN 1 ELSE 0 END)), sum((CASE WHEN s.bucket = 32 THEN 1 ELSE 0 END)), sum((CASE WHEN s.bucket = 33 THEN 1 ELSE 0 END)), sum((CASE WHEN s.bucket = 34 THEN 1 ELSE 0 END)), sum((CASE WHEN s.bucket = 35 THEN 1 ELSE 0 END)), sum((CASE WHEN s.bucket = 36 THEN 1 ELSE 0 END))
  FROM lead_stays s WHERE 1 GROUP BY 1, 2
  ON CONFLICT (month, stage_id) DO UPDATE SET stays = stays + excluded.stays, total_min = total_min + excluded.total_min, b0 = b0 + excluded.b0, b1 = b1 + excluded.b1, b2 = b2 + excluded.b2, b3 = b3 + excluded.b3, b4 = b4 + excluded.b4, b5 = b5 + excluded.b5, b6 = b6 + excluded.b6, b7 = b7 + excluded.b7, b8 = b8 + excluded.b8, b9 = b9 + excluded.b9, b10 = b10 + excluded.b10, b11 = b11 + excluded.b11, b12 = b12 + excluded.b12, b13 = b13 + excluded.b13, b14 = b14 + excluded.b14, b15 = b15 + excluded.b15, b16 = b16 + excluded.b16, b17 = b17 + excluded.b17, b18 = b18 + excluded.b18, b19 = b19 + excluded.b19, b20 = b20 + excluded.b20, b21 = b21 + excluded.b21, b22 = b22 + excluded.b22, b23 = b23 + excluded.b23, b24 = b24 + excluded.b24, b25 = b25 + excluded.b25, b26 = b26 + excluded.b26, b27 = b27 + excluded.b27, b28 = b28 + excluded.b28, b29 = b29 + excluded.b29, b30 = b30 + excluded.b30, b31 = b31 + excluded.b31, b32 = b32 + excluded.b32, b33 = b33 + excluded.b33, b34 = b34 + excluded.b34, b35 = b35 + excluded.b35, b36 = b36 + excluded.b36;
--> statement-breakpoint
CREATE TRIGGER rollup_calls_w_ai AFTER INSERT ON events BEGIN
  INSERT INTO rollup_calls_w (week, user_id, calls, inbound, outbound, missed, targeted, talk_sec)
    SELECT date(date(NEW.occurred_at / 1000 + 60 * coalesce((SELECT o.offset_min FROM users u JOIN tz_offsets o ON o.time_zone = u.time_zone WHERE u.id = NEW.user_id), 180), 'unixepoch'), '-6 days', 'weekday 1'), coalesce(NEW.user_id, 0), 1, (CASE WHEN NEW.direction = 'in' THEN 1 ELSE 0 END), (CASE WHEN NEW.direction = 'out' THEN 1 ELSE 0 END), (CASE WHEN NEW.direction = 'in' AND coalesce(NEW.call_result, 'missed') != 'answered' THEN 1 ELSE 0 END), (CASE WHEN NEW.targeted = 1 THEN 1 ELSE 0 END), coalesce(NEW.duration_sec, 0) WHERE (NEW.kind = 'call')
    ON CONFLICT (week, user_id) DO UPDATE SET calls = calls + excluded.calls, inbound = inbound + excluded.inbound, outbound = outbound + excluded.outbound, missed = missed + excluded.missed, targeted = targeted + excluded.targeted, talk_sec = talk_sec + excluded.talk_sec;
END;
--> statement-breakpoint
CREATE TRIGGER rollup_calls_w_ad AFTER DELETE ON events BEGIN
  INSERT INTO rollup_calls_w (week, user_id, calls, inbound, outbound, missed, targeted, talk_sec)
    SELECT date(date(OLD.occurred_at / 1000 + 60 * coalesce((SELECT o.offset_min FROM users u JOIN tz_offsets o ON o.time_zone = u.time_zone WHERE u.id = OLD.user_id), 180), 'unixepoch'), '-6 days', 'weekday 1'), coalesce(OLD.user_id, 0), -(1), -((CASE WHEN OLD.direction = 'in' THEN 1 ELSE 0 END)), -((CASE WHEN OLD.direction = 'out' THEN 1 ELSE 0 END)), -((CASE WHEN OLD.direction = 'in' AND coalesce(OLD.call_result, 'missed') != 'answered' THEN 1 ELSE 0 END)), -((CASE WHEN OLD.targeted = 1 THEN 1 ELSE 0 END)), -(coalesce(OLD.duration_sec, 0)) WHERE (OLD.kind = 'call')
    ON CONFLICT (week, user_id) DO UPDATE SET calls = calls + excluded.calls, inbound = inbound + excluded.inbound, outbound = outbound + excluded.outbound, missed = missed + excluded.missed, targeted = targeted + excluded.targeted, talk_sec = talk_sec + excluded.talk_sec;
END;
--> statement-breakpoint
CREATE TRIGGER rollup_calls_w_au AFTER UPDATE OF kind, occurred_at, user_id, direction, call_result, targeted, duration_sec ON events BEGIN
  INSERT INTO rollup_calls_w (week, user_id, calls, inbound, outbound, missed, targeted, talk_sec)
    SELECT date(date(OLD.occurred_at / 1000 + 60 * coalesce((SELECT o.offset_min FROM users u JOIN tz_offsets o ON o.time_zone = u.time_zone WHERE u.id = OLD.user_id), 180), 'unixepoch'), '-6 days', 'weekday 1'), coalesce(OLD.user_id, 0), -(1), -((CASE WHEN OLD.direction = 'in' THEN 1 ELSE 0 END)), -((CASE WHEN OLD.direction = 'out' THEN 1 ELSE 0 END)), -((CASE WHEN OLD.direction = 'in' AND coalesce(OLD.call_result, 'missed') != 'answered' THEN 1 ELSE 0 END)), -((CASE WHEN OLD.targeted = 1 THEN 1 ELSE 0 END)), -(coalesce(OLD.duration_sec, 0)) WHERE (OLD.kind = 'call')
    ON CONFLICT (week, user_id) DO UPDATE SET calls = calls + excluded.calls, inbound = inbound + excluded.inbound, outbound = outbound + excluded.outbound, missed = missed + excluded.missed, targeted = targeted + excluded.targeted, talk_sec = talk_sec + excluded.talk_sec;
  INSERT INTO rollup_calls_w (week, user_id, calls, inbound, outbound, missed, targeted, talk_sec)
    SELECT date(date(NEW.occurred_at / 1000 + 60 * coalesce((SELECT o.offset_min FROM users u JOIN tz_offsets o ON o.time_zone = u.time_zone WHERE u.id = NEW.user_id), 180), 'unixepoch'), '-6 days', 'weekday 1'), coalesce(NEW.user_id, 0), 1, (CASE WHEN NEW.direction = 'in' THEN 1 ELSE 0 END), (CASE WHEN NEW.direction = 'out' THEN 1 ELSE 0 END), (CASE WHEN NEW.direction = 'in' AND coalesce(NEW.call_result, 'missed') != 'answered' THEN 1 ELSE 0 END), (CASE WHEN NEW.targeted = 1 THEN 1 ELSE 0 END), coalesce(NEW.duration_sec, 0) WHERE (NEW.kind = 'call')
    ON CONFLICT (week, user_id) DO UPDATE SET calls = calls + excluded.calls, inbound = inbound + excluded.inbound, outbound = outbound + excluded.outbound, missed = missed + excluded.missed, targeted = targeted + excluded.targeted, talk_sec = talk_sec + excluded.talk_sec;
END;
--> statement-breakpoint
CREATE TRIGGER rollup_calls_w_users_bu BEFORE UPDATE OF time_zone ON users BEGIN
  INSERT INTO rollup_calls_w (week, user_id, calls, inbound, outbound, missed, targeted, talk_sec)
    SELECT date(date(s.occurred_at / 1000 + 60 * coalesce((SELECT o.offset_min FROM users u JOIN tz_offsets o ON o.time_zone = u.time_zone WHERE u.id = s.user_id), 180), 'unixepoch'), '-6 days', 'weekday 1'), coalesce(s.user_id, 0), -(1), -((CASE WHEN s.direction = 'in' THEN 1 ELSE 0 END)), -((CASE WHEN s.direction = 'out' THEN 1 ELSE 0 END)), -((CASE WHEN s.direction = 'in' AND coalesce(s.call_result, 'missed') != 'answered' THEN 1 ELSE 0 END)), -((CASE WHEN s.targeted = 1 THEN 1 ELSE 0 END)), -(coalesce(s.duration_sec, 0)) FROM events s WHERE s.user_id = OLD.id AND (s.kind = 'call')
    ON CONFLICT (week, user_id) DO UPDATE SET calls = calls + excluded.calls, inbound = inbound + excluded.inbound, outbound = outbound + excluded.outbound, missed = missed + excluded.missed, targeted = targeted + excluded.targeted, talk_sec = talk_sec + excluded.talk_sec;
END;
--> statement-breakpoint
CREATE TRIGGER rollup_calls_w_users_au AFTER UPDATE OF time_zone ON users BEGIN
  INSERT INTO rollup_calls_w (week, user_id, calls, inbound, outbound, missed, targeted, talk_sec)
    SELECT date(date(s.occurred_at / 1000 + 60 * coalesce((SELECT o.offset_min FROM users u JOIN tz_offsets o ON o.time_zone = u.time_zone WHERE u.id = s.user_id), 180), 'unixepoch'), '-6 days', 'weekday 1'), coalesce(s.user_id, 0), 1, (CASE WHEN s.direction = 'in' THEN 1 ELSE 0 END), (CASE WHEN s.direction = 'out' THEN 1 ELSE 0 END), (CASE WHEN s.direction = 'in' AND coalesce(s.call_result, 'missed') != 'answered' THEN 1 ELSE 0 END), (CASE WHEN s.targeted = 1 THEN 1 ELSE 0 END), coalesce(s.duration_sec, 0) FROM events s WHERE s.user_id = NEW.id AND (s.kind = 'call')
    ON CONFLICT (week, user_id) DO UPDATE SET calls = calls + excluded.calls, inbound = inbound + excluded.inbound, outbound = outbound + excluded.outbound, missed = missed + excluded.missed, targeted = targeted + excluded.targeted, talk_sec = talk_sec + excluded.talk_sec;
END;
--> statement-breakpoint
CREATE TRIGGER rollup_leads_w_ai AFTER INSERT ON leads BEGIN
  INSERT INTO rollup_leads_w (week, region_id, owner_id, leads, ch_call, ch_mail, ch_onec, ch_manual, ch_import, ch_web)
    SELECT date(date(NEW.created_at / 1000 + 10800, 'unixepoch'), '-6 days', 'weekday 1'), NEW.region_id, coalesce(NEW.owner_id, 0), 1, (CASE WHEN NEW.channel = 'call' THEN 1 ELSE 0 END), (CASE WHEN NEW.channel = 'mail' THEN 1 ELSE 0 END), (CASE WHEN NEW.channel = 'onec' THEN 1 ELSE 0 END), (CASE WHEN NEW.channel = 'manual' THEN 1 ELSE 0 END), (CASE WHEN NEW.channel = 'import' THEN 1 ELSE 0 END), (CASE WHEN NEW.channel = 'web' THEN 1 ELSE 0 END) WHERE (1)
    ON CONFLICT (week, region_id, owner_id) DO UPDATE SET leads = leads + excluded.leads, ch_call = ch_call + excluded.ch_call, ch_mail = ch_mail + excluded.ch_mail, ch_onec = ch_onec + excluded.ch_onec, ch_manual = ch_manual + excluded.ch_manual, ch_import = ch_import + excluded.ch_import, ch_web = ch_web + excluded.ch_web;
END;
--> statement-breakpoint
CREATE TRIGGER rollup_leads_w_ad AFTER DELETE ON leads BEGIN
  INSERT INTO rollup_leads_w (week, region_id, owner_id, leads, ch_call, ch_mail, ch_onec, ch_manual, ch_import, ch_web)
    SELECT date(date(OLD.created_at / 1000 + 10800, 'unixepoch'), '-6 days', 'weekday 1'), OLD.region_id, coalesce(OLD.owner_id, 0), -(1), -((CASE WHEN OLD.channel = 'call' THEN 1 ELSE 0 END)), -((CASE WHEN OLD.channel = 'mail' THEN 1 ELSE 0 END)), -((CASE WHEN OLD.channel = 'onec' THEN 1 ELSE 0 END)), -((CASE WHEN OLD.channel = 'manual' THEN 1 ELSE 0 END)), -((CASE WHEN OLD.channel = 'import' THEN 1 ELSE 0 END)), -((CASE WHEN OLD.channel = 'web' THEN 1 ELSE 0 END)) WHERE (1)
    ON CONFLICT (week, region_id, owner_id) DO UPDATE SET leads = leads + excluded.leads, ch_call = ch_call + excluded.ch_call, ch_mail = ch_mail + excluded.ch_mail, ch_onec = ch_onec + excluded.ch_onec, ch_manual = ch_manual + excluded.ch_manual, ch_import = ch_import + excluded.ch_import, ch_web = ch_web + excluded.ch_web;
END;
--> statement-breakpoint
CREATE TRIGGER rollup_leads_w_au AFTER UPDATE OF created_at, region_id, owner_id, channel ON leads BEGIN
  INSERT INTO rollup_leads_w (week, region_id, owner_id, leads, ch_call, ch_mail, ch_onec, ch_manual, ch_import, ch_web)
    SELECT date(date(OLD.created_at / 1000 + 10800, 'unixepoch'), '-6 days', 'weekday 1'), OLD.region_id, coalesce(OLD.owner_id, 0), -(1), -((CASE WHEN OLD.channel = 'call' THEN 1 ELSE 0 END)), -((CASE WHEN OLD.channel = 'mail' THEN 1 ELSE 0 END)), -((CASE WHEN OLD.channel = 'onec' THEN 1 ELSE 0 END)), -((CASE WHEN OLD.channel = 'manual' THEN 1 ELSE 0 END)), -((CASE WHEN OLD.channel = 'import' THEN 1 ELSE 0 END)), -((CASE WHEN OLD.channel = 'web' THEN 1 ELSE 0 END)) WHERE (1)
    ON CONFLICT (week, region_id, owner_id) DO UPDATE SET leads = leads + excluded.leads, ch_call = ch_call + excluded.ch_call, ch_mail = ch_mail + excluded.ch_mail, ch_onec = ch_onec + excluded.ch_onec, ch_manual = ch_manual + excluded.ch_manual, ch_import = ch_import + excluded.ch_import, ch_web = ch_web + excluded.ch_web;
  INSERT INTO rollup_leads_w (week, region_id, owner_id, leads, ch_call, ch_mail, ch_onec, ch_manual, ch_import, ch_web)
    SELECT date(date(NEW.created_at / 1000 + 10800, 'unixepoch'), '-6 days', 'weekday 1'), NEW.region_id, coalesce(NEW.owner_id, 0), 1, (CASE WHEN NEW.channel = 'call' THEN 1 ELSE 0 END), (CASE WHEN NEW.channel = 'mail' THEN 1 ELSE 0 END), (CASE WHEN NEW.channel = 'onec' THEN 1 ELSE 0 END), (CASE WHEN NEW.channel = 'manual' THEN 1 ELSE 0 END), (CASE WHEN NEW.channel = 'import' THEN 1 ELSE 0 END), (CASE WHEN NEW.channel = 'web' THEN 1 ELSE 0 END) WHERE (1)
    ON CONFLICT (week, region_id, owner_id) DO UPDATE SET leads = leads + excluded.leads, ch_call = ch_call + excluded.ch_call, ch_mail = ch_mail + excluded.ch_mail, ch_onec = ch_onec + excluded.ch_onec, ch_manual = ch_manual + excluded.ch_manual, ch_import = ch_import + excluded.ch_import, ch_web = ch_web + excluded.ch_web;
END;
--> statement-breakpoint
CREATE TRIGGER rollup_clients_created_w_ai AFTER INSERT ON companies BEGIN
  INSERT INTO rollup_clients_w (week, region_id, owner_id, created, converted)
    SELECT date(date(NEW.created_at / 1000 + 10800, 'unixepoch'), '-6 days', 'weekday 1'), NEW.region_id, coalesce(NEW.owner_id, 0), 1, 0 WHERE (NEW.merged_into_id IS NULL)
    ON CONFLICT (week, region_id, owner_id) DO UPDATE SET created = created + excluded.created, converted = converted + excluded.converted;
END;
--> statement-breakpoint
CREATE TRIGGER rollup_clients_created_w_ad AFTER DELETE ON companies BEGIN
  INSERT INTO rollup_clients_w (week, region_id, owner_id, created, converted)
    SELECT date(date(OLD.created_at / 1000 + 10800, 'unixepoch'), '-6 days', 'weekday 1'), OLD.region_id, coalesce(OLD.owner_id, 0), -(1), -(0) WHERE (OLD.merged_into_id IS NULL)
    ON CONFLICT (week, region_id, owner_id) DO UPDATE SET created = created + excluded.created, converted = converted + excluded.converted;
END;
--> statement-breakpoint
CREATE TRIGGER rollup_clients_created_w_au AFTER UPDATE OF created_at, region_id, owner_id, merged_into_id ON companies BEGIN
  INSERT INTO rollup_clients_w (week, region_id, owner_id, created, converted)
    SELECT date(date(OLD.created_at / 1000 + 10800, 'unixepoch'), '-6 days', 'weekday 1'), OLD.region_id, coalesce(OLD.owner_id, 0), -(1), -(0) WHERE (OLD.merged_into_id IS NULL)
    ON CONFLICT (week, region_id, owner_id) DO UPDATE SET created = created + excluded.created, converted = converted + excluded.converted;
  INSERT INTO rollup_clients_w (week, region_id, owner_id, created, converted)
    SELECT date(date(NEW.created_at / 1000 + 10800, 'unixepoch'), '-6 days', 'weekday 1'), NEW.region_id, coalesce(NEW.owner_id, 0), 1, 0 WHERE (NEW.merged_into_id IS NULL)
    ON CONFLICT (week, region_id, owner_id) DO UPDATE SET created = created + excluded.created, converted = converted + excluded.converted;
END;
--> statement-breakpoint
CREATE TRIGGER rollup_clients_converted_w_ai AFTER INSERT ON companies BEGIN
  INSERT INTO rollup_clients_w (week, region_id, owner_id, created, converted)
    SELECT date(date(NEW.converted_at / 1000 + 10800, 'unixepoch'), '-6 days', 'weekday 1'), NEW.region_id, coalesce(NEW.owner_id, 0), 0, 1 WHERE (NEW.merged_into_id IS NULL AND NEW.converted_at IS NOT NULL)
    ON CONFLICT (week, region_id, owner_id) DO UPDATE SET created = created + excluded.created, converted = converted + excluded.converted;
END;
--> statement-breakpoint
CREATE TRIGGER rollup_clients_converted_w_ad AFTER DELETE ON companies BEGIN
  INSERT INTO rollup_clients_w (week, region_id, owner_id, created, converted)
    SELECT date(date(OLD.converted_at / 1000 + 10800, 'unixepoch'), '-6 days', 'weekday 1'), OLD.region_id, coalesce(OLD.owner_id, 0), -(0), -(1) WHERE (OLD.merged_into_id IS NULL AND OLD.converted_at IS NOT NULL)
    ON CONFLICT (week, region_id, owner_id) DO UPDATE SET created = created + excluded.created, converted = converted + excluded.converted;
END;
--> statement-breakpoint
CREATE TRIGGER rollup_clients_converted_w_au AFTER UPDATE OF converted_at, region_id, owner_id, merged_into_id ON companies BEGIN
  INSERT INTO rollup_clients_w (week, region_id, owner_id, created, converted)
    SELECT date(date(OLD.converted_at / 1000 + 10800, 'unixepoch'), '-6 days', 'weekday 1'), OLD.region_id, coalesce(OLD.owner_id, 0), -(0), -(1) WHERE (OLD.merged_into_id IS NULL AND OLD.converted_at IS NOT NULL)
    ON CONFLICT (week, region_id, owner_id) DO UPDATE SET created = created + excluded.created, converted = converted + excluded.converted;
  INSERT INTO rollup_clients_w (week, region_id, owner_id, created, converted)
    SELECT date(date(NEW.converted_at / 1000 + 10800, 'unixepoch'), '-6 days', 'weekday 1'), NEW.region_id, coalesce(NEW.owner_id, 0), 0, 1 WHERE (NEW.merged_into_id IS NULL AND NEW.converted_at IS NOT NULL)
    ON CONFLICT (week, region_id, owner_id) DO UPDATE SET created = created + excluded.created, converted = converted + excluded.converted;
END;
--> statement-breakpoint
CREATE TRIGGER rollup_documents_w_ai AFTER INSERT ON onec_documents BEGIN
  INSERT INTO rollup_documents_w (week, region_id, user_id, invoices, invoiced_kopecks, payments, paid_kopecks, shipments, shipped_kopecks)
    SELECT date(substr(NEW.date_local, 1, 10), '-6 days', 'weekday 1'), coalesce((SELECT c.region_id FROM companies c WHERE c.id = NEW.company_id), 0), coalesce(NEW.user_id, 0), (CASE WHEN NEW.kind = 'invoice' THEN 1 ELSE 0 END), (CASE WHEN NEW.kind = 'invoice' THEN NEW.amount_kopecks ELSE 0 END), (CASE WHEN NEW.kind IN ('payment_bank', 'payment_cash') THEN 1 ELSE 0 END), (CASE WHEN NEW.kind IN ('payment_bank', 'payment_cash') THEN NEW.amount_kopecks ELSE 0 END), (CASE WHEN NEW.kind = 'shipment' THEN 1 ELSE 0 END), (CASE WHEN NEW.kind = 'shipment' THEN NEW.amount_kopecks ELSE 0 END) WHERE (NEW.posted = 1 AND NEW.deletion_mark = 0 AND NEW.kind IN ('invoice', 'payment_bank', 'payment_cash', 'shipment'))
    ON CONFLICT (week, region_id, user_id) DO UPDATE SET invoices = invoices + excluded.invoices, invoiced_kopecks = invoiced_kopecks + excluded.invoiced_kopecks, payments = payments + excluded.payments, paid_kopecks = paid_kopecks + excluded.paid_kopecks, shipments = shipments + excluded.shipments, shipped_kopecks = shipped_kopecks + excluded.shipped_kopecks;
END;
--> statement-breakpoint
CREATE TRIGGER rollup_documents_w_ad AFTER DELETE ON onec_documents BEGIN
  INSERT INTO rollup_documents_w (week, region_id, user_id, invoices, invoiced_kopecks, payments, paid_kopecks, shipments, shipped_kopecks)
    SELECT date(substr(OLD.date_local, 1, 10), '-6 days', 'weekday 1'), coalesce((SELECT c.region_id FROM companies c WHERE c.id = OLD.company_id), 0), coalesce(OLD.user_id, 0), -((CASE WHEN OLD.kind = 'invoice' THEN 1 ELSE 0 END)), -((CASE WHEN OLD.kind = 'invoice' THEN OLD.amount_kopecks ELSE 0 END)), -((CASE WHEN OLD.kind IN ('payment_bank', 'payment_cash') THEN 1 ELSE 0 END)), -((CASE WHEN OLD.kind IN ('payment_bank', 'payment_cash') THEN OLD.amount_kopecks ELSE 0 END)), -((CASE WHEN OLD.kind = 'shipment' THEN 1 ELSE 0 END)), -((CASE WHEN OLD.kind = 'shipment' THEN OLD.amount_kopecks ELSE 0 END)) WHERE (OLD.posted = 1 AND OLD.deletion_mark = 0 AND OLD.kind IN ('invoice', 'payment_bank', 'payment_cash', 'shipment'))
    ON CONFLICT (week, region_id, user_id) DO UPDATE SET invoices = invoices + excluded.invoices, invoiced_kopecks = invoiced_kopecks + excluded.invoiced_kopecks, payments = payments + excluded.payments, paid_kopecks = paid_kopecks + excluded.paid_kopecks, shipments = shipments + excluded.shipments, shipped_kopecks = shipped_kopecks + excluded.shipped_kopecks;
END;
--> statement-breakpoint
CREATE TRIGGER rollup_documents_w_au AFTER UPDATE OF posted, deletion_mark, kind, date_local, company_id, user_id, amount_kopecks ON onec_documents BEGIN
  INSERT INTO rollup_documents_w (week, region_id, user_id, invoices, invoiced_kopecks, payments, paid_kopecks, shipments, shipped_kopecks)
    SELECT date(substr(OLD.date_local, 1, 10), '-6 days', 'weekday 1'), coalesce((SELECT c.region_id FROM companies c WHERE c.id = OLD.company_id), 0), coalesce(OLD.user_id, 0), -((CASE WHEN OLD.kind = 'invoice' THEN 1 ELSE 0 END)), -((CASE WHEN OLD.kind = 'invoice' THEN OLD.amount_kopecks ELSE 0 END)), -((CASE WHEN OLD.kind IN ('payment_bank', 'payment_cash') THEN 1 ELSE 0 END)), -((CASE WHEN OLD.kind IN ('payment_bank', 'payment_cash') THEN OLD.amount_kopecks ELSE 0 END)), -((CASE WHEN OLD.kind = 'shipment' THEN 1 ELSE 0 END)), -((CASE WHEN OLD.kind = 'shipment' THEN OLD.amount_kopecks ELSE 0 END)) WHERE (OLD.posted = 1 AND OLD.deletion_mark = 0 AND OLD.kind IN ('invoice', 'payment_bank', 'payment_cash', 'shipment'))
    ON CONFLICT (week, region_id, user_id) DO UPDATE SET invoices = invoices + excluded.invoices, invoiced_kopecks = invoiced_kopecks + excluded.invoiced_kopecks, payments = payments + excluded.payments, paid_kopecks = paid_kopecks + excluded.paid_kopecks, shipments = shipments + excluded.shipments, shipped_kopecks = shipped_kopecks + excluded.shipped_kopecks;
  INSERT INTO rollup_documents_w (week, region_id, user_id, invoices, invoiced_kopecks, payments, paid_kopecks, shipments, shipped_kopecks)
    SELECT date(substr(NEW.date_local, 1, 10), '-6 days', 'weekday 1'), coalesce((SELECT c.region_id FROM companies c WHERE c.id = NEW.company_id), 0), coalesce(NEW.user_id, 0), (CASE WHEN NEW.kind = 'invoice' THEN 1 ELSE 0 END), (CASE WHEN NEW.kind = 'invoice' THEN NEW.amount_kopecks ELSE 0 END), (CASE WHEN NEW.kind IN ('payment_bank', 'payment_cash') THEN 1 ELSE 0 END), (CASE WHEN NEW.kind IN ('payment_bank', 'payment_cash') THEN NEW.amount_kopecks ELSE 0 END), (CASE WHEN NEW.kind = 'shipment' THEN 1 ELSE 0 END), (CASE WHEN NEW.kind = 'shipment' THEN NEW.amount_kopecks ELSE 0 END) WHERE (NEW.posted = 1 AND NEW.deletion_mark = 0 AND NEW.kind IN ('invoice', 'payment_bank', 'payment_cash', 'shipment'))
    ON CONFLICT (week, region_id, user_id) DO UPDATE SET invoices = invoices + excluded.invoices, invoiced_kopecks = invoiced_kopecks + excluded.invoiced_kopecks, payments = payments + excluded.payments, paid_kopecks = paid_kopecks + excluded.paid_kopecks, shipments = shipments + excluded.shipments, shipped_kopecks = shipped_kopecks + excluded.shipped_kopecks;
END;
--> statement-breakpoint
CREATE TRIGGER rollup_documents_w_companies_bu BEFORE UPDATE OF region_id ON companies BEGIN
  INSERT INTO rollup_documents_w (week, region_id, user_id, invoices, invoiced_kopecks, payments, paid_kopecks, shipments, shipped_kopecks)
    SELECT date(substr(s.date_local, 1, 10), '-6 days', 'weekday 1'), coalesce((SELECT c.region_id FROM companies c WHERE c.id = s.company_id), 0), coalesce(s.user_id, 0), -((CASE WHEN s.kind = 'invoice' THEN 1 ELSE 0 END)), -((CASE WHEN s.kind = 'invoice' THEN s.amount_kopecks ELSE 0 END)), -((CASE WHEN s.kind IN ('payment_bank', 'payment_cash') THEN 1 ELSE 0 END)), -((CASE WHEN s.kind IN ('payment_bank', 'payment_cash') THEN s.amount_kopecks ELSE 0 END)), -((CASE WHEN s.kind = 'shipment' THEN 1 ELSE 0 END)), -((CASE WHEN s.kind = 'shipment' THEN s.amount_kopecks ELSE 0 END)) FROM onec_documents s WHERE s.company_id = OLD.id AND (s.posted = 1 AND s.deletion_mark = 0 AND s.kind IN ('invoice', 'payment_bank', 'payment_cash', 'shipment'))
    ON CONFLICT (week, region_id, user_id) DO UPDATE SET invoices = invoices + excluded.invoices, invoiced_kopecks = invoiced_kopecks + excluded.invoiced_kopecks, payments = payments + excluded.payments, paid_kopecks = paid_kopecks + excluded.paid_kopecks, shipments = shipments + excluded.shipments, shipped_kopecks = shipped_kopecks + excluded.shipped_kopecks;
END;
--> statement-breakpoint
CREATE TRIGGER rollup_documents_w_companies_au AFTER UPDATE OF region_id ON companies BEGIN
  INSERT INTO rollup_documents_w (week, region_id, user_id, invoices, invoiced_kopecks, payments, paid_kopecks, shipments, shipped_kopecks)
    SELECT date(substr(s.date_local, 1, 10), '-6 days', 'weekday 1'), coalesce((SELECT c.region_id FROM companies c WHERE c.id = s.company_id), 0), coalesce(s.user_id, 0), (CASE WHEN s.kind = 'invoice' THEN 1 ELSE 0 END), (CASE WHEN s.kind = 'invoice' THEN s.amount_kopecks ELSE 0 END), (CASE WHEN s.kind IN ('payment_bank', 'payment_cash') THEN 1 ELSE 0 END), (CASE WHEN s.kind IN ('payment_bank', 'payment_cash') THEN s.amount_kopecks ELSE 0 END), (CASE WHEN s.kind = 'shipment' THEN 1 ELSE 0 END), (CASE WHEN s.kind = 'shipment' THEN s.amount_kopecks ELSE 0 END) FROM onec_documents s WHERE s.company_id = NEW.id AND (s.posted = 1 AND s.deletion_mark = 0 AND s.kind IN ('invoice', 'payment_bank', 'payment_cash', 'shipment'))
    ON CONFLICT (week, region_id, user_id) DO UPDATE SET invoices = invoices + excluded.invoices, invoiced_kopecks = invoiced_kopecks + excluded.invoiced_kopecks, payments = payments + excluded.payments, paid_kopecks = paid_kopecks + excluded.paid_kopecks, shipments = shipments + excluded.shipments, shipped_kopecks = shipped_kopecks + excluded.shipped_kopecks;
END;
--> statement-breakpoint
CREATE TRIGGER rollup_stays_all_ai AFTER INSERT ON lead_stays BEGIN
  INSERT INTO rollup_stays_all (month, stage_id, stays, total_min, b0, b1, b2, b3, b4, b5, b6, b7, b8, b9, b10, b11, b12, b13, b14, b15, b16, b17, b18, b19, b20, b21, b22, b23, b24, b25, b26, b27, b28, b29, b30, b31, b32, b33, b34, b35, b36)
    SELECT strftime('%Y-%m', NEW.left_at / 1000 + 10800, 'unixepoch'), NEW.stage_id, 1, NEW.minutes, (CASE WHEN NEW.bucket = 0 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 1 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 2 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 3 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 4 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 5 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 6 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 7 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 8 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 9 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 10 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 11 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 12 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 13 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 14 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 15 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 16 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 17 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 18 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 19 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 20 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 21 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 22 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 23 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 24 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 25 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 26 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 27 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 28 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 29 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 30 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 31 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 32 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 33 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 34 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 35 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 36 THEN 1 ELSE 0 END) WHERE (1)
    ON CONFLICT (month, stage_id) DO UPDATE SET stays = stays + excluded.stays, total_min = total_min + excluded.total_min, b0 = b0 + excluded.b0, b1 = b1 + excluded.b1, b2 = b2 + excluded.b2, b3 = b3 + excluded.b3, b4 = b4 + excluded.b4, b5 = b5 + excluded.b5, b6 = b6 + excluded.b6, b7 = b7 + excluded.b7, b8 = b8 + excluded.b8, b9 = b9 + excluded.b9, b10 = b10 + excluded.b10, b11 = b11 + excluded.b11, b12 = b12 + excluded.b12, b13 = b13 + excluded.b13, b14 = b14 + excluded.b14, b15 = b15 + excluded.b15, b16 = b16 + excluded.b16, b17 = b17 + excluded.b17, b18 = b18 + excluded.b18, b19 = b19 + excluded.b19, b20 = b20 + excluded.b20, b21 = b21 + excluded.b21, b22 = b22 + excluded.b22, b23 = b23 + excluded.b23, b24 = b24 + excluded.b24, b25 = b25 + excluded.b25, b26 = b26 + excluded.b26, b27 = b27 + excluded.b27, b28 = b28 + excluded.b28, b29 = b29 + excluded.b29, b30 = b30 + excluded.b30, b31 = b31 + excluded.b31, b32 = b32 + excluded.b32, b33 = b33 + excluded.b33, b34 = b34 + excluded.b34, b35 = b35 + excluded.b35, b36 = b36 + excluded.b36;
END;
--> statement-breakpoint
CREATE TRIGGER rollup_stays_all_ad AFTER DELETE ON lead_stays BEGIN
  INSERT INTO rollup_stays_all (month, stage_id, stays, total_min, b0, b1, b2, b3, b4, b5, b6, b7, b8, b9, b10, b11, b12, b13, b14, b15, b16, b17, b18, b19, b20, b21, b22, b23, b24, b25, b26, b27, b28, b29, b30, b31, b32, b33, b34, b35, b36)
    SELECT strftime('%Y-%m', OLD.left_at / 1000 + 10800, 'unixepoch'), OLD.stage_id, -(1), -(OLD.minutes), -((CASE WHEN OLD.bucket = 0 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 1 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 2 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 3 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 4 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 5 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 6 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 7 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 8 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 9 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 10 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 11 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 12 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 13 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 14 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 15 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 16 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 17 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 18 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 19 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 20 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 21 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 22 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 23 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 24 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 25 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 26 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 27 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 28 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 29 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 30 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 31 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 32 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 33 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 34 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 35 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 36 THEN 1 ELSE 0 END)) WHERE (1)
    ON CONFLICT (month, stage_id) DO UPDATE SET stays = stays + excluded.stays, total_min = total_min + excluded.total_min, b0 = b0 + excluded.b0, b1 = b1 + excluded.b1, b2 = b2 + excluded.b2, b3 = b3 + excluded.b3, b4 = b4 + excluded.b4, b5 = b5 + excluded.b5, b6 = b6 + excluded.b6, b7 = b7 + excluded.b7, b8 = b8 + excluded.b8, b9 = b9 + excluded.b9, b10 = b10 + excluded.b10, b11 = b11 + excluded.b11, b12 = b12 + excluded.b12, b13 = b13 + excluded.b13, b14 = b14 + excluded.b14, b15 = b15 + excluded.b15, b16 = b16 + excluded.b16, b17 = b17 + excluded.b17, b18 = b18 + excluded.b18, b19 = b19 + excluded.b19, b20 = b20 + excluded.b20, b21 = b21 + excluded.b21, b22 = b22 + excluded.b22, b23 = b23 + excluded.b23, b24 = b24 + excluded.b24, b25 = b25 + excluded.b25, b26 = b26 + excluded.b26, b27 = b27 + excluded.b27, b28 = b28 + excluded.b28, b29 = b29 + excluded.b29, b30 = b30 + excluded.b30, b31 = b31 + excluded.b31, b32 = b32 + excluded.b32, b33 = b33 + excluded.b33, b34 = b34 + excluded.b34, b35 = b35 + excluded.b35, b36 = b36 + excluded.b36;
END;
--> statement-breakpoint
CREATE TRIGGER rollup_stays_all_au AFTER UPDATE OF lead_id, stage_id, left_at, minutes, bucket ON lead_stays BEGIN
  INSERT INTO rollup_stays_all (month, stage_id, stays, total_min, b0, b1, b2, b3, b4, b5, b6, b7, b8, b9, b10, b11, b12, b13, b14, b15, b16, b17, b18, b19, b20, b21, b22, b23, b24, b25, b26, b27, b28, b29, b30, b31, b32, b33, b34, b35, b36)
    SELECT strftime('%Y-%m', OLD.left_at / 1000 + 10800, 'unixepoch'), OLD.stage_id, -(1), -(OLD.minutes), -((CASE WHEN OLD.bucket = 0 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 1 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 2 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 3 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 4 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 5 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 6 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 7 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 8 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 9 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 10 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 11 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 12 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 13 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 14 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 15 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 16 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 17 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 18 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 19 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 20 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 21 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 22 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 23 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 24 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 25 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 26 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 27 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 28 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 29 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 30 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 31 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 32 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 33 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 34 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 35 THEN 1 ELSE 0 END)), -((CASE WHEN OLD.bucket = 36 THEN 1 ELSE 0 END)) WHERE (1)
    ON CONFLICT (month, stage_id) DO UPDATE SET stays = stays + excluded.stays, total_min = total_min + excluded.total_min, b0 = b0 + excluded.b0, b1 = b1 + excluded.b1, b2 = b2 + excluded.b2, b3 = b3 + excluded.b3, b4 = b4 + excluded.b4, b5 = b5 + excluded.b5, b6 = b6 + excluded.b6, b7 = b7 + excluded.b7, b8 = b8 + excluded.b8, b9 = b9 + excluded.b9, b10 = b10 + excluded.b10, b11 = b11 + excluded.b11, b12 = b12 + excluded.b12, b13 = b13 + excluded.b13, b14 = b14 + excluded.b14, b15 = b15 + excluded.b15, b16 = b16 + excluded.b16, b17 = b17 + excluded.b17, b18 = b18 + excluded.b18, b19 = b19 + excluded.b19, b20 = b20 + excluded.b20, b21 = b21 + excluded.b21, b22 = b22 + excluded.b22, b23 = b23 + excluded.b23, b24 = b24 + excluded.b24, b25 = b25 + excluded.b25, b26 = b26 + excluded.b26, b27 = b27 + excluded.b27, b28 = b28 + excluded.b28, b29 = b29 + excluded.b29, b30 = b30 + excluded.b30, b31 = b31 + excluded.b31, b32 = b32 + excluded.b32, b33 = b33 + excluded.b33, b34 = b34 + excluded.b34, b35 = b35 + excluded.b35, b36 = b36 + excluded.b36;
  INSERT INTO rollup_stays_all (month, stage_id, stays, total_min, b0, b1, b2, b3, b4, b5, b6, b7, b8, b9, b10, b11, b12, b13, b14, b15, b16, b17, b18, b19, b20, b21, b22, b23, b24, b25, b26, b27, b28, b29, b30, b31, b32, b33, b34, b35, b36)
    SELECT strftime('%Y-%m', NEW.left_at / 1000 + 10800, 'unixepoch'), NEW.stage_id, 1, NEW.minutes, (CASE WHEN NEW.bucket = 0 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 1 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 2 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 3 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 4 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 5 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 6 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 7 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 8 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 9 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 10 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 11 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 12 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 13 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 14 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 15 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 16 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 17 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 18 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 19 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 20 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 21 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 22 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 23 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 24 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 25 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 26 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 27 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 28 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 29 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 30 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 31 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 32 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 33 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 34 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 35 THEN 1 ELSE 0 END), (CASE WHEN NEW.bucket = 36 THEN 1 ELSE 0 END) WHERE (1)
    ON CONFLICT (month, stage_id) DO UPDATE SET stays = stays + excluded.stays, total_min = total_min + excluded.total_min, b0 = b0 + excluded.b0, b1 = b1 + excluded.b1, b2 = b2 + excluded.b2, b3 = b3 + excluded.b3, b4 = b4 + excluded.b4, b5 = b5 + excluded.b5, b6 = b6 + excluded.b6, b7 = b7 + excluded.b7, b8 = b8 + excluded.b8, b9 = b9 + excluded.b9, b10 = b10 + excluded.b10, b11 = b11 + excluded.b11, b12 = b12 + excluded.b12, b13 = b13 + excluded.b13, b14 = b14 + excluded.b14, b15 = b15 + excluded.b15, b16 = b16 + excluded.b16, b17 = b17 + excluded.b17, b18 = b18 + excluded.b18, b19 = b19 + excluded.b19, b20 = b20 + excluded.b20, b21 = b21 + excluded.b21, b22 = b22 + excluded.b22, b23 = b23 + excluded.b23, b24 = b24 + excluded.b24, b25 = b25 + excluded.b25, b26 = b26 + excluded.b26, b27 = b27 + excluded.b27, b28 = b28 + excluded.b28, b29 = b29 + excluded.b29, b30 = b30 + excluded.b30, b31 = b31 + excluded.b31, b32 = b32 + excluded.b32, b33 = b33 + excluded.b33, b34 = b34 + excluded.b34, b35 = b35 + excluded.b35, b36 = b36 + excluded.b36;
END;
