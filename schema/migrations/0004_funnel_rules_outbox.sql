CREATE TABLE `funnel_rules` (
	`id` text PRIMARY KEY NOT NULL,
	`position` integer NOT NULL,
	`event_kind` text NOT NULL,
	`condition` text NOT NULL,
	`to_stage_id` text,
	`task_title_ru` text,
	`task_title_en` text,
	`task_kind` text,
	`task_due_minutes` integer,
	`closes_task_kind` text,
	`active` integer DEFAULT true NOT NULL,
	`description_ru` text NOT NULL,
	FOREIGN KEY (`to_stage_id`) REFERENCES `stages`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`entity_id` integer NOT NULL,
	`state` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`last_error` text,
	`external_ref` text,
	`created_at` integer NOT NULL,
	`sent_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_kind_entity_uq` ON `outbox` (`kind`,`entity_id`);--> statement-breakpoint
CREATE INDEX `outbox_state_next_idx` ON `outbox` (`state`,`next_attempt_at`,`id`);--> statement-breakpoint
CREATE TABLE `sync_state` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` integer NOT NULL
);
