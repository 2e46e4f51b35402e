/** A value that tells its listeners when it changes: the one store behind the session and each sign-in flow. */
export interface Store<T> {
  get(): T
  /** Replaces the value and calls every listener. */
  set(next: T): void
  /** Calls `listener` after every change; returns an unsubscribe. */
  subscribe(listener: () => void): () => void
  /** Forgets every listener (the owner is disposed). */
  clear(): void
}

export function createStore<T>(initial: T): Store<T> {
  let value = initial
  const listeners = new Set<() => void>()
  return {
    get: () => value,
    set(next) {
      value = next
      for (const listener of [...listeners]) listener()
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },
    clear: () => listeners.clear(),
  }
}
