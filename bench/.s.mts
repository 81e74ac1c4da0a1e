import Database from 'better-sqlite3'
const db = new Database('/tmp/speed/bench-1m.sqlite', { readonly: true })
const titles = `LEFT JOIN (SELECT rowid AS title_rowid, bm25(search_titles) AS title_rank FROM search_titles WHERE search_titles MATCH @match LIMIT -1) AS titles ON titles.title_rowid = search_index.rowid`
const rank = '(100 * coalesce(titles.title_rank, 0) + bm25(search_index))'
const time = (label: string, sql: string, p: any) => { const s = performance.now(); const r = db.prepare(sql).all(p); console.log(label, Math.round(performance.now() - s), 'ms', r.length) }
for (const w of ['accounts', 'weibo']) {
  time(w + ' count', `SELECT count(*) FROM search_index WHERE search_index MATCH @match`, { match: w })
  time(w + ' titles only', `SELECT count(*) FROM search_titles WHERE search_titles MATCH @match`, { match: w })
  time(w + ' full', `SELECT type, id, title, ${rank} AS rank, snippet(search_index, -1, '[', ']', '…', 24) AS snippet FROM search_index ${titles} WHERE search_index MATCH @match ORDER BY ${rank}, type || ' ' || id LIMIT 51`, { match: w })
  time(w + ' no snippet', `SELECT type, id, title, ${rank} AS rank FROM search_index ${titles} WHERE search_index MATCH @match ORDER BY ${rank}, type || ' ' || id LIMIT 51`, { match: w })
  time(w + ' bm25 only', `SELECT rowid, bm25(search_index) AS r FROM search_index WHERE search_index MATCH @match ORDER BY r LIMIT 51`, { match: w })
  time(w + ' rowid only', `SELECT rowid FROM search_index WHERE search_index MATCH @match LIMIT 51`, { match: w })
}
