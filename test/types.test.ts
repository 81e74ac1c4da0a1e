import t from 'tap'
import { listPage } from '../src/db/list-query.js'
import type { CampaignDetail } from '../src/resources/campaigns.js'
import type { Figure, FigureDetail } from '../src/resources/figures.js'
import type { Owner, PlatformDetail } from '../src/resources/platforms.js'
import { regulators as regulatorResource, type RegulatorDetail } from '../src/resources/regulators.js'
import type { Source, SourceDetail } from '../src/resources/sources.js'
import { violationCategories, type ViolationCategoryDetail } from '../src/resources/violation-categories.js'
import type { CampaignSummary, PlatformSummary, RegulatorSummary, ViolationCategorySummary } from '../src/schemas/summaries.js'
import { buildOnFixture } from './helper.js'

// The assertions on types below are checked by `tsc --noEmit` (part of `npm test`): a wrong one fails to compile.

type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false
type IsAny<T> = 0 extends 1 & T ? true : false
type IsUnknown<T> = IsAny<T> extends true ? false : unknown extends T ? true : false

/** The paths of the members typed `unknown` or `any`, at any depth (`[]` for an array's items); never if there is none. */
type LooseMembers<T, Path extends string = '(the type itself)'> =
  IsAny<T> extends true ? Path
    : IsUnknown<T> extends true ? Path
      : T extends ReadonlyArray<infer Item> ? LooseMembers<Item, `${Path}[]`>
        : T extends object ? { [K in keyof T & string]-?: LooseMembers<T[K], `${Path}.${K}`> }[keyof T & string]
          : never

const holds = <Assertion extends true>(): void => {}

// The helper itself finds what it is for, so that the assertions on the Detail types can fail.
holds<Equals<LooseMembers<{ a: string, b: { c: unknown[] }, d: any, e: number | null }, 'x'>, 'x.b.c[]' | 'x.d'>>()
holds<Equals<LooseMembers<{ a: string, b: Array<{ c: string | null }> }>, never>>()

// No Detail type has a member typed unknown or any, however deep.
holds<Equals<LooseMembers<CampaignDetail>, never>>()
holds<Equals<LooseMembers<FigureDetail>, never>>()
holds<Equals<LooseMembers<PlatformDetail>, never>>()
holds<Equals<LooseMembers<RegulatorDetail>, never>>()
holds<Equals<LooseMembers<SourceDetail>, never>>()
holds<Equals<LooseMembers<ViolationCategoryDetail>, never>>()

// Each embed is the type of the record its $ref names.
holds<Equals<CampaignDetail['series'], CampaignSummary | null>>()
holds<Equals<CampaignDetail['sub_campaigns'], CampaignSummary[]>>()
holds<Equals<CampaignDetail['regulators'], RegulatorSummary[]>>()
holds<Equals<CampaignDetail['platform_records'], PlatformSummary[]>>()
holds<Equals<CampaignDetail['violation_categories'], ViolationCategorySummary[]>>()
holds<Equals<CampaignDetail['figures'], Figure[]>>()
holds<Equals<CampaignDetail['sources'], Source[]>>()
holds<Equals<FigureDetail['source'], Source>>()
holds<Equals<FigureDetail['also_reported_by_sources'], Source[]>>()
holds<Equals<FigureDetail['campaign'], CampaignSummary>>()
holds<Equals<FigureDetail['violation_category'], ViolationCategorySummary>>()
holds<Equals<FigureDetail['platforms'], PlatformSummary[]>>()
holds<Equals<PlatformDetail['owner'], Owner>>()
holds<Equals<PlatformDetail['campaigns'], CampaignSummary[]>>()
holds<Equals<PlatformDetail['sources'], Source[]>>()
holds<Equals<RegulatorDetail['parent'], RegulatorSummary | null>>()
holds<Equals<RegulatorDetail['campaigns'], CampaignSummary[]>>()
holds<Equals<RegulatorDetail['sources'], Source[]>>()
holds<Equals<SourceDetail['figures'], Figure[]>>()
holds<Equals<SourceDetail['also_reported_figures'], Figure[]>>()
holds<Equals<SourceDetail['campaigns'], CampaignSummary[]>>()
holds<Equals<ViolationCategoryDetail['parent'], ViolationCategorySummary | null>>()
holds<Equals<ViolationCategoryDetail['children'], ViolationCategorySummary[]>>()
holds<Equals<ViolationCategoryDetail['campaigns'], CampaignSummary[]>>()
holds<Equals<ViolationCategoryDetail['sources'], Source[]>>()

const internalKeys = (record: object) => Object.keys(record).filter((key) => key.startsWith('__'))

t.test('a regulator or violation category carries only its own fields, never the sort keys of its page', async (t) => {
  const app = await buildOnFixture(t)
  // A nullable sort key adds a null flag to the ordering: four internal sort columns (flag, key, key, id) on each row read.
  const regulators = listPage(app.db, regulatorResource.list, { where: [], sort: '-abbreviation,name_en', limit: 50 }).rows
  const categories = listPage(app.db, violationCategories.list, { where: [], sort: '-parent_id,name_en', limit: 50 }).rows
  t.ok(regulators.length > 0 && categories.length > 0, 'the fixture has both')
  for (const regulator of regulators) t.same(Object.keys(regulator).sort(), Object.keys(regulatorResource.record.properties).sort(), regulator.id)
  for (const category of categories) t.same(Object.keys(category).sort(), Object.keys(violationCategories.record.properties).sort(), category.id)

  for (const url of ['/v1/regulators?sort=-abbreviation,name_en', '/v1/violation-categories?sort=-parent_id,name_en']) {
    const records = (await app.inject({ url })).json().data as object[]
    t.ok(records.length > 0, url)
    t.same(records.flatMap(internalKeys), [], `${url}: no key starting with __`)
  }
  const first = (list: object[]) => (list[0] as { id: string }).id
  for (const url of [`/v1/regulators/${first(regulators)}`, `/v1/violation-categories/${first(categories)}`]) {
    t.same(internalKeys((await app.inject({ url })).json().data), [], `${url}: no key starting with __`)
  }
})
