import { loadConfig } from '../config.js'
import { prepareDatabase } from '../db/prepare.js'
import { SeedError } from '../db/seed.js'

// Idempotent: seeds an empty database, and leaves a seeded one as it is.
const { DATABASE_PATH } = loadConfig()
try {
  const { seeded } = prepareDatabase(DATABASE_PATH)
  console.log(seeded ? `seeded ${DATABASE_PATH} from seed/` : `${DATABASE_PATH} already holds data: nothing loaded`)
} catch (error) {
  if (!(error instanceof SeedError)) throw error
  console.error(`seed not loaded, nothing written: ${error.message}`)
  process.exitCode = 1
}
