import t, { type Test } from 'tap'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { createServer } from 'node:http'
import { join } from 'node:path'
import { chromium } from 'playwright-core'
import { build } from './helper.js'

// Swagger UI under the real security headers, in a real browser: Debian's chromium (.ci/run installs it).
const executablePath = '/usr/bin/chromium'

async function launch (t: Test) {
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
  return { browser, page: browser.pages()[0] ?? await browser.newPage() }
}

async function serve (t: Test) {
  const app = await build(t)
  await app.listen({ port: 0, host: '127.0.0.1' })
  const address = app.server.address()
  return { app, base: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` }
}

const noChromium = !existsSync(executablePath) && `${executablePath} is missing`

t.test('Swagger UI at /docs renders every operation, and "Try it out" with its pre-filled values answers 2xx on each', { skip: noChromium, timeout: 900_000 }, async (t) => {
  const { app, base } = await serve(t)
  const document: { paths: Record<string, Record<string, { operationId: string, tags: string[] }>> } = (await app.inject({ url: '/openapi.json' })).json()
  const operationIds = Object.values(document.paths).flatMap((methods) => Object.values(methods))
  const { page } = await launch(t)
  const blocked: string[] = []
  page.on('console', (message) => { if (/Content Security Policy|Refused to/i.test(message.text())) blocked.push(message.text()) })
  const pageErrors: string[] = []
  page.on('pageerror', (error) => pageErrors.push(error.message))

  await page.goto(`${base}/docs/`)
  await page.waitForSelector('.opblock', { timeout: 30_000 })
  t.equal(await page.locator('.opblock').count(), operationIds.length, 'one block per operation in the document')
  t.same(blocked, [], 'the Content-Security-Policy blocks nothing Swagger UI needs')
  t.same(pageErrors, [], 'no script errors')

  for (const { operationId, tags } of operationIds) {
    const operation = page.locator(`#operations-${tags[0]}-${operationId}`)
    await operation.locator('.opblock-summary').click()
    await operation.locator('button.try-out__btn').click()
    await operation.locator('button.execute').click()
    const status = operation.locator('.live-responses-table .response .response-col_status').first()
    await status.waitFor({ timeout: 30_000 })
    t.match((await status.innerText()).trim(), /^2\d\d$/, `${operationId} answers 2xx`)
    await operation.locator('.opblock-summary').click()
  }
})

t.test('a page on another origin that fetched CSV gets JSON when it next asks for JSON (Vary: Accept)', { skip: noChromium }, async (t) => {
  const { base } = await serve(t)
  // A frontend on another origin: a bare page (the API's own pages carry a CSP that allows only their own origin).
  const frontend = createServer((_request, response) => response.end('<!doctype html><title>frontend</title>'))
  await new Promise<void>((resolve) => frontend.listen(0, '127.0.0.1', resolve))
  t.teardown(() => new Promise<void>((resolve) => frontend.close(() => resolve())))
  const frontendAddress = frontend.address()
  const { page } = await launch(t)
  await page.goto(`http://127.0.0.1:${typeof frontendAddress === 'object' && frontendAddress ? frontendAddress.port : 0}/`)
  const types = await page.evaluate(async (url) => {
    const csv = await fetch(url, { headers: { Accept: 'text/csv' } })
    await csv.text()
    const json = await fetch(url)
    return [csv.headers.get('content-type'), json.headers.get('content-type'), (await json.text()).slice(0, 1)]
  }, `${base}/v1/figures?limit=3`)
  t.match(types[0], /^text\/csv/)
  t.match(types[1], /^application\/json/)
  t.equal(types[2], '{')
})
