import type { AuthClient } from "@latchkey/core"
import type { ManualClock } from "@latchkey/core/testing"
import { LatchkeyProvider, SignIn, useSession } from "@latchkey/react"
import { QueryClient, QueryClientProvider } from "@tanstack/react-query"
import { act, render } from "@testing-library/react"
import userEvent from "@testing-library/user-event"
import { Profiler, type ReactNode } from "react"
import { benchClient, benchServer } from "./benchClient"
import { signInWithPassword } from "./flowRequests"
import type { VendorScenario } from "./scenarios"

/** React commits of the `<SignIn>` tree in each part of a password sign-in. */
export interface SignInRenders {
  readonly vendor: string
  /** First paint until the discovered form shows. */
  readonly discovery: number
  /** Typing the identifier and the password, key by key. */
  readonly typing: number
  readonly keystrokes: number
  /** Pressing Enter until the user is signed in. */
  readonly submit: number
  readonly total: number
  readonly signedIn: boolean
}

function providers(client: AuthClient) {
  const queryClient = new QueryClient()
  return ({ children }: { children?: ReactNode }) => (
    <QueryClientProvider client={queryClient}>
      <LatchkeyProvider client={client}>{children}</LatchkeyProvider>
    </QueryClientProvider>
  )
}

/**
 * Lets the app run until `done`: the manual clock's pending work, and a turn of the event loop for what WebCrypto
 * finishes on its thread pool (Cloudreve's emulator signs JWTs, Polario's client derives SCRAM keys).
 */
async function settle(clock: ManualClock, done: () => boolean): Promise<void> {
  for (let turn = 0; turn < 500 && !done(); turn++)
    await act(async () => {
      await clock.flush()
      await new Promise<void>((resolve) => setImmediate(resolve))
    })
  await act(() => clock.flush())
}

/**
 * Counts React commits of a drop-in `<SignIn>` (a `Profiler` around it) while Alice signs in with a password, typed
 * key by key, against the vendor's emulator.
 * @example
 * const { total } = await signInRenders(scenarioOf("matrix"))
 */
export async function signInRenders(scenario: VendorScenario): Promise<SignInRenders> {
  const server = benchServer(scenario)
  const { client } = benchClient(server)
  let commits = 0
  const user = userEvent.setup({ delay: null })
  const view = render(
    <Profiler
      id="SignIn"
      onRender={() => {
        commits += 1
      }}
    >
      <SignIn />
    </Profiler>,
    { wrapper: providers(client) },
  )
  const field = (autocomplete: string) =>
    view.container.querySelector<HTMLInputElement>(`input[autocomplete="${autocomplete}"]`)
  await settle(server.clock, () => field("current-password") !== null)
  const discovery = commits
  const identifier = field("username")
  const password = field("current-password")
  if (!identifier || !password) throw new Error(`${scenario.vendor}: no sign-in form`)
  await user.type(identifier, scenario.password.identifier)
  await user.type(password, scenario.password.password)
  const typing = commits - discovery
  await user.keyboard("{Enter}")
  await settle(server.clock, () => client.getSnapshot().status === "signedIn")
  const total = commits
  view.unmount()
  client.dispose()
  return {
    vendor: scenario.vendor,
    discovery,
    typing,
    keystrokes: scenario.password.identifier.length + scenario.password.password.length,
    submit: total - discovery - typing,
    total,
    signedIn: client.getSnapshot().status === "signedIn",
  }
}

/** Shows the signed-in user's name, and says each time it renders. */
function DisplayName({ onRender }: { onRender: () => void }) {
  onRender()
  return <span>{useSession((snapshot) => snapshot.session?.user.displayName)}</span>
}

/**
 * Renders of a `useSession((s) => s.session?.user.displayName)` consumer while the signed-in session is refreshed
 * `refreshes` times (counted after its first render): the name stays the same, so it should never render again.
 */
export async function selectingConsumerRenders(
  scenario: VendorScenario,
  refreshes: number,
): Promise<{ readonly vendor: string; readonly rerenders: number; readonly refreshed: number }> {
  const server = benchServer(scenario)
  const { client } = benchClient(server)
  await signInWithPassword(client, scenario.password)
  let renders = 0
  const view = render(
    <DisplayName
      onRender={() => {
        renders += 1
      }}
    />,
    { wrapper: providers(client) },
  )
  await act(() => server.clock.flush())
  const afterMount = renders
  let refreshed = 0
  for (let refresh = 0; refresh < refreshes; refresh++) {
    const before = client.getSnapshot().session?.credentials
    await act(async () => {
      await client.refresh()
    })
    if (client.getSnapshot().session?.credentials !== before) refreshed += 1
  }
  await act(() => server.clock.flush())
  view.unmount()
  client.dispose()
  return { vendor: scenario.vendor, rerenders: renders - afterMount, refreshed }
}
