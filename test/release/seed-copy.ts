import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Test } from 'tap'
import { seedFolder } from '../../src/db/seed.js'

/** A temporary copy of seed/ (records and release history), removed when the test ends. */
export function seedCopy (t: Test): { dir: string, seed: string } {
  const dir = mkdtempSync(join(tmpdir(), 'censorship-api-release-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  const seed = join(dir, 'seed')
  cpSync(seedFolder, seed, { recursive: true })
  return { dir, seed }
}

/**
 * Changes one line of one record, as a curator would in an editor: `from` is a line of the record's block
 * (without indentation), `to` its replacement (several lines with \n). Returns the 1-based line of the new text.
 */
export function editRecord (seed: string, file: string, id: string, from: string, to: string): number {
  const path = join(seed, file)
  const lines = readFileSync(path, 'utf8').split('\n')
  const start = lines.indexOf(`- id: ${id}`)
  if (start === -1) throw new Error(`${id} not in ${file}`)
  let end = lines.findIndex((line, i) => i > start && line.startsWith('- id: '))
  if (end === -1) end = lines.length
  const at = lines.findIndex((line, i) => i >= start && i < end && line.trim() === from)
  if (at === -1) throw new Error(`${id} in ${file} has no line "${from}"`)
  const indent = lines[at].slice(0, lines[at].length - lines[at].trimStart().length)
  lines.splice(at, 1, ...to.split('\n').map((line) => indent + line))
  writeFileSync(path, lines.join('\n'))
  return at + 1
}

/** Adds `text` after the record's id line; returns its line. */
export function addToRecord (seed: string, file: string, id: string, text: string): number {
  return editRecord(seed, file, id, `- id: ${id}`, `- id: ${id}\n  ${text}`) + 1
}

/** Deletes a record's block from a seed file. */
export function removeRecord (seed: string, file: string, id: string): void {
  const path = join(seed, file)
  const lines = readFileSync(path, 'utf8').split('\n')
  const start = lines.indexOf(`- id: ${id}`)
  let end = lines.findIndex((line, i) => i > start && line.startsWith('- id: '))
  if (end === -1) end = lines.length
  lines.splice(start, end - start)
  writeFileSync(path, lines.join('\n'))
}
