import { describe, expect, it } from "vitest"
import { createEmulatorClock, systemClock } from "./clock"
import { emulatorDefaults, resolveEmulatorOptions } from "./options"
import { demoPeople } from "./people"

describe("resolveEmulatorOptions", () => {
  it("prefers the caller's value, then the vendor's default, then the shared one", () => {
    const clock = createEmulatorClock()
    const resolved = resolveEmulatorOptions(
      { clock, accessTokenTtlMs: 5_000 },
      { accessTokenTtlMs: 20 * 60_000, refreshTokenTtlMs: 60_000, rateLimit: false },
    )
    expect(resolved).toMatchObject({
      clock,
      accessTokenTtlMs: 5_000,
      refreshTokenTtlMs: 60_000,
      rateLimit: false,
      people: demoPeople,
      requestLogCapacity: emulatorDefaults.requestLogCapacity,
    })
    expect(resolveEmulatorOptions().clock).toBe(systemClock)
  })

  it("refuses a token lifetime that is not positive", () => {
    expect(() => resolveEmulatorOptions({ accessTokenTtlMs: 0 })).toThrow(/accessTokenTtlMs/)
    expect(() => resolveEmulatorOptions({ refreshTokenTtlMs: Number.NaN })).toThrow(RangeError)
  })
})
