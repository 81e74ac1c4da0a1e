import { writeFileSync } from 'node:fs'
import { temporaryApp } from './temporary-app.js'

// Writes the committed contract, openapi.yaml, from the route schemas of the running app.
const { app, close } = await temporaryApp()
writeFileSync(new URL('../../openapi.yaml', import.meta.url), app.swagger({ yaml: true }))
await close()
console.log('wrote openapi.yaml')
