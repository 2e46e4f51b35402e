import type { AuthClient, SignInFlow, SignInFlowSnapshot, SignInInput } from "@latchkey/core"
import { generateTotp } from "@latchkey/emulators"
import { type BenchServer, benchClient, benchServer } from "./benchClient"
import type { Flow } from "./budgets"
import type { VendorScenario } from "./scenarios"

/** Resolves with the flow's snapshot once it no longer waits for the server (discovery, a single sign-on code). */
export function settled(flow: SignInFlow): Promise<SignInFlowSnapshot> {
  return new Promise((resolve) => {
    const check = () => {
      const { step } = flow.getSnapshot()
      if (step === "discovering" || step === "completing") return
      unsubscribe()
      resolve(flow.getSnapshot())
    }
    const unsubscribe = flow.subscribe(check)
    check()
  })
}

/** Signs in with a password through a whole flow; throws when it does not end signed in. */
export async function signInWithPassword(client: AuthClient, input: SignInInput): Promise<void> {
  const flow = client.signIn()
  await settled(flow)
  const snapshot = await flow.submit(input)
  flow.dispose()
  if (snapshot.step !== "done")
    throw new Error(
      `Sign-in ended at ${snapshot.step}: ${"error" in snapshot ? snapshot.error?.code : ""}`,
    )
}

/** What one flow cost: the requests the app sent, and whether it ended where it should. */
export interface FlowCount {
  readonly requests: number
  readonly ok: boolean
}

/** Requests per flow for one vendor, `undefined` for a flow the vendor does not have. */
export type FlowCounts = Readonly<Record<Flow, FlowCount | undefined>>

/** Counts the requests between two points of a run: `measure` runs, the door counts. */
async function counted(server: BenchServer, measure: () => Promise<boolean>): Promise<FlowCount> {
  const before = server.door.count()
  const ok = await measure()
  return { requests: server.door.count() - before, ok }
}

/** Signs Alice in on a fresh server; returns the server and her client. */
async function signedIn(scenario: VendorScenario, lifetimes = {}) {
  const server = benchServer(scenario, lifetimes)
  const { client, platform } = benchClient(server)
  await signInWithPassword(client, scenario.password)
  return { server, client, platform }
}

/**
 * Counts the requests the app sends in every flow the vendor has, each on a fresh emulator: discovery; password;
 * password and second factor; single sign-on (the browser's navigations are not the app's requests); refresh;
 * re-authentication once the session can no longer be renewed; sign-out.
 */
export async function flowRequests(scenario: VendorScenario): Promise<FlowCounts> {
  const discovery = await (async () => {
    const server = benchServer(scenario)
    const { client } = benchClient(server)
    return counted(server, async () => (await settled(client.signIn())).step === "start")
  })()

  const password = await (async () => {
    const server = benchServer(scenario)
    const { client } = benchClient(server)
    const flow = client.signIn()
    await settled(flow)
    return counted(server, async () => (await flow.submit(scenario.password)).step === "done")
  })()

  const secondFactor = await (async () => {
    const { secondFactor: factor } = scenario
    if (!factor) return undefined
    const server = benchServer(scenario)
    const { client } = benchClient(server)
    const flow = client.signIn()
    await settled(flow)
    return counted(server, async () => {
      const code = generateTotp(factor.totpSecret, server.clock.now())
      if (factor.inline) return (await flow.submit({ ...factor.input, code })).step === "done"
      if ((await flow.submit(factor.input)).step !== "secondFactor") return false
      return (await flow.submitCode(code)).step === "done"
    })
  })()

  const sso = await (async () => {
    const { sso: provider } = scenario
    if (!provider) return undefined
    const server = benchServer(scenario)
    const { client, platform } = benchClient(server)
    const flow = client.signIn()
    await settled(flow)
    return counted(server, async () => {
      await flow.startSso(provider.providerId)
      const landing = await provider.browse(server.emulator, platform.visited.at(-1) ?? "")
      platform.url = landing
      return (await settled(client.completeSso(landing))).step === "done"
    })
  })()

  const refresh = await (async () => {
    if (scenario.refreshPath === undefined) return undefined
    const { server, client } = await signedIn(scenario)
    return counted(server, async () => (await client.refresh()).status === "signedIn")
  })()

  const reauth = await (async () => {
    if (scenario.reauthAfter === undefined) return undefined
    // Lifetimes short enough that, hours later, nothing can renew the session: the user must sign in again.
    const lifetimes = { accessTokenTtlMs: 600_000, refreshTokenTtlMs: 1_200_000 }
    const { server, client } = await signedIn(scenario, lifetimes)
    if (scenario.reauthAfter === "lifetime") await server.clock.advance(7 * 3_600_000)
    else {
      server.clock.jump(3_600_000)
      await client.refresh()
    }
    if (client.getSnapshot().status !== "reauthRequired") return { requests: 0, ok: false }
    return counted(server, async () => {
      await signInWithPassword(client, scenario.password)
      return client.getSnapshot().status === "signedIn"
    })
  })()

  const signOut = await (async () => {
    const { server, client } = await signedIn(scenario)
    return counted(server, async () => {
      const result = await client.signOut()
      return result.error === undefined && client.getSnapshot().status === "signedOut"
    })
  })()

  return { discovery, password, secondFactor, sso, refresh, reauth, signOut }
}
