CREATE TABLE `campaign_violation_categories` (
	`campaign_id` text NOT NULL,
	`violation_category_id` text NOT NULL,
	`position` integer NOT NULL,
	PRIMARY KEY(`campaign_id`, `violation_category_id`)
);
--> statement-breakpoint
CREATE INDEX `campaign_violation_categories_right_idx` ON `campaign_violation_categories` (`violation_category_id`);--> statement-breakpoint
CREATE TABLE `campaign_platforms` (
	`campaign_id` text NOT NULL,
	`position` integer NOT NULL,
	`platform_id` text,
	`name` text,
	`named_by_source_id` text,
	PRIMARY KEY(`campaign_id`, `position`),
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`platform_id`) REFERENCES `platforms`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`named_by_source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `campaign_platforms_platform_idx` ON `campaign_platforms` (`platform_id`);--> statement-breakpoint
CREATE TABLE `campaign_regulators` (
	`campaign_id` text NOT NULL,
	`regulator_id` text NOT NULL,
	`position` integer NOT NULL,
	PRIMARY KEY(`campaign_id`, `regulator_id`)
);
--> statement-breakpoint
CREATE INDEX `campaign_regulators_right_idx` ON `campaign_regulators` (`regulator_id`);--> statement-breakpoint
CREATE TABLE `campaign_sources` (
	`campaign_id` text NOT NULL,
	`source_id` text NOT NULL,
	`position` integer NOT NULL,
	PRIMARY KEY(`campaign_id`, `source_id`)
);
--> statement-breakpoint
CREATE INDEX `campaign_sources_right_idx` ON `campaign_sources` (`source_id`);--> statement-breakpoint
CREATE TABLE `campaigns` (
	`id` text PRIMARY KEY NOT NULL,
	`name_en` text NOT NULL,
	`name_zh` text,
	`series_id` text,
	`kind` text NOT NULL,
	`kind_text` text,
	`is_seed_report_subject` integer NOT NULL,
	`window_from` text,
	`window_to` text,
	`window_note` text,
	`announced_on` text,
	`announced_note` text,
	`results_announced_on` text,
	`results_announced_note` text,
	`duration_stated` text,
	`co_agencies` text NOT NULL,
	`planned_tasks` text NOT NULL,
	`linked_operations` text NOT NULL,
	`confidence` text NOT NULL,
	`notes` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `campaigns_series_idx` ON `campaigns` (`series_id`);--> statement-breakpoint
CREATE TABLE `figure_also_reported_by` (
	`figure_id` text NOT NULL,
	`source_id` text NOT NULL,
	`position` integer NOT NULL,
	PRIMARY KEY(`figure_id`, `source_id`)
);
--> statement-breakpoint
CREATE INDEX `figure_also_reported_by_right_idx` ON `figure_also_reported_by` (`source_id`);--> statement-breakpoint
CREATE TABLE `figure_platforms` (
	`figure_id` text NOT NULL,
	`platform_id` text NOT NULL,
	`position` integer NOT NULL,
	PRIMARY KEY(`figure_id`, `platform_id`)
);
--> statement-breakpoint
CREATE INDEX `figure_platforms_right_idx` ON `figure_platforms` (`platform_id`);--> statement-breakpoint
CREATE TABLE `figures` (
	`id` text PRIMARY KEY NOT NULL,
	`campaign_id` text NOT NULL,
	`violation_category_id` text NOT NULL,
	`value` integer,
	`value_text` text,
	`qualifier` text NOT NULL,
	`unit` text NOT NULL,
	`unit_text` text NOT NULL,
	`action` text,
	`action_text` text,
	`as_of` text,
	`period_from` text,
	`period_to` text,
	`date_note` text,
	`date` text,
	`date_basis` text NOT NULL,
	`source_id` text NOT NULL,
	`confidence` text NOT NULL,
	`subset_of` text,
	`same_fact_as` text,
	`derived_from` text,
	`notes` text NOT NULL,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`violation_category_id`) REFERENCES `violation_categories`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `figures_campaign_idx` ON `figures` (`campaign_id`);--> statement-breakpoint
CREATE INDEX `figures_category_idx` ON `figures` (`violation_category_id`);--> statement-breakpoint
CREATE INDEX `figures_source_idx` ON `figures` (`source_id`);--> statement-breakpoint
CREATE TABLE `owner_sources` (
	`owner_id` text NOT NULL,
	`source_id` text NOT NULL,
	`position` integer NOT NULL,
	PRIMARY KEY(`owner_id`, `source_id`)
);
--> statement-breakpoint
CREATE INDEX `owner_sources_right_idx` ON `owner_sources` (`source_id`);--> statement-breakpoint
CREATE TABLE `owners` (
	`id` text PRIMARY KEY NOT NULL,
	`name_en` text NOT NULL,
	`name_zh` text,
	`parent_id` text,
	`founded` text,
	`headquarters` text,
	`founders` text NOT NULL,
	`listing` text,
	`notes` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `platform_sources` (
	`platform_id` text NOT NULL,
	`source_id` text NOT NULL,
	`position` integer NOT NULL,
	PRIMARY KEY(`platform_id`, `source_id`)
);
--> statement-breakpoint
CREATE INDEX `platform_sources_right_idx` ON `platform_sources` (`source_id`);--> statement-breakpoint
CREATE TABLE `platforms` (
	`id` text PRIMARY KEY NOT NULL,
	`name_en` text NOT NULL,
	`name_zh` text,
	`kind` text NOT NULL,
	`owner_id` text NOT NULL,
	`launched` text,
	`launch_note` text,
	`international_counterpart` text,
	`confidence` text,
	FOREIGN KEY (`owner_id`) REFERENCES `owners`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `regulator_sources` (
	`regulator_id` text NOT NULL,
	`source_id` text NOT NULL,
	`position` integer NOT NULL,
	PRIMARY KEY(`regulator_id`, `source_id`)
);
--> statement-breakpoint
CREATE INDEX `regulator_sources_right_idx` ON `regulator_sources` (`source_id`);--> statement-breakpoint
CREATE TABLE `regulators` (
	`id` text PRIMARY KEY NOT NULL,
	`name_en` text NOT NULL,
	`name_zh` text,
	`short_name_zh` text,
	`abbreviation` text,
	`country` text NOT NULL,
	`parent_id` text,
	`parent_text` text,
	`type` text,
	`role` text,
	`founded` text,
	`founding_notes` text NOT NULL,
	`headquarters` text,
	`director` text,
	`confidence` text NOT NULL,
	`notes` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sources` (
	`id` text PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`publisher` text NOT NULL,
	`date` text,
	`url` text,
	`language` text NOT NULL,
	`confidence` text NOT NULL,
	`notes` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `violation_categories` (
	`id` text PRIMARY KEY NOT NULL,
	`name_en` text NOT NULL,
	`name_zh` text,
	`description` text,
	`parent_id` text,
	`examples` text NOT NULL,
	`sub_behaviours` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `violation_category_sources` (
	`violation_category_id` text NOT NULL,
	`source_id` text NOT NULL,
	`position` integer NOT NULL,
	PRIMARY KEY(`violation_category_id`, `source_id`)
);
--> statement-breakpoint
CREATE INDEX `violation_category_sources_right_idx` ON `violation_category_sources` (`source_id`);