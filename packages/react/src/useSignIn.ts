import {
  AuthError,
  type SignInFlow,
  type SignInFlowSnapshot,
  type SignInInput,
} from "@latchkey/core"
import { useCallback, useMemo, useState, useSyncExternalStore } from "react"
import { createFlowHolder } from "./flowHolder"
import { useLatchkey } from "./latchkeyContext"
import { createSignInEpisodes, unknownEpisode } from "./signInEpisodes"

/** The sign-in flow's snapshot and its commands, as `useSignIn` returns them. */
export interface SignInController {
  /** Where the flow stands: a union on `step`. */
  readonly snapshot: SignInFlowSnapshot
  submit(input: SignInInput): Promise<SignInFlowSnapshot>
  /** Signs in with a one-time login token made on another device (vendors with the `loginToken` capability). */
  submitLoginToken(token: string): Promise<SignInFlowSnapshot>
  submitCode(code: string): Promise<SignInFlowSnapshot>
  selectMethod(methodId: string): Promise<SignInFlowSnapshot>
  resendCode(): Promise<SignInFlowSnapshot>
  reloadCaptcha(): Promise<SignInFlowSnapshot>
  startSso(providerId?: string): Promise<SignInFlowSnapshot>
  /** Discovers the options again, optionally from another server (the server field). */
  discover(server?: string): Promise<SignInFlowSnapshot>
  /** Back to the start ("use another account"). */
  cancel(): Promise<SignInFlowSnapshot>
  /** Throws this flow away and starts a fresh one (after a sign-out, say). */
  restart(): void
}

/** Options of `useSignIn`. */
export interface UseSignInOptions {
  /** The server to discover first, when the vendor asks for one. */
  server?: string | undefined
}

const noSubscription = () => () => {}
const getUnknownEpisode = () => unknownEpisode

/**
 * Starts a sign-in flow for the provider's client and follows it; while the session needs re-authentication,
 * the flow re-authenticates the same user. The flow starts once (also under StrictMode) and ends on unmount.
 * @example
 * const signIn = useSignIn()
 * if (signIn.snapshot.step === "start") await signIn.submit({ identifier, password })
 */
export function useSignIn({ server }: UseSignInOptions = {}): SignInController {
  const { client } = useLatchkey("useSignIn")
  const [generation, setGeneration] = useState(0)
  const episodes = useMemo(() => createSignInEpisodes(client), [client])
  const episode = useSyncExternalStore(episodes.subscribe, episodes.getSnapshot, getUnknownEpisode)

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new episode or `restart()` (generation) means a new flow.
  const holder = useMemo(
    () =>
      episode.key === undefined
        ? undefined
        : createFlowHolder(() => client.signIn({ server }), {
            disposeWhenUnwatched: true,
            clock: client.platform.clock,
          }),
    [client, server, episode.key, generation],
  )

  const placeholder = useMemo<SignInFlowSnapshot>(
    () => ({ step: "discovering", reauthUser: episode.reauthUser, options: undefined }),
    [episode.reauthUser],
  )
  const snapshot = useSyncExternalStore(
    holder?.subscribe ?? noSubscription,
    () => holder?.getSnapshot() ?? placeholder,
    () => placeholder,
  )

  const restart = useCallback(() => setGeneration((value) => value + 1), [])
  return useMemo(() => {
    const run = (command: (flow: SignInFlow) => Promise<SignInFlowSnapshot>) => {
      const flow = holder?.current()
      return flow
        ? command(flow)
        : Promise.reject(new AuthError("invalid_step", { vendor: client.adapter.vendor }))
    }
    return {
      snapshot,
      submit: (input) => run((flow) => flow.submit(input)),
      submitLoginToken: (token) => run((flow) => flow.submitLoginToken(token)),
      submitCode: (code) => run((flow) => flow.submitCode(code)),
      selectMethod: (methodId) => run((flow) => flow.selectMethod(methodId)),
      resendCode: () => run((flow) => flow.resendCode()),
      reloadCaptcha: () => run((flow) => flow.reloadCaptcha()),
      startSso: (providerId) => run((flow) => flow.startSso(providerId)),
      discover: (nextServer) => run((flow) => flow.discover(nextServer)),
      cancel: () => run((flow) => flow.cancel()),
      restart,
    }
  }, [snapshot, holder, client, restart])
}
