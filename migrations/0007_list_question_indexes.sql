DROP INDEX `figures_campaign_idx`;--> statement-breakpoint
DROP INDEX `figures_unit_value_desc_idx`;--> statement-breakpoint
CREATE INDEX `figures_campaign_idx` ON `figures` (`campaign_id`,`violation_category_id`,`id`);--> statement-breakpoint
CREATE INDEX `figures_unit_value_desc_idx` ON `figures` (`unit`,("value" IS NULL),"value" DESC,`id`,`date`,`campaign_id`);--> statement-breakpoint
CREATE INDEX `campaign_platforms_campaign_idx` ON `campaign_platforms` (`campaign_id`,`platform_id`);