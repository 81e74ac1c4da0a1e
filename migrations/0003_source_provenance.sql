ALTER TABLE `sources` ADD `url_kind` text;--> statement-breakpoint
ALTER TABLE `sources` ADD `mirror_url` text;--> statement-breakpoint
ALTER TABLE `sources` ADD `archive_url` text;--> statement-breakpoint
ALTER TABLE `sources` ADD `accessed_on` text;