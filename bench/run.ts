/**
 * `pnpm bench`: bundle sizes against the budgets, requests per sign-in flow, and refresh requests when fifty
 * calls find the token expired — every vendor that exists, against its in-process emulator on a manual clock —
 * and the time a SCRAM client proof takes at a few iteration counts.
 */
import { createAuthClient } from "@latchkey/core"
import { createManualClock, createTestPlatform } from "@latchkey/core/testing"
import { generateTotp } from "@latchkey/emulators"
import {
  budgets,
  coreWithVendor,
  dropInSignIn,
  gzipSize,
  targets,
  vendorsWithAdapters,
} from "./bundleSize"
import { scenarios, type VendorScenario } from "./scenarios"
import { scramTimings } from "./scramTimings"

const kB = (bytes: number) => `${(bytes / 1000).toFixed(2)} kB`

async function bundles() {
  const rows: Record<string, string>[] = []
  const core = await gzipSize(`export * from "@latchkey/core"`)
  rows.push({
    bundle: "@latchkey/core",
    gzip: kB(core.gzip),
    minified: kB(core.raw),
    target: "—",
    ceiling: "—",
  })
  for (const vendor of vendorsWithAdapters) {
    const size = await gzipSize(coreWithVendor(vendor))
    rows.push({
      bundle: `@latchkey/core + /${vendor}`,
      gzip: kB(size.gzip),
      minified: kB(size.raw),
      target: `${kB(targets.coreWithVendor)} ${size.gzip <= targets.coreWithVendor ? "met" : "OVER"}`,
      ceiling: `${kB(budgets.coreWithVendor)} ${size.gzip <= budgets.coreWithVendor ? "ok" : "OVER"}`,
    })
  }
  for (const vendor of vendorsWithAdapters) {
    const size = await gzipSize(dropInSignIn(vendor, `${vendor}Adapter`))
    rows.push({
      bundle: `drop-in <SignIn> for /${vendor}`,
      gzip: kB(size.gzip),
      minified: kB(size.raw),
      target: `${kB(targets.dropInSignIn)} ${size.gzip <= targets.dropInSignIn ? "met" : "OVER"}`,
      ceiling: `${kB(budgets.dropInSignIn)} ${size.gzip <= budgets.dropInSignIn ? "ok" : "OVER"}`,
    })
  }
  console.log("\nBundle sizes (esbuild --bundle --minify --format=esm, gzip -9)")
  console.table(rows)
}

function harness(scenario: VendorScenario, accessTokenTtlMs = 3_600_000) {
  const clock = createManualClock()
  const emulator = scenario.emulator({ clock, accessTokenTtlMs })
  const platform = createTestPlatform({ clock, fetch: (request) => emulator.handle(request) })
  const client = createAuthClient({ adapter: scenario.adapter(), platform })
  const served = () => emulator.log.entries().length
  return { clock, emulator, client, served }
}

async function requestsPerFlow(scenario: VendorScenario) {
  const results: Record<string, string | number> = { vendor: scenario.vendor }
  {
    const { clock, client, served } = harness(scenario)
    const flow = client.signIn()
    await clock.flush()
    const discovery = served()
    await flow.submit(scenario.password)
    results.discovery = discovery
    results.password = served() - discovery
    results.passwordOk = flow.getSnapshot().step === "done" ? "signed in" : flow.getSnapshot().step
  }
  if (scenario.secondFactor) {
    const { clock, client, served } = harness(scenario)
    const flow = client.signIn()
    await clock.flush()
    const discovery = served()
    const { totpSecret, ...input } = scenario.secondFactor
    await flow.submit(input)
    await flow.submitCode(generateTotp(totpSecret, clock.now()))
    results.secondFactor = served() - discovery
    results.secondFactorOk =
      flow.getSnapshot().step === "done" ? "signed in" : flow.getSnapshot().step
  }
  return results
}

async function refreshesUnderConcurrency(scenario: VendorScenario, calls = 50) {
  const { clock, client, emulator } = harness(scenario, 600_000)
  const flow = client.signIn()
  await clock.flush()
  await flow.submit(scenario.password)
  // Past expiry without the timer firing, as after a laptop's sleep.
  clock.jump(3_600_000)
  const started = performance.now()
  const responses = await Promise.all(
    Array.from({ length: calls }, () => client.fetch(`${scenario.baseUrl}${scenario.whoami}`)),
  )
  const elapsedMs = performance.now() - started
  const refreshes = emulator.log
    .entries()
    .filter((entry) => entry.path === scenario.refreshPath).length
  return {
    vendor: scenario.vendor,
    calls,
    "refresh requests": refreshes,
    "calls answered 200": responses.filter((response) => response.status === 200).length,
    "wall time": `${elapsedMs.toFixed(1)} ms`,
  }
}

await bundles()
console.log("\nRequests per sign-in flow (discovery, then the flow itself)")
console.table(await Promise.all(scenarios.map(requestsPerFlow)))
console.log("\nRefresh requests when every call finds the token expired")
console.table(await Promise.all(scenarios.map((scenario) => refreshesUnderConcurrency(scenario))))
console.log(
  `\nTime to compute a SCRAM-SHA-256 client proof (PBKDF2 + HMACs, WebCrypto in Node ${process.version}), reported, not asserted`,
)
console.table(await scramTimings())
