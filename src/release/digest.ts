import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'

function filesUnder (folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort()
}

/**
 * What a database file was built from: every file of the seed folder (records and release history) and of the
 * migrations, by relative path and content. Any correction, new record, release or migration changes it.
 */
export function sourceDigest (seedFolder: string, migrationsFolder: string): string {
  const hash = createHash('sha256')
  for (const [name, folder] of [['seed', seedFolder], ['migrations', migrationsFolder]] as const) {
    for (const file of filesUnder(folder)) {
      const content = readFileSync(file)
      hash.update(`${name}/${relative(folder, file)}\0${content.length}\0`).update(content)
    }
  }
  return hash.digest('hex')
}
