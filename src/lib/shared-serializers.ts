import { SerializerSelector, type Serializer, type SerializerFactory } from '@fastify/fast-json-stringify-compiler'

/**
 * Fastify's own response serializer compiler (fast-json-stringify), except that each distinct schema is compiled
 * once. Fastify compiles one serializer per route, status and content type: 370 compiles of 35 distinct schemas here
 * (every route's problem+json answers, the shared page envelopes), most of a start's CPU, with the event loop blocked.
 * A serializer depends only on its schema, the shared schemas it refers to and the serializer options: those are the key.
 */
export function sharedSerializers (): SerializerFactory {
  const build = SerializerSelector()
  const compiled = new Map<string, Serializer>()
  return (externalSchemas, options) => {
    const compile = build(externalSchemas, options)
    const context = JSON.stringify([externalSchemas, options])
    return (route) => {
      const key = `${context}\n${JSON.stringify(route.schema)}`
      let serializer = compiled.get(key)
      if (!serializer) {
        serializer = compile(route)
        compiled.set(key, serializer)
      }
      return serializer
    }
  }
}
