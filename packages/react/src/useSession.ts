import type { AuthSnapshot } from "@latchkey/core"
import { hashKey } from "@tanstack/react-query"
import { useCallback, useMemo } from "react"
import { useLatchkey } from "./latchkeyContext"
import { sessionQueryKey } from "./queryKeys"
import { shallowEqual } from "./shallowEqual"
import { useSelectedStore } from "./useSelectedStore"

/** What the server renders, and what the first client render shows, so hydration matches. */
export const serverSessionSnapshot: AuthSnapshot = {
  status: "initializing",
  session: undefined,
  isRefreshing: false,
  error: undefined,
}

const getServerSnapshot = () => serverSessionSnapshot
const identity = (snapshot: AuthSnapshot): AuthSnapshot => snapshot

/**
 * The session snapshot, or the part `select` picks, from the query cache the provider keeps current;
 * with a selector the component re-renders only when the selected value changes (shallowly compared).
 * @example
 * const status = useSession((s) => s.status)
 * const name = useSession((s) => s.session?.user.displayName)
 */
export function useSession(): AuthSnapshot
export function useSession<Selected>(
  select: (snapshot: AuthSnapshot) => Selected,
  isEqual?: (a: Selected, b: Selected) => boolean,
): Selected
export function useSession(
  select: (snapshot: AuthSnapshot) => unknown = identity,
  isEqual: (a: unknown, b: unknown) => boolean = select === identity ? Object.is : shallowEqual,
): unknown {
  const { client, queryClient, scope } = useLatchkey("useSession")
  const key = useMemo(() => sessionQueryKey(scope), [scope])
  const subscribe = useCallback(
    (onChange: () => void) => {
      const hash = hashKey(key)
      return queryClient.getQueryCache().subscribe((event) => {
        if (event.query.queryHash === hash) onChange()
      })
    },
    [queryClient, key],
  )
  // Before the provider's first effect the cache is still empty: the client is the truth then.
  const getSnapshot = useCallback(
    () => queryClient.getQueryData<AuthSnapshot>(key) ?? client.getSnapshot(),
    [queryClient, key, client],
  )
  return useSelectedStore(subscribe, getSnapshot, getServerSnapshot, select, isEqual)
}
