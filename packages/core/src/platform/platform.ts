/** A handle returned by `Clock.setTimeout`; opaque to the engine. */
export type TimerHandle = unknown

/** Time, injected so tests advance a manual clock instead of faking global timers. */
export interface Clock {
  now(): number
  setTimeout(callback: () => void, delayMs: number): TimerHandle
  clearTimeout(handle: TimerHandle): void
}

/** How a lock was granted. */
export interface LockGrant {
  /** Whether another holder had it first: what it did may not be visible here yet. */
  readonly wasContended: boolean
}

/** Cross-tab mutual exclusion (Web Locks in browsers). */
export interface Locks {
  /**
   * Runs `task` while holding the lock `name`. When the lock is not granted within `timeoutMs`, runs `task`
   * anyway: a stuck tab must not block sign-in everywhere else. Without `timeoutMs` it waits for as long as it
   * takes; an aborted `signal` gives up waiting (rejecting with an `AbortError`).
   */
  request<T>(
    name: string,
    options: { timeoutMs?: number | undefined; signal?: AbortSignal | undefined },
    task: (grant: LockGrant) => Promise<T>,
  ): Promise<T>
}

/** One named cross-tab channel (BroadcastChannel in browsers). */
export interface BroadcastPort {
  postMessage(message: unknown): void
  subscribe(listener: (message: unknown) => void): () => void
  close(): void
}

/** Opens cross-tab channels. */
export interface Broadcast {
  open(name: string): BroadcastPort
}

/** Where sessions are kept. Sync or async; may throw (quota, private mode) — the engine copes. */
export interface AuthStorage {
  get(key: string): string | null | Promise<string | null>
  set(key: string, value: string): void | Promise<void>
  remove(key: string): void | Promise<void>
}

/**
 * Everything the engine needs from its surroundings. `browserPlatform()` builds the real one;
 * `@latchkey/core/testing` builds fakes. The engine touches nothing else.
 */
export interface Platform {
  fetch(request: Request): Promise<Response>
  clock: Clock
  /** Cryptographically strong random bytes. */
  randomBytes(length: number): Uint8Array
  /** WebCrypto, for vendors that sign in by challenge-response. */
  subtle?: SubtleCrypto | undefined
  /** Sends the browser to another page (SSO). */
  navigate(url: string): void
  /** The page's address, to read an SSO callback; `undefined` outside a browser. */
  currentUrl(): string | undefined
  /** Rewrites the address bar without navigating (removes one-time SSO parameters). */
  replaceUrl(url: string): void
  /** Calls `listener` when the page becomes visible, regains focus or comes back online; returns an unsubscribe. */
  onWake(listener: () => void): () => void
  locks?: Locks | undefined
  broadcast?: Broadcast | undefined
  /** Per-tab storage for one-time SSO state (sessionStorage in browsers). */
  tabStorage?: AuthStorage | undefined
}
