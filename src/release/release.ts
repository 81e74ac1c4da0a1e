import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse, stringify } from 'yaml'
import { checkSeed, formatProblem } from './check.js'
import { diff, readReleases, readSnapshot, releasesFolder, ReleaseRefused, removedKeys, replay, type Reasons, type Release } from './history.js'
import { compareVersions, releaseDate, versionPattern } from './record-types.js'

export interface ReleaseOptions { seedFolder: string, version: string, reasons?: Reasons, summary?: string }

export function readReasons (path: string): Reasons {
  const reasons = parse(readFileSync(path, 'utf8')) as unknown
  if (reasons === null || typeof reasons !== 'object' || Array.isArray(reasons)) {
    throw new ReleaseRefused([`${path}: must map record ids to { field: reason }`])
  }
  return reasons as Reasons
}

/**
 * Writes seed/releases/<version>.yaml: what changed since the last release, with the curator's reasons.
 * Refuses (and writes nothing) when seed/ has a problem, the version is not new, nothing changed or a reason is missing.
 */
export function cutRelease (options: ReleaseOptions): { path: string, release: Release } {
  const { seedFolder, version } = options
  if (!versionPattern.test(version)) throw new ReleaseRefused([`--version: "${version}" is not a calendar version YYYY.MM.DD (or YYYY.MM.DD.N for another release that day)`])
  const problems = checkSeed(seedFolder)
  if (problems.length) throw new ReleaseRefused(problems.map(formatProblem))
  const releases = readReleases(seedFolder)
  const latest = releases.at(-1)
  if (latest && compareVersions(version, latest.version) <= 0) throw new ReleaseRefused([`--version: ${version} is not after the latest release, ${latest.version}`])
  const changes = diff(replay(releases), readSnapshot(seedFolder), options.reasons ?? {}, removedKeys(releases))
  if (latest && changes.length === 0) throw new ReleaseRefused([`nothing changed in ${seedFolder} since release ${latest.version}`])
  const release: Release = {
    version,
    released_on: releaseDate(version),
    summary: options.summary ?? summarise(changes),
    changes
  }
  const folder = releasesFolder(seedFolder)
  mkdirSync(folder, { recursive: true })
  const path = join(folder, `${version}.yaml`)
  if (existsSync(path)) throw new ReleaseRefused([`${path} exists already`])
  const header = '# A dataset release, written by `npm run data:release`: do not edit by hand (README.md, "Corrections and releases").\n'
  writeFileSync(path, header + stringify(release, { lineWidth: 0, aliasDuplicateObjects: false }))
  return { path, release }
}

function summarise (changes: Release['changes']): string {
  const count = (kind: string) => changes.filter((c) => c.change === kind).length
  return `${count('added')} records added, ${count('changed')} changed, ${count('removed')} removed.`
}
