CREATE TABLE `calls` (
	`id` integer PRIMARY KEY NOT NULL,
	`provider` text NOT NULL,
	`call_id` text NOT NULL,
	`direction` text,
	`counterpart` text,
	`line` text,
	`extension` text,
	`user_id` integer,
	`company_id` integer,
	`contact_id` integer,
	`lead_id` integer,
	`started_at` integer,
	`answered_at` integer,
	`ended_at` integer,
	`talk_sec` integer,
	`result` text,
	`recording_url` text,
	`last_seq` integer,
	`event_id` integer,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`lead_id`) REFERENCES `leads`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `calls_provider_call_uq` ON `calls` (`provider`,`call_id`);--> statement-breakpoint
CREATE INDEX `calls_counterpart_idx` ON `calls` (`counterpart`,`started_at`);--> statement-breakpoint
CREATE TABLE `mail_never_log` (
	`pattern` text PRIMARY KEY NOT NULL,
	`note` text
);
--> statement-breakpoint
CREATE TABLE `phone_lines` (
	`number` text PRIMARY KEY NOT NULL,
	`region_id` integer NOT NULL,
	`label` text,
	FOREIGN KEY (`region_id`) REFERENCES `regions`(`id`) ON UPDATE no action ON DELETE no action
);
