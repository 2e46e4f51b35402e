import { describe, expect, it } from "vitest"
import { createEmulatorClock } from "./clock"
import { createRateLimiter } from "./rateLimiter"

describe("createRateLimiter", () => {
  it("allows the limit, then says how long until the oldest attempt leaves the window", () => {
    const clock = createEmulatorClock()
    const limiter = createRateLimiter({ limit: 3, windowMs: 60_000 }, clock)
    expect(limiter.hit("bob")).toEqual({ type: "allowed", remaining: 2 })
    clock.advance(10_000)
    limiter.hit("bob")
    limiter.hit("bob")
    clock.advance(5_000)
    expect(limiter.hit("bob")).toEqual({ type: "limited", retryAfterMs: 45_000 })
    clock.advance(44_999)
    expect(limiter.hit("bob").type).toBe("limited")
    clock.advance(1)
    expect(limiter.hit("bob")).toEqual({ type: "allowed", remaining: 0 })
  })

  it("counts keys separately and forgets a key on reset", () => {
    const clock = createEmulatorClock()
    const limiter = createRateLimiter({ limit: 1, windowMs: 1_000 }, clock)
    limiter.hit("alice")
    expect(limiter.hit("bob").type).toBe("allowed")
    expect(limiter.hit("alice").type).toBe("limited")
    limiter.reset("alice")
    expect(limiter.hit("alice").type).toBe("allowed")
  })

  it("never limits when turned off", () => {
    const limiter = createRateLimiter(false, createEmulatorClock())
    for (let attempt = 0; attempt < 1_000; attempt++) limiter.hit("bob")
    expect(limiter.hit("bob").type).toBe("allowed")
  })

  it("rejects a nonsensical configuration", () => {
    expect(() => createRateLimiter({ limit: 0, windowMs: 1_000 }, createEmulatorClock())).toThrow(
      RangeError,
    )
  })
})
