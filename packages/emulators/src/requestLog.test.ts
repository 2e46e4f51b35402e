import { describe, expect, it } from "vitest"
import { createRequestLog, redactedPath } from "./requestLog"

const entry = (path: string) => ({ method: "GET", path, status: 200, time: 0, durationMs: 1 })

describe("createRequestLog", () => {
  it("keeps only the newest entries up to its capacity", () => {
    const log = createRequestLog({ capacity: 2 })
    log.record(entry("/1"))
    log.record(entry("/2"))
    log.record(entry("/3"))
    expect(log.entries().map((item) => [item.id, item.path])).toEqual([
      [2, "/2"],
      [3, "/3"],
    ])
  })

  it("returns the same snapshot until something changes", () => {
    const log = createRequestLog()
    log.record(entry("/1"))
    const first = log.entries()
    expect(log.entries()).toBe(first)
    log.record(entry("/2"))
    expect(log.entries()).not.toBe(first)
    expect(first).toHaveLength(1)
  })

  it("notifies subscribers of records and clears until they unsubscribe", () => {
    const log = createRequestLog()
    let calls = 0
    const unsubscribe = log.subscribe(() => calls++)
    log.record(entry("/1"))
    log.clear()
    expect(calls).toBe(2)
    expect(log.entries()).toEqual([])
    unsubscribe()
    log.record(entry("/2"))
    expect(calls).toBe(2)
    expect(log.entries()[0]?.id).toBe(2)
  })
})

describe("redactedPath", () => {
  it("hides the values of secret-looking query parameters only", () => {
    const url = new URL(
      "http://h/_matrix/client/v3/login/sso/redirect?redirectUrl=http%3A%2F%2Fapp%2Fcb&access_token=abc&email=a%40b.c",
    )
    expect(redactedPath(url)).toBe(
      "/_matrix/client/v3/login/sso/redirect?redirectUrl=http%3A%2F%2Fapp%2Fcb&access_token=[redacted]&email=a%40b.c",
    )
    expect(redactedPath(new URL("http://h/plain"))).toBe("/plain")
  })
})
