// One error type for the whole API, rendered as RFC 9457 problem details (application/problem+json).

export interface InvalidParam { name: string, in: 'query' | 'path' | 'header' | 'body', reason: string }

const titles: Record<number, string> = {
  400: 'Bad Request', 404: 'Not Found', 405: 'Method Not Allowed', 406: 'Not Acceptable', 410: 'Gone', 416: 'Range Not Satisfiable', 413: 'Content Too Large', 414: 'URI Too Long',
  415: 'Unsupported Media Type', 429: 'Too Many Requests', 500: 'Internal Server Error', 503: 'Service Unavailable'
}

export class Problem extends Error {
  readonly status: number
  readonly detail: string
  readonly invalidParams?: InvalidParam[]
  readonly headers: Record<string, string>
  /** Members beyond RFC 9457's own (a removed record's `removed`), sent as they are. */
  readonly extensions: Record<string, unknown>

  constructor (status: number, detail: string, options: { invalidParams?: InvalidParam[], headers?: Record<string, string>, extensions?: Record<string, unknown> } = {}) {
    super(detail)
    this.status = status
    this.detail = detail
    this.invalidParams = options.invalidParams
    this.headers = options.headers ?? {}
    this.extensions = options.extensions ?? {}
  }

  static badParam (name: string, reason: string, where: InvalidParam['in'] = 'query'): Problem {
    return new Problem(400, `Parameter "${name}" ${reason}`, { invalidParams: [{ name, in: where, reason }] })
  }

  static notFound (detail: string): Problem {
    return new Problem(404, detail)
  }

  body (instance: string): ProblemBody {
    return {
      type: `https://httpwg.org/specs/rfc9110.html#status.${this.status}`,
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
