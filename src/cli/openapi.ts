import { writeFileSync } from 'node:fs'
import { fromPackageRoot } from '../package-root.js'
import { temporaryApp } from './temporary-app.js'

// Writes the committed contract, openapi.yaml, from the route schemas of the running app.
const { app, close } = await temporaryApp()
writeFileSync(fromPackageRoot('openapi.yaml'), app.swagger({ yaml: true }))
await close()
console.log('wrote openapi.yaml')
