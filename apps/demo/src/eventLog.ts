import type { AuthEvent } from "@latchkey/core"

/** One event a client reported to its inspector, numbered for React keys. */
export interface LoggedEvent {
  readonly id: number
  readonly event: AuthEvent
}

/** The newest events of one client, for the devtools panel; shaped for `useSyncExternalStore`. */
export interface EventLog {
  entries(): readonly LoggedEvent[]
  record(event: AuthEvent): void
  clear(): void
  subscribe(listener: () => void): () => void
}

/** Creates a log that keeps the newest `capacity` events. */
export function createEventLog(capacity = 200): EventLog {
  let entries: readonly LoggedEvent[] = []
  let nextId = 1
  const listeners = new Set<() => void>()
  const changed = () => {
    for (const listener of listeners) listener()
  }
  return {
    entries: () => entries,
    record(event) {
      entries = [...entries, { id: nextId++, event }].slice(-capacity)
      changed()
    },
    clear() {
      entries = []
      changed()
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}
