CREATE TABLE `dataset_metadata` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `record_changes` (
	`position` integer PRIMARY KEY NOT NULL,
	`release` text NOT NULL,
	`released_on` text NOT NULL,
	`record_type` text NOT NULL,
	`record_id` text NOT NULL,
	`change` text NOT NULL,
	`fields` text NOT NULL,
	`reason` text,
	`replaced_by` text
);
--> statement-breakpoint
CREATE INDEX `record_changes_record_idx` ON `record_changes` (`record_id`,`position`);--> statement-breakpoint
CREATE INDEX `record_changes_release_idx` ON `record_changes` (`release`,`position`);