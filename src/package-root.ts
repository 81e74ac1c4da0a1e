import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

// Data folders (migrations/, seed/) are found from the package root, not from this file: the same code runs as
// src/*.ts under tsx and tap, and as dist/*.js after `npm run build`.
function findPackageRoot (): string {
  let dir = dirname(fileURLToPath(import.meta.url))
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir)
    if (parent === dir) throw new Error(`no package.json above ${fileURLToPath(import.meta.url)}`)
    dir = parent
  }
  return dir
}

const packageRoot = findPackageRoot()

export const fromPackageRoot = (...segments: string[]): string => join(packageRoot, ...segments)
