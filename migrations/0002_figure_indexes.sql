CREATE INDEX `figures_unit_idx` ON `figures` (`unit`,`id`);--> statement-breakpoint
CREATE INDEX `figures_unit_action_idx` ON `figures` (`unit`,`action`,`id`);--> statement-breakpoint
CREATE INDEX `figures_totals_idx` ON `figures` (`unit`,`same_fact_as`,`subset_of`,`date`,`violation_category_id`,`qualifier`,`value`,`id`);