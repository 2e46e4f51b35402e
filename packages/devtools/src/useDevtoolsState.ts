import type { AuthClient, AuthSnapshot } from "@latchkey/core"
import { useSyncExternalStore } from "react"
import { type ClientRecordSnapshot, recordOf } from "./clientRecord"

/** What one panel shows of one client, read anew on each of its changes. */
export interface DevtoolsState {
  readonly snapshot: AuthSnapshot
  readonly record: ClientRecordSnapshot
}

/** The client's session and the devtools' record of it; re-renders on every change of either. */
export function useDevtoolsState(client: AuthClient): DevtoolsState {
  const record = recordOf(client)
  const snapshot = useSyncExternalStore(client.subscribe, client.getSnapshot, client.getSnapshot)
  const recorded = useSyncExternalStore(record.subscribe, record.getSnapshot, record.getSnapshot)
  return { snapshot, record: recorded }
}
