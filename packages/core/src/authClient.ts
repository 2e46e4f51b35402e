import type { AdapterContext } from "./adapter"
import { createAdapterContext, createGuardedFetch, defaultTimeoutMs } from "./adapterContext"
import type { AuthClient, AuthClientOptions } from "./authClientTypes"
import { AuthError, toAuthError } from "./authError"
import { createAuthFetch } from "./authFetch"
import type { AuthSnapshot } from "./authSnapshot"
import { defaultRetryPolicy, type RetryPolicy } from "./backoff"
import { boundedCopy } from "./boundedBody"
import { checkAdapter } from "./checkAdapter"
import { type AuthEvent, summarize } from "./inspect"
import { browserPlatform } from "./platform/browserPlatform"
import { createRefreshScheduler } from "./refreshScheduler"
import { nextRenewal } from "./renewal"
import type { Session } from "./session"
import { initialSession, type SessionEvent, transitionSession } from "./sessionMachine"
import { createSessionRefresher } from "./sessionRefresher"
import { restoreSession } from "./sessionRestore"
import { createSessionVault } from "./sessionVault"
import { createSignInFlow, type SignInFlow } from "./signInFlow"
import { createSsoStateStore, isSsoCallback } from "./ssoState"
import { memoryStorage } from "./storage/memoryStorage"
import { resilientStorage } from "./storage/resilientStorage"
import { createStore } from "./store"
import { createTabCoordinator } from "./tabCoordinator"

export type { AuthClient, AuthClientOptions, SignOutResult } from "./authClientTypes"

