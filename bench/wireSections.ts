import { type Flow, fanInBudget, flows, protocolMinimum, tabsBudget } from "./budgets"
import { type FanInResult, fanIn } from "./fanIn"
import { flowRequests } from "./flowRequests"
import { matrixJsSdkFanIn } from "./matrixJsSdk"
import { ms, type Section } from "./report"
import { scenarioOf, scenarios } from "./scenarios"
import { median } from "./timing"

const flowNames: Readonly<Record<Flow, string>> = {
  discovery: "discovery",
  password: "password",
  secondFactor: "+ second factor",
  sso: "single sign-on",
  refresh: "refresh",
  reauth: "re-auth",
  signOut: "sign-out",
}

/** Requests per flow for every vendor, beside the protocol's minimum. */
export async function requestsSection(): Promise<Section> {
  const rows = []
  for (const scenario of scenarios) {
    const counts = await flowRequests(scenario)
    const minimum = protocolMinimum[scenario.vendor]
    const cells = flows.map((flow) => {
      const count = counts[flow]
      const least = minimum[flow]
      if (count === undefined) return "—"
      if (!count.ok) return `${count.requests} FAILED`
      return `${count.requests}${count.requests === least ? "" : ` (min ${least ?? "?"})`}`
    })
    const atMinimum = flows.every((flow) => counts[flow]?.requests === minimum[flow])
    rows.push([scenario.vendor, ...cells, atMinimum ? "yes" : "NO"])
  }
  return {
    title: "Requests per flow",
    notes: [
      "Requests the app sent, counted at the emulator's door (the browser's navigations during single sign-on",
      "are not the app's). A number alone equals the protocol's minimum (bench/budgets.ts says which requests",
      "those are); `—` is a flow the vendor does not have. Re-authentication includes its own discovery.",
    ],
    columns: ["vendor", ...flows.map((flow) => flowNames[flow]), "all at minimum"],
    rows,
  }
}

/** Runs `measure` `runs` times and keeps the last counts with the median wall time. */
async function medianOf<Result extends { readonly wallMs: number }>(
  runs: number,
  measure: () => Promise<Result>,
): Promise<Result> {
  const results: Result[] = []
  for (let run = 0; run < runs; run++) results.push(await measure())
  const last = results.at(-1)
  if (!last) throw new Error("No run")
  return { ...last, wallMs: median(results.map((result) => result.wallMs)) }
}

const refreshCell = (result: FanInResult) =>
  result.refreshRequests === undefined ? "— (no refresh)" : result.refreshRequests

/** Refresh requests when 10, 100 and 1000 calls find the token expired, one client per vendor. */
export async function fanInSection(runs: number): Promise<Section> {
  const rows = []
  for (const scenario of scenarios)
    for (const calls of [10, 100, fanInBudget.calls]) {
      const result = await medianOf(runs, () => fanIn(scenario, { calls }))
      rows.push([
        scenario.vendor,
        calls,
        refreshCell(result),
        result.requests,
        result.answered200,
        ms(result.wallMs),
      ])
    }
  return {
    title: "Refresh fan-in: concurrent calls on an expired token",
    notes: [
      "The access token expired an hour ago without any timer firing (a laptop's sleep); every call goes out at",
      "once through client.fetch. Zero-latency in-process emulators; wall time from the first call to the last",
      `answer, median of ${runs}. Files.com and SFTPGo have no refresh: their calls are answered 401 and the`,
      "user is asked for the password again.",
    ],
    columns: ["vendor", "calls", "refresh requests", "requests", "answered 200", "wall time"],
    rows,
  }
}

/** Refresh requests when tabs (clients sharing locks, broadcast and storage) find the token expired together. */
export async function tabsSection(): Promise<Section> {
  const rows = []
  for (const scenario of scenarios.filter((candidate) => candidate.refreshPath !== undefined))
    for (const tabs of tabsBudget.tabs) {
      const result = await fanIn(scenario, { calls: fanInBudget.calls, tabs })
      rows.push([
        scenario.vendor,
        tabs,
        result.calls,
        refreshCell(result),
        result.answered200,
        ms(result.wallMs),
      ])
    }
  return {
    title: "Refresh fan-in across tabs",
    notes: [
      "Tabs are clients sharing Web Locks, a BroadcastChannel and localStorage (in-memory stand-ins); the calls",
      "are spread over the tabs round-robin.",
    ],
    columns: ["vendor", "tabs", "calls", "refresh requests", "answered 200", "wall time"],
    rows,
  }
}

/** matrix-js-sdk against the same Matrix emulator, beside Latchkey's Matrix client. */
export async function matrixJsSdkSection(runs: number): Promise<Section> {
  const rows = []
  for (const calls of [10, 100, fanInBudget.calls]) {
    const ours = await medianOf(runs, () => fanIn(scenarioOf("matrix"), { calls }))
    rows.push([
      "Latchkey /matrix",
      calls,
      ours.refreshRequests ?? 0,
      ours.requests,
      ours.answered200,
      0,
      ms(ours.wallMs),
    ])
    for (const session of ["passwordLogin", "oauth"] as const) {
      const sdk = await medianOf(runs, () => matrixJsSdkFanIn({ calls, session }))
      rows.push([
        session === "oauth"
          ? "matrix-js-sdk, OAuth 2.0 refresher"
          : "matrix-js-sdk, password login",
        calls,
        sdk.refreshRequests,
        sdk.requests,
        sdk.answered,
        sdk.loggedOutEvents,
        ms(sdk.wallMs),
      ])
    }
  }
  return {
    title: "matrix-js-sdk under the same fan-in",
    notes: [
      "The same Matrix emulator and expired token, calls through client.whoami(). matrix-js-sdk 43 renews",
      "tokens only for OAuth 2.0 (next-gen auth) sessions: with a password login's refresh token it sends no",
      "refresh and reports every call as logged out. For its OAuth refresher the bench serves a stand-in",
      "authorization server on loopback (the refresher calls the global fetch) whose token endpoint forwards",
      "the refresh-token grant to the emulator's POST /refresh, which is what is counted.",
    ],
    columns: [
      "client",
      "calls",
      "refresh requests",
      "requests",
      "answered",
      "logged-out events",
      "wall time",
    ],
    rows,
  }
}
