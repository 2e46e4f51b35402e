import * as tables from "./saslprepTables"

/** A table of code point ranges: `[start, end, start, end, …]`, ascending. */
type Ranges = readonly number[]

/** Reads a table written by `scripts/saslprepTables.ts`: "gap.length" per range, in base 36. */
function decodeRanges(text: string): Ranges {
  const ranges: number[] = []
  let previous = -1
  for (const range of text.split(",")) {
    const [gap = "", length = ""] = range.split(".")
    const start = previous + 1 + Number.parseInt(gap, 36)
    previous = start + Number.parseInt(length, 36)
    ranges.push(start, previous)
  }
  return ranges
}

/** Whether `codePoint` lies in one of the ranges (binary search). */
function within(ranges: Ranges, codePoint: number): boolean {
  let low = 0
  let high = ranges.length / 2 - 1
  while (low <= high) {
    const middle = (low + high) >> 1
    if (codePoint < (ranges[middle * 2] ?? 0)) high = middle - 1
    else if (codePoint > (ranges[middle * 2 + 1] ?? 0)) low = middle + 1
    else return true
  }
  return false
}

const mappedToSpace = decodeRanges(tables.mappedToSpace)
const mappedToNothing = decodeRanges(tables.mappedToNothing)
const refused = decodeRanges(tables.refused)
const rightToLeft = decodeRanges(tables.rightToLeft)
const leftToRight = decodeRanges(tables.leftToRight)

const codePointOf = (character: string) => character.codePointAt(0) ?? 0

/**
 * SASLprep (RFC 4013) with the rules for stored strings: maps non-ASCII spaces to U+0020 and drops the characters
 * "commonly mapped to nothing", normalises with NFKC, then refuses prohibited characters, code points unassigned in
 * Unicode 3.2, and strings that mix directions or do not start and end with a right-to-left character when they
 * have one (RFC 3454 §6). Throws a `RangeError` naming the rule, never the character.
 * @example
 * saslprep("I\u00ADX") // "IX"
 * saslprep("\u2168") // "IX"
 */
export function saslprep(input: string): string {
  const mapped = Array.from(input, (character) => {
    const codePoint = codePointOf(character)
    if (within(mappedToSpace, codePoint)) return " "
    return within(mappedToNothing, codePoint) ? "" : character
  }).join("")
  const normalized = mapped.normalize("NFKC")
  const codePoints = Array.from(normalized, codePointOf)
  if (codePoints.some((codePoint) => within(refused, codePoint)))
    throw new RangeError(
      "SASLprep refuses a prohibited or unassigned character (RFC 4013 §2.3, §2.5)",
    )
  const isRightToLeft = (codePoint: number | undefined) =>
    codePoint !== undefined && within(rightToLeft, codePoint)
  if (
    codePoints.some(isRightToLeft) &&
    (codePoints.some((codePoint) => within(leftToRight, codePoint)) ||
      !isRightToLeft(codePoints[0]) ||
      !isRightToLeft(codePoints.at(-1)))
  )
    throw new RangeError("SASLprep refuses mixed or misplaced text directions (RFC 3454 §6)")
  return normalized
}
