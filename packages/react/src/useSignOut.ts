import type { AuthError, SignOutResult } from "@latchkey/core"
import { type UseMutationResult, useMutation } from "@tanstack/react-query"
import { useLatchkey } from "./latchkeyContext"
import { usersQueryKey } from "./queryKeys"

/** What `signOut.mutate` takes: `everywhere` ends every session of the user where the vendor can. */
export interface SignOutVariables {
  everywhere?: boolean | undefined
}

// biome-ignore lint/suspicious/noConfusingVoidType: `void` is what lets `signOut.mutate()` be called without arguments.
type SignOutVariablesOrNone = SignOutVariables | void

/**
 * A mutation that signs out and forgets every user-scoped query; its data may carry a `followUpUrl` to visit
 * (the end of a single sign-on session).
 * @example
 * const signOut = useSignOut()
 * <button onClick={() => signOut.mutate({ everywhere: true })} disabled={signOut.isPending}>Sign out everywhere</button>
 */
export function useSignOut(): UseMutationResult<SignOutResult, AuthError, SignOutVariablesOrNone> {
  const { client, queryClient, scope } = useLatchkey("useSignOut")
  return useMutation<SignOutResult, AuthError, SignOutVariablesOrNone>({
    mutationFn: (variables) => client.signOut({ everywhere: variables?.everywhere ?? false }),
    onSettled: () => queryClient.removeQueries({ queryKey: usersQueryKey(scope) }),
  })
}
