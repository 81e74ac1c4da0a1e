import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildApp, type App } from '../app.js'
import { prepareDatabase } from '../db/prepare.js'

/** A fresh app on a seeded database in a temporary folder; close() removes both. */
export async function temporaryApp (): Promise<{ app: App, close: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'censorship-api-'))
  const databasePath = join(dir, 'campaigns.sqlite')
  prepareDatabase(databasePath)
  const app = await buildApp({ databasePath })
  await app.ready()
  return { app, close: async () => { await app.close(); rmSync(dir, { recursive: true, force: true }) } }
}
