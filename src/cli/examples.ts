import { writeFileSync } from 'node:fs'
import { examplesPath } from '../schemas/examples.js'
import { resources } from '../resources/index.js'
import { temporaryApp } from './temporary-app.js'

// Takes the documented response examples from real responses on the seed database.
export const exampleRequests: Record<string, string> = {
  // Each resource's, from its description.
  ...Object.fromEntries(resources.flatMap(({ path, docs: { examples } }) => [
    [`${path}.list`, `/v1/${path}${examples.list}`], [`${path}.csv`, `/v1/${path}${examples.csv}`], [`${path}.detail`, `/v1/${path}/${examples.id}`]
  ])),
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
