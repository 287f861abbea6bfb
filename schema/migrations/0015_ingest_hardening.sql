-- Issue 15, flooding and 1C push replay (written by hand; its drizzle-kit snapshot was regenerated after
-- the 0013/0014 migrations of the same issue were merged).

-- The inbox tells how big a payload was and its SHA-256, and whether `body` holds only its first 4 KB
-- (refused before authentication, or over the size limit).
ALTER TABLE `inbox` ADD `body_bytes` integer;--> statement-breakpoint
ALTER TABLE `inbox` ADD `body_sha256` text;--> statement-breakpoint
ALTER TABLE `inbox` ADD `body_truncated` integer DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX `inbox_time_idx` ON `inbox` (`received_at`);--> statement-breakpoint
-- Refused hook requests counted per source, UTC day and kind (unauthorized, rate_limited, too_large).
CREATE TABLE `inbox_refusals` (
	`source` text NOT NULL,
	`day` text NOT NULL,
	`kind` text NOT NULL,
	`count` integer DEFAULT 0 NOT NULL,
	`bytes` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`source`, `day`, `kind`)
);
--> statement-breakpoint
-- Request ids of signed pushes already accepted: a second request with the same id is refused.
CREATE TABLE `hook_request_ids` (
	`source` text NOT NULL,
	`request_id` text NOT NULL,
	`signed_at` integer NOT NULL,
	`received_at` integer NOT NULL,
	PRIMARY KEY(`source`, `request_id`)
);
--> statement-breakpoint
-- Every DataVersion of a 1C object that was applied, with the signed time of the push that carried it:
-- an older version (seen before and since replaced, or sent before the stored one) is refused.
CREATE TABLE `onec_versions` (
	`ref_key` text NOT NULL,
	`data_version` text NOT NULL,
	`sent_at` integer NOT NULL,
	`received_at` integer NOT NULL,
	PRIMARY KEY(`ref_key`, `data_version`)
);
--> statement-breakpoint
CREATE INDEX `onec_versions_sent_idx` ON `onec_versions` (`ref_key`, `sent_at`);
