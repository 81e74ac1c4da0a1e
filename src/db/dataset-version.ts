import { statSync } from 'node:fs'

/**
 * What identifies the served data: every answer is a function of the request and this. The file is opened
 * read-only and never changes while served; a new release is a new file, so its size and modification time are
 * read once at start. (A dataset release id from the database can replace this here, in one place.)
 */
export function datasetVersion (databasePath: string): string {
  const { size, mtimeMs } = statSync(databasePath)
  return `${size.toString(36)}-${Math.round(mtimeMs).toString(36)}`
}
