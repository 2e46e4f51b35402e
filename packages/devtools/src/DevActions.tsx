import type { AuthClient, AuthSnapshot } from "@latchkey/core"
import { useId } from "react"
import type { ClientRecord } from "./clientRecord"

/**
 * What a developer does to the client to watch it react, grouped and marked as development actions: refresh now,
 * expire the access token in this tab, cut this client off the network, sign out.
 */
export function DevActions({
  client,
  snapshot,
  record,
  isOffline,
}: {
  client: AuthClient
  snapshot: AuthSnapshot
  record: ClientRecord
  isOffline: boolean
}) {
  const headingId = useId()
  const noteId = useId()
  const isSignedIn = snapshot.status === "signedIn"
  const canRefresh =
    isSignedIn && snapshot.session.isRefreshable && client.adapter.capabilities.refresh === "token"
  const action = { className: "lkd-button lkd-dev", "aria-describedby": noteId } as const
  return (
    <section className="lkd-section lkd-actions" aria-labelledby={headingId}>
      <h3 id={headingId} className="lkd-subheading">
        <span className="lkd-dev-badge">dev</span> Development actions
      </h3>
      <p id={noteId} className="lkd-muted">
        Development action: changes this tab's client so you can watch what it does.
      </p>
      <div className="lkd-buttons">
        <button
          type="button"
          {...action}
          disabled={!canRefresh || snapshot.isRefreshing}
          onClick={() => void client.refresh().catch(() => undefined)}
        >
          Refresh now
        </button>
        <button
          type="button"
          {...action}
          disabled={!isSignedIn || snapshot.isRefreshing}
          onClick={() => client.devtools.expire()}
        >
          Expire access token
        </button>
        <button
          type="button"
          {...action}
          aria-pressed={isOffline}
          onClick={() => record.setOffline(!isOffline)}
        >
          Offline
        </button>
        <button
          type="button"
          {...action}
          disabled={snapshot.status !== "signedIn" && snapshot.status !== "reauthRequired"}
          onClick={() => void client.signOut().catch(() => undefined)}
        >
          Sign out
        </button>
      </div>
    </section>
  )
}
