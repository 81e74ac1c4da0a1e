import { prepareDatabase } from '../../src/db/prepare.js'

// Run by test/db/prepare.test.ts as its own process, so that the test can kill a build midway.
const [path, seed] = process.argv.slice(2)
prepareDatabase(path, seed)
