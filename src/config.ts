import { availableParallelism } from 'node:os'
import { Type, type Static } from 'typebox'
import { Value } from 'typebox/value'

// Configuration comes from the environment, is checked once at start, and a bad value stops the start with a message.
export const ConfigSchema = Type.Object({
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3000 }),
  HOST: Type.String({ minLength: 1, default: '127.0.0.1' }),
  DATABASE_PATH: Type.String({ minLength: 1, default: 'data/campaigns.sqlite' }),
  LOG_LEVEL: Type.Enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { default: 'info' }),
  WORKERS: Type.Integer({
    minimum: 1, maximum: 256, default: availableParallelism(),
    description: 'How many server processes `npm start` runs (node:cluster); default one per core.'
  }),
  PUBLIC_URL: Type.Optional(Type.String({ description: 'Base URL used in Link headers, e.g. https://api.example.org' }))
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
