import { nextRenewal, type SignOutResult } from "@latchkey/core"
import { useSession, useSignOut } from "@latchkey/react"
import { useEffect, useRef } from "react"
import { Avatar } from "./Avatar"
import { formatDuration } from "./formatDuration"
import { ProtectedCall } from "./ProtectedCall"
import { useNow } from "./useNow"
import type { LiveConnection } from "./vendorConnections"
import type { VendorEntry } from "./vendors"

/**
 * The signed-in session: who, when the token expires, what the client does next, a protected call, sign-out,
 * and a refresh on demand where the vendor renews tokens.
 */
export function SessionPanel({
  vendor,
  connection,
  onSignedOut,
}: {
  vendor: VendorEntry
  connection: LiveConnection
  /** Told what the server said; the panel itself is gone by then. */
  onSignedOut: (result: SignOutResult) => void
}) {
  const snapshot = useSession()
  const signOut = useSignOut()
  const heading = useRef<HTMLHeadingElement>(null)
  const isSignedIn = snapshot.status === "signedIn"
  // The sign-in form this panel replaces held the focus: hand it to the session, not to the page's start.
  useEffect(() => {
    if (isSignedIn && document.activeElement === document.body) heading.current?.focus()
  }, [isSignedIn])
  const now = useNow(1000)
  if (snapshot.status !== "signedIn") return null
  const { session, isRefreshing } = snapshot
  const { user } = session
  // The demo person behind the account, for the same initials as in the accounts list ("AL", not "A").
  const person = vendor.accounts.find(
    (account) => account.identifier === user.id || account.identifier === user.email,
  )?.person
  // A second line only where it adds something: the ID under a display name, else the e-mail. An id that is
  // neither a name nor an address (Cloudreve's "ngNa") means nothing to the person.
  const subtitle = user.email ?? (user.displayName ? user.id : undefined)
  const next = nextRenewal(session)
  const { signOutEverywhere: canSignOutEverywhere, refresh } =
    connection.client.adapter.capabilities
  return (
    <section
      className="card session"
      aria-labelledby="session-heading"
      data-session="signed-in"
      data-expires-at={session.expiresAt ?? undefined}
    >
      <div className="session-head" data-user-id={user.id}>
        <Avatar name={person?.displayName ?? user.displayName ?? user.id} />
        <div>
          <h2 id="session-heading" ref={heading} tabIndex={-1}>
            {user.displayName ?? user.id}
          </h2>
          {subtitle && subtitle !== (user.displayName ?? user.id) ? (
            <p className="muted small break">{subtitle}</p>
          ) : null}
        </div>
        <span className="pill success">Signed in</span>
      </div>
      <dl className="facts">
        <div>
          <dt>Access token</dt>
          <dd data-expiry>
            {session.expiresAt === null
              ? "Does not expire"
              : now >= session.expiresAt
                ? "Expired"
                : `Expires in ${formatDuration(session.expiresAt - now)}`}
          </dd>
        </div>
        <div>
          <dt>Next</dt>
          <dd data-next={isRefreshing ? "refreshing" : (next?.type ?? "none")}>
            {isRefreshing
              ? "Refreshing now…"
              : next === undefined
                ? "Nothing: the session lasts until sign-out"
                : next.type === "refresh"
                  ? `Refresh in ${formatDuration(next.at - now)}`
                  : `Password again in ${formatDuration(next.at - now)}`}
          </dd>
        </div>
        <div>
          <dt>Server</dt>
          <dd className="break">
            {connection.isEmulator ? `${vendor.name} emulator` : connection.serverUrl}
          </dd>
        </div>
      </dl>
      <ProtectedCall
        url={connection.protectedCallUrl()}
        label={vendor.protectedCallLabel}
        note={vendor.protectedCallNote}
      />
      <div className="actions">
        <button
          type="button"
          className="button"
          disabled={signOut.isPending}
          onClick={() => void signOut.mutateAsync({ everywhere: false }).then(onSignedOut)}
        >
          Sign out
        </button>
        {canSignOutEverywhere ? (
          <button
            type="button"
            className="button secondary"
            disabled={signOut.isPending}
            onClick={() => void signOut.mutateAsync({ everywhere: true }).then(onSignedOut)}
          >
            Sign out everywhere
          </button>
        ) : null}
        {refresh === "token" ? (
          <button
            type="button"
            className="button secondary"
            disabled={isRefreshing}
            onClick={() => void connection.client.refresh().catch(() => undefined)}
          >
            Refresh now
          </button>
        ) : null}
      </div>
    </section>
  )
}
