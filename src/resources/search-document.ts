// SQL that makes the text of a record's search document (src/db/search-index.ts): its names and the rest of its words.

/** Text parts, one a line. */
export const lines = (...parts: string[]) => `concat_ws(char(10), ${parts.join(', ')})`
/** Names, as one title: "Cyberspace Administration of China / CAC / 国家互联网信息办公室". */
export const names = (...parts: string[]) => `concat_ws(' / ', ${parts.join(', ')})`
/** The strings of a JSON array column, one a line. */
export const list = (column: string) => `(SELECT group_concat(value, char(10)) FROM json_each(${column}))`
