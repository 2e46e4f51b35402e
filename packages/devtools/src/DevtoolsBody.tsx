import type { AuthClient } from "@latchkey/core"
import { useId, useState } from "react"
import { recordOf } from "./clientRecord"
import { DevActions } from "./DevActions"
import type { LabelledClient } from "./devtoolsClients"
import { SessionFacts } from "./SessionFacts"
import { Timeline } from "./Timeline"
import { useClockNow } from "./useClockNow"
import { useDevtoolsState } from "./useDevtoolsState"

function ClientView({ client }: { client: AuthClient }) {
  const { snapshot, record } = useDevtoolsState(client)
  const memory = recordOf(client)
  const targets = [
    snapshot.session?.expiresAt ?? Number.NaN,
    client.devtools.renewsAt() ?? Number.NaN,
  ]
  const now = useClockNow(client.clock, targets)
  return (
    <>
      <SessionFacts client={client} snapshot={snapshot} events={record.events} now={now} />
      <DevActions
        client={client}
        snapshot={snapshot}
        record={memory}
        isOffline={record.isOffline}
      />
      <Timeline events={record.events} onClear={memory.clear} />
    </>
  )
}

/** The panel's content: a picker when there are several clients, then the chosen one's facts, actions and timeline. */
export function DevtoolsBody({ clients }: { clients: readonly LabelledClient[] }) {
  const pickerId = useId()
  const [chosen, setChosen] = useState<AuthClient | undefined>(undefined)
  const shown = clients.find((entry) => entry.client === chosen) ?? clients[0]
  if (!shown) return <p className="lkd-muted">No client: pass one as client or clients.</p>
  return (
    <div className="lkd-body">
      {clients.length > 1 ? (
        <div className="lkd-picker">
          <label htmlFor={pickerId}>Client</label>
          <select
            id={pickerId}
            className="lkd-select"
            value={clients.indexOf(shown)}
            onChange={(event) => setChosen(clients[Number(event.target.value)]?.client)}
          >
            {clients.map((entry, index) => (
              <option key={entry.label} value={index}>
                {entry.label}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <ClientView client={shown.client} />
    </div>
  )
}
