import { readFileSync } from 'node:fs'
import { fromPackageRoot } from '../package-root.js'

// Response examples taken from the real seed data, written by `npm run examples` and checked against live
// responses by test/openapi.test.ts, so that the documented examples never drift from what the API returns.
// Read from src/ also by the compiled code: tsc does not copy JSON it is not asked to import.
export const examplesPath = fromPackageRoot('src/schemas/examples.json')
export const examples = JSON.parse(readFileSync(examplesPath, 'utf8')) as Record<string, unknown>
export const example = (key: string): unknown => examples[key] ?? null
