import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import type { Resource } from '../resources/resource.js'
import { ProblemDetails } from '../schemas/common.js'
import { Gone, RecordChange, RecordHistory } from '../schemas/dataset.js'
import { SearchHit } from '../schemas/search.js'
import { CampaignSummary, PlatformSummary, RegulatorSummary, ViolationCategorySummary } from '../schemas/summaries.js'

// Named schemas: routes refer to them with Type.Ref, and the OpenAPI document lists them under components.
export default fp(async function schemas (app: FastifyInstance, options: { resources: Resource[] }) {
  for (const schema of [ProblemDetails, ...options.resources.flatMap((resource) => resource.namedSchemas), CampaignSummary,
    RegulatorSummary, PlatformSummary, ViolationCategorySummary, SearchHit, RecordChange, RecordHistory, Gone]) {
    app.addSchema(schema)
  }
}, { name: 'schemas' })