/**
 * Creates the client that owns one vendor session: a session machine fed by sign-in flows, the refresher, the
 * authenticated fetch and the other tabs, with persistence, announcements and the renewal plan as its effects.
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
  // The option, and devtools that subscribed after the client was made.
  const inspectors = new Set<(event: AuthEvent) => void>()
  const inspect = (event: AuthEvent) => {
    options.inspect?.(event)
    for (const inspector of inspectors) inspector(event)
  }
  let isOffline = false
  const retry: RetryPolicy = { ...defaultRetryPolicy, ...options.retry }
  const prefix = `latchkey:${options.name ?? "default"}:${adapter.vendor}`
  const expired = () => new AuthError("session_expired", { vendor: adapter.vendor })

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
    timeoutMs: options.timeoutMs ?? defaultTimeoutMs,
    inspect,
    isOffline: () => isOffline,
  }
  const context = (signal?: AbortSignal): AdapterContext =>
    createAdapterContext(contextOptions, signal ? [lifetime.signal, signal] : [lifetime.signal])

  // --- the session and what follows each of its changes ------------------------------------------
  let state = initialSession<Credentials>()
  const store = createStore(state.snapshot)
  const flows = new Set<SignInFlow>()
  const ssoFlows = new Map<string, SignInFlow>()
  let isDisposed = false
  /**
   * When this tab last heard of a sign-out, here or in another tab (epoch ms; tabs share one clock). Tabs' news
   * crosses on the way: a session announced before the sign-out, arriving after it, must not sign anyone back in.
   */
  let signedOutAt = Number.NEGATIVE_INFINITY
  const isAfterSignOut = (session: Session<Credentials>) => session.issuedAt > signedOutAt

  const canRefresh = (session: Session<Credentials>) =>
    session.isRefreshable && adapter.capabilities.refresh === "token"
  const isExpired = (session: Session<Credentials>) =>
    session.expiresAt !== null && now() >= session.expiresAt
  const dueAt = (session: Session<Credentials>) => {
    const renewal = nextRenewal(session, options.renewalLeadMs)
    if (!renewal) return Number.POSITIVE_INFINITY
    // A follower renews only when the credentials expire: by then the leader's announcement has arrived.
    const isFollower = renewal.type === "refresh" && !tabs.isLeader()
    return isFollower && session.expiresAt !== null ? session.expiresAt : renewal.at
  }
  const isDue = (session: Session<Credentials>) => now() >= dueAt(session)
  const planRenewal = () => {
    const { snapshot } = state
    if (snapshot.status === "signedIn") scheduler.planAt(dueAt(snapshot.session))
    else scheduler.cancel()
  }

  /** Feeds the machine; `fromTab` for another tab's news, which is not announced back. */
  const apply = async (event: SessionEvent<Credentials>, fromTab = false) => {
    const next = isDisposed ? undefined : transitionSession(state, event)
    if (!next) return
    const isNewSession = next.generation !== state.generation
    if (next.snapshot.status === "signedOut" && event.type !== "restored" && !fromTab)
      signedOutAt = now()
    state = next
    const { snapshot } = next
    inspect({ type: "state", at: now(), summary: summarize(snapshot) })
    store.set(snapshot)
    switch (snapshot.status) {
      case "signedIn":
        if (event.type === "refreshFailed" || event.type === "refreshRefused") {
          // Still signed in as far as anyone knows: try again later.
          scheduler.planAt(now() + retry.maxDelayMs)
        } else planRenewal()
        if (event.type === "signedIn") {
          await vault.write(snapshot.session)
          if (!fromTab) tabs.announce({ type: "session", value: vault.serialize(snapshot.session) })
        }
        return
      case "reauthRequired":
        scheduler.cancel()
        if (isNewSession && !fromTab && event.type !== "restored")
          tabs.announce({ type: "reauth", value: vault.serialize(snapshot.session) })
        return
      case "signedOut":
        scheduler.cancel()
        if (!isNewSession || event.type === "restored") return
        await vault.clear()
        if (!fromTab) tabs.announce({ type: "signedOut", at: signedOutAt })
        return
      case "initializing":
        return
      default:
        return snapshot satisfies never
    }
  }

  const onDue = () => {
    const { snapshot } = state
    if (snapshot.status !== "signedIn" || snapshot.isRefreshing) return
    const { session } = snapshot
    if (!isDue(session)) return planRenewal()
    if (canRefresh(session)) void refresh()
    else void apply({ type: "reauthRequired", session, error: expired() })
  }
  const scheduler = createRefreshScheduler({
    clock,
    vendor: adapter.vendor,
    onWake: (listener) => platform.onWake(listener),
    onDue,
  })
  const tabs = createTabCoordinator({
    platform,
    prefix,
    lockTimeoutMs: options.lockTimeoutMs ?? 10_000,
    onLeadership: planRenewal,
    onMessage(message) {
      switch (message.type) {
        case "session": {
          const session = vault.parse(message.value)
          if (session && isAfterSignOut(session)) void apply({ type: "signedIn", session }, true)
          return
        }
        case "reauth": {
          const session = vault.parse(message.value)
          if (session && isAfterSignOut(session))
            void apply({ type: "reauthRequired", session, error: expired() }, true)
          return
        }
        case "signedOut": {
          const at = message.at ?? now()
          signedOutAt = Math.max(signedOutAt, at)
          const { session } = state.snapshot
          // A session begun after that sign-out (signed in here meanwhile) is not the one it ended.
          if (state.snapshot.status !== "signedOut" && !(session && session.issuedAt > at))
            void apply({ type: "signedOut", error: undefined }, true)
          return
        }
        default:
          return message satisfies never
      }
    },
  })
  const runRefresh = createSessionRefresher({
    adapter,
    context,
    vault,
    tabs,
    scheduler,
    retry,
    getState: () => state,
    apply,
    isDue,
  })

  const restored = restoreSession({
    adapter,
    vault,
    context,
    now,
    canRefresh,
    shouldValidate: options.validateOnRestore !== false,
    isStill: () => state.snapshot.status === "initializing",
    apply: (event) => apply(event, true),
    refresh: () => void refresh(),
  })

  async function refresh(): Promise<AuthSnapshot<Credentials>> {
    await restored
    if (state.snapshot.status === "signedIn") await runRefresh()
    return state.snapshot
  }

  const createFlow = (server: string | undefined) => {
    const flow = createSignInFlow({
      adapter,
      context,
      now,
      reauth: state.snapshot.status === "reauthRequired" ? state.snapshot.session : undefined,
      storedSession: () => state.snapshot.session,
      server,
      sso,
      ssoCallbackUrl: () => options.ssoCallbackUrl ?? pageWithoutQuery(platform.currentUrl()),
      pageUrl: () => platform.currentUrl(),
      navigate: (url) => platform.navigate(url),
      replaceUrl: (url) => platform.replaceUrl(url),
      accept: (session) => apply({ type: "signedIn", session }),
      release: () => flows.delete(flow),
    })
    flows.add(flow)
    flow.subscribe(() => {
      const snapshot = flow.getSnapshot()
      const error = "error" in snapshot ? snapshot.error : undefined
      inspect({ type: "flow", at: now(), step: snapshot.step, error })
    })
    return flow
  }

  const guardedFetch = createGuardedFetch(contextOptions, [lifetime.signal])
  const authFetch = createAuthFetch({
    adapter,
    send: guardedFetch,
    bound: (response) =>
      boundedCopy(response, {
        clock,
        timeoutMs: contextOptions.timeoutMs,
        vendor: adapter.vendor,
        signal: lifetime.signal,
      }),
    ready: () => restored,
    getSnapshot: () => state.snapshot,
    canRefresh,
    isExpired,
    refresh,
    expire: async (session) => {
      if (state.snapshot.session === session)
        await apply({ type: "reauthRequired", session, error: expired() })
    },
    revoke: async (session) => {
      if (state.snapshot.session === session) await apply({ type: "signedOut", error: undefined })
    },
  })

  return {
    adapter,
    platform,
    clock,
    getSnapshot: store.get,
    subscribe: store.subscribe,
    ready: () => restored.then(() => state.snapshot),
    signIn(signInOptions = {}) {
      const flow = createFlow(signInOptions.server)
      void flow.discover()
      return flow
    },
    isSsoCallback: (url) => isSsoCallback(adapter, url),
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
        throw new AuthError("unsupported", { vendor: adapter.vendor })
      }
      await restored
      const { session } = state.snapshot
      await apply({ type: "signedOut", error: undefined })
      if (!session) return {}
      try {
        return { ...(await adapter.signOut(context(), session, { everywhere })) }
      } catch (error) {
        return { error: toAuthError(error) }
      }
    },
    refresh,
    fetch: authFetch,
    devtools: {
      subscribe(listener) {
        inspectors.add(listener)
        return () => inspectors.delete(listener)
      },
      isLeader: () => tabs.isLeader(),
      renewsAt: () =>
        state.snapshot.status === "signedIn" ? dueAt(state.snapshot.session) : undefined,
      flowStep: () => [...flows].at(-1)?.getSnapshot().step,
      expire() {
        const { snapshot, generation } = state
        // As a renewal outcome of this generation: the plan is redone (due at once), nothing stored or announced.
        if (snapshot.status === "signedIn" && !snapshot.isRefreshing)
          void apply({
            type: "refreshed",
            generation,
            session: { ...snapshot.session, expiresAt: now() },
          })
      },
      setOffline(value) {
        isOffline = value
        // As a browser coming back online wakes the page: whatever fell due meanwhile happens now.
        if (!value) onDue()
      },
    },
    dispose() {
      if (isDisposed) return
      isDisposed = true
      scheduler.dispose()
      tabs.dispose()
      lifetime.abort()
      for (const flow of [...flows]) flow.dispose()
      ssoFlows.clear()
      store.clear()
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
