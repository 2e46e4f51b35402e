/** A cell of a table: text, or a number printed as it is. */
export type Cell = string | number

/** One table of the report, with the lines that say how to read it. */
export interface Section {
  readonly title: string
  /** Sentences printed under the title: what was measured, how, and what it includes. */
  readonly notes?: readonly string[] | undefined
  readonly columns: readonly string[]
  readonly rows: readonly (readonly Cell[])[]
}

/** Bytes as kilobytes (1000 bytes), two decimals. */
export const kB = (bytes: number): string => `${(bytes / 1000).toFixed(2)} kB`

/** Bytes as megabytes (10^6 bytes), one decimal, signed when asked. */
export const MB = (bytes: number, signed = false): string =>
  `${signed && bytes >= 0 ? "+" : ""}${(bytes / 1e6).toFixed(1)} MB`

/** Milliseconds, with fewer decimals as they grow. */
export const ms = (value: number): string =>
  `${value.toFixed(value < 10 ? 2 : value < 100 ? 1 : 0)} ms`

/** A ratio such as `0.71×`. */
export const ratio = (value: number): string => `${value.toFixed(2)}×`

/** The section as aligned plain text, for the terminal. */
export function textOf(section: Section): string {
  const cells = [section.columns, ...section.rows].map((row) => row.map(String))
  const widths = section.columns.map((_, column) =>
    Math.max(...cells.map((row) => (row[column] ?? "").length)),
  )
  const line = (row: readonly string[]) =>
    row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join("  ")
  const [header = [], ...body] = cells
  return [
    "",
    section.title,
    ...(section.notes ?? []).map((note) => `  ${note}`),
    "",
    line(header),
    line(widths.map((width) => "-".repeat(width))),
    ...body.map(line),
  ].join("\n")
}

/** The section as Markdown: a heading, its notes as a paragraph, and a table. */
export function markdownOf(section: Section): string {
  const cellText = (cell: Cell) => String(cell).replaceAll("|", "\\|")
  const row = (cells: readonly Cell[]) => `| ${cells.map(cellText).join(" | ")} |`
  return [
    `## ${section.title}`,
    "",
    ...(section.notes && section.notes.length > 0 ? [section.notes.join(" "), ""] : []),
    row(section.columns),
    row(section.columns.map(() => "---")),
    ...section.rows.map(row),
    "",
  ].join("\n")
}
