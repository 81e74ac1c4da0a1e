import autocannon from 'autocannon'
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { benchServerEnv, children, requireBenchDatabase, requireBuild, serverEntry, sleep } from './processes.js'

// npm run bench:nginx: two API instances behind nginx on loopback against one instance alone, and the same with
// nginx's proxy_cache. Installs nothing: it uses the Debian nginx binary if there is one.

const { values: args } = parseArgs({
  options: { db: { type: 'string', default: 'data/bench-1000000.sqlite' }, duration: { type: 'string', default: '8' } }
})
const nginx = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((path) => existsSync(path)) ??
  (spawnSync('sh', ['-c', 'command -v nginx']).stdout.toString().trim() || undefined)
if (!nginx) {
  console.error('nginx is not installed, so nothing was measured. On Debian: apt-get install -y nginx (this script installs nothing).')
  process.exit(1)
}
requireBenchDatabase(args.db)
requireBuild()


async function waitFor (url: string) {
  for (let i = 0; i < 3000; i++) {
    if (await fetch(url).then((r) => r.status === 200, () => false)) return
    await sleep(10)
  }
  throw new Error(`${url} never answered`)
}

function run (command: string, argv: string[], env: Record<string, string> = {}) {
  const child = spawn(command, argv, { env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit'] })
  children.add(child)
  return child
}

const ports = { one: 3831, two: 3832, proxy: 3840, cached: 3841 }
const prefix = mkdtempSync(join(tmpdir(), 'bench-nginx-'))
mkdirSync(join(prefix, 'logs'))
// One nginx worker per core; keepalive to the upstreams, so nginx does not open a connection per request.
const upstream = `upstream api { server 127.0.0.1:${ports.one}; server 127.0.0.1:${ports.two}; keepalive 64; }`
const location = 'proxy_pass http://api; proxy_http_version 1.1; proxy_set_header Connection "";'
writeFileSync(join(prefix, 'nginx.conf'), `
user root;
worker_processes auto;
pid ${prefix}/nginx.pid;
error_log ${prefix}/logs/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${prefix}/body; proxy_temp_path ${prefix}/proxy; fastcgi_temp_path ${prefix}/fastcgi;
  uwsgi_temp_path ${prefix}/uwsgi; scgi_temp_path ${prefix}/scgi;
  proxy_cache_path ${prefix}/cache keys_zone=api:10m max_size=256m inactive=10m;
  ${upstream}
  server { listen 127.0.0.1:${ports.proxy}; location / { ${location} } }
  server {
    listen 127.0.0.1:${ports.cached};
    location / { ${location} proxy_cache api; proxy_cache_valid 200 5m; proxy_cache_lock on; add_header X-Cache-Status $upstream_cache_status; }
  }
}
`)

async function measure (label: string, url: string) {
  await autocannon({ url, connections: 50, duration: 1 })
  const result = await autocannon({ url, connections: 50, duration: Number(args.duration) })
  const row = { label, rps: Math.round(result.requests.average), p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx }
  console.log(`${label}: ${row.rps} req/s, p50 ${row.p50} ms, p99 ${row.p99} ms${row.non2xx ? `, ${row.non2xx} non-2xx` : ''}`)
  return row
}

const env = { ...benchServerEnv, DATABASE_PATH: args.db, WORKERS: '1' }
run(process.execPath, [serverEntry], { ...env, PORT: String(ports.one) })
run(process.execPath, [serverEntry], { ...env, PORT: String(ports.two) })
await waitFor(`http://127.0.0.1:${ports.one}/health`)
await waitFor(`http://127.0.0.1:${ports.two}/health`)
const server = run(nginx, ['-p', prefix, '-c', join(prefix, 'nginx.conf'), '-g', 'daemon off;'])
await waitFor(`http://127.0.0.1:${ports.proxy}/health`)

console.log(`nginx: ${nginx}; each API instance is one process (WORKERS=1); load generator, nginx and both instances share the same cores`)
const rows = []
for (const [name, path] of [['detail', '/v1/figures/fig-syn-0500000'], ['list page', '/v1/figures?limit=50']]) {
  const one = await measure(`${name}: one instance, direct`, `http://127.0.0.1:${ports.one}${path}`)
  const two = await measure(`${name}: two instances behind nginx`, `http://127.0.0.1:${ports.proxy}${path}`)
  const cached = await measure(`${name}: nginx proxy_cache (one URL, so every request after the first is a cache hit)`,
    `http://127.0.0.1:${ports.cached}${path}`)
  rows.push({ endpoint: name, one, two, cached, gainTwo: Number((two.rps / one.rps).toFixed(2)), gainCached: Number((cached.rps / one.rps).toFixed(2)) })
}
console.log('\n| endpoint | one instance req/s | 2 behind nginx req/s (gain) | nginx proxy_cache req/s (gain) |')
console.log('| --- | ---: | ---: | ---: |')
for (const r of rows) console.log(`| ${r.endpoint} | ${r.one.rps} | ${r.two.rps} (${r.gainTwo}x) | ${r.cached.rps} (${r.gainCached}x) |`)
mkdirSync('bench/results', { recursive: true })
const file = `bench/results/nginx-${new Date().toISOString().replace(/[:.]/g, '-')}.json`
writeFileSync(file, JSON.stringify({ nginx, rows }, null, 2) + '\n')
console.log(`written ${file}`)

server.kill('SIGQUIT')
await sleep(300)
rmSync(prefix, { recursive: true, force: true })
process.exit(0)
