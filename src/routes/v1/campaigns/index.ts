import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { campaignFilters, campaignList, getCampaign } from '../../../db/queries/campaigns.js'
import { matching } from '../../../db/queries/search.js'
import { campaignCsv, campaignCsvFields } from '../../../lib/csv-columns.js'
import { replyWithList } from '../../../lib/list-reply.js'
import { missingRecord } from '../../../lib/removed-record.js'
import { IdParams, NoQuery } from '../../../schemas/common.js'
import { CampaignFilters } from '../../../schemas/filters.js'
import { Campaign } from '../../../schemas/campaign.js'
import { ListQuery } from '../../../schemas/list-query.js'
import { detailResponses, listResponses } from '../../../schemas/responses.js'

const campaigns: FastifyPluginAsyncTypebox = async (app) => {
  app.get('', {
    schema: {
      tags: ['campaigns'],
      operationId: 'listCampaigns',
      summary: 'List campaigns',
      description: 'Censorship campaigns: who ran them, when (window, announcement and results dates, as precise as the sources allow), on which platforms, against which categories, and how many figures report on each. Series such as Operation Qinglang have kind `series` and their campaigns point to them with `series_id`.',
      querystring: ListQuery('campaigns', Object.keys(campaignList.sortable), CampaignFilters, Object.keys(Campaign.properties)),
      response: listResponses('Campaign', 'campaigns', 'A page of campaigns (JSON), or CSV.')
    }
  }, async (request, reply) => replyWithList(request, reply, app.db, campaignList, [
    ...campaignFilters(app.db, request.query), ...matching(app.db, 'campaign', 'c.id', request.query.q)], request.query,
    { name: 'campaigns', columns: campaignCsv, fields: Object.keys(Campaign.properties), columnFields: campaignCsvFields }))

  app.get('/:id', {
    schema: {
      tags: ['campaigns'],
      operationId: 'getCampaign',
      summary: 'Get one campaign',
      description: 'A campaign with its series and sub-campaigns, regulators, platforms, categories, every figure reported on it and every source cited by it or its figures.',
      querystring: NoQuery,
      params: IdParams('camp', 'camp-qinglang-2023-news-anchor', 'campaign'),
      response: detailResponses('CampaignDetail', 'campaigns', 'The campaign with related records embedded.')
    }
  }, async (request) => {
    const record = getCampaign(app.db, request.params.id)
    if (!record) throw missingRecord(app.db, 'campaign', request.params.id, `No campaign has id "${request.params.id}".`)
    return { data: record }
  })
}

export default campaigns
