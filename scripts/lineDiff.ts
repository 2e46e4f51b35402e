export interface LineDiffOptions {
  /** Lines of unchanged text shown around each change. */
  readonly context?: number
  /** Whether a line starts a section, named in the header of the changes after it. */
  readonly isSection?: (line: string) => boolean
}

/**
 * A short unified-style diff of two texts: removed lines with `-`, added ones with `+`, a little context around
 * each change, and `@@ line N @@` headers pointing into the old text, naming the section (the last line before
 * the change that `isSection` accepts) it falls in.
 */
export function lineDiff(
  before: string,
  after: string,
  { context = 2, isSection = () => false }: LineDiffOptions = {},
): string {
  const a = before.split("\n")
  const b = after.split("\n")
  let start = 0
  while (start < a.length && start < b.length && a[start] === b[start]) start++
  let endA = a.length
  let endB = b.length
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--
    endB--
  }
  // Longest common subsequence over the differing middle only; reports are small enough for the table.
  const rows = endA - start
  const columns = endB - start
  const table = Array.from({ length: rows + 1 }, () => new Uint32Array(columns + 1))
  for (let i = rows - 1; i >= 0; i--) {
    const row = table[i] ?? new Uint32Array()
    const below = table[i + 1] ?? new Uint32Array()
    for (let j = columns - 1; j >= 0; j--) {
      row[j] =
        a[start + i] === b[start + j]
          ? (below[j + 1] ?? 0) + 1
          : Math.max(below[j] ?? 0, row[j + 1] ?? 0)
    }
  }
  type Line = { readonly mark: " " | "-" | "+"; readonly text: string; readonly oldLine: number }
  const lines: Line[] = []
  for (let index = 0; index < start; index++) {
    lines.push({ mark: " ", text: a[index] ?? "", oldLine: index + 1 })
  }
  let i = 0
  let j = 0
  while (i < rows || j < columns) {
    const oldLine = start + i + 1
    if (i < rows && j < columns && a[start + i] === b[start + j]) {
      lines.push({ mark: " ", text: a[start + i] ?? "", oldLine })
      i++
      j++
    } else if (
      i < rows &&
      (j === columns || (table[i + 1]?.[j] ?? 0) >= (table[i]?.[j + 1] ?? 0))
    ) {
      lines.push({ mark: "-", text: a[start + i] ?? "", oldLine })
      i++
    } else {
      lines.push({ mark: "+", text: b[start + j] ?? "", oldLine })
      j++
    }
  }
  for (let index = endA; index < a.length; index++) {
    lines.push({ mark: " ", text: a[index] ?? "", oldLine: index + 1 })
  }

  const shown = lines.map((_line, index) =>
    lines
      .slice(Math.max(0, index - context), index + context + 1)
      .some((near) => near.mark !== " "),
  )
  const out: string[] = []
  let section: string | undefined
  lines.forEach((line, index) => {
    if (!shown[index]) {
      if (isSection(line.text)) section = line.text
      return
    }
    if (index === 0 || !shown[index - 1]) {
      out.push(`@@ line ${line.oldLine}${section === undefined ? "" : `, in ${section}`} @@`)
    }
    if (isSection(line.text)) section = line.text
    out.push(`${line.mark} ${line.text}`)
  })
  return out.join("\n")
}
