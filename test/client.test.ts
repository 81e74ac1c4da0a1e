import t from 'tap'
import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { runProgram } from './client/program.js'
import { allPages, build } from './helper.js'

const run = promisify(execFile)
const root = new URL('..', import.meta.url).pathname
const bin = (name: string) => join(root, 'node_modules', '.bin', name)

t.test('client/schema.d.ts is generated from the committed openapi.yaml (run `npm run client`)', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'censorship-api-client-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  await run(bin('openapi-typescript'), ['openapi.yaml', '-o', join(dir, 'schema.d.ts')], { cwd: root })
  t.equal(readFileSync(join(root, 'client/schema.d.ts'), 'utf8'), readFileSync(join(dir, 'schema.d.ts'), 'utf8'))
})

t.test('a frontend program compiles against the client under tsc --strict', async (t) => {
  const { stdout } = await run(bin('tsc'), ['--strict', '--noEmit', '--skipLibCheck', '--target', 'ES2022', '--module', 'NodeNext',
    '--moduleResolution', 'NodeNext', '--types', 'node', 'test/client/program.ts'], { cwd: root })
    .catch((error: { stdout: string }) => ({ stdout: error.stdout }))
  t.equal(stdout, '', 'no type errors')
})

t.test('the program runs against a real server: filters, every page, a detail, a typed problem, CSV', async (t) => {
  const app = await build(t)
  await app.listen({ port: 0, host: '127.0.0.1' })
  const address = app.server.address()
  const result = await runProgram(`http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`)
  const accounts = (await app.inject({ url: '/v1/figures?unit=accounts&sort=-value,id&limit=500' })).json() as { data: Array<{ id: string }> }
  t.same(result.accountFigureIds, accounts.data.map((f) => f.id))
  const every = await allPages(app, '/v1/figures?limit=40')
  t.same(result.allFigureIds, every.map((f) => f.id), 'following next_cursor reaches every figure once')
  t.equal(result.figureSource, (await app.inject({ url: '/v1/figures/fig-001' })).json().data.source.id)
  t.equal(result.problem?.status, 400)
  t.equal(result.problem?.type, '/problems/invalid-parameter')
  t.equal(result.problem?.invalid_params?.[0]?.name, 'limit')
  t.match(result.csvHeader, /^id,/)
})
