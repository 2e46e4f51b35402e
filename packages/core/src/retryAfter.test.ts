import { describe, expect, it } from "vitest"
import { parseRetryAfter } from "./retryAfter"

describe("parseRetryAfter", () => {
  const now = Date.UTC(2026, 0, 1)

  it("reads seconds and HTTP dates", () => {
    expect(parseRetryAfter("30", now)).toBe(30_000)
    expect(parseRetryAfter(new Date(now + 5_000).toUTCString(), now)).toBe(5_000)
  })

  it("treats absent, unreadable, past and absurd values safely", () => {
    expect(parseRetryAfter(null, now)).toBeUndefined()
    expect(parseRetryAfter("soon", now)).toBeUndefined()
    expect(parseRetryAfter("-5", now)).toBeUndefined()
    expect(parseRetryAfter(new Date(now - 5_000).toUTCString(), now)).toBe(0)
    expect(parseRetryAfter("99999999999", now)).toBe(86_400_000)
  })
})
