import type { AuthClient, AuthSnapshot, Clock } from "@latchkey/core"
import { QueryClientContext } from "@tanstack/react-query"
import { type ReactNode, useContext, useEffect, useMemo } from "react"
import { LatchkeyContext, type LatchkeyContextValue } from "./latchkeyContext"
import { englishMessages, type Messages } from "./messages"
import { sessionQueryKey, userQueryKey } from "./queryKeys"

/** Props of `<LatchkeyProvider>`. */
export interface LatchkeyProviderProps {
  /** The client from `createAuthClient`. */
  client: AuthClient
  /** Prefix of this provider's query keys; defaults to the vendor's name. Set it when an app has two clients of one vendor. */
  scope?: string | undefined
  /** The texts of every form below; defaults to English. */
  messages?: Messages | undefined
  /** Time for countdowns; the client's own clock by default, so countdowns agree with the engine's times. */
  clock?: Clock | undefined
  children?: ReactNode
}

const userIdOf = (snapshot: AuthSnapshot): string | undefined => snapshot.session?.user.id

/**
 * Makes a Latchkey client available to the hooks and forms below; it must sit inside the app's own `QueryClientProvider`.
 * @example
 * <QueryClientProvider client={queryClient}>
 *   <LatchkeyProvider client={client}>
 *     <App />
 *   </LatchkeyProvider>
 * </QueryClientProvider>
 */
export function LatchkeyProvider({
  client,
  scope,
  messages,
  clock,
  children,
}: LatchkeyProviderProps) {
  const queryClient = useContext(QueryClientContext)
  if (!queryClient) {
    throw new Error(
      "<LatchkeyProvider> needs a QueryClientProvider above it: wrap it in <QueryClientProvider client={queryClient}>.",
    )
  }
  const resolvedScope = scope ?? client.adapter.vendor

  // The session lives in the query cache (devtools, `getQueryData`), written by the client's subscription only.
  useEffect(() => {
    const key = sessionQueryKey(resolvedScope)
    queryClient.setQueryDefaults(key, {
      queryFn: () => client.getSnapshot(),
      staleTime: Number.POSITIVE_INFINITY,
      gcTime: Number.POSITIVE_INFINITY,
    })
    let userId = userIdOf(client.getSnapshot())
    const sync = () => {
      const snapshot = client.getSnapshot()
      queryClient.setQueryData(key, snapshot)
      const nextUserId = userIdOf(snapshot)
      // Signed out (here or in another tab) or someone else signed in: the old user's data must not show.
      if (userId !== undefined && nextUserId !== userId)
        queryClient.removeQueries({ queryKey: userQueryKey(resolvedScope, userId) })
      userId = nextUserId
    }
    sync()
    return client.subscribe(sync)
  }, [client, queryClient, resolvedScope])

  const value = useMemo<LatchkeyContextValue>(
    () => ({
      client,
      queryClient,
      scope: resolvedScope,
      clock: clock ?? client.clock,
      messages: messages ?? englishMessages,
    }),
    [client, queryClient, resolvedScope, clock, messages],
  )
  return <LatchkeyContext.Provider value={value}>{children}</LatchkeyContext.Provider>
}
