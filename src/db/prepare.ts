import Database from 'better-sqlite3'
import { mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { openWriter } from './connection.js'
import { checkDatabaseFile, databaseFileExists, DatabaseFileError } from './integrity.js'
import { applyMigrations, migrationsFolder } from './migrate.js'
import { ensureSearchIndex } from './search-index.js'
import { buildStoredTotals } from './queries/stats.js'
import { loadSeed, seedFolder as defaultSeedFolder } from './seed.js'
import { resources, seedTypesOf } from '../resources/index.js'
import type { Resource } from '../resources/resource.js'
import { sourceDigest } from '../release/digest.js'
import { buildDownloads, readManifest } from '../release/downloads.js'
import { isReleased, readReleases } from '../release/history.js'
import { loadReleases, readMetadata, writeMetadata, type DatasetMetadata } from '../release/metadata.js'

export interface Prepared {
  /** Whether this start built the file (from seed/ and the release history). */
  seeded: boolean
  version: string
  prebuilt: boolean
}

function metadataOf (path: string): DatasetMetadata | undefined {
  const db = new Database(path, { readonly: true, fileMustExist: true })
  try {
    return readMetadata(db)
  } catch (error) {
    throw new DatabaseFileError(`Database file ${path} cannot be read (${(error as Error).message}). Delete it to rebuild from seed/, or restore it from a backup.`)
  } finally {
    db.close()
  }
}

/**
 * Makes the file at `path` hold what `seedFolder` and the migrations say, and returns what it holds.
 *
 * A file built from the same seed/ and migrations (same digest) is kept; one built from anything else is rebuilt
 * into a new file beside it and renamed into place, so a reader (or a start after a crash) only ever sees a complete
 * file. A prebuilt release file is served as it is and never written. The full page check runs once per file, when
 * it is built or first seen (its manifest records that), never at every start.
 */
/** What the file is built from besides seed/: the resources it serves and the migrations of their tables. */
export interface BuildSources { resources?: Resource[], migrations?: string }

export function prepareDatabase (path: string, seedFolder: string = defaultSeedFolder, sources: BuildSources = {}): Prepared {
  const migrations = sources.migrations ?? migrationsFolder
  if (databaseFileExists(path)) {
    // Never replace a file that is not ours: another application's database, or no database at all.
    checkDatabaseFile(path, { allowMissingTables: true })
    const metadata = metadataOf(path)
    if (metadata?.prebuilt) {
      install(path, metadata)
      return { seeded: false, version: metadata.version, prebuilt: true }
    }
    const digest = sourceDigest(seedFolder, migrations)
    if (metadata?.digest === digest) {
      install(path, metadata)
      return { seeded: false, version: metadata.version, prebuilt: false }
    }
    return { ...build(path, seedFolder, digest, sources), seeded: true }
  }
  return { ...build(path, seedFolder, sourceDigest(seedFolder, migrations), sources), seeded: true }
}

/** Whether the file is the one its manifest says was checked (same size and mtime): a stat, no read. */
function isInstalled (path: string, metadata: DatasetMetadata): boolean {
  const manifest = readManifest(path)
  const stat = statSync(path)
  return manifest !== undefined && manifest.version === metadata.version && manifest.digest === metadata.digest &&
    manifest.database.bytes === stat.size && manifest.database.checked_mtime_ms === stat.mtimeMs
}

/** A file not yet checked (no manifest, or the file changed since): read every page once, then build its downloads. */
function install (path: string, metadata: DatasetMetadata): void {
  if (isInstalled(path, metadata)) return
  checkDatabaseFile(path, { full: true })
  if (!metadata.prebuilt) repairSearchIndex(path)
  buildDownloads(path, path, metadata)
}

// A file of ours that changed since it was checked (copied, or written to by hand) gets a complete search index back.
function repairSearchIndex (path: string): void {
  const db = openWriter(path)
  try {
    ensureSearchIndex(db)
    db.pragma('journal_mode = DELETE')
  } finally {
    db.close()
  }
}

function isRunning (pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

// Files a killed build left behind (the database, the data package and its CSVs): never served, removed before the
// next build, except those of a build that is still running.
function removeAbandonedBuilds (path: string): void {
  const base = basename(path)
  for (const name of readdirSync(dirname(path))) {
    const pid = Number(/\.building-(\d+)/.exec(name)?.[1])
    if (name.startsWith(base) && pid && !(pid !== process.pid && isRunning(pid))) rmSync(join(dirname(path), name), { recursive: true, force: true })
  }
}

function build (path: string, seedFolder: string, digest: string, sources: BuildSources): Omit<Prepared, 'seeded'> {
  const served = sources.resources ?? resources
  mkdirSync(dirname(path), { recursive: true })
  removeAbandonedBuilds(path)
  const building = `${path}.building-${process.pid}`
  const releases = readReleases(seedFolder)
  const latest = releases.at(-1)
  const metadata: DatasetMetadata = {
    version: !latest ? 'unreleased' : isReleased(seedFolder, releases) ? latest.version : `${latest.version}+unreleased`,
    released_on: latest?.released_on ?? null,
    digest,
    prebuilt: false
  }
  const db = openWriter(building)
  try {
    applyMigrations(db, sources.migrations)
    loadSeed(db, seedFolder, seedTypesOf(served))
    loadReleases(db, releases)
    ensureSearchIndex(db, served)
    buildStoredTotals(db)
    writeMetadata(db, metadata)
    // One self-contained file (no -wal beside it), so it can be renamed, downloaded and opened read-only anywhere.
    db.pragma('journal_mode = DELETE')
  } catch (error) {
    db.close()
    rmSync(building, { force: true })
    for (const suffix of ['-wal', '-shm']) rmSync(building + suffix, { force: true })
    throw error
  }
  db.close()
  checkDatabaseFile(building, { full: true })
  buildDownloads(building, path, metadata)
  // A journal left by the old file must never be applied to the new one.
  for (const suffix of ['-wal', '-shm', '-journal']) rmSync(path + suffix, { force: true })
  renameSync(building, path)
  return { version: metadata.version, prebuilt: false }
}
