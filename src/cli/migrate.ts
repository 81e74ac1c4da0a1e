import { loadConfig } from '../config.js'
import { openWriter } from '../db/connection.js'
import { applyMigrations } from '../db/migrate.js'

const { DATABASE_PATH } = loadConfig()
const db = openWriter(DATABASE_PATH)
applyMigrations(db)
db.close()
console.log(`migrated ${DATABASE_PATH}`)
