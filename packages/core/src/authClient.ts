import type { AdapterContext, AuthAdapter } from "./adapter"
import { createAdapterContext, createGuardedFetch } from "./adapterContext"
import { AuthError, type AuthErrorCode, toAuthError } from "./authError"
import type { AuthSnapshot } from "./authSnapshot"
import { defaultRetryPolicy, type RetryPolicy, retryDelay } from "./backoff"
import { checkAdapter } from "./checkAdapter"
import { type AuthEvent, summarize } from "./inspect"
import { browserPlatform } from "./platform/browserPlatform"
import type { AuthStorage, Clock, LockGrant, Platform, TimerHandle } from "./platform/platform"
import { nextRenewal } from "./renewal"
import * as v from "./schema"
import type { Session } from "./session"
import { createSessionVault } from "./sessionVault"
import { createSignInFlow, type SignInFlow } from "./signInFlow"
import { createSsoStateStore, ssoStateParameter } from "./ssoState"
import { memoryStorage } from "./storage/memoryStorage"
import { resilientStorage } from "./storage/resilientStorage"

/** How to build a client. Only `adapter` is required. */
export interface AuthClientOptions<Credentials> {
  adapter: AuthAdapter<Credentials>
  /** Defaults to `browserPlatform()`. */
  platform?: Platform | undefined
  /** Where the session survives reloads; defaults to memory (gone on reload). */
  storage?: AuthStorage | undefined
  /** Namespaces storage keys and cross-tab channels when an app signs in to several accounts. */
  name?: string | undefined
  /** Per-request timeout; defaults to 15 s. */
  timeoutMs?: number | undefined
  /** Checks a restored session with the server before reporting `signedIn` (default `true`). */
  validateOnRestore?: boolean | undefined
  /** Where the identity provider sends the browser back; defaults to the current page. */
  ssoCallbackUrl?: string | undefined
  retry?: Partial<RetryPolicy> | undefined
  /** How long a tab waits for another tab's refresh before refreshing itself; defaults to 10 s. */
  lockTimeoutMs?: number | undefined
  /** Receives state changes and requests, credentials left out: for devtools and logging. */
  inspect?: ((event: AuthEvent) => void) | undefined
}

/** What a server sign-out said; the local session is gone whatever it says. */
export interface SignOutResult {
  /** A page the app should visit to end a single sign-on session too. */
  readonly followUpUrl?: string | undefined
  /** Why the server could not be told (the local session is cleared regardless). */
  readonly error?: AuthError | undefined
}

/** A signed-in session's owner: sign-in flows, refresh, sign-out and authenticated requests. */
export interface AuthClient<Credentials = unknown> {
  readonly adapter: AuthAdapter<Credentials>
  /** The surroundings the client runs in: UI code reads the page and time through it, never through globals. */
  readonly platform: Platform
  /** The clock the client runs on: count down on it, so countdowns agree with `retryAt` and `expiresAt`. */
  readonly clock: Clock
  getSnapshot(): AuthSnapshot<Credentials>
  /** Calls `listener` after every change; returns an unsubscribe. */
  subscribe(listener: () => void): () => void
  /** Resolves once the stored session has been restored (or found absent). */
  ready(): Promise<AuthSnapshot<Credentials>>
  /** Starts a sign-in; while `reauthRequired`, a re-authentication of the same user. */
  signIn(options?: { server?: string | undefined }): SignInFlow
  /** Whether `url` is where the identity provider sends the browser back to (a single sign-on callback). */
  isSsoCallback(url: string): boolean
  /** Completes single sign-on from the callback address; the same address always gets the same flow. */
  completeSso(callbackUrl?: string): SignInFlow
  signOut(options?: { everywhere?: boolean | undefined }): Promise<SignOutResult>
  /** Renews the credentials now; concurrent calls share one request. */
  refresh(): Promise<AuthSnapshot<Credentials>>
  /** `fetch` with the session's credentials: refreshes once on expiry and retries once. */
  fetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response>
  /** Stops timers, listeners and requests. */
  dispose(): void
}

const tabMessageSchema = v.union([
  v.object({ type: v.literal("session"), value: v.unknown() }),
  v.object({ type: v.literal("reauth"), value: v.unknown() }),
  v.object({ type: v.literal("signedOut") }),
])
type TabMessage = v.infer<typeof tabMessageSchema>

