CREATE INDEX `campaigns_window_from_sort_idx` ON `campaigns` (("window_from" IS NULL),`window_from`,`id`);--> statement-breakpoint
CREATE INDEX `campaigns_window_from_sort_desc_idx` ON `campaigns` (("window_from" IS NULL),"window_from" DESC,`id`);--> statement-breakpoint
CREATE INDEX `campaigns_announced_on_sort_idx` ON `campaigns` (("announced_on" IS NULL),`announced_on`,`id`);--> statement-breakpoint
CREATE INDEX `campaigns_announced_on_sort_desc_idx` ON `campaigns` (("announced_on" IS NULL),"announced_on" DESC,`id`);--> statement-breakpoint
CREATE INDEX `figures_value_sort_idx` ON `figures` (("value" IS NULL),`value`,`id`);--> statement-breakpoint
CREATE INDEX `figures_value_sort_desc_idx` ON `figures` (("value" IS NULL),"value" DESC,`id`);--> statement-breakpoint
CREATE INDEX `figures_date_sort_idx` ON `figures` (("date" IS NULL),`date`,`id`);--> statement-breakpoint
CREATE INDEX `figures_date_sort_desc_idx` ON `figures` (("date" IS NULL),"date" DESC,`id`);--> statement-breakpoint
CREATE INDEX `figures_unit_value_desc_idx` ON `figures` (`unit`,("value" IS NULL),"value" DESC,`id`);--> statement-breakpoint
CREATE INDEX `sources_date_sort_idx` ON `sources` (("date" IS NULL),`date`,`id`);--> statement-breakpoint
CREATE INDEX `sources_date_sort_desc_idx` ON `sources` (("date" IS NULL),"date" DESC,`id`);