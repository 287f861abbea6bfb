CREATE TABLE `salary_rules` (
	`id` integer PRIMARY KEY NOT NULL,
	`valid_from` text NOT NULL,
	`rule` text NOT NULL,
	`created_by` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `salary_rules_valid_from_uq` ON `salary_rules` (`valid_from`);--> statement-breakpoint
CREATE TABLE `salary_statements` (
	`id` integer PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`month` text NOT NULL,
	`state` text DEFAULT 'draft' NOT NULL,
	`snapshot` text,
	`total_kopecks` integer,
	`dispute_comment` text,
	`resolution_comment` text,
	`checked_at` integer,
	`approved_by` integer,
	`approved_at` integer,
	`exported_at` integer,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`approved_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `salary_statements_user_month_uq` ON `salary_statements` (`user_id`,`month`);--> statement-breakpoint
CREATE INDEX `salary_statements_month_idx` ON `salary_statements` (`month`,`state`);--> statement-breakpoint
ALTER TABLE `plans` ADD `updated_by` integer REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `plans` ADD `updated_at` integer;--> statement-breakpoint
ALTER TABLE `onec_documents` ADD `user_id` integer REFERENCES users(id);--> statement-breakpoint
CREATE INDEX `onec_documents_user_kind_idx` ON `onec_documents` (`user_id`,`kind`,`date_local`);--> statement-breakpoint
-- Documents already received count for the manager their first timeline event named.
UPDATE `onec_documents` SET `user_id` = (SELECT e.`user_id` FROM `events` e WHERE e.`source` = 'onec'
  AND e.`external_id` >= `onec_documents`.`ref_key` || ':' AND e.`external_id` < `onec_documents`.`ref_key` || ';' ORDER BY e.`id` LIMIT 1);--> statement-breakpoint
-- A starting rule the admin edits on /app/pay/rule: base 30 000 ₽, 1.5 % of shipments, tiers from 80/100/120 % of plan, 15 targeted calls a working day.
INSERT OR IGNORE INTO `salary_rules` (`valid_from`, `rule`, `created_at`) VALUES ('2020-01',
  '{"validFrom":"2020-01","baseKopecks":3000000,"commissionBp":150,"basis":"shipments","tiers":[{"kind":"fixed","fromCompletionBp":8000,"amountKopecks":500000},{"kind":"fixed","fromCompletionBp":10000,"amountKopecks":1500000},{"kind":"fixed","fromCompletionBp":12000,"amountKopecks":3000000}],"kpis":[{"kind":"targeted_calls_per_working_day","target":15,"amountKopecks":500000,"mode":"all_or_nothing"}]}', 0);
