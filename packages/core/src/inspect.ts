import type { AuthError } from "./authError"
import type { AuthSnapshot, AuthStatus } from "./authSnapshot"
import type { SessionUser } from "./session"
import type { SignInFlowStep } from "./signInFlowMachine"

/** A snapshot with the credentials left out: what an inspector may show. */
export interface SessionSummary {
  readonly status: AuthStatus
  readonly user: SessionUser | undefined
  readonly expiresAt: number | null | undefined
  readonly isRefreshing: boolean
  readonly error: AuthError | undefined
}

/** Summarises a snapshot for an inspector, without credentials. */
export function summarize(snapshot: AuthSnapshot): SessionSummary {
  const { status, session, isRefreshing, error } = snapshot
  return { status, user: session?.user, expiresAt: session?.expiresAt, isRefreshing, error }
}

/**
 * What a client reports to an inspector (devtools): state changes, sign-in flow steps and the requests behind them.
 * Never a secret.
 */
export type AuthEvent =
  | { readonly type: "state"; readonly at: number; readonly summary: SessionSummary }
  /** A sign-in flow moved to `step`; `error` is its last command's outcome (a refused password, a rate limit). */
  | {
      readonly type: "flow"
      readonly at: number
      readonly step: SignInFlowStep
      readonly error: AuthError | undefined
    }
  | {
      readonly type: "request"
      readonly at: number
      readonly method: string
      /** The address with every query value masked. */
      readonly url: string
      readonly status: number | undefined
      readonly durationMs: number
      readonly error: AuthError | undefined
    }
  | { readonly type: "storageFallback"; readonly at: number }

/** Masks every query value: callbacks and some vendors carry one-time tokens there. */
export function maskUrl(url: string): string {
  try {
    const parsed = new URL(url)
    for (const key of new Set(parsed.searchParams.keys())) parsed.searchParams.set(key, "…")
    return parsed.href
  } catch {
    return "(invalid address)"
  }
}
