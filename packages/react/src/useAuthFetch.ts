import { useCallback } from "react"
import { useLatchkey } from "./latchkeyContext"

/** An authenticated `fetch`. */
export type AuthFetch = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>

/**
 * The client's authenticated `fetch` (credentials attached, one refresh and retry on expiry), stable across renders.
 * @example
 * const authFetch = useAuthFetch()
 * const response = await authFetch("/api/files")
 */
export function useAuthFetch(): AuthFetch {
  const { client } = useLatchkey("useAuthFetch")
  return useCallback((input, init) => client.fetch(input, init), [client])
}
