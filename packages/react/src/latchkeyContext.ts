import type { AuthClient, Clock } from "@latchkey/core"
import type { QueryClient } from "@tanstack/react-query"
import { createContext, useContext } from "react"
import type { Messages } from "./messages"

/** What `<LatchkeyProvider>` hands to every hook below it. */
export interface LatchkeyContextValue {
  readonly client: AuthClient
  readonly queryClient: QueryClient
  /** Prefix of every query key this provider owns (the session, the user-scoped queries). */
  readonly scope: string
  readonly clock: Clock
  readonly messages: Messages
}

export const LatchkeyContext = createContext<LatchkeyContextValue | null>(null)

/** The provider's value, or a clear error naming the hook that was used outside it. */
export function useLatchkey(hookName: string): LatchkeyContextValue {
  const value = useContext(LatchkeyContext)
  if (!value) {
    throw new Error(
      `${hookName} must be used inside <LatchkeyProvider client={…}>: wrap your app (inside its QueryClientProvider) in one.`,
    )
  }
  return value
}
