import { readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"

const source = join(import.meta.dirname, "..")

function publishedFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name)
    if (entry.isDirectory()) return entry.name === "reliability" ? [] : publishedFiles(path)
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") ? [path] : []
  })
}

describe("the published core", () => {
  // Nothing it logs can leak a secret: it logs nothing. Apps see what happens through `inspect`, which the fault
  // suite searches for secrets in every case.
  it("never writes to the console", () => {
    const files = publishedFiles(source)
    expect(files.length).toBeGreaterThan(50)
    const writers = files.filter((file) => /\bconsole\s*\./.test(readFileSync(file, "utf8")))
    expect(writers).toEqual([])
  })
})
