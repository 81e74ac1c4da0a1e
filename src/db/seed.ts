import { readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { parse } from 'yaml'
import { Value } from 'typebox/value'
import type { TSchema } from 'typebox'
import * as seedSchemas from '../schemas/seed.js'
import { actionIncludes } from '../schemas/vocabulary.js'
import type {
  SeedCampaign, SeedFigure, SeedOwner, SeedPlatform, SeedRegulator, SeedSource, SeedViolationCategory
} from '../schemas/seed.js'
import { fromPackageRoot } from '../package-root.js'
import type { Sqlite } from './connection.js'

export const seedFolder = fromPackageRoot('seed')

export class SeedError extends Error {
  constructor (file: string, recordId: string | undefined, field: string, problem: string) {
    super(`${file}: ${recordId ?? '(record without id)'}: field "${field}": ${problem}`)
    this.name = 'SeedError'
  }
}

interface SeedData {
  sources: SeedSource[]
  regulators: SeedRegulator[]
  owners: SeedOwner[]
  platforms: SeedPlatform[]
  violationCategories: SeedViolationCategory[]
  campaigns: SeedCampaign[]
  figures: SeedFigure[]
}

function readRecords<T extends { id: string }> (folder: string, name: string, schema: TSchema): T[] {
  const path = join(folder, `${name}.yaml`)
  const file = relative(process.cwd(), path) || path
  let records: unknown
  try {
    records = parse(readFileSync(path, 'utf8'))
  } catch (error) {
    throw new SeedError(file, undefined, '(file)', (error as Error).message)
  }
  if (!Array.isArray(records)) throw new SeedError(file, undefined, '(file)', 'must be a list of records')
  const seen = new Set<string>()
  for (const record of records as Array<Record<string, unknown>>) {
    const id = typeof record?.id === 'string' ? record.id : undefined
    const [error] = Value.Errors(schema, record)
    if (error) {
      const field = error.instancePath.replace(/^\//, '').replaceAll('/', '.') ||
        String((error.params as { additionalProperties?: string[], requiredProperties?: string[] })
          .additionalProperties?.[0] ?? (error.params as { requiredProperties?: string[] }).requiredProperties?.[0] ?? '(record)')
      throw new SeedError(file, id, field, error.message)
    }
    if (seen.has(id!)) throw new SeedError(file, id, 'id', 'is used twice')
    seen.add(id!)
  }
  return records as T[]
}

export function readSeed (folder = seedFolder): SeedData {
  const data: SeedData = {
    sources: readRecords(folder, 'sources', seedSchemas.SeedSource),
    regulators: readRecords(folder, 'regulators', seedSchemas.SeedRegulator),
    owners: readRecords(folder, 'owners', seedSchemas.SeedOwner),
    platforms: readRecords(folder, 'platforms', seedSchemas.SeedPlatform),
    violationCategories: readRecords(folder, 'violation-categories', seedSchemas.SeedViolationCategory),
    campaigns: readRecords(folder, 'campaigns', seedSchemas.SeedCampaign),
    figures: readRecords(folder, 'figures', seedSchemas.SeedFigure)
  }
  checkReferences(data)
  return data
}

function checkReferences (data: SeedData): void {
  const ids = (records: Array<{ id: string }>) => new Set(records.map((r) => r.id))
  const known = {
    src: ids(data.sources), reg: ids(data.regulators), org: ids(data.owners), plat: ids(data.platforms),
    cat: ids(data.violationCategories), camp: ids(data.campaigns), fig: ids(data.figures)
  }
  const check = (file: string, id: string, field: string, refs: Array<string | null | undefined>, set: Set<string>) => {
    for (const ref of refs) {
      if (ref != null && !set.has(ref)) throw new SeedError(`seed/${file}.yaml`, id, field, `refers to unknown id "${ref}"`)
    }
  }
  for (const r of data.regulators) {
    check('regulators', r.id, 'parent_id', [r.parent_id], known.reg)
    check('regulators', r.id, 'source_ids', r.source_ids, known.src)
  }
  for (const o of data.owners) {
    check('owners', o.id, 'parent_id', [o.parent_id], known.org)
    check('owners', o.id, 'source_ids', o.source_ids, known.src)
  }
  for (const p of data.platforms) {
    check('platforms', p.id, 'owner_id', [p.owner_id], known.org)
    check('platforms', p.id, 'source_ids', p.source_ids, known.src)
  }
  for (const c of data.violationCategories) {
    check('violation-categories', c.id, 'parent_id', [c.parent_id], known.cat)
    check('violation-categories', c.id, 'source_ids', c.source_ids, known.src)
  }
  for (const c of data.campaigns) {
    check('campaigns', c.id, 'series_id', [c.series_id], known.camp)
    check('campaigns', c.id, 'regulator_ids', c.regulator_ids, known.reg)
    check('campaigns', c.id, 'category_ids', c.category_ids ?? [], known.cat)
    check('campaigns', c.id, 'source_ids', c.source_ids, known.src)
    for (const p of c.platforms ?? []) {
      if (!p.platform_id === !p.name) {
        throw new SeedError('seed/campaigns.yaml', c.id, 'platforms', 'each entry needs either platform_id or name')
      }
      check('campaigns', c.id, 'platforms.platform_id', [p.platform_id], known.plat)
      check('campaigns', c.id, 'platforms.named_by', [p.named_by], known.src)
    }
  }
  for (const f of data.figures) {
    check('figures', f.id, 'campaign_id', [f.campaign_id], known.camp)
    check('figures', f.id, 'violation_category_id', [f.violation_category_id], known.cat)
    check('figures', f.id, 'platform_ids', f.platform_ids ?? [], known.plat)
    check('figures', f.id, 'source_id', [f.source_id], known.src)
    check('figures', f.id, 'also_reported_by', f.also_reported_by ?? [], known.src)
    check('figures', f.id, 'subset_of', [f.subset_of], known.fig)
    check('figures', f.id, 'same_fact_as', [f.same_fact_as], known.fig)
    check('figures', f.id, 'superseded_by', [f.superseded_by], known.fig)
    check('figures', f.id, 'derived_from', [f.derived_from], known.fig)
    if (f.value === null && f.qualifier !== 'vague') {
      throw new SeedError('seed/figures.yaml', f.id, 'value', 'may be null only when qualifier is "vague"')
    }
  }
  checkFigureRelations(data)
}

/**
 * The relations the totals rely on must make sense: a snapshot is superseded by a later count of the same running
 * total (same campaign, unit and action); a certain part counts the same unit, under the same action or one the
 * whole's action includes (accounts closed for good inside accounts handled).
 */
function checkFigureRelations (data: SeedData) {
  const figures = new Map(data.figures.map((f) => [f.id, f]))
  const campaigns = new Map(data.campaigns.map((c) => [c.id, c]))
  const sources = new Map(data.sources.map((s) => [s.id, s]))
  const dateOf = (f: SeedFigure) => figureDate(f, campaigns.get(f.campaign_id)!, sources.get(f.source_id)!)[0]
  const fail = (f: SeedFigure, field: string, problem: string) => { throw new SeedError('seed/figures.yaml', f.id, field, problem) }
  for (const f of data.figures) {
    if (f.subset_certainty != null && f.subset_of == null) fail(f, 'subset_certainty', 'is set but subset_of is not')
    for (const [field, target] of [['subset_of', f.subset_of], ['superseded_by', f.superseded_by], ['same_fact_as', f.same_fact_as]] as const) {
      if (target === f.id) fail(f, field, 'names the figure itself')
    }
    const later = f.superseded_by == null ? undefined : figures.get(f.superseded_by)!
    if (later) {
      const differs = (['campaign_id', 'unit', 'action'] as const).filter((k) => (later[k] ?? null) !== (f[k] ?? null))
      if (differs.length) {
        fail(f, 'superseded_by', `${later.id} is not a later count of the same running total: its ${differs.join(', ')} differ`)
      }
      const [mine, theirs] = [dateOf(f), dateOf(later)]
      if (mine === null || theirs === null || theirs <= mine) {
        fail(f, 'superseded_by', `${later.id} must be dated after this figure (${theirs ?? 'undated'} is not after ${mine ?? 'undated'})`)
      }
    }
    const whole = f.subset_of == null ? undefined : figures.get(f.subset_of)!
    if (whole && f.subset_certainty !== 'uncertain') {
      if (whole.unit !== f.unit) fail(f, 'subset_of', `${whole.id} counts ${whole.unit}, not ${f.unit}: mark it subset_certainty: uncertain or fix the unit`)
      const included = f.action == null || whole.action == null ? f.action === whole.action
        : f.action === whole.action || (actionIncludes[whole.action] ?? []).includes(f.action)
      if (!included) {
        fail(f, 'subset_of', `${whole.id} is "${whole.action ?? 'no action'}", which does not include "${f.action ?? 'no action'}" ` +
          '(src/schemas/vocabulary.ts actionIncludes): mark it subset_certainty: uncertain or fix the action')
      }
    }
  }
}

// The date a figure is placed at in filters and time series, and where that date comes from.
function figureDate (f: SeedFigure, campaign: SeedCampaign, source: SeedSource): [string | null, string] {
  if (f.as_of) return [f.as_of, 'as_of']
  if (f.period?.to) return [f.period.to, 'period']
  if (campaign.window?.to) return [campaign.window.to, 'campaign_window']
  if (source.date) return [source.date, 'source_date']
  return [null, 'none']
}

export function isSeeded (db: Sqlite): boolean {
  return db.prepare('SELECT 1 FROM sources LIMIT 1').get() !== undefined
}

/**
 * Loads the seed into an empty, migrated database in one transaction: all of it, or nothing. Given a folder, it
 * reads and checks the YAML only when the database is empty, so a restart does not parse the seed again.
 */
export function loadSeed (db: Sqlite, seed: SeedData | string = seedFolder): { loaded: boolean } {
  if (isSeeded(db)) return { loaded: false }
  const data = typeof seed === 'string' ? readSeed(seed) : seed
  const insert = (table: string, columns: string[]) => {
    const statement = db.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`)
    return (...values: unknown[]) => statement.run(...values.map((v) => v === undefined ? null
      : typeof v === 'boolean' ? Number(v) : Array.isArray(v) ? JSON.stringify(v) : v))
  }
  const links = (table: string, left: string, right: string) => {
    const add = insert(table, [left, right, 'position'])
    return (id: string, refs: string[] | undefined) => (refs ?? []).forEach((ref, i) => add(id, ref, i))
  }
  const campaigns = new Map(data.campaigns.map((c) => [c.id, c]))
  const sources = new Map(data.sources.map((s) => [s.id, s]))

  db.transaction(() => {
    const source = insert('sources', ['id', 'title', 'publisher', 'date', 'url', 'url_kind', 'mirror_url', 'archive_url', 'accessed_on', 'language', 'confidence', 'notes'])
    for (const s of data.sources) {
      source(s.id, s.title, s.publisher, s.date, s.url, s.url_kind, s.mirror_url, s.archive_url, s.accessed_on, s.language, s.confidence, s.notes ?? [])
    }

    const regulator = insert('regulators', ['id', 'name_en', 'name_zh', 'short_name_zh', 'abbreviation', 'country',
      'parent_id', 'parent_text', 'type', 'role', 'founded', 'founding_notes', 'headquarters', 'director', 'confidence', 'notes'])
    const regulatorSources = links('regulator_sources', 'regulator_id', 'source_id')
    for (const r of data.regulators) {
      regulator(r.id, r.name_en, r.name_zh, r.short_name_zh, r.abbreviation, r.country, r.parent_id, r.parent_text, r.type,
        r.role, r.founded, r.founding_notes ?? [], r.headquarters, r.director, r.confidence, r.notes ?? [])
      regulatorSources(r.id, r.source_ids)
    }

    const owner = insert('owners', ['id', 'name_en', 'name_zh', 'parent_id', 'founded', 'headquarters', 'founders', 'listing', 'notes'])
    const ownerSources = links('owner_sources', 'owner_id', 'source_id')
    for (const o of data.owners) {
      owner(o.id, o.name_en, o.name_zh, o.parent_id, o.founded, o.headquarters, o.founders ?? [], o.listing, o.notes ?? [])
      ownerSources(o.id, o.source_ids)
    }

    const platform = insert('platforms', ['id', 'name_en', 'name_zh', 'kind', 'owner_id', 'launched', 'launch_note',
      'international_counterpart', 'confidence'])
    const platformSources = links('platform_sources', 'platform_id', 'source_id')
    for (const p of data.platforms) {
      platform(p.id, p.name_en, p.name_zh, p.kind, p.owner_id, p.launched, p.launch_note, p.international_counterpart, p.confidence)
      platformSources(p.id, p.source_ids)
    }

    const category = insert('violation_categories', ['id', 'name_en', 'name_zh', 'description', 'parent_id', 'examples', 'sub_behaviours'])
    const categorySources = links('violation_category_sources', 'violation_category_id', 'source_id')
    for (const c of data.violationCategories) {
      category(c.id, c.name_en, c.name_zh, c.description, c.parent_id, c.examples ?? [], c.sub_behaviours ?? [])
      categorySources(c.id, c.source_ids)
    }

    const campaign = insert('campaigns', ['id', 'name_en', 'name_zh', 'series_id', 'kind', 'kind_text',
      'is_seed_report_subject', 'window_from', 'window_to', 'window_note', 'announced_on', 'announced_note',
      'results_announced_on', 'results_announced_note', 'duration_stated', 'co_agencies', 'planned_tasks',
      'linked_operations', 'confidence', 'notes'])
    const campaignRegulators = links('campaign_regulators', 'campaign_id', 'regulator_id')
    const campaignCategories = links('campaign_violation_categories', 'campaign_id', 'violation_category_id')
    const campaignSources = links('campaign_sources', 'campaign_id', 'source_id')
    const campaignPlatform = insert('campaign_platforms', ['campaign_id', 'position', 'platform_id', 'name', 'named_by_source_id'])
    for (const c of data.campaigns) {
      campaign(c.id, c.name_en, c.name_zh, c.series_id, c.kind, c.kind_text, c.is_seed_report_subject ?? false,
        c.window?.from, c.window?.to, c.window?.note, c.announced?.date, c.announced?.note, c.results_announced?.date,
        c.results_announced?.note, c.duration_stated, c.co_agencies ?? [], c.planned_tasks ?? [], c.linked_operations ?? [],
        c.confidence, c.notes ?? [])
      campaignRegulators(c.id, c.regulator_ids)
      campaignCategories(c.id, c.category_ids)
      campaignSources(c.id, c.source_ids)
      c.platforms?.forEach((p, i) => campaignPlatform(c.id, i, p.platform_id, p.name, p.named_by))
    }

    const figure = insert('figures', ['id', 'campaign_id', 'violation_category_id', 'value', 'value_text', 'qualifier',
      'unit', 'unit_text', 'action', 'action_text', 'as_of', 'period_from', 'period_to', 'date_note', 'date', 'date_basis',
      'source_id', 'confidence', 'subset_of', 'subset_certainty', 'superseded_by', 'same_fact_as', 'derived_from', 'notes'])
    const figurePlatforms = links('figure_platforms', 'figure_id', 'platform_id')
    const figureAlsoReportedBy = links('figure_also_reported_by', 'figure_id', 'source_id')
    for (const f of data.figures) {
      const [date, basis] = figureDate(f, campaigns.get(f.campaign_id)!, sources.get(f.source_id)!)
      figure(f.id, f.campaign_id, f.violation_category_id, f.value, f.value_text, f.qualifier, f.unit, f.unit_text, f.action,
        f.action_text, f.as_of, f.period?.from, f.period?.to, f.date_note, date, basis, f.source_id, f.confidence,
        f.subset_of, f.subset_of == null ? null : f.subset_certainty ?? 'certain', f.superseded_by, f.same_fact_as,
        f.derived_from, f.notes ?? [])
      figurePlatforms(f.id, f.platform_ids)
      figureAlsoReportedBy(f.id, f.also_reported_by)
    }
  })()
  return { loaded: true }
}
