// Small SQL fragments shared by the resource queries.

/** The ids in a link table for one record, in seed order, as a JSON array. */
export const linkedIds = (table: string, left: string, right: string, id: string) =>
  `(SELECT json_group_array(${right}) FROM (SELECT ${right} FROM ${table} WHERE ${left} = ${id} ORDER BY position))`

export const parseJson = <T>(value: unknown): T => JSON.parse(value as string) as T

export type DbRow = Record<string, unknown>
