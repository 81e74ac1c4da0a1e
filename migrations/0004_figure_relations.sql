DROP INDEX `figures_totals_idx`;--> statement-breakpoint
ALTER TABLE `figures` ADD `subset_certainty` text;--> statement-breakpoint
ALTER TABLE `figures` ADD `superseded_by` text;--> statement-breakpoint
CREATE INDEX `figures_totals_idx` ON `figures` (`unit`,`action`,`same_fact_as`,`subset_of`,`superseded_by`,`subset_certainty`,`date`,`violation_category_id`,`qualifier`,`value`,`id`);