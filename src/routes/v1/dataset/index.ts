import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import send from '@fastify/send'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import { Problem } from '../../../lib/problem.js'
import type { FileFacts } from '../../../release/downloads.js'
import { datasetInfo } from '../../../release/dataset-info.js'
import { Dataset } from '../../../schemas/dataset.js'
import { example } from '../../../schemas/examples.js'

const downloadPaths = { sqlite: '/v1/dataset/download.sqlite', datapackage: '/v1/dataset/datapackage.zip' }
const mediaTypes = { sqlite: 'application/vnd.sqlite3', datapackage: 'application/zip' }

function citation (version: string, releasedOn: string | null, url: string) {
  const year = (releasedOn ?? '').slice(0, 4) || 'n.d.'
  const text = `${datasetInfo.author} (${year}). ${datasetInfo.title} (Version ${version}) [Data set]. ${url}. ` +
    `Licence: ${datasetInfo.licence.title}.`
  const csl = {
    type: 'dataset', id: `${datasetInfo.name}-${version}`, title: datasetInfo.title, version,
    author: [{ literal: datasetInfo.author }], URL: url,
    ...(releasedOn ? { issued: { 'date-parts': [releasedOn.split('-').map(Number)] } } : {})
  }
  const bibtex = `@misc{${datasetInfo.name.replaceAll('-', '_')}_${version.replaceAll('.', '_')},\n` +
    `  author = {{${datasetInfo.author}}},\n  title = {${datasetInfo.title}},\n  year = {${year}},\n` +
    `  version = {${version}},\n  howpublished = {\\url{${url}}},\n  note = {Data set, licence ${datasetInfo.licence.name}}\n}`
  return { text, csl_json: [csl], bibtex }
}

const DownloadHeaders = {
  'content-length': Type.Integer({ description: 'The size of the file (or of the requested range).' }),
  etag: Type.String({ description: 'A strong ETag made from the file\'s sha256.' }),
  'repr-digest': Type.String({ description: 'RFC 9530: sha-256 of the whole file, base64.' }),
  'accept-ranges': Type.String({ description: '`bytes`: a broken download resumes with a Range request (and If-Range).' })
}

const downloadResponses = (what: string, mediaType: string) => ({
  200: { description: what, headers: DownloadHeaders, content: { [mediaType]: { schema: Type.String({ format: 'binary' }), example: `(the file's bytes: ${what})` } } },
  206: { description: 'The requested byte range (Range: bytes=...).', headers: DownloadHeaders, content: { [mediaType]: { schema: Type.String({ format: 'binary' }) } } },
  304: { description: 'Not modified (If-None-Match matched the ETag).' },
  416: Type.Ref('Problem', { description: 'The range is outside the file.' }),
  503: Type.Ref('Problem', { description: 'No downloads were built beside this database file.' })
})

