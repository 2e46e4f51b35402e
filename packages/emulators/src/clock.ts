/** A source of the current time in milliseconds since the Unix epoch; every emulator reads time only through one. */
export interface Clock {
  now(): number
}

/** A clock whose time moves only when a test tells it to. */
export interface EmulatorClock extends Clock {
  /** Moves the time forward by `ms` milliseconds. */
  advance(ms: number): void
  /** Jumps to an absolute time, forwards or backwards (to emulate clock skew). */
  set(ms: number): void
}

/** The real wall clock. */
export const systemClock: Clock = { now: () => Date.now() }

/** 2025-01-01T00:00:00Z: a fixed start so token expiries and TOTP codes in tests are reproducible. */
const defaultStartMs = Date.UTC(2025, 0, 1)

/**
 * Creates a clock that stands still until advanced.
 *
 * @example
 * const clock = createEmulatorClock()
 * const emulator = createMatrixEmulator({ clock })
 * clock.advance(60_000)
 */
export function createEmulatorClock(startMs: number = defaultStartMs): EmulatorClock {
  let current = requireFinite(startMs)
  return {
    now: () => current,
    advance(ms) {
      if (!Number.isFinite(ms) || ms < 0) {
        throw new RangeError(`A manual clock only moves forward by a finite amount, got ${ms}.`)
      }
      current += ms
    },
    set(ms) {
      current = requireFinite(ms)
    },
  }
}

function requireFinite(ms: number): number {
  if (!Number.isFinite(ms)) throw new RangeError(`A clock time must be a finite number, got ${ms}.`)
  return ms
}
