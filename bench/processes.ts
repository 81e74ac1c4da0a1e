import type { ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

// What the bench scripts share: the large database they need, the servers they start, and how to stop them.

/** One client on loopback at full speed: the per-client rate limit and load shedding would measure themselves. */
export const benchServerEnv = { LOG_LEVEL: 'warn', RATE_LIMIT_MAX: '1000000', MAX_EVENT_LOOP_DELAY_MS: '0', MAX_HEAP_USED_MB: '0' }

/** What `npm start` runs after its build (`npm run bench` builds first). */
export const serverEntry = fileURLToPath(new URL('../dist/main.js', import.meta.url))

export function requireBuild (): void {
  if (existsSync(serverEntry)) return
  console.error(`${serverEntry} does not exist: build it first with  npm run build`)
  process.exit(1)
}

export function requireBenchDatabase (path: string): void {
  if (existsSync(path)) return
  console.error(`${path} does not exist: build it first with  npm run bench:data -- --figures 1000000`)
  process.exit(1)
}

/** The child processes a script started; all of them are killed when it exits, however it exits. */
export const children = new Set<ChildProcess>()
process.on('exit', () => { for (const child of children) child.kill('SIGKILL') })
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130))

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
