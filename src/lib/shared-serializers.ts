import { SerializerSelector, type Serializer, type SerializerFactory } from '@fastify/fast-json-stringify-compiler'

export interface SharedSerializers {
  /** Fastify's `schemaController.compilersFactory.buildSerializer`. */
  factory: SerializerFactory
  /** Compiles the serializers no answer has needed yet, one per turn of the event loop; resolves when all are. */
  compileRest: () => Promise<void>
}

/**
 * Fastify's own response serializer compiler (fast-json-stringify), except that each distinct schema is compiled
 * once, and not before the server listens. Fastify compiles one serializer per route, status and content type when
 * it gets ready: 370 compiles of 35 distinct schemas here (every route's problem+json answers, the shared page
 * envelopes), most of a start's CPU, with the event loop blocked. A serializer depends only on its schema, the shared
 * schemas it refers to and the serializer options: those are the key. Each is compiled by the first answer that needs
 * it, or by `compileRest` once the server listens, whichever comes first.
 */
export function sharedSerializers (): SharedSerializers {
  const build = SerializerSelector()
  const compiled = new Map<string, Serializer>()
  const pending: Array<() => Serializer> = []
  const factory: SerializerFactory = (externalSchemas, options) => {
    const compile = build(externalSchemas, options)
    const context = JSON.stringify([externalSchemas, options])
    return (route) => {
      const key = `${context}\n${JSON.stringify(route.schema)}`
      let serializer = compiled.get(key)
      if (serializer) return serializer
      const compileOnce = (): Serializer => {
        serializer ??= compiled.get(key)
        if (!serializer) compiled.set(key, serializer = compile(route))
        return serializer
      }
      pending.push(compileOnce)
      return (data) => (serializer ?? compileOnce())(data)
    }
  }
  const compileRest = async () => {
    while (pending.length) {
      pending.pop()!()
      await new Promise((resolve) => setImmediate(resolve))
    }
  }
  return { factory, compileRest }
}
