CREATE TABLE `stored_totals` (
	`question` text PRIMARY KEY NOT NULL,
	`parts` text NOT NULL
);
--> statement-breakpoint
DROP INDEX `figure_platforms_several_idx`;--> statement-breakpoint
DROP INDEX `figures_totals_idx`;--> statement-breakpoint
ALTER TABLE `figures` ADD `platform_ids` text;--> statement-breakpoint
ALTER TABLE `figures` ADD `regulator_ids` text;--> statement-breakpoint
-- Derived keys (src/db/combination-keys.ts) for the figures a file already holds; a build fills them after loading.
UPDATE `figures` SET
  `platform_ids` = (SELECT group_concat(`platform_id`, '+') FROM (SELECT `platform_id` FROM `figure_platforms` WHERE `figure_id` = `figures`.`id` ORDER BY `platform_id`)),
  `regulator_ids` = (SELECT group_concat(`regulator_id`, '+') FROM (SELECT `regulator_id` FROM `campaign_regulators` WHERE `campaign_id` = `figures`.`campaign_id` ORDER BY `regulator_id`));--> statement-breakpoint
CREATE INDEX `figures_totals_idx` ON `figures` (`unit`,`action`,`same_fact_as`,`subset_of`,`superseded_by`,`subset_certainty`,`date`,`violation_category_id`,`qualifier`,`value`,`id`,`campaign_id`,`regulator_ids`,`platform_ids`);