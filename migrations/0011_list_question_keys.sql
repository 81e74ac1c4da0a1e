DROP INDEX `figures_unit_value_desc_idx`;--> statement-breakpoint
CREATE INDEX `figures_unit_date_idx` ON `figures` (`unit`,`date`,`regulator_ids`);--> statement-breakpoint
CREATE INDEX `figures_unit_value_desc_idx` ON `figures` (`unit`,("value" IS NULL),"value" DESC,`id`,`date`,`campaign_id`,`regulator_ids`);