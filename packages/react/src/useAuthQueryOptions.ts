import { queryOptions, type UseQueryOptions } from "@tanstack/react-query"
import { useLatchkey } from "./latchkeyContext"
import { userQueryKey } from "./queryKeys"
import { type AuthFetch, useAuthFetch } from "./useAuthFetch"
import { useSession } from "./useSession"

/**
 * React Query options for an app's own authenticated call: the key is scoped to the signed-in user (so one
 * user never sees another's cached data, and sign-out forgets it) and the query runs only while signed in.
 * The return type is spelled out so the published declarations name only types every React Query 5 has.
 * @example
 * const files = useQuery(useAuthQueryOptions(["files"], (authFetch, { signal }) =>
 *   authFetch("/api/files", { signal }).then((response) => response.json())))
 */
export function useAuthQueryOptions<Data>(
  queryKey: readonly unknown[],
  request: (authFetch: AuthFetch, context: { signal: AbortSignal }) => Promise<Data>,
): UseQueryOptions<Data, Error, Data, unknown[]> {
  const { scope } = useLatchkey("useAuthQueryOptions")
  const authFetch = useAuthFetch()
  const userId = useSession((s) => s.session?.user.id)
  const isSignedIn = useSession((s) => s.status === "signedIn")
  return queryOptions({
    queryKey: [...userQueryKey(scope, userId ?? ""), ...queryKey],
    queryFn: ({ signal }) => request(authFetch, { signal }),
    enabled: isSignedIn,
  })
}
