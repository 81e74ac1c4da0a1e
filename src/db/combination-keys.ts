import type { Sqlite } from './connection.js'
import type { Condition } from './list-query.js'

// A figure naming several platforms, or of a campaign run by several regulators, is counted once, in the row of the
// combination ("plat-douyin+plat-kuaishou+plat-weibo"): counted in full for each, the rows of a total would add up to
// more than the facts. The keys are stored on the figure when the file is built, from the link tables.

const combination = (table: string, key: string, value: string, owner: string) =>
  `(SELECT group_concat(${value}, '+') FROM (SELECT ${value} FROM ${table} WHERE ${key} = ${owner} ORDER BY ${value}))`

const fillSql = `UPDATE figures SET
  platform_ids = ${combination('figure_platforms', 'figure_id', 'platform_id', 'figures.id')},
  regulator_ids = ${combination('campaign_regulators', 'campaign_id', 'regulator_id', 'figures.campaign_id')}`

/** Stores each figure's platform and regulator combination keys; run after the records are written. */
export function fillCombinationKeys (db: Sqlite): void {
  db.exec(fillSql)
}

/** Whether a stored combination key names one of `ids`: ids are slugs, never a "+", so "+key+" then holds "+id+". */
export const keyNamesAny = (column: string, ids: string[]): Condition => ({
  sql: `(${ids.map(() => `instr('+' || ${column} || '+', ?) > 0`).join(' OR ')})`,
  params: ids.map((id) => `+${id}+`)
})
