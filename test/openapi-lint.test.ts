import t from 'tap'
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'

// The committed contract through the linters a client developer runs: Redocly's recommended ruleset and Spectral's
// spectral:oas. Errors fail; the one warning left (no contact) is explained in docs/operations.md.
const run = promisify(execFile)
const root = new URL('..', import.meta.url).pathname
const bin = (name: string) => join(root, 'node_modules', '.bin', name)

t.test('Redocly recommended: no errors', async (t) => {
  const { stdout, stderr } = await run(bin('redocly'), ['lint', 'openapi.yaml', '--extends', 'recommended', '--format', 'json'], { cwd: root })
  const report = JSON.parse(stdout) as { totals: { errors: number, warnings: number }, problems: Array<{ ruleId: string, severity: string }> }
  t.equal(report.totals.errors, 0, stderr)
  t.same(report.problems.map((p) => p.ruleId), [], 'no warning either')
})

t.test('Spectral spectral:oas: no errors', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'censorship-api-spectral-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  const ruleset = join(dir, 'ruleset.yaml')
  writeFileSync(ruleset, 'extends: ["spectral:oas"]\n')
  const { stdout } = await run(bin('spectral'), ['lint', 'openapi.yaml', '--ruleset', ruleset, '--format', 'json', '--quiet'], { cwd: root })
    .catch((error: { stdout: string }) => ({ stdout: error.stdout }))
  const problems = JSON.parse(stdout) as Array<{ code: string, severity: number }>
  t.same(problems.filter((p) => p.severity === 0), [], 'no errors')
  t.same(problems.map((p) => p.code), ['info-contact'], 'the only warning is the missing contact (see docs/operations.md)')
})
