/** One request an emulator answered. */
export interface RequestLogEntry {
  /** Increases by one per request over the log's lifetime, also across `clear()`. */
  readonly id: number
  readonly method: string
  /** The path with query values that could be secrets replaced by `[redacted]`. */
  readonly path: string
  readonly status: number
  /** When the request arrived, on the emulator's clock. */
  readonly time: number
  /** How long answering took in real milliseconds. */
  readonly durationMs: number
}

/** A bounded record of what an emulator served, newest last. */
export interface RequestLog {
  /** The entries, oldest first; the same array until the log changes, so it suits `useSyncExternalStore`. */
  entries(): readonly RequestLogEntry[]
  clear(): void
  /** Calls `onChange` after every new entry and every `clear()`; returns the unsubscribe function. */
  subscribe(onChange: () => void): () => void
  record(entry: Omit<RequestLogEntry, "id">): RequestLogEntry
}

/** Query parameters whose values never reach a log: tokens, codes, passwords and the like. */
const secretParameter = /token|code|pass|secret|otp|session|key|ticket|captcha|proof|nonce|sig/i

/**
 * Creates a request log that keeps the newest `capacity` entries (200 by default).
 *
 * @example
 * const log = createRequestLog({ capacity: 50 })
 * const unsubscribe = log.subscribe(() => render(log.entries()))
 */
export function createRequestLog(options: { readonly capacity?: number } = {}): RequestLog {
  const capacity = options.capacity ?? 200
  if (!Number.isInteger(capacity) || capacity < 1) {
    throw new RangeError(`A request log capacity must be a positive integer, got ${capacity}.`)
  }
  let items: RequestLogEntry[] = []
  let snapshot: readonly RequestLogEntry[] = Object.freeze([])
  let nextId = 1
  const listeners = new Set<() => void>()

  const changed = () => {
    snapshot = Object.freeze([...items])
    for (const listener of [...listeners]) {
      try {
        listener()
      } catch (error) {
        // A broken listener must not break the request being answered, nor crash a served emulator.
        console.error("A request log listener threw:", error)
      }
    }
  }

  return {
    entries: () => snapshot,
    clear() {
      items = []
      changed()
    },
    subscribe(onChange) {
      listeners.add(onChange)
      return () => {
        listeners.delete(onChange)
      }
    },
    record(entry) {
      const stored = Object.freeze({ id: nextId++, ...entry })
      items.push(stored)
      if (items.length > capacity) items = items.slice(items.length - capacity)
      changed()
      return stored
    },
  }
}

/**
 * Returns a URL's path and query with the values of secret-looking query parameters redacted.
 *
 * @example
 * redactedPath(new URL("http://h/sso?loginToken=abc&x=1")) // "/sso?loginToken=[redacted]&x=1"
 */
export function redactedPath(url: URL): string {
  if (url.search === "") return url.pathname
  const query = [...url.searchParams]
    .map(([name, value]) => {
      const shown = secretParameter.test(name) ? "[redacted]" : encodeURIComponent(value)
      return `${encodeURIComponent(name)}=${shown}`
    })
    .join("&")
  return `${url.pathname}?${query}`
}
