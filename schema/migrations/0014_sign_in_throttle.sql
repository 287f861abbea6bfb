-- Failed password sign-ins per account and per client address, read before the password is checked
-- (worker/src/auth/sign-in-throttle.ts). Numbered 0014: 0013 belongs to a parallel change of the same issue.
CREATE TABLE `sign_in_throttle` (
	`key` text PRIMARY KEY NOT NULL,
	`failures` integer NOT NULL,
	`last_failure_at` integer NOT NULL,
	`blocked_until` integer
);
--> statement-breakpoint
CREATE INDEX `sign_in_throttle_last_idx` ON `sign_in_throttle` (`last_failure_at`);