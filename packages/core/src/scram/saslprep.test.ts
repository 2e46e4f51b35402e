import { saslprep as library } from "@mongodb-js/saslprep"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { saslprep } from "./saslprep"
import * as tables from "./saslprepTables"

/**
 * The outcome of preparing `input`: the prepared string, or that it was refused. An empty result counts as refused:
 * the library throws a `TypeError` on a string mapped to nothing, and a password that maps to nothing is refused.
 */
function outcome(prepare: (input: string) => string, input: string): string {
  try {
    const prepared = prepare(input)
    return prepared === "" ? "refused" : `ok ${prepared}`
  } catch {
    return "refused"
  }
}

/**
 * Every code point of the Basic Multilingual Plane, and beyond it each edge of our tables' ranges (one either side
 * too) and every 97th code point: the whole range takes half a minute, this a few seconds.
 */
function codePointsToCompare(): number[] {
  const edges = Object.values(tables).flatMap((text) => {
    let previous = -1
    return text.split(",").flatMap((range) => {
      const [gap = "", length = ""] = range.split(".")
      const start = previous + 1 + Number.parseInt(gap, 36)
      previous = start + Number.parseInt(length, 36)
      return [start - 1, start, previous, previous + 1]
    })
  })
  const points = new Set<number>()
  for (let codePoint = 0; codePoint <= 0xffff; codePoint++) points.add(codePoint)
  for (let codePoint = 0x10000; codePoint <= 0x10ffff; codePoint += 97) points.add(codePoint)
  for (const edge of edges) if (edge >= 0 && edge <= 0x10ffff) points.add(edge)
  return [...points]
}

describe("saslprep", () => {
  it("prepares the examples of RFC 4013 §3", () => {
    expect(saslprep("I\u00ADX")).toBe("IX") // soft hyphen mapped to nothing
    expect(saslprep("user")).toBe("user")
    expect(saslprep("USER")).toBe("USER") // case is kept
    expect(saslprep("\u00AA")).toBe("a") // NFKC
    expect(saslprep("\u2168")).toBe("IX")
    expect(() => saslprep("\u0007")).toThrow(RangeError) // prohibited
    expect(() => saslprep("\u0627\u0031")).toThrow(RangeError) // a right-to-left string must end right-to-left
  })

  it("maps non-ASCII spaces to a space, and refuses unassigned code points and mixed directions", () => {
    expect(saslprep("pass\u00A0word\u3000")).toBe("pass word ")
    expect(() => saslprep("\u0221")).toThrow("unassigned") // unassigned in Unicode 3.2
    expect(() => saslprep("\u05D0a\u05D0")).toThrow("directions")
    expect(saslprep("\u05D0\u05D1")).toBe("\u05D0\u05D1")
  })

  // The independent check: the tables are ours (decoded from our generated file), the library reads its own.
  it("agrees with @mongodb-js/saslprep on each code point, alone and between two right-to-left letters", () => {
    const disagreements: string[] = []
    for (const codePoint of codePointsToCompare()) {
      const alone = String.fromCodePoint(codePoint)
      const between = `\u05D0${alone}\u05D0`
      for (const input of [alone, between])
        if (outcome(saslprep, input) !== outcome(library, input))
          disagreements.push(codePoint.toString(16))
    }
    expect(disagreements).toEqual([])
  }, 30_000)

  it("agrees with @mongodb-js/saslprep on random passwords mixing scripts, spaces, controls and joiners", () => {
    const pieces = fc.constantFrom(
      "a",
      "Z",
      "5",
      " ",
      "\u00A0",
      "\u00AD",
      "\u200B",
      "\u200D",
      "\u0007",
      "\u05D0",
      "\u0627",
      "\u0661",
      "\u00E9",
      "e\u0301",
      "\uFF50",
      "\u2168",
      "\u{1F511}",
      "\uD800",
      "\u0221",
      "\uFEFF",
      "\u3000",
    )
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 12 }), (parts) => {
        const input = parts.join("")
        expect(outcome(saslprep, input)).toBe(outcome(library, input))
      }),
      { seed: 4013, numRuns: 5_000 },
    )
  })
})
