import type { AuthClient } from "@latchkey/core"
import type { FilescomCredentials } from "@latchkey/core/filescom"
import { useSession } from "@latchkey/react"
import { useId } from "react"

/** The host of a URL, or the URL itself when it is not one. */
function hostOf(address: string): string {
  return URL.canParse(address) ? new URL(address).host : address
}

/** Files.com: where the session lives — the site's host, or the region's host a region mismatch moved it to. */
export function SessionHost({
  client,
  serverUrl,
}: {
  client: AuthClient<FilescomCredentials>
  serverUrl: string
}) {
  // Re-render with the session; its credentials are read from the typed client.
  const issuedAt = useSession((s) => s.session?.issuedAt)
  const headingId = useId()
  const baseUrl = client.getSnapshot().session?.credentials.baseUrl
  if (issuedAt === undefined || baseUrl === undefined) return null
  const site = hostOf(serverUrl)
  const host = hostOf(baseUrl)
  return (
    <section className="card" aria-labelledby={headingId} data-session-host={host}>
      <h2 id={headingId}>Where the session lives</h2>
      <p>
        <code className="break">{host}</code>
      </p>
      <p className="muted small">
        {host === site
          ? "The site's own host: no region mismatch on the way."
          : `Moved from ${site} by a region mismatch: the sign-in was retried once on this host, which now serves the session's calls and its sign-out.`}
      </p>
    </section>
  )
}
