-- Hand-written (drizzle-kit generate --custom): derived data of the full-text index, filled by
-- src/db/search-top-hits.ts when the index is built. The first hits of the words found in very many records, in
-- the exact order of /v1/search (rank, then type and id), so that their first pages are read, not ranked: ranking
-- every one of 300,000 hits with bm25 takes ~0.5 s. `list` is the MATCH expression of one word, alone ('"accounts"')
-- or with one record type ('"accounts" type=figure'); `hit` is the rowid of the record in search_index.
-- search_top_lists says how many records the list's word matches: a list that holds them all answers every page.
CREATE TABLE `search_top_hits` (
	`list` text NOT NULL,
	`rank` real NOT NULL,
	`key` text NOT NULL,
	`hit` integer NOT NULL,
	PRIMARY KEY (`list`, `rank`, `key`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `search_top_lists` (
	`list` text PRIMARY KEY NOT NULL,
	`hits` integer NOT NULL
) WITHOUT ROWID;
