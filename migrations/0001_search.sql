-- Hand-written (drizzle-kit generate --custom): drizzle-kit cannot describe FTS5 virtual tables in src/db/schema.ts.
-- The full-text index of every record, filled by src/db/search-index.ts; Chinese text is indexed one character a
-- token (see src/lib/cjk.ts), because unicode61 does not split Chinese into words.
CREATE VIRTUAL TABLE `search_index` USING fts5(
	type UNINDEXED,
	id UNINDEXED,
	title,
	body,
	tokenize = 'unicode61 remove_diacritics 2'
);
--> statement-breakpoint
-- The titles again, row for row (same rowid), to rank by how well a record's names match: FTS5's bm25 weighs a
-- match against the length of the whole row, which would push down the records with the longest notes.
CREATE VIRTUAL TABLE `search_titles` USING fts5(
	title,
	tokenize = 'unicode61 remove_diacritics 2'
);
