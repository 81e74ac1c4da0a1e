import cluster from 'node:cluster'
import { ConfigError, loadConfig, type Config } from './config.js'
import { DatabaseFileError } from './db/integrity.js'
import { prepareDatabase } from './db/prepare.js'

// `npm start`: the primary migrates and seeds the database file once, then forks WORKERS processes that only read
// it and share the port (node:cluster). With WORKERS=1 the primary serves by itself: nothing to fork.
// A bad setting, or a database file that is corrupt or not ours, stops the start with one clear line.
function refuseToStart (error: unknown): never {
  if (!(error instanceof ConfigError || error instanceof DatabaseFileError)) throw error
  console.error(`Not starting: ${error.message}`)
  process.exit(1)
}

let config: Config
try {
  config = loadConfig()
} catch (error) {
  refuseToStart(error)
}

if (cluster.isPrimary) {
  let seeded = false
  try {
    const prepared = prepareDatabase(config.DATABASE_PATH)
    seeded = prepared.seeded
    console.log(JSON.stringify({ level: 30, msg: 'serving dataset', database: config.DATABASE_PATH, dataset_version: prepared.version, prebuilt: prepared.prebuilt }))
  } catch (error) {
    refuseToStart(error)
  }
  if (config.WORKERS === 1) {
    const { serve } = await import('./server.js')
    await serve(config, { seeded })
  } else {
    if (seeded) console.log(JSON.stringify({ level: 30, msg: 'database created and seeded from seed/', database: config.DATABASE_PATH }))
    let stopping = false
    for (let i = 0; i < config.WORKERS; i++) cluster.fork()
    cluster.on('exit', (worker, code, signal) => {
      if (stopping) {
        if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0)
        return
      }
      // A worker that dies is replaced, so the API keeps its capacity; a crash loop shows in the log.
      console.error(JSON.stringify({ level: 50, msg: 'worker exited, starting another', pid: worker.process.pid, code, signal }))
      cluster.fork()
    })
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      process.once(signal, () => {
        stopping = true
        for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal)
      })
    }
  }
} else {
  // Imported here, not at the top: a primary that forks never loads the app it does not serve.
  const { serve } = await import('./server.js')
  await serve(config)
}
