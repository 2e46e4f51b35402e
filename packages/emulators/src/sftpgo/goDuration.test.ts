import { describe, expect, it } from "vitest"
import { goDuration } from "./goDuration"

describe("goDuration", () => {
  it("writes durations as Go's time.Duration.String does", () => {
    // Each expected text is what Go prints for the same number of nanoseconds.
    expect(goDuration(0)).toBe("0s")
    expect(goDuration(999)).toBe("999ns")
    expect(goDuration(1_500)).toBe("1.5µs")
    expect(goDuration(499_999_999)).toBe("499.999999ms")
    expect(goDuration(1_500_000_000)).toBe("1.5s")
    expect(goDuration(6_499_999_999)).toBe("6.499999999s")
    expect(goDuration(60_499_999_999)).toBe("1m0.499999999s")
    expect(goDuration(3_600_000_000_000)).toBe("1h0m0s")
    expect(goDuration(5_430_000_000_000)).toBe("1h30m30s")
  })
})
