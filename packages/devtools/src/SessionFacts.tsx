import type { AuthClient, AuthEvent, AuthSnapshot } from "@latchkey/core"
import type { LoggedEvent } from "./clientRecord"
import { ErrorDetails } from "./ErrorDetails"
import { formatDuration } from "./formatting"

type FlowEvent = Extract<AuthEvent, { type: "flow" }>

function latestFlowEvent(events: readonly LoggedEvent[]): FlowEvent | undefined {
  for (let index = events.length - 1; index >= 0; index--) {
    const event = events[index]?.event
    if (event?.type === "flow") return event
  }
  return undefined
}

function accessExpiry(snapshot: AuthSnapshot, now: number): string {
  const expiresAt = snapshot.session?.expiresAt
  if (expiresAt === undefined) return "—"
  if (expiresAt === null) return "does not expire"
  return now >= expiresAt ? "expired" : `expires in ${formatDuration(expiresAt - now)}`
}

function nextRenewal(client: AuthClient, snapshot: AuthSnapshot, now: number): string {
  if (snapshot.status !== "signedIn") return "—"
  if (snapshot.isRefreshing) return "refreshing now"
  const at = client.devtools.renewsAt()
  if (at === undefined || at === Number.POSITIVE_INFINITY)
    return "none: the session does not expire"
  // As the engine decides when it falls due: renew silently where it can, else ask for the password.
  const refreshes =
    snapshot.session.isRefreshable && client.adapter.capabilities.refresh === "token"
  return `${refreshes ? "refresh" : "password again"} in ${formatDuration(at - now)}`
}

/** The client as it stands: status, user, the expiry and renewal countdowns, the tab's role and the flow's step. */
export function SessionFacts({
  client,
  snapshot,
  events,
  now,
}: {
  client: AuthClient
  snapshot: AuthSnapshot
  events: readonly LoggedEvent[]
  now: number
}) {
  const { user } = snapshot.session ?? {}
  const step = client.devtools.flowStep()
  const flowEvent = latestFlowEvent(events)
  const flowError = step !== undefined && flowEvent?.step === step ? flowEvent.error : undefined
  const isLeader = client.devtools.isLeader()
  return (
    <dl className="lkd-facts">
      <div>
        <dt>Status</dt>
        <dd>
          <span className="lkd-pill" data-status={snapshot.status}>
            {snapshot.status}
          </span>
          {snapshot.isRefreshing ? <span className="lkd-muted"> refreshing…</span> : null}
        </dd>
      </div>
      <div>
        <dt>User</dt>
        <dd>
          {user ? (
            <>
              {user.displayName ?? user.id}
              {user.displayName ? <span className="lkd-muted"> {user.id}</span> : null}
              {user.email && user.email !== user.id ? (
                <span className="lkd-muted"> · {user.email}</span>
              ) : null}
            </>
          ) : (
            "—"
          )}
        </dd>
      </div>
      <div>
        <dt>Access token</dt>
        <dd>{accessExpiry(snapshot, now)}</dd>
      </div>
      <div>
        <dt>Next renewal</dt>
        <dd>{nextRenewal(client, snapshot, now)}</dd>
      </div>
      <div>
        <dt>This tab</dt>
        <dd>{isLeader ? "leads renewals" : "follows: renews only at expiry"}</dd>
      </div>
      <div>
        <dt>Sign-in flow</dt>
        <dd>
          {step ?? "none"}
          {flowError ? (
            <>
              {" · "}
              <ErrorDetails error={flowError} />
            </>
          ) : null}
        </dd>
      </div>
      <div>
        <dt>Error</dt>
        <dd>{snapshot.error ? <ErrorDetails error={snapshot.error} /> : "none"}</dd>
      </div>
    </dl>
  )
}
