import { copyFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Test } from 'tap'
import { buildApp, type App, type AppOptions } from '../src/app.js'
import { prepareDatabase } from '../src/db/prepare.js'
import { datapackagePath, manifestPath } from '../src/release/downloads.js'

let seededTemplate: string | undefined

/** A migrated, seeded database file, made once per test process and copied for each app. */
export function seededDatabaseCopy (dir: string): string {
  if (!seededTemplate) {
    const templateDir = mkdtempSync(join(tmpdir(), 'censorship-api-template-'))
    seededTemplate = join(templateDir, 'template.sqlite')
    prepareDatabase(seededTemplate)
    process.once('exit', () => rmSync(templateDir, { recursive: true, force: true }))
  }
  const path = join(dir, 'campaigns.sqlite')
  copyFileSync(seededTemplate, path)
  // The downloads built beside it, so /v1/dataset/download.sqlite and datapackage.zip answer on the copy too.
  copyFileSync(manifestPath(seededTemplate), manifestPath(path))
  copyFileSync(datapackagePath(seededTemplate), datapackagePath(path))
  return path
}

/** A fresh app on its own copy of the seeded database, closed and removed when the test ends. */
export async function build (t: Test, overrides: Partial<AppOptions> = {}): Promise<App> {
  const dir = mkdtempSync(join(tmpdir(), 'censorship-api-test-'))
  // A rate limit no test reaches (the fuzz tests alone make thousands of requests from one address), and no load
  // shedding: tap runs test files in parallel, and a busy machine must not turn into 503s. Their own tests set them.
  const app = await buildApp({
    databasePath: seededDatabaseCopy(dir),
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
