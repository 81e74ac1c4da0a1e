import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import { ProblemDetails } from '../schemas/common.js'
import { Campaign, CampaignDetail } from '../schemas/campaign.js'
import { Gone, RecordChange, RecordHistory } from '../schemas/dataset.js'
import { Figure, FigureDetail } from '../schemas/figure.js'
import { Owner, Platform, PlatformDetail } from '../schemas/platform.js'
import { Regulator, RegulatorDetail } from '../schemas/regulator.js'
import { SearchHit } from '../schemas/search.js'
import { Source, SourceDetail } from '../schemas/source.js'
import { CampaignSummary, PlatformSummary, RegulatorSummary, ViolationCategorySummary } from '../schemas/summaries.js'
import { ViolationCategory, ViolationCategoryDetail } from '../schemas/violation-category.js'

// Named schemas: routes refer to them with Type.Ref, and the OpenAPI document lists them under components.
export default fp(async function schemas (app: FastifyInstance) {
  for (const schema of [ProblemDetails, Source, SourceDetail, Figure, FigureDetail, Campaign, CampaignDetail, Regulator,
    RegulatorDetail, Owner, Platform, PlatformDetail, ViolationCategory, ViolationCategoryDetail, CampaignSummary,
    RegulatorSummary, PlatformSummary, ViolationCategorySummary, SearchHit, RecordChange, RecordHistory, Gone]) {
    app.addSchema(schema)
  }
}, { name: 'schemas' })
