// One error type for the whole API, rendered as RFC 9457 problem details (application/problem+json).

export interface InvalidParam { name: string, in: 'query' | 'path' | 'header' | 'body', reason: string }

const titles: Record<number, string> = {
  400: 'Bad Request', 404: 'Not Found', 405: 'Method Not Allowed', 406: 'Not Acceptable', 410: 'Gone', 416: 'Range Not Satisfiable', 413: 'Content Too Large', 414: 'URI Too Long',
  415: 'Unsupported Media Type', 429: 'Too Many Requests', 500: 'Internal Server Error', 503: 'Service Unavailable'
}

/**
 * The kinds of problem a client can branch on without reading `detail`: `type` is `/problems/<kind>` (a URI
 * reference, RFC 9457 3.1.1). A new kind is one line here; README lists them.
 */
export const problemTypes = {
  'unknown-parameter': { status: 400, meaning: 'A query parameter this endpoint does not take (a typo such as regulater=).' },
  'repeated-parameter': { status: 400, meaning: 'A parameter given twice; lists take comma-separated values instead.' },
  'invalid-parameter': { status: 400, meaning: 'A parameter value that is malformed, out of range or not one of the allowed values (sort, fields, cursor, dates...).' },
  'unknown-id': { status: 400, meaning: 'A filter names a record id that does not exist (regulator=reg-nope).' },
  'invalid-search': { status: 400, meaning: 'A search (q) that cannot be read: an unclosed quote or parenthesis, a lone operator, no word.' },
  'mixed-units': { status: 400, meaning: 'A total would add figures of different units; group by unit or filter to one.' },
  'mixed-actions': { status: 400, meaning: 'A total would add figures of different actions (accounts handled and accounts closed overlap); group by action or filter to one.' },
  'non-additive-unit': { status: 400, meaning: 'A total of a unit that counts occurrences or durations (person_times, days...), which never add up; list the figures instead.' },
  'malformed-url': { status: 400, meaning: 'The URL itself cannot be read (a bad percent-escape).' },
  'not-found': { status: 404, meaning: 'No record has this id, or nothing is served at this path.' },
  'method-not-allowed': { status: 405, meaning: 'The API only reads: use GET (or HEAD).' },
  'content-too-large': { status: 413, meaning: 'A request body over 16 KiB.' },
  'uri-too-long': { status: 414, meaning: 'An id in the path longer than any id.' },
  'rate-limited': { status: 429, meaning: 'Too many requests from this client; Retry-After says when to try again.' },
  'internal-error': { status: 500, meaning: 'A fault on the server side; it is logged.' },
  'overloaded': { status: 503, meaning: 'The server is shedding load or shutting down; Retry-After says when to try again.' },
  'client-error': { status: 400, meaning: 'Any other refusal of the request (4xx).' }
} as const satisfies Record<string, { status: number, meaning: string }>
export type ProblemType = keyof typeof problemTypes

const typeOfStatus: Record<number, ProblemType> = {
  400: 'invalid-parameter', 404: 'not-found', 405: 'method-not-allowed', 413: 'content-too-large', 414: 'uri-too-long', 429: 'rate-limited',
  500: 'internal-error', 503: 'overloaded'
}

export const problemTypeUri = (type: ProblemType) => `/problems/${type}`

export class Problem extends Error {
  readonly type: ProblemType
  readonly status: number
  readonly detail: string
  readonly invalidParams?: InvalidParam[]
  readonly headers: Record<string, string>
  /** Members beyond RFC 9457's own (a removed record's `removed`), sent as they are. */
  readonly extensions: Record<string, unknown>

  constructor (status: number, detail: string, options: { type?: ProblemType, invalidParams?: InvalidParam[], headers?: Record<string, string>, extensions?: Record<string, unknown> } = {}) {
    super(detail)
    this.type = options.type ?? typeOfStatus[status] ?? (status < 500 ? 'client-error' : 'internal-error')
    this.status = status
    this.detail = detail
    this.invalidParams = options.invalidParams
    this.headers = options.headers ?? {}
    this.extensions = options.extensions ?? {}
  }

  static badParam (name: string, reason: string, type: ProblemType = 'invalid-parameter'): Problem {
    return new Problem(400, `Parameter "${name}" ${reason}`, { type, invalidParams: [{ name, in: 'query', reason }] })
  }

  static notFound (detail: string): Problem {
    return new Problem(404, detail)
  }

  body (instance: string): ProblemBody {
    return {
      type: problemTypeUri(this.type),
      title: titles[this.status] ?? 'Error',
      status: this.status,
      detail: this.detail,
      instance,
      ...(this.invalidParams ? { invalid_params: this.invalidParams } : {}),
      ...this.extensions
    }
  }
}

export interface ProblemBody {
  type: string
  title: string
  status: number
  detail: string
  instance: string
  invalid_params?: InvalidParam[]
  [extension: string]: unknown
}

export const problemContentType = 'application/problem+json; charset=utf-8'
