import { writeFileSync } from 'node:fs'
import { examplesPath } from '../schemas/examples.js'
import { temporaryApp } from './temporary-app.js'

// Takes the documented response examples from real responses on the seed database.
export const exampleRequests: Record<string, string> = {
  'campaigns.list': '/v1/campaigns?limit=1&sort=-window_from',
  'campaigns.csv': '/v1/campaigns?limit=2&format=csv',
  'campaigns.detail': '/v1/campaigns/camp-qinglang-2023-news-anchor',
  'figures.list': '/v1/figures?limit=2',
  'figures.csv': '/v1/figures?limit=3&format=csv',
  'figures.detail': '/v1/figures/fig-015',
  'regulators.list': '/v1/regulators?limit=1',
  'regulators.csv': '/v1/regulators?limit=2&format=csv',
  'regulators.detail': '/v1/regulators/reg-cac',
  'platforms.list': '/v1/platforms?limit=1',
  'platforms.csv': '/v1/platforms?limit=2&format=csv',
  'platforms.detail': '/v1/platforms/plat-douyin',
  'violation-categories.list': '/v1/violation-categories?limit=2',
  'violation-categories.csv': '/v1/violation-categories?limit=2&format=csv',
  'violation-categories.detail': '/v1/violation-categories/cat-impersonation-military',
  'sources.list': '/v1/sources?limit=2',
  'sources.csv': '/v1/sources?limit=2&format=csv',
  'sources.detail': '/v1/sources/src-thestar-bloomberg-2023-05-29',
  'stats.figures': '/v1/stats/figures?campaign=camp-qinglang-2023-self-media&group_by=unit,action',
  'stats.csv': '/v1/stats/figures?unit=accounts&action=closed&group_by=year&format=csv',
  'search.list': `/v1/search?q=${encodeURIComponent('自媒体')}&limit=2`,
  'search.csv': '/v1/search?q=Weibo&limit=3&format=csv',
  'dataset.detail': '/v1/dataset',
  'changes.list': '/v1/changes?limit=2',
  'changes.csv': '/v1/changes?limit=2&format=csv',
  'changes.atom': '/v1/changes/feed.atom?record=fig-015'
}
// The history of each detail example's record.
for (const [key, url] of Object.entries(exampleRequests)) {
  if (key.endsWith('.detail') && key !== 'dataset.detail') exampleRequests[key.replace('.detail', '.history')] = `${url}/history`
}

export async function takeExamples (): Promise<Record<string, unknown>> {
  const { app, close } = await temporaryApp()
  const examples: Record<string, unknown> = {}
  for (const [key, url] of Object.entries(exampleRequests)) {
    const response = await app.inject({ url })
    if (response.statusCode !== 200) throw new Error(`${url} answered ${response.statusCode}`)
    examples[key] = key.endsWith('.csv') || key.endsWith('.atom') ? response.body : response.json()
  }
  await close()
  return examples
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  writeFileSync(examplesPath, JSON.stringify(await takeExamples(), null, 2) + '\n')
  console.log('wrote src/schemas/examples.json')
}
