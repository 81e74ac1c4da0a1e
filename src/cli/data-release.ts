import { relative } from 'node:path'
import { parseArgs } from 'node:util'
import { seedFolder } from '../db/seed.js'
import { ReleaseRefused } from '../release/history.js'
import { cutRelease, readReasons } from '../release/release.js'

// `npm run data:release -- --version 2026.12.01 --reasons reasons.yaml [--summary "..."]`
const { values } = parseArgs({
  options: {
    version: { type: 'string' }, reasons: { type: 'string' }, summary: { type: 'string' }, seed: { type: 'string', default: seedFolder }
  }
})
try {
  if (!values.version) throw new ReleaseRefused(['--version is required, e.g. --version 2026.12.01'])
  const { path, release } = cutRelease({
    seedFolder: values.seed, version: values.version, summary: values.summary, reasons: values.reasons ? readReasons(values.reasons) : undefined
  })
  console.log(`wrote ${relative(process.cwd(), path)}: ${release.summary}`)
} catch (error) {
  if (!(error instanceof ReleaseRefused)) throw error
  console.error(error.message)
  process.exit(1)
}
