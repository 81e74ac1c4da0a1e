import t from 'tap'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from 'playwright-core'
import { build } from './helper.js'

// Swagger UI under the real security headers, in a real browser: Debian's chromium (.ci/run installs it).
const executablePath = '/usr/bin/chromium'

t.test('Swagger UI at /docs renders every operation and "Try it out" on GET /v1/campaigns answers 200', { skip: !existsSync(executablePath) && `${executablePath} is missing` }, async (t) => {
  const app = await build(t)
  await app.listen({ port: 0, host: '127.0.0.1' })
  const address = app.server.address()
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
  const operations = Object.values((app.swagger() as { paths: Record<string, object> }).paths).reduce((n, methods) => n + Object.keys(methods).length, 0)

  const userDataDir = mkdtempSync(join(tmpdir(), 'censorship-api-chromium-'))
  const browser = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync']
  })
  t.teardown(async () => {
    await browser.close()
    rmSync(userDataDir, { recursive: true, force: true })
  })
  const page = browser.pages()[0] ?? await browser.newPage()
  const blocked: string[] = []
  page.on('console', (message) => { if (/Content Security Policy|Refused to/i.test(message.text())) blocked.push(message.text()) })
  const pageErrors: string[] = []
  page.on('pageerror', (error) => pageErrors.push(error.message))

  await page.goto(`${base}/docs/`)
  await page.waitForSelector('.opblock', { timeout: 30_000 })
  t.equal(await page.locator('.opblock').count(), operations, 'one block per operation in the document')
  t.same(blocked, [], 'the Content-Security-Policy blocks nothing Swagger UI needs')
  t.same(pageErrors, [], 'no script errors')

  const operation = page.locator('#operations-campaigns-get_v1_campaigns')
  await operation.locator('.opblock-summary').click()
  await operation.locator('button.try-out__btn').click()
  await operation.locator('button.execute').click()
  const status = operation.locator('.live-responses-table .response .response-col_status').first()
  await status.waitFor({ timeout: 30_000 })
  t.equal((await status.innerText()).trim(), '200')
  // Try it out fills in the documented examples (fields=id,name_en...), so the body is a short page.
  t.match(await operation.locator('.live-responses-table .highlight-code').first().innerText(), /id/)
})
