import fp from 'fastify-plugin'
import { existsSync, statSync } from 'node:fs'
import type { FastifyInstance } from 'fastify'
import { recordCounts } from '../db/queries/changes.js'
import { datapackagePath, readManifest, type FileFacts } from '../release/downloads.js'
import { readMetadata, type DatasetMetadata } from '../release/metadata.js'

export interface ServedDataset {
  metadata: DatasetMetadata
  counts: Record<string, number>
  /** The files of /v1/dataset/download.sqlite and /datapackage.zip; null when none were built for this file. */
  downloads: { sqlite: FileFacts, datapackage: FileFacts } | null
}

declare module 'fastify' {
  interface FastifyInstance { dataset: ServedDataset }
}

export const datasetVersionHeader = 'dataset-version'

// A database built before releases existed (or by hand) still serves, under a version that says so.
const unknownMetadata: DatasetMetadata = { version: 'unknown', released_on: null, digest: '', prebuilt: false }

function downloadsOf (path: string, metadata: DatasetMetadata): ServedDataset['downloads'] {
  const manifest = readManifest(path)
  // Only the files built for exactly this database: a manifest of an older build is never trusted.
  if (!manifest || manifest.version !== metadata.version || manifest.digest !== metadata.digest) return null
  if (!existsSync(path) || statSync(path).size !== manifest.database.bytes) return null
  const zip = datapackagePath(path)
  if (!existsSync(zip) || statSync(zip).size !== manifest.datapackage.bytes) return null
  return { sqlite: { ...manifest.database, path }, datapackage: { ...manifest.datapackage, path: zip } }
}

/**
 * Which data this process serves (read once: the file never changes under a running server), announced on every
 * response in `Dataset-Version`. ETags are hashes of the answer itself (src/plugins/http-caching.ts): they change
 * with a release exactly when the answer does.
 */
export default fp(async function dataset (app: FastifyInstance, options: { path: string }) {
  const metadata = readMetadata(app.db) ?? unknownMetadata
  app.decorate('dataset', { metadata, counts: recordCounts(app.db), downloads: downloadsOf(options.path, metadata) })
  app.addHook('onRequest', async (_request, reply) => { reply.header(datasetVersionHeader, metadata.version) })
}, { name: 'dataset', dependencies: ['database'] })
