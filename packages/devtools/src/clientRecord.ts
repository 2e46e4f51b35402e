import type { AuthClient, AuthEvent } from "@latchkey/core"

/** One event a client reported, numbered for React keys. */
export interface LoggedEvent {
  readonly id: number
  readonly event: AuthEvent
}

/** What the devtools remember of one client, as one immutable value per change. */
export interface ClientRecordSnapshot {
  /** The newest events, oldest first. */
  readonly events: readonly LoggedEvent[]
  /** Whether the offline switch of these devtools is on for this client. */
  readonly isOffline: boolean
}

/** The devtools' memory of one client: its timeline and the switches they set, shaped for `useSyncExternalStore`. */
export interface ClientRecord {
  getSnapshot(): ClientRecordSnapshot
  subscribe(listener: () => void): () => void
  clear(): void
  setOffline(isOffline: boolean): void
}

/** How many events a timeline keeps; older ones drop off. */
export const timelineCapacity = 200

// Keyed by the client: the timeline outlives a panel closed and opened again, or a tab of the app left and revisited,
// and goes away with the client.
const records = new WeakMap<AuthClient, ClientRecord>()

/**
 * The record of `client`, made on first use: from then on it hears every event the client reports (through
 * `client.devtools`, whatever the app passed as `inspect`). Nothing is recorded for a client no panel has shown.
 */
export function recordOf(client: AuthClient): ClientRecord {
  const existing = records.get(client)
  if (existing) return existing
  let snapshot: ClientRecordSnapshot = { events: [], isOffline: false }
  let nextId = 1
  const listeners = new Set<() => void>()
  const change = (next: ClientRecordSnapshot) => {
    snapshot = next
    for (const listener of [...listeners]) listener()
  }
  client.devtools.subscribe((event) => {
    const events = [...snapshot.events, { id: nextId++, event }].slice(-timelineCapacity)
    change({ ...snapshot, events })
  })
  const record: ClientRecord = {
    getSnapshot: () => snapshot,
    subscribe(listener) {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },
    clear: () => change({ ...snapshot, events: [] }),
    setOffline(isOffline) {
      client.devtools.setOffline(isOffline)
      change({ ...snapshot, isOffline })
    },
  }
  records.set(client, record)
  return record
}
