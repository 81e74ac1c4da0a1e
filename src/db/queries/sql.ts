// Small SQL fragments shared by the resource queries.

export const parseJson = <T>(value: unknown): T => JSON.parse(value as string) as T

export type DbRow = Record<string, unknown>
