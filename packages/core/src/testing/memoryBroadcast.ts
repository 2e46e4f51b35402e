import type { Broadcast, Clock } from "../platform/platform"

/** In-memory cross-tab channels: like BroadcastChannel, a message reaches every other port of the same name, later. */
export interface MemoryBroadcast extends Broadcast {
  /** How many subscriptions are open, across every port. */
  listenerCount(): number
}

/**
 * In-memory cross-tab channels. With `latencyMs`, messages arrive that long later on `clock`, as between real
 * browser tabs (separate processes), where nothing orders them against locks or storage.
 */
export function createMemoryBroadcast(
  options: { clock: Clock; latencyMs: number } | undefined = undefined,
): MemoryBroadcast {
  const deliver = (send: () => void) =>
    options ? options.clock.setTimeout(send, options.latencyMs) : queueMicrotask(send)
  const ports = new Map<string, Set<Set<(message: unknown) => void>>>()
  return {
    open(name) {
      const listeners = new Set<(message: unknown) => void>()
      const group = ports.get(name) ?? new Set()
      ports.set(name, group)
      group.add(listeners)
      return {
        postMessage(message) {
          const copy = structuredClone(message)
          for (const other of group) {
            if (other === listeners) continue
            for (const listener of other) deliver(() => listener(copy))
          }
        },
        subscribe(listener) {
          listeners.add(listener)
          return () => listeners.delete(listener)
        },
        close() {
          listeners.clear()
          group.delete(listeners)
        },
      }
    },
    listenerCount: () =>
      [...ports.values()].reduce(
        (sum, group) => sum + [...group].reduce((n, l) => n + l.size, 0),
        0,
      ),
  }
}
