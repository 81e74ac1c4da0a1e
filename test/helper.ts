import { copyFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Test } from 'tap'
import { buildApp, type App, type AppOptions } from '../src/app.js'
import { prepareDatabase } from '../src/db/prepare.js'
import { datapackagePath, manifestPath } from '../src/release/downloads.js'

/**
 * `seed`: the real data in seed/, for tests of the data itself (they compute what they expect from it).
 * `fixture`: test/fixtures/seed/, a handful of invented records per type that behaviour tests can name and count.
 */
export type Dataset = 'seed' | 'fixture'

export const fixtureSeedFolder = fileURLToPath(new URL('fixtures/seed', import.meta.url))

const templates = new Map<Dataset, string>()

/** A migrated, seeded database file, made once per test process and dataset, and copied for each app. */
export function seededDatabaseCopy (dir: string, dataset: Dataset = 'seed'): string {
  let template = templates.get(dataset)
  if (!template) {
    const templateDir = mkdtempSync(join(tmpdir(), 'censorship-api-template-'))
    template = join(templateDir, 'template.sqlite')
    prepareDatabase(template, dataset === 'fixture' ? fixtureSeedFolder : undefined)
    templates.set(dataset, template)
    process.once('exit', () => rmSync(templateDir, { recursive: true, force: true }))
  }
  const path = join(dir, 'campaigns.sqlite')
  copyFileSync(template, path)
  // The downloads built beside it, so /v1/dataset/download.sqlite and datapackage.zip answer on the copy too.
  copyFileSync(manifestPath(template), manifestPath(path))
  copyFileSync(datapackagePath(template), datapackagePath(path))
  return path
}

/** A fresh app on its own copy of the database seeded from seed/, closed and removed when the test ends. */
export async function build (t: Test, overrides: Partial<AppOptions> = {}, dataset: Dataset = 'seed'): Promise<App> {
  const dir = mkdtempSync(join(tmpdir(), 'censorship-api-test-'))
  // A rate limit no test reaches (the fuzz tests alone make thousands of requests from one address), and no load
  // shedding: tap runs test files in parallel, and a busy machine must not turn into 503s. Their own tests set them.
  const app = await buildApp({
    databasePath: seededDatabaseCopy(dir, dataset),
    rateLimit: { max: 1_000_000 },
    loadShedding: { maxEventLoopDelayMs: 0, maxHeapUsedBytes: 0 },
    ...overrides
  })
  t.teardown(async () => {
    await app.close()
    rmSync(dir, { recursive: true, force: true })
  })
  await app.ready()
  return app
}

/** A fresh app on the fixture dataset (test/fixtures/seed/): what behaviour tests run on. */
export async function buildOnFixture (t: Test, overrides: Partial<AppOptions> = {}): Promise<App> {
  return build(t, overrides, 'fixture')
}

/** Every page of a list, following next_cursor from the first page. */
export async function allPages (app: App, url: string): Promise<Array<Record<string, unknown>>> {
  const rows: Array<Record<string, unknown>> = []
  let next: string | null = url
  while (next) {
    const response = await app.inject({ url: next })
    if (response.statusCode !== 200) throw new Error(`${next} answered ${response.statusCode}: ${response.body}`)
    const body = response.json() as { data: Array<Record<string, unknown>>, page: { next_cursor: string | null } }
    rows.push(...body.data)
    next = body.page.next_cursor ? `${url}${url.includes('?') ? '&' : '?'}cursor=${body.page.next_cursor}` : null
  }
  return rows
}
