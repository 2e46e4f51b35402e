import type { Emulator } from "@latchkey/emulators"

/** The app's way into an emulator, counting what comes through: the requests the app sends, not the browser's. */
export interface EmulatorDoor {
  /** The `fetch` the app's platform uses. */
  fetch(request: Request): Promise<Response>
  /** Requests sent so far, to one path or to all. */
  count(path?: string): number
  /** Milliseconds the emulator spent answering, summed: what the engine's own time is measured apart from. */
  emulatorMs(): number
}

/**
 * Opens a counting door into `emulator`. Counting here rather than in the emulator's request log keeps every request
 * of a 1000-call fan-in (the log is a ring buffer), and leaves out the browser's part of single sign-on.
 * @example
 * const door = openDoor(emulator)
 * const platform = createTestPlatform({ clock, fetch: door.fetch })
 */
export function openDoor(emulator: Emulator): EmulatorDoor {
  const paths = new Map<string, number>()
  let total = 0
  let spentMs = 0
  return {
    async fetch(request) {
      const path = new URL(request.url).pathname
      paths.set(path, (paths.get(path) ?? 0) + 1)
      total += 1
      const startedAt = performance.now()
      try {
        return await emulator.handle(request)
      } finally {
        spentMs += performance.now() - startedAt
      }
    },
    count: (path) => (path === undefined ? total : (paths.get(path) ?? 0)),
    emulatorMs: () => spentMs,
  }
}
