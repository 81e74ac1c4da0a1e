import { Type } from 'typebox'
import * as tables from '../db/schema.js'
import { inIds } from '../db/conditions.js'
import { campaignSummaries, categorySummaries } from '../db/queries/summaries.js'
import { Nullable } from '../schemas/common.js'
import { ViolationCategoryFilters } from '../schemas/filters.js'
import type { CampaignSummary, ViolationCategorySummary } from '../schemas/summaries.js'
import { on, type RecordOf } from './fields.js'
import { linkRows, row, seedShape } from './seed-description.js'
import { SeedViolationCategory } from '../schemas/seed.js'
import { defineResource, recordsWhere, sortable } from './resource.js'
import { lines, list, names } from './search-document.js'
import { sourcesLinkedTo, type Source } from './sources.js'

const v = on(tables.violationCategories, 'v')

const fields = {
  id: v.column('id', Type.String({ description: 'Public id, cat-<name>.', examples: ['cat-impersonation-military'] })),
  name_en: v.column('nameEn', Type.String({ description: 'English name, as the sources word it.' })),
  name_zh: v.column('nameZh', Nullable(Type.String(), { description: 'Chinese name; null where no Chinese source gave it.' })),
  description: v.column('description', Nullable(Type.String(), { description: 'What falls under it, where the sources say more than the name.' })),
  parent_id: v.column('parentId', Nullable(Type.String(), { description: 'The broader category this one is a kind of.' })),
  examples: v.column('examples', Type.Array(Type.String(), { description: 'Examples the sources give, such as account names.' })),
  sub_behaviours: v.column('subBehaviours', Type.Array(Type.String(), { description: 'Behaviours the sources list under it.' })),
  source_ids: v.linked(tables.violationCategorySources, Type.Array(Type.String(), { description: 'Sources that use this category.' }))
}
export type ViolationCategory = RecordOf<typeof fields>
export type ViolationCategoryDetail = ViolationCategory & {
  parent: ViolationCategorySummary | null, children: ViolationCategorySummary[], campaigns: CampaignSummary[], sources: Source[]
}

export const violationCategories = defineResource({
  type: 'violation_category',
  path: 'violation-categories',
  label: 'violation category',
  plural: 'violation categories',
  table: 'violation_categories',
  schemaName: 'ViolationCategory',
  description: 'What censored content or accounts were accused of.',
  from: v.from,
  id: v.sql('id'),
  fields,
  sort: {
    id: sortable(v.sql('id'), false),
    name_en: sortable(v.sql('nameEn'), false),
    parent_id: sortable(v.sql('parentId'), true)
  },
  filters: {
    params: ViolationCategoryFilters,
    ids: { parent: { table: 'violation_categories', label: 'violation category', listedAt: '/v1/violation-categories' } },
    where: (q) => [
      ...q.parent === undefined ? [] : [inIds((ids) => `v.parent_id IN (${ids})`, q.parent)],
      ...q.top_level === undefined ? [] : [{ sql: `v.parent_id IS ${q.top_level ? '' : 'NOT '}NULL`, params: [] }]
    ]
  },
  detail: {
    embeds: {
      parent: Nullable(Type.Ref('ViolationCategorySummary'), { description: 'The broader category.' }),
      children: Type.Array(Type.Ref('ViolationCategorySummary'), { description: 'Narrower categories.' }),
      campaigns: Type.Array(Type.Ref('CampaignSummary'), { description: 'Campaigns that targeted it.' }),
      sources: Type.Array(Type.Ref('Source'), { description: 'The sources, in full.' })
    },
    description: 'A violation category with its parent, children, campaigns and sources.',
    read: (db, id): ViolationCategoryDetail | undefined => {
      const [category] = recordsWhere(db, violationCategories, 'WHERE v.id = ?', id)
      if (!category) return undefined
      return {
        ...category,
        parent: categorySummaries(db, 'WHERE v.id = ?', category.parent_id)[0] ?? null,
        children: categorySummaries(db, 'WHERE v.parent_id = ? ORDER BY v.id', id),
        campaigns: campaignSummaries(db, `WHERE c.id IN (SELECT campaign_id FROM campaign_violation_categories WHERE violation_category_id = ?
          UNION SELECT campaign_id FROM figures WHERE violation_category_id = ?) ORDER BY c.id`, id, id),
        sources: sourcesLinkedTo(db, 'violation_category_sources', 'violation_category_id', id)
      }
    }
  },
  seed: seedShape({
    record: SeedViolationCategory,
    references: { parent_id: 'violation_category', source_ids: 'source' },
    rows: (c) => [row(tables.violationCategories, {
      id: c.id, nameEn: c.name_en, nameZh: c.name_zh ?? null, description: c.description ?? null, parentId: c.parent_id ?? null,
      examples: c.examples ?? [], subBehaviours: c.sub_behaviours ?? []
    }), ...linkRows(tables.violationCategorySources, c.id, c.source_ids)]
  }),
  search: {
    title: names('v.name_en', 'v.name_zh'),
    body: lines('v.description', list('v.examples'), list('v.sub_behaviours'))
  },
  docs: {
    listSummary: 'List violation categories',
    listDescription: 'What censored content or accounts were accused of, in the sources\' own terms, in English and Chinese. ' +
      'A category that is a kind of another names it in `parent_id`.',
    detailSummary: 'Get one violation category',
    detailDescription: 'A violation category with its parent and children, the campaigns that targeted it and its sources in full.',
    examples: { list: '?limit=2', csv: '?limit=2&format=csv', id: 'cat-impersonation-military' }
  }
})