const dataset: FastifyPluginAsyncTypebox = async (app) => {
  app.get('', {
    schema: {
      tags: ['dataset'],
      operationId: 'getDataset',
      summary: 'Which data is served: version, citation, licence, downloads',
      description: 'The dataset release this API serves (also in the `Dataset-Version` header of every response), ' +
        'the digest of what it was built from, how many records of each type it holds, its licence, how to cite it ' +
        '(text, CSL-JSON, BibTeX), and the whole dataset as downloads with their size and sha256.',
      response: { 200: Type.Object({ data: Dataset }, { description: 'The served dataset.', examples: [example('dataset.detail')] }) }
    }
  }, async (request) => {
    const { metadata, counts, downloads } = app.dataset
    const version = metadata.version
    const base = `${request.protocol}://${request.host}`
    const download = (name: keyof typeof downloadPaths, facts: FileFacts) =>
      ({ url: downloadPaths[name], media_type: mediaTypes[name], bytes: facts.bytes, sha256: facts.sha256 })
    return {
      data: {
        name: datasetInfo.name,
        title: datasetInfo.title,
        version,
        released_on: metadata.released_on,
        unreleased_changes: version.endsWith('unreleased'),
        digest: metadata.digest,
        record_counts: counts,
        licence: { name: datasetInfo.licence.name, title: datasetInfo.licence.title, url: datasetInfo.licence.path },
        citation: citation(version, metadata.released_on, `${base}/v1/dataset`),
        links: { changes: '/v1/changes', release_changes: `/v1/changes?release=${encodeURIComponent(version.replace(/\+.*$/, ''))}`, feed: '/v1/changes/feed.atom' },
        downloads: downloads ? { sqlite: download('sqlite', downloads.sqlite), datapackage: download('datapackage', downloads.datapackage) } : null
      }
    }
  })

  const serveFile = async (request: FastifyRequest, reply: FastifyReply, name: keyof typeof downloadPaths, fileName: (version: string) => string) => {
    const facts = app.dataset.downloads?.[name]
    if (!facts) throw new Problem(503, 'The downloads of this database file were not built. Start the API with `npm start`, which builds them beside the file.')
    const etag = `"sha256-${facts.sha256}"`
    if (request.headers['if-none-match'] === etag) return reply.code(304).header('etag', etag).send()
    // If-Range names our ETag (sha256), not the stat-based one @fastify/send would make: a stale If-Range gets the whole file.
    const raw = request.raw.headers
    if (raw['if-range'] !== undefined) {
      if (raw['if-range'] !== etag) delete raw.range
      delete raw['if-range']
    }
    const { statusCode, headers, stream } = await send(request.raw, facts.path, { etag: false, lastModified: false, cacheControl: false, acceptRanges: true, dotfiles: 'allow' })
    if (statusCode === 416) throw new Problem(416, `The range is outside the file (${facts.bytes} bytes).`, { headers: { 'content-range': `bytes */${facts.bytes}` } })
    if (statusCode >= 400) throw new Problem(statusCode === 404 ? 503 : statusCode, 'The download is not available.')
    return reply.code(statusCode).headers(headers)
      .header('content-type', mediaTypes[name])
      .header('content-disposition', `attachment; filename="${fileName(app.dataset.metadata.version)}"`)
      .header('etag', etag)
      .header('repr-digest', `sha-256=:${Buffer.from(facts.sha256, 'hex').toString('base64')}:`)
      .header('cache-control', 'public, max-age=300')
      .send(stream)
  }

  app.get('/download.sqlite', {
    schema: {
      tags: ['dataset'],
      operationId: 'downloadDatasetSqlite',
      summary: 'Download the SQLite database',
      description: 'The database file this API serves, as it is: open it with sqlite3, Datasette, pandas or R. ' +
        'Streamed, with Content-Length, a strong ETag, `Repr-Digest` (sha-256) and range requests to resume a broken download. ' +
        'Its sha256 is also in /v1/dataset. A server given this file in DATABASE_PATH serves it as it is.',
      response: downloadResponses('The SQLite file.', mediaTypes.sqlite)
    }
  }, async (request, reply) => serveFile(request, reply, 'sqlite', (v) => `censorship-campaigns-${v}.sqlite`))

  app.get('/datapackage.zip', {
    schema: {
      tags: ['dataset'],
      operationId: 'downloadDataPackage',
      summary: 'Download everything as CSV (Frictionless Data Package)',
      description: 'A zip with one UTF-8 CSV per table and `datapackage.json` (Frictionless Tabular Data Package): ' +
        'a table schema per CSV with types, primary and foreign keys, the licence, and the size and sha256 of every CSV. ' +
        'Loads into Excel, pandas, R or `frictionless validate`. Same headers and ranges as download.sqlite.',
      response: downloadResponses('The data package.', mediaTypes.datapackage)
    }
  }, async (request, reply) => serveFile(request, reply, 'datapackage', (v) => `censorship-campaigns-${v}.datapackage.zip`))
}

export default dataset
