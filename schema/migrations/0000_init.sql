CREATE TABLE `regions` (
	`id` integer PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`time_zone` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `regions_code_uq` ON `regions` (`code`);--> statement-breakpoint
CREATE TABLE `user_regions` (
	`user_id` integer NOT NULL,
	`region_id` integer NOT NULL,
	PRIMARY KEY(`user_id`, `region_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`region_id`) REFERENCES `regions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `user_regions_region_idx` ON `user_regions` (`region_id`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`password_hash` text NOT NULL,
	`phone_extension` text,
	`time_zone` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_uq` ON `users` (`email`);--> statement-breakpoint
CREATE UNIQUE INDEX `users_extension_uq` ON `users` (`phone_extension`);--> statement-breakpoint
CREATE TABLE `companies` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`name_normalized` text NOT NULL,
	`inn` text,
	`kpp` text,
	`region_id` integer NOT NULL,
	`owner_id` integer,
	`status` text DEFAULT 'prospect' NOT NULL,
	`onec_ref` text,
	`merged_into_id` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`region_id`) REFERENCES `regions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `companies_owner_idx` ON `companies` (`owner_id`);--> statement-breakpoint
CREATE INDEX `companies_region_owner_idx` ON `companies` (`region_id`,`owner_id`);--> statement-breakpoint
CREATE INDEX `companies_inn_idx` ON `companies` (`inn`,`kpp`);--> statement-breakpoint
CREATE INDEX `companies_name_idx` ON `companies` (`name_normalized`);--> statement-breakpoint
CREATE UNIQUE INDEX `companies_onec_ref_uq` ON `companies` (`onec_ref`);--> statement-breakpoint
CREATE TABLE `contact_points` (
	`id` integer PRIMARY KEY NOT NULL,
	`contact_id` integer NOT NULL,
	`company_id` integer NOT NULL,
	`kind` text NOT NULL,
	`value` text NOT NULL,
	`extension` text,
	FOREIGN KEY (`contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `contact_points_value_uq` ON `contact_points` (`kind`,`value`);--> statement-breakpoint
CREATE INDEX `contact_points_contact_idx` ON `contact_points` (`contact_id`);--> statement-breakpoint
CREATE INDEX `contact_points_company_idx` ON `contact_points` (`company_id`);--> statement-breakpoint
CREATE TABLE `contacts` (
	`id` integer PRIMARY KEY NOT NULL,
	`company_id` integer NOT NULL,
	`name` text NOT NULL,
	`position` text,
	`merged_into_id` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `contacts_company_idx` ON `contacts` (`company_id`);--> statement-breakpoint
CREATE TABLE `leads` (
	`id` integer PRIMARY KEY NOT NULL,
	`company_id` integer NOT NULL,
	`region_id` integer NOT NULL,
	`owner_id` integer,
	`stage_id` text NOT NULL,
	`amount_kopecks` integer DEFAULT 0 NOT NULL,
	`channel` text NOT NULL,
	`created_at` integer NOT NULL,
	`stage_entered_at` integer NOT NULL,
	`closed_at` integer,
	`lost_reason` text,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`region_id`) REFERENCES `regions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`stage_id`) REFERENCES `stages`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `leads_company_idx` ON `leads` (`company_id`,`closed_at`);--> statement-breakpoint
CREATE INDEX `leads_owner_stage_idx` ON `leads` (`owner_id`,`stage_id`);--> statement-breakpoint
CREATE INDEX `leads_region_stage_idx` ON `leads` (`region_id`,`stage_id`);--> statement-breakpoint
CREATE INDEX `leads_created_idx` ON `leads` (`created_at`);--> statement-breakpoint
CREATE TABLE `plans` (
	`id` integer PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`month` text NOT NULL,
	`metric` text DEFAULT 'shipments' NOT NULL,
	`amount_kopecks` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `plans_user_month_uq` ON `plans` (`user_id`,`month`);--> statement-breakpoint
CREATE TABLE `stage_changes` (
	`id` integer PRIMARY KEY NOT NULL,
	`lead_id` integer NOT NULL,
	`from_stage_id` text,
	`to_stage_id` text NOT NULL,
	`at` integer NOT NULL,
	`cause` text NOT NULL,
	`cause_event_id` integer,
	`cause_rule` text,
	`user_id` integer,
	`reason` text,
	FOREIGN KEY (`lead_id`) REFERENCES `leads`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `stage_changes_lead_idx` ON `stage_changes` (`lead_id`,`at`);--> statement-breakpoint
CREATE INDEX `stage_changes_at_idx` ON `stage_changes` (`at`);--> statement-breakpoint
CREATE TABLE `stages` (
	`id` text PRIMARY KEY NOT NULL,
	`position` integer NOT NULL,
	`name_ru` text NOT NULL,
	`name_en` text NOT NULL,
	`sla_hours` integer,
	`hint_ru` text,
	`hint_en` text,
	`outcome` text DEFAULT 'open' NOT NULL
);
--> statement-breakpoint
CREATE TABLE `tasks` (
	`id` integer PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`company_id` integer,
	`lead_id` integer,
	`kind` text DEFAULT 'custom' NOT NULL,
	`title` text NOT NULL,
	`due_at` integer NOT NULL,
	`done_at` integer,
	`source_event_id` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`lead_id`) REFERENCES `leads`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `tasks_user_open_idx` ON `tasks` (`user_id`,`done_at`,`due_at`);--> statement-breakpoint
CREATE INDEX `tasks_company_idx` ON `tasks` (`company_id`);--> statement-breakpoint
CREATE INDEX `tasks_lead_idx` ON `tasks` (`lead_id`);--> statement-breakpoint
CREATE TABLE `events` (
	`id` integer PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`source` text NOT NULL,
	`external_id` text NOT NULL,
	`occurred_at` integer NOT NULL,
	`company_id` integer,
	`contact_id` integer,
	`lead_id` integer,
	`user_id` integer,
	`region_id` integer,
	`direction` text,
	`duration_sec` integer,
	`call_result` text,
	`targeted` integer,
	`counterpart` text,
	`subject` text,
	`details` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`lead_id`) REFERENCES `leads`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`region_id`) REFERENCES `regions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `events_source_external_uq` ON `events` (`source`,`external_id`);--> statement-breakpoint
CREATE INDEX `events_company_time_idx` ON `events` (`company_id`,`occurred_at`);--> statement-breakpoint
CREATE INDEX `events_user_kind_time_idx` ON `events` (`user_id`,`kind`,`occurred_at`);--> statement-breakpoint
CREATE INDEX `events_lead_time_idx` ON `events` (`lead_id`,`occurred_at`);--> statement-breakpoint
CREATE INDEX `events_kind_time_idx` ON `events` (`kind`,`occurred_at`);--> statement-breakpoint
CREATE INDEX `events_counterpart_idx` ON `events` (`counterpart`);--> statement-breakpoint
CREATE TABLE `onec_documents` (
	`id` integer PRIMARY KEY NOT NULL,
	`ref_key` text NOT NULL,
	`kind` text NOT NULL,
	`number` text NOT NULL,
	`date_local` text NOT NULL,
	`occurred_at` integer NOT NULL,
	`posted` integer NOT NULL,
	`deletion_mark` integer DEFAULT false NOT NULL,
	`data_version` text NOT NULL,
	`counterparty_ref` text,
	`company_id` integer,
	`lead_id` integer,
	`amount_kopecks` integer NOT NULL,
	`currency` text DEFAULT 'RUB' NOT NULL,
	`basis_ref` text,
	`basis_type` text,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`lead_id`) REFERENCES `leads`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `onec_documents_ref_uq` ON `onec_documents` (`ref_key`);--> statement-breakpoint
CREATE INDEX `onec_documents_company_kind_idx` ON `onec_documents` (`company_id`,`kind`,`occurred_at`);--> statement-breakpoint
CREATE INDEX `onec_documents_lead_idx` ON `onec_documents` (`lead_id`);--> statement-breakpoint
CREATE INDEX `onec_documents_kind_time_idx` ON `onec_documents` (`kind`,`occurred_at`);--> statement-breakpoint
CREATE INDEX `onec_documents_basis_idx` ON `onec_documents` (`basis_ref`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY NOT NULL,
	`at` integer NOT NULL,
	`user_id` integer,
	`principal` text NOT NULL,
	`action` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text,
	`details` text,
	`request_id` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `audit_entity_idx` ON `audit_log` (`entity`,`entity_id`);--> statement-breakpoint
CREATE INDEX `audit_user_time_idx` ON `audit_log` (`user_id`,`at`);--> statement-breakpoint
CREATE TABLE `inbox` (
	`id` integer PRIMARY KEY NOT NULL,
	`source` text NOT NULL,
	`external_id` text,
	`received_at` integer NOT NULL,
	`method` text NOT NULL,
	`path` text NOT NULL,
	`headers` text NOT NULL,
	`body` text NOT NULL,
	`outcome` text NOT NULL,
	`reason` text,
	`replayed_at` integer
);
--> statement-breakpoint
CREATE INDEX `inbox_source_time_idx` ON `inbox` (`source`,`received_at`);--> statement-breakpoint
CREATE INDEX `inbox_outcome_idx` ON `inbox` (`outcome`,`received_at`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` integer PRIMARY KEY NOT NULL,
	`token_hash` text NOT NULL,
	`user_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`revoked_at` integer,
	`user_agent` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sessions_token_uq` ON `sessions` (`token_hash`);--> statement-breakpoint
CREATE INDEX `sessions_user_idx` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `tokens` (
	`id` integer PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`token_hash` text NOT NULL,
	`prefix` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer,
	`last_used_at` integer,
	`revoked_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tokens_hash_uq` ON `tokens` (`token_hash`);--> statement-breakpoint
CREATE INDEX `tokens_user_idx` ON `tokens` (`user_id`,`kind`);