import type { AuthErrorCode } from "../authError"
import type { Fault } from "../testing/faultyFetch"
import type { Rig } from "./faultRig"

/** Every path of a vendor the suite runs under each fault. */
export type FaultPath =
  | "discovery"
  | "signIn"
  | "secondFactor"
  | "ssoCompletion"
  | "refresh"
  | "reauth"
  | "signOut"
  | "authenticatedCall"
  /** An authenticated call after the laptop slept past expiry: renewed first, then sent. */
  | "expiredCall"
  /** A helper of the vendor's entry that makes the app's own calls and reads their answers itself. */
  | "vendorHelper"

/** What a path should end with under a fault: a typed error of this code, or its normal result. */
export type Expected = { readonly code: AuthErrorCode } | "succeeds"

export interface Person {
  readonly identifier: string
  readonly password: string
}

/** How one vendor is driven through each path, against its emulator. */
export interface VendorFaultSpec<Credentials> {
  rig(): Rig<Credentials>
  /** Someone who signs in with a password alone. */
  readonly person: Person
  /** Someone with a second factor, and the code valid at `now`. */
  readonly secondFactor?: { readonly person: Person; code(now: number): string } | undefined
  /** Follows the browser from `redirect` through the identity provider; the address it comes back to. */
  ssoLanding?(rig: Rig<Credentials>, redirect: string): Promise<string>
  readonly ssoProvider?: string | undefined
  /** Brings the signed-in session to the point where only the password renews it. */
  requireReauth?(rig: Rig<Credentials>): Promise<void>
  /**
   * Runs the vendor's helper for apps on the signed-in client (Matrix's login-token creation, SFTPGo's reading of
   * an answer), rejecting with the error it reports.
   */
  vendorHelper?(rig: Rig<Credentials>): Promise<void>
  /** An address of the vendor's API that needs the session. */
  readonly protectedUrl: string
  /** The paths whose successful answer the adapter does not read (it looks at the status alone). */
  readonly unreadBodies?: readonly FaultPath[] | undefined
  /** Where the vendor's meaning differs from the shared reading, by path and fault name. */
  readonly expectations?: Partial<Record<FaultPath, Record<string, Expected>>> | undefined
}

/** The paths a vendor has, from its adapter's capabilities and what its spec can drive. */
export function pathsOf<Credentials>(
  spec: VendorFaultSpec<Credentials>,
  adapter: Rig<Credentials>["adapter"],
): FaultPath[] {
  const { capabilities } = adapter
  const paths: FaultPath[] = ["discovery", "signIn"]
  if (spec.secondFactor) paths.push("secondFactor")
  if (capabilities.sso !== "none" && spec.ssoLanding) paths.push("ssoCompletion")
  if (capabilities.refresh === "token") paths.push("refresh", "expiredCall")
  if (spec.requireReauth) paths.push("reauth")
  paths.push("signOut", "authenticatedCall")
  if (spec.vendorHelper) paths.push("vendorHelper")
  return paths
}

/** Clock time within which every path settles, whatever the fault: retries and their waits included. */
export const boundsMs: Record<FaultPath, number> = {
  discovery: 60_000,
  signIn: 60_000,
  secondFactor: 60_000,
  ssoCompletion: 60_000,
  reauth: 60_000,
  signOut: 30_000,
  // Five attempts, each waiting out a timeout or a 30 s Retry-After.
  refresh: 5 * 30_000 + 30_000,
  authenticatedCall: 60_000,
  // A refresh with its retries, then the call.
  expiredCall: 5 * 30_000 + 60_000,
  // A few calls, each with its verdict and its answer read within the timeout.
  vendorHelper: 3 * 45_000,
}

/** Errors after which the sign-in flow keeps a second-factor challenge open. */
export const keepsChallenge: readonly AuthErrorCode[] = [
  "invalid_second_factor",
  "invalid_input",
  "rate_limited",
  "network",
  "timeout",
  "server",
  "invalid_response",
]

/** The reading every vendor shares of a fault on a path. */
export function sharedExpectation(path: FaultPath, fault: Fault, readsBody: boolean): Expected {
  const invalid = { code: "invalid_response" } as const
  if (path === "expiredCall") {
    // The renewal fails first, and the call with its reason; a renewal that succeeds leaves the call to the app.
    const renewal = sharedExpectation("refresh", fault, true)
    return renewal === "succeeds" ? sharedExpectation("authenticatedCall", fault, true) : renewal
  }
  if (path === "authenticatedCall") {
    // The app's own answer is the app's: only a request that never got one fails.
    switch (fault.type) {
      case "hangBeforeHeaders":
        return { code: "timeout" }
      case "redirectLoop":
      case "connectionFailure":
        return { code: "network" }
      default:
        return "succeeds"
    }
  }
  switch (fault.type) {
    case "htmlPage":
      return fault.status >= 500 ? { code: "server" } : readsBody ? invalid : "succeeds"
    case "truncatedJson":
    case "wrongShapeJson":
    case "emptyBody":
    case "hugeBody":
      return readsBody ? invalid : "succeeds"
    case "replayedAnswer":
      // A re-authentication replayed the sign-in's answer: a well-formed, stale session (found out at first use).
      return readsBody && path !== "reauth" ? invalid : "succeeds"
    case "serverError":
      return { code: "server" }
    case "rateLimited":
      return { code: "rate_limited" }
    case "redirectLoop":
    case "connectionFailure":
      return { code: "network" }
    case "hangBeforeHeaders":
      return { code: "timeout" }
    case "stallMidBody":
      return readsBody ? { code: "timeout" } : "succeeds"
    case "erroringBody":
      return readsBody ? { code: "network" } : "succeeds"
    case "duplicateRequest":
      return "succeeds"
    default:
      return fault satisfies never
  }
}

/** Faults whose request the server handled: what it consumed (a code, a one-time token) is gone. */
export const reachesServer = new Set<Fault["type"]>([
  "truncatedJson",
  "stallMidBody",
  "erroringBody",
  "duplicateRequest",
  "replayedAnswer",
])
