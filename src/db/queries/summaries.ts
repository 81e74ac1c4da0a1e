import type { Sqlite } from '../connection.js'
import { prepareCached } from '../list-query.js'
import type { DbRow } from './sql.js'
import type {
  CampaignSummary, PlatformSummary, RegulatorSummary, ViolationCategorySummary
} from '../../schemas/summaries.js'

export const campaignSummaryColumns = 'c.id, c.name_en, c.name_zh, c.kind, c.window_from, c.window_to'
export const regulatorSummaryColumns = 'r.id, r.name_en, r.name_zh, r.abbreviation'
export const platformSummaryColumns = 'p.id, p.name_en, p.name_zh'
export const categorySummaryColumns = 'v.id, v.name_en, v.name_zh'

export const campaignSummaries = (db: Sqlite, sql: string, ...params: unknown[]) =>
  prepareCached(db, `SELECT ${campaignSummaryColumns} FROM campaigns c ${sql}`).all(...params) as CampaignSummary[]
export const regulatorSummaries = (db: Sqlite, sql: string, ...params: unknown[]) =>
  prepareCached(db, `SELECT ${regulatorSummaryColumns} FROM regulators r ${sql}`).all(...params) as RegulatorSummary[]
export const platformSummaries = (db: Sqlite, sql: string, ...params: unknown[]) =>
  prepareCached(db, `SELECT ${platformSummaryColumns} FROM platforms p ${sql}`).all(...params) as PlatformSummary[]
export const categorySummaries = (db: Sqlite, sql: string, ...params: unknown[]) =>
  prepareCached(db, `SELECT ${categorySummaryColumns} FROM violation_categories v ${sql}`).all(...params) as ViolationCategorySummary[]

export type { DbRow }