/** How long a tab that waited for another tab's refresh listens for its announcement before refreshing itself. */
const announcementWaitMs = 1_000

/** Timers cannot wait longer than this; a longer wait is re-armed when it fires. */
const maxTimerDelayMs = 2 ** 31 - 1

const initializing = {
  status: "initializing",
  session: undefined,
  isRefreshing: false,
  error: undefined,
} as const

/**
 * Creates the client that owns one vendor session.
 * @example
 * const client = createAuthClient({ adapter: matrixAdapter(), storage: webStorage("local") })
 * const flow = client.signIn()
 * await flow.submit({ identifier: "@alice:example.org", password })
 */
export function createAuthClient<Credentials>(
  options: AuthClientOptions<Credentials>,
): AuthClient<Credentials> {
  const { adapter } = options
  checkAdapter(adapter)
  const platform = options.platform ?? browserPlatform()
  const { clock } = platform
  const now = () => clock.now()
  const inspect = options.inspect ?? (() => {})
  const retry: RetryPolicy = { ...defaultRetryPolicy, ...options.retry }
  const lockTimeoutMs = options.lockTimeoutMs ?? 10_000
  const prefix = `latchkey:${options.name ?? "default"}:${adapter.vendor}`
  const vendorError = (code: AuthErrorCode, status?: number) =>
    new AuthError(code, { vendor: adapter.vendor, status })

  const storage = resilientStorage(options.storage ?? memoryStorage(), () =>
    inspect({ type: "storageFallback", at: now() }),
  )
  const vault = createSessionVault(storage, `${prefix}:session`, adapter)
  const sso = createSsoStateStore(
    resilientStorage(platform.tabStorage ?? memoryStorage(), () => {}),
    `${prefix}:sso`,
    (length) => platform.randomBytes(length),
    now,
  )
  // Aborted by dispose(): every request of this client listens to it.
  const lifetime = new AbortController()
  const contextOptions = {
    platform,
    vendor: adapter.vendor,
    timeoutMs: options.timeoutMs ?? 15_000,
    inspect,
  }
  const context = (signal?: AbortSignal): AdapterContext =>
    createAdapterContext(contextOptions, signal ? [lifetime.signal, signal] : [lifetime.signal])
  const guardedFetch = createGuardedFetch(contextOptions, [lifetime.signal])

  let snapshot: AuthSnapshot<Credentials> = initializing
  const listeners = new Set<() => void>()
  // Bumped whenever the session is replaced other than by a refresh (sign-in, sign-out, another tab):
  // a refresh that started under an older epoch is discarded. This is how sign-out wins.
  let epoch = 0
  let refreshing: Promise<void> | undefined
  let dueTimer: TimerHandle | undefined
  const sleeps = new Map<TimerHandle, () => void>()
  const flows = new Set<SignInFlow>()
  const ssoFlows = new Map<string, SignInFlow>()
  let isDisposed = false

  const set = (next: AuthSnapshot<Credentials>) => {
    if (isDisposed) return
    snapshot = next
    inspect({ type: "state", at: now(), summary: summarize(next) })
    for (const listener of listeners) listener()
  }
  const signedIn = (
    session: Session<Credentials>,
    error?: AuthError,
    isRefreshing = false,
  ): AuthSnapshot<Credentials> => ({ status: "signedIn", session, isRefreshing, error })

  const port = platform.broadcast?.open(prefix)
  const post = (message: TabMessage) => port?.postMessage(message)

  // --- expiry ------------------------------------------------------------------------------------
  const dueAt = (session: Session<Credentials>) => {
    const renewal = nextRenewal(session)
    if (!renewal) return Number.POSITIVE_INFINITY
    // A follower renews only when the credentials expire: by then the leader's announcement has arrived.
    const isFollower = renewal.type === "refresh" && !isLeader
    return isFollower && session.expiresAt !== null ? session.expiresAt : renewal.at
  }
  const isDue = (session: Session<Credentials>) => now() >= dueAt(session)
  const isExpired = (session: Session<Credentials>) =>
    session.expiresAt !== null && now() >= session.expiresAt
  const canRefresh = (session: Session<Credentials>) =>
    session.isRefreshable && adapter.capabilities.refresh === "token"

  const cancelDue = () => {
    if (dueTimer !== undefined) clock.clearTimeout(dueTimer)
    dueTimer = undefined
  }
  const arm = (delayMs: number) => {
    cancelDue()
    if (!isDisposed)
      dueTimer = clock.setTimeout(onDue, Math.min(maxTimerDelayMs, Math.max(0, delayMs)))
  }
  const schedule = () => {
    cancelDue()
    if (snapshot.status === "signedIn" && snapshot.session.expiresAt !== null)
      arm(dueAt(snapshot.session) - now())
  }
  function onDue() {
    dueTimer = undefined
    if (snapshot.status !== "signedIn") return
    const { session } = snapshot
    if (!isDue(session)) return schedule()
    if (canRefresh(session)) void refresh()
    else void requireReauth(session, vendorError("session_expired"), true)
  }
  // Of the tabs sharing this session, one leads: it renews ahead of expiry and announces the new credentials;
  // the others follow, renewing only at expiry (the leader asleep in a background tab, say). Were every tab
  // to renew at the same moment, nothing in a browser orders one tab's finished refresh before another tab's
  // view of storage or messages, and both would send the same refresh token. Without locks or channels, a tab
  // is on its own and leads itself.
  let isLeader = !platform.locks || !port
  if (!isLeader) {
    platform.locks
      ?.request(`${prefix}:leader`, { signal: lifetime.signal }, () => {
        isLeader = true
        schedule()
        return new Promise<void>((resolve) => {
          lifetime.signal.addEventListener("abort", () => resolve(), { once: true })
        })
      })
      .catch(() => {})
  }

  // Timers do not run while a laptop sleeps: look again when the page comes back.
  const stopWaking = platform.onWake(() => {
    if (snapshot.status === "signedIn" && !snapshot.isRefreshing) onDue()
  })

  const sleep = (delayMs: number) =>
    new Promise<void>((resolve, reject) => {
      const timer = clock.setTimeout(() => {
        sleeps.delete(timer)
        resolve()
      }, delayMs)
      sleeps.set(timer, () => reject(vendorError("aborted")))
    })

  // --- state changes -----------------------------------------------------------------------------
  const install = async (session: Session<Credentials>, announce: boolean) => {
    epoch++
    set(signedIn(session))
    schedule()
    await vault.write(session)
    if (announce) post({ type: "session", value: vault.serialize(session) })
  }
  const requireReauth = async (
    session: Session<Credentials>,
    error: AuthError,
    announce: boolean,
  ) => {
    epoch++
    cancelDue()
    set({ status: "reauthRequired", session, isRefreshing: false, error })
    if (announce) post({ type: "reauth", value: vault.serialize(session) })
  }
  const signOutLocally = async (error: AuthError | undefined, announce: boolean) => {
    epoch++
    cancelDue()
    set({ status: "signedOut", session: undefined, isRefreshing: false, error })
    await vault.clear()
    if (announce) post({ type: "signedOut" })
  }

  // Tabs waiting for news from another tab (see `runRefresh`); resolved by the next announcement.
  const listeningForNews = new Set<() => void>()
  const nextAnnouncement = () =>
    new Promise<void>((resolve) => {
      const done = () => {
        clock.clearTimeout(timer)
        listeningForNews.delete(done)
        resolve()
      }
      const timer = clock.setTimeout(done, announcementWaitMs)
      listeningForNews.add(done)
    })

  const stopListening = port?.subscribe((message) => {
    const parsed = tabMessageSchema.safeParse(message)
    if (!parsed.success || isDisposed) return
    const data = parsed.data
    for (const done of [...listeningForNews]) done()
    switch (data.type) {
      case "session": {
        const session = vault.parse(data.value)
        if (session) void install(session, false)
        return
      }
      case "reauth": {
        const session = vault.parse(data.value)
        if (session) void requireReauth(session, vendorError("session_expired"), false)
        return
      }
      case "signedOut":
        if (snapshot.status !== "signedOut") void signOutLocally(undefined, false)
        return
      default:
        return data satisfies never
    }
  })

  // --- refresh -----------------------------------------------------------------------------------
  const withLock = <T>(task: (grant: LockGrant) => Promise<T>): Promise<T> =>
    platform.locks
      ? platform.locks.request(`${prefix}:refresh`, { timeoutMs: lockTimeoutMs }, task)
      : task({ wasContended: false })

  const renew = async (
    stale: Session<Credentials>,
    started: number,
  ): Promise<Session<Credentials>> => {
    const refreshSession = adapter.refresh
    if (!stale.isRefreshable || !refreshSession) throw vendorError("session_expired")
    for (let attempt = 0; ; attempt++) {
      try {
        return await refreshSession(context(), stale)
      } catch (error) {
        const delay = retryDelay(error, attempt, retry)
        if (delay === undefined || epoch !== started) throw error
        set(signedIn(stale, toAuthError(error), true))
        await sleep(delay)
        if (epoch !== started) throw vendorError("aborted")
      }
    }
  }

  const runRefresh = async () => {
    const current = snapshot
    if (current.status !== "signedIn") return
    const stale = current.session
    const started = epoch
    set(signedIn(stale, current.error, true))
    try {
      const outcome = await withLock(async ({ wasContended }) => {
        // Another tab held the lock, so it has most likely just refreshed. Browsers carry its storage write to
        // this tab asynchronously (Chromium's localStorage is eventually consistent across tabs), so the lock
        // alone does not make the new tokens visible here: wait, boundedly, for that tab's announcement.
        if (wasContended && port && epoch === started) await nextAnnouncement()
        if (epoch !== started) return undefined
        const stored = await vault.read()
        if (stored && stored.issuedAt > stale.issuedAt && !isDue(stored)) return stored
        const session = await renew(stale, started)
        if (epoch !== started) return undefined
        // Written and announced while holding the lock: the next tab to take it hears of the new credentials.
        await vault.write(session)
        post({ type: "session", value: vault.serialize(session) })
        return session
      })
      if (!outcome || epoch !== started) return
      set(signedIn(outcome))
      schedule()
    } catch (error) {
      if (epoch !== started) return
      const failure = toAuthError(error)
      switch (failure.code) {
        case "session_expired":
          return requireReauth(stale, failure, true)
        case "session_revoked":
        case "invalid_credentials":
        case "account_disabled":
        case "account_locked":
        case "account_suspended":
          return signOutLocally(failure, true)
        default:
          // Still signed in as far as anyone knows: keep the session, say why, and try again later.
          set(signedIn(stale, failure))
          arm(retry.maxDelayMs)
      }
    }
  }

  const restored = (async () => {
    const started = epoch
    const stored = await vault.read()
    if (epoch !== started) return
    if (!stored)
      return set({ status: "signedOut", session: undefined, isRefreshing: false, error: undefined })
    let session = stored
    if (!isExpired(session) && options.validateOnRestore !== false && adapter.validate) {
      try {
        session = await adapter.validate(context(), session)
      } catch (error) {
        if (epoch !== started) return
        const failure = toAuthError(error)
        if (failure.code === "session_revoked") return signOutLocally(failure, false)
        if (failure.code !== "session_expired") {
          // Offline start: trust what was stored and say the server could not confirm it.
          set(signedIn(session, failure))
          return schedule()
        }
        session = { ...session, expiresAt: Math.min(session.expiresAt ?? now(), now()) }
      }
      if (epoch !== started) return
    }
    if (!isExpired(session)) {
      set(signedIn(session))
      return schedule()
    }
    if (!canRefresh(session)) {
      return requireReauth(session, vendorError("session_expired"), false)
    }
    set(signedIn(session))
    void refresh()
  })()

  async function refresh(): Promise<AuthSnapshot<Credentials>> {
    await restored
    if (snapshot.status === "signedIn") {
      refreshing ??= runRefresh().finally(() => {
        refreshing = undefined
      })
      await refreshing
    }
    return snapshot
  }

  // --- sign-in -----------------------------------------------------------------------------------
  const createFlow = (server: string | undefined) => {
    const flow = createSignInFlow({
      adapter,
      context,
      now,
      reauth: snapshot.status === "reauthRequired" ? snapshot.session : undefined,
      server,
      sso,
      ssoCallbackUrl: () => options.ssoCallbackUrl ?? pageWithoutQuery(platform.currentUrl()),
      navigate: (url) => platform.navigate(url),
      replaceUrl: (url) => platform.replaceUrl(url),
      accept: (session) => install(session, true),
      release: () => flows.delete(flow),
    })
    flows.add(flow)
    return flow
  }

  const classify = async (response: Response) => {
    try {
      return await adapter.classify(response.clone())
    } catch {
      return { type: "ok" } as const
    }
  }

  const usableSession = (): Session<Credentials> => {
    if (snapshot.status === "signedIn") return snapshot.session
    throw new AuthError(
      snapshot.status === "reauthRequired" ? "session_expired" : "not_signed_in",
      {
        vendor: adapter.vendor,
      },
    )
  }

  return {
    adapter,
    platform,
    clock,
    getSnapshot: () => snapshot,
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    ready: () => restored.then(() => snapshot),
    signIn(signInOptions = {}) {
      const flow = createFlow(signInOptions.server)
      void flow.discover()
      return flow
    },
    isSsoCallback(url) {
      const parsed = URL.canParse(url, "http://relative.invalid")
        ? new URL(url, "http://relative.invalid").searchParams
        : undefined
      switch (adapter.capabilities.sso) {
        case "stateParameter":
          return parsed?.has(ssoStateParameter) ?? false
        case "pendingMarker":
          return (adapter.ssoCallbackParameters ?? []).some((name) => parsed?.has(name))
        case "none":
          return false
        default:
          return adapter.capabilities.sso satisfies never
      }
    },
    completeSso(callbackUrl = platform.currentUrl() ?? "") {
      const existing = ssoFlows.get(callbackUrl)
      if (existing) return existing
      const flow = createFlow(undefined)
      ssoFlows.set(callbackUrl, flow)
      void restored.then(() => flow.completeSso(callbackUrl))
      return flow
    },
    async signOut({ everywhere = false } = {}) {
      if (everywhere && !adapter.capabilities.signOutEverywhere) {
        throw vendorError("unsupported")
      }
      await restored
      const { session } = snapshot
      await signOutLocally(undefined, true)
      if (!session) return {}
      try {
        return { ...(await adapter.signOut(context(), session, { everywhere })) }
      } catch (error) {
        return { error: toAuthError(error) }
      }
    },
    refresh,
    async fetch(input, init) {
      await restored
      const request = new Request(input, init)
      let hasRefreshed = false
      // Bounded: a refresh, a retry after another tab's refresh, and the last try.
      for (let attempt = 0; attempt < 3; attempt++) {
        const session = usableSession()
        if (!hasRefreshed && isExpired(session) && canRefresh(session)) {
          hasRefreshed = true
          await refresh()
          continue
        }
        const response = await guardedFetch(adapter.authorize(request.clone(), session))
        const verdict = await classify(response)
        switch (verdict.type) {
          case "ok":
          case "rateLimited":
            return response
          case "revoked":
            if (snapshot.session === session) await signOutLocally(undefined, true)
            throw new AuthError("session_revoked", {
              vendor: adapter.vendor,
              status: response.status,
            })
          case "expired":
            // The credentials changed while this request was in flight: just try again with the new ones.
            if (snapshot.status === "signedIn" && snapshot.session !== session) continue
            if (!hasRefreshed && canRefresh(session)) {
              hasRefreshed = true
              await refresh()
              continue
            }
            if (snapshot.session === session) {
              await requireReauth(session, vendorError("session_expired"), true)
            }
            throw new AuthError("session_expired", {
              vendor: adapter.vendor,
              status: response.status,
            })
          default:
            return verdict satisfies never
        }
      }
      throw vendorError("session_expired")
    },
    dispose() {
      if (isDisposed) return
      epoch++
      cancelDue()
      for (const [timer, abort] of sleeps) {
        clock.clearTimeout(timer)
        abort()
      }
      sleeps.clear()
      for (const done of [...listeningForNews]) done()
      isDisposed = true
      lifetime.abort()
      stopWaking()
      stopListening?.()
      port?.close()
      for (const flow of [...flows]) flow.dispose()
      flows.clear()
      ssoFlows.clear()
      listeners.clear()
    },
  }
}

function pageWithoutQuery(url: string | undefined): string | undefined {
  if (!url) return undefined
  const page = new URL(url)
  page.search = ""
  page.hash = ""
  return page.href
}
