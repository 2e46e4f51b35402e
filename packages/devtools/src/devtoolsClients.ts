import type { AuthClient } from "@latchkey/core"

/** A client for the devtools to list: the client alone (named after its vendor), or with a name of your own. */
export type DevtoolsClient = AuthClient | { readonly client: AuthClient; readonly label: string }

/** A client with the name the picker shows. */
export interface LabelledClient {
  readonly client: AuthClient
  readonly label: string
}

/** The clients of `client` and `clients`, once each, named; two of one name (two of one vendor, say) are numbered. */
export function labelClients(
  client: AuthClient | undefined,
  clients: readonly DevtoolsClient[] = [],
): readonly LabelledClient[] {
  const entries = [...(client ? [client] : []), ...clients].map((entry) =>
    "client" in entry ? entry : { client: entry, label: entry.adapter.vendor },
  )
  const unique = entries.filter(
    (entry, index) => entries.findIndex((other) => other.client === entry.client) === index,
  )
  const seen = new Map<string, number>()
  return unique.map((entry) => {
    const count = (seen.get(entry.label) ?? 0) + 1
    seen.set(entry.label, count)
    return count === 1 ? entry : { client: entry.client, label: `${entry.label} ${count}` }
  })
}
