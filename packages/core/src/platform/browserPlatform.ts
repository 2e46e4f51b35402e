import type { AuthStorage, Broadcast, Locks, Platform } from "./platform"

/**
 * The platform of a real browser. The only code in the core that touches browser globals, and it reads
 * them lazily, so importing the core and even creating a client during server rendering is safe.
 * @example
 * const client = createAuthClient({ adapter, platform: browserPlatform(), storage: webStorage("local") })
 */
export function browserPlatform(): Platform {
  return {
    fetch: (request) => globalThis.fetch(request),
    clock: {
      now: () => Date.now(),
      setTimeout: (callback, delayMs) => globalThis.setTimeout(callback, delayMs),
      clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
    },
    randomBytes: (length) => globalThis.crypto.getRandomValues(new Uint8Array(length)),
    get subtle() {
      return globalThis.crypto?.subtle
    },
    navigate: (url) => {
      globalThis.location?.assign(url)
    },
    currentUrl: () => globalThis.location?.href,
    replaceUrl: (url) => {
      globalThis.history?.replaceState(globalThis.history.state, "", url)
    },
    onWake: (listener) => {
      if (typeof document === "undefined" || typeof window === "undefined") return () => {}
      const onVisibility = () => {
        if (document.visibilityState === "visible") listener()
      }
      document.addEventListener("visibilitychange", onVisibility)
      window.addEventListener("focus", listener)
      window.addEventListener("online", listener)
      return () => {
        document.removeEventListener("visibilitychange", onVisibility)
        window.removeEventListener("focus", listener)
        window.removeEventListener("online", listener)
      }
    },
    get locks() {
      return typeof navigator !== "undefined" && navigator.locks
        ? webLocks(navigator.locks)
        : undefined
    },
    // Only a page has other tabs to talk to. Node has a BroadcastChannel too, and an open one would keep a
    // server render's process alive until `dispose()`.
    get broadcast() {
      return typeof window === "undefined" || typeof BroadcastChannel === "undefined"
        ? undefined
        : broadcastChannels
    },
    get tabStorage() {
      return typeof window === "undefined" ? undefined : webStorage("session")
    },
  }
}

function webLocks(manager: LockManager): Locks {
  return {
    async request(name, { timeoutMs, signal }, task) {
      signal?.throwIfAborted()
      // Uncontended: taken at once. Contended: waited for, and the task is told so.
      const immediate = await manager.request(name, { ifAvailable: true }, async (lock) =>
        lock ? { value: await task({ wasContended: false }) } : undefined,
      )
      if (immediate) return immediate.value
      const controller = new AbortController()
      let hasTimedOut = false
      const onAbort = () => controller.abort()
      signal?.addEventListener("abort", onAbort)
      const timer =
        timeoutMs === undefined
          ? undefined
          : setTimeout(() => {
              hasTimedOut = true
              controller.abort()
            }, timeoutMs)
      try {
        return await manager.request(name, { signal: controller.signal }, () => {
          clearTimeout(timer)
          return task({ wasContended: true })
        })
      } catch (error) {
        if (hasTimedOut && isAbortError(error)) return task({ wasContended: true })
        throw error
      } finally {
        clearTimeout(timer)
        signal?.removeEventListener("abort", onAbort)
      }
    },
  }
}

function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === "AbortError"
}

const broadcastChannels: Broadcast = {
  open(name) {
    const channel = new BroadcastChannel(name)
    return {
      postMessage: (message) => channel.postMessage(message),
      subscribe(listener) {
        const onMessage = (event: MessageEvent) => listener(event.data)
        channel.addEventListener("message", onMessage)
        return () => channel.removeEventListener("message", onMessage)
      },
      close: () => channel.close(),
    }
  },
}

/**
 * `localStorage` or `sessionStorage` as session storage. Reads the global on every call, inside the
 * engine's fallback, so a browser that forbids storage (private mode, quota) degrades to memory.
 * @example
 * createAuthClient({ adapter, storage: webStorage("local") })
 */
export function webStorage(kind: "local" | "session"): AuthStorage {
  const area = () => (kind === "local" ? globalThis.localStorage : globalThis.sessionStorage)
  return {
    get: (key) => area().getItem(key),
    set: (key, value) => area().setItem(key, value),
    remove: (key) => area().removeItem(key),
  }
}
