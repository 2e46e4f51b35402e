import { describe, expect, it } from "vitest"
import { createEmulatorClock } from "./clock"

describe("createEmulatorClock", () => {
  it("moves only when advanced or set", () => {
    const clock = createEmulatorClock(1_000)
    expect(clock.now()).toBe(1_000)
    clock.advance(500)
    expect(clock.now()).toBe(1_500)
    clock.set(200)
    expect(clock.now()).toBe(200)
    expect(() => clock.advance(-1)).toThrow(RangeError)
  })
})
