import { readFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { describe, expect, it } from "vitest"
import { createEmulatorClock } from "../clock"
import { toFetch } from "../mounts/toFetch"
import { filescomPeople } from "./filescomAccounts"
import { createFilescomEmulator } from "./filescomEmulator"
import { filescomErrorStatus, filescomErrorTitle } from "./filescomError"

interface CatalogEntry {
  readonly type: string
  readonly title: string
  readonly http_code: number
}

const catalogFile = join(dirname(fileURLToPath(import.meta.url)), "spec", "error-catalog.json")
const catalog = new Map(
  (JSON.parse(readFileSync(catalogFile, "utf8")) as { errors: CatalogEntry[] }).errors.map(
    (entry) => [entry.type, entry],
  ),
)

describe("the Files.com emulator against the official error catalog", () => {
  it.each(Object.entries(filescomErrorStatus))(
    "answers %s with the catalog's status and title",
    (type, status) => {
      expect(catalog.get(type)).toEqual(
        expect.objectContaining({ http_code: status, title: filescomErrorTitle(type) }),
      )
    },
  )

  it("answers every sign-in of every person, right or wrong, with a catalogued error or a session", async () => {
    const emulator = createFilescomEmulator({ clock: createEmulatorClock(), rateLimit: false })
    const fetch = toFetch(emulator)
    const answers: Response[] = []
    for (const person of filescomPeople) {
      for (const password of [person.password, "wrong"]) {
        const response = await fetch("http://site.test/api/rest/v1/sessions", {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ username: person.username, password }),
        })
        answers.push(response)
      }
    }
    answers.push(await fetch("http://files.localhost/api/rest/v1/sessions", { method: "POST" }))
    const bodies = await Promise.all(
      answers.map(async (response) => ({
        status: response.status,
        body: (await response.json()) as { type?: string; title?: string; "http-code"?: number },
      })),
    )
    const errors = bodies.filter(({ status }) => status !== 201)
    expect(errors.length).toBeGreaterThan(filescomPeople.length)
    for (const { status, body } of errors) {
      const entry = catalog.get(body.type ?? "")
      expect(entry, body.type).toBeDefined()
      expect([status, body["http-code"], body.title]).toEqual([
        entry?.http_code,
        entry?.http_code,
        entry?.title,
      ])
    }
    expect(bodies.filter(({ status }) => status === 201)).toHaveLength(1)
  })
})
