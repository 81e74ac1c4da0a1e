import { availableParallelism } from 'node:os'
import { Type, type Static } from 'typebox'
import { Value } from 'typebox/value'

// Configuration comes from the environment, is checked once at start, and a bad value stops the start with a message.

/** Memory the answer cache may count, in MB, unless ANSWER_CACHE_MB says otherwise (why 16: below). */
export const defaultAnswerCacheMb = 16

export const ConfigSchema = Type.Object({
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3000 }),
  HOST: Type.String({ minLength: 1, default: '127.0.0.1' }),
  DATABASE_PATH: Type.String({ minLength: 1, default: 'data/campaigns.sqlite' }),
  LOG_LEVEL: Type.Enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { default: 'info' }),
  WORKERS: Type.Integer({
    minimum: 1, maximum: 256, default: availableParallelism(),
    description: 'How many server processes `npm start` runs (node:cluster); default one per core.'
  }),
  PUBLIC_URL: Type.Optional(Type.String({
    pattern: '^https?://[^\\s?#]+$',
    description: 'The API\'s address as its users reach it, e.g. https://api.example.org: Link headers and search hits then carry absolute URLs.'
  })),
  RATE_LIMIT_MAX: Type.Integer({ minimum: 1, maximum: 1_000_000, default: 600, description: 'Requests a client may make per window.' }),
  RATE_LIMIT_WINDOW_MS: Type.Integer({ minimum: 1000, maximum: 86_400_000, default: 60_000 }),
  TRUST_PROXY: Type.String({
    pattern: '^(true|false|[0-9]{1,2}|[0-9a-fA-F.:/]+(,[0-9a-fA-F.:/]+)*)$',
    default: 'false',
    description: 'Behind a load balancer: true, a hop count, or a comma-separated list of proxy addresses/CIDRs.'
  }),
  MAX_EVENT_LOOP_DELAY_MS: Type.Integer({ minimum: 0, maximum: 60_000, default: 1000, description: '0 turns the check off.' }),
  MAX_HEAP_USED_MB: Type.Integer({ minimum: 0, maximum: 65_536, default: 1024, description: '0 turns the check off.' }),
  // 16, not 32: the cache now holds in heap and buffers what it counts (bench:cache-accounting: 0.9-1.0x), but the
  // process's RSS grows by more, since V8 and malloc keep pages freed by evictions. After bench:memory's 10,000
  // questions RSS had grown 23 MB with the cache off, 35-44 MB at 16 and 75 MB at 32; issue 13 allows 50 MB.
  ANSWER_CACHE_MB: Type.Integer({
    minimum: 0, maximum: 65_536, default: defaultAnswerCacheMb, description: 'Memory for answers kept whole, per process (0 turns the cache off).'
  }),
  REQUEST_TIMEOUT_MS: Type.Integer({ minimum: 1000, maximum: 600_000, default: 30_000 }),
  SHUTDOWN_TIMEOUT_MS: Type.Integer({ minimum: 0, maximum: 600_000, default: 10_000 })
})
export type Config = Static<typeof ConfigSchema>

export class ConfigError extends Error {}

export function loadConfig (env: Record<string, string | undefined> = process.env): Config {
  const known = Object.fromEntries(Object.keys(ConfigSchema.properties).filter((k) => env[k] !== undefined && env[k] !== '')
    .map((k) => [k, env[k]]))
  const value = Value.Convert(ConfigSchema, Value.Default(ConfigSchema, known))
  const [error] = Value.Errors(ConfigSchema, value)
  if (error) {
    const name = error.instancePath.replace(/^\//, '') || 'configuration'
    throw new ConfigError(`Invalid environment variable ${name}=${JSON.stringify(env[name] ?? '')}: ${error.message}`)
  }
  return value as Config
}

/** TRUST_PROXY as Fastify's trustProxy option: a boolean, a hop count or a list of addresses. */
export function trustProxy (value: string): boolean | number | string[] {
  if (value === 'true' || value === 'false') return value === 'true'
  if (/^[0-9]+$/.test(value)) return Number(value)
  return value.split(',')
}
