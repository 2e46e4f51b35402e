import type { AuthAdapter, ResponseVerdict } from "./adapter"
import { AuthError } from "./authError"
import type { AuthSnapshot } from "./authSnapshot"
import type { BoundedCopy } from "./boundedBody"
import type { Session } from "./session"

export interface AuthFetchOptions<Credentials> {
  adapter: AuthAdapter<Credentials>
  /** The client's guarded fetch: timeout, cancellation, typed failures. */
  send(request: Request): Promise<Response>
  /** A copy of an answer for `classify`, its body bounded by the client's timeout and size limit. */
  bound(response: Response): BoundedCopy
  /** Resolves once the stored session has been restored. */
  ready(): Promise<unknown>
  getSnapshot(): AuthSnapshot<Credentials>
  canRefresh(session: Session<Credentials>): boolean
  isExpired(session: Session<Credentials>): boolean
  refresh(): Promise<unknown>
  /** The server refused credentials only the user can renew. */
  expire(session: Session<Credentials>): Promise<unknown>
  /** The server says the session is gone for good. */
  revoke(session: Session<Credentials>): Promise<unknown>
}

/**
 * `fetch` with the session's credentials: renews them first when they have expired, once more when the server
 * says they have, and retries when they changed while the request was in flight (another tab, a refresh).
 */
export function createAuthFetch<Credentials>(
  options: AuthFetchOptions<Credentials>,
): (input: RequestInfo | URL, init?: RequestInit) => Promise<Response> {
  const { adapter } = options
  const fail = (
    code: "session_expired" | "session_revoked" | "not_signed_in",
    status?: number,
    serverMessage?: string,
  ) => new AuthError(code, { vendor: adapter.vendor, status, serverMessage })
  const usableSession = (): Session<Credentials> => {
    const snapshot = options.getSnapshot()
    if (snapshot.status === "signedIn") return snapshot.session
    throw fail(snapshot.status === "reauthRequired" ? "session_expired" : "not_signed_in")
  }
  // Reads a bounded copy: a body that stalls or never ends leaves the verdict to the status, and the app its call.
  const classify = async (response: Response): Promise<ResponseVerdict> => {
    const copy = options.bound(response)
    try {
      return await adapter.classify(copy.response)
    } catch {
      return { type: "ok" }
    } finally {
      copy.release()
    }
  }

  return async (input, init) => {
    await options.ready()
    const request = new Request(input, init)
    let hasRefreshed = false
    const renew = async (session: Session<Credentials>) => {
      hasRefreshed = true
      await options.refresh()
      const after = options.getSnapshot()
      // A renewal that failed for a moment (network, timeout, 5xx, rate limit) leaves the session as it was: the
      // call fails with the reason, the session stays. Sending the stale credentials instead would have the server
      // refuse them, and a user who only needed a retry would be asked for the password.
      if (after.status === "signedIn" && after.session === session && after.error) throw after.error
    }
    // Bounded: a refresh, a retry after another tab's refresh, and the last try.
    for (let attempt = 0; attempt < 3; attempt++) {
      const session = usableSession()
      // Expired, and only the password renews it (the page slept through its re-authentication): the server
      // would refuse it, so the request is not sent.
      if (options.isExpired(session) && !options.canRefresh(session)) {
        await options.expire(session)
        throw fail("session_expired")
      }
      if (!hasRefreshed && options.isExpired(session)) {
        await renew(session)
        continue
      }
      const response = await options.send(adapter.authorize(request.clone(), session))
      const verdict = await classify(response)
      switch (verdict.type) {
        case "ok":
        case "rateLimited":
          return response
        case "revoked":
          await options.revoke(session)
          throw fail("session_revoked", response.status, verdict.serverMessage)
        case "expired": {
          const now = options.getSnapshot()
          if (now.status === "signedIn" && now.session !== session) continue
          if (!hasRefreshed && options.canRefresh(session)) {
            await renew(session)
            continue
          }
          await options.expire(session)
          throw fail("session_expired", response.status, verdict.serverMessage)
        }
        default:
          return verdict satisfies never
      }
    }
    throw fail("session_expired")
  }
}
