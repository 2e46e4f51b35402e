import type { Clock } from "@latchkey/core"

/** The wall clock; read lazily, so importing it is safe during server rendering. */
export const realClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, delayMs) => globalThis.setTimeout(callback, delayMs),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
}
