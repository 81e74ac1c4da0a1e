import { readFileSync } from 'node:fs'

// Response examples taken from the real seed data, written by `npm run examples` and checked against live
// responses by test/openapi.test.ts, so that the documented examples never drift from what the API returns.
export const examplesPath = new URL('./examples.json', import.meta.url)
export const examples = JSON.parse(readFileSync(examplesPath, 'utf8')) as Record<string, unknown>
export const example = (key: string): unknown => examples[key] ?? null
