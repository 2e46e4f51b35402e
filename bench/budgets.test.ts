import { describe, expect, it } from "vitest"
import {
  bundleBudgets,
  devtoolsBudgets,
  fanInBudget,
  flows,
  protocolMinimum,
  tabsBudget,
} from "./budgets"
import {
  coreAlone,
  coreWithVendor,
  devtoolsInProduction,
  devtoolsPanel,
  dropInSignIn,
  gzipSize,
} from "./bundleSize"
import { fanIn } from "./fanIn"
import { flowRequests } from "./flowRequests"
import { scenarios, vendors } from "./scenarios"

/** A thousand requests or a bundle take a second or two; on two shared cores, several. */
const slow = 30_000

describe("bundle budgets (esbuild, minified ESM, gzip -9, what loads up front)", () => {
  it(`@latchkey/core alone stays within ${bundleBudgets.coreAlone} bytes and pulls in no vendor`, {
    timeout: slow,
  }, async () => {
    const { gzip, inputs } = await gzipSize(coreAlone)
    expect(inputs.filter((input) => input.includes("/vendors/"))).toEqual([])
    expect(gzip).toBeLessThanOrEqual(bundleBudgets.coreAlone)
  })

  for (const vendor of vendors) {
    it(`@latchkey/core with /${vendor} stays within ${bundleBudgets.coreWithVendor} bytes and pulls in no other vendor`, {
      timeout: slow,
    }, async () => {
      const { gzip, inputs } = await gzipSize(coreWithVendor(vendor))
      expect(gzip).toBeLessThanOrEqual(bundleBudgets.coreWithVendor)
      const vendorFolders = new Set(
        inputs.flatMap((input) => /\/vendors\/(\w+)\//.exec(input)?.[1] ?? []),
      )
      expect([...vendorFolders]).toEqual([vendor])
    })

    it(`a drop-in <SignIn> for /${vendor} stays within ${bundleBudgets.dropInSignIn} bytes`, {
      timeout: slow,
    }, async () => {
      const { gzip, inputs } = await gzipSize(dropInSignIn(vendor))
      expect(inputs.some((input) => input.includes("react-hook-form"))).toBe(true)
      expect(gzip).toBeLessThanOrEqual(bundleBudgets.dropInSignIn)
    })
  }
})

describe("the devtools cost nothing in a production build", () => {
  it(`leave the panel out of a production build (${devtoolsBudgets.inProduction} bytes at most)`, {
    timeout: slow,
  }, async () => {
    const { gzip, inputs } = await gzipSize(devtoolsInProduction)
    expect(inputs.filter((input) => input.includes("/devtools/"))).toEqual([
      expect.stringMatching(/devtools\/src\/index\.ts$/),
    ])
    expect(gzip).toBeLessThanOrEqual(devtoolsBudgets.inProduction)
  })

  it(`keep the panel from /production within ${devtoolsBudgets.panel} bytes`, {
    timeout: slow,
  }, async () => {
    const { gzip, inputs } = await gzipSize(devtoolsPanel)
    expect(inputs.some((input) => input.includes("TimelineEntry"))).toBe(true)
    expect(gzip).toBeLessThanOrEqual(devtoolsBudgets.panel)
  })
})

describe("requests per flow equal the protocol's minimum", () => {
  for (const scenario of scenarios) {
    it(`${scenario.vendor}: every flow it has, and no other`, async () => {
      const counts = await flowRequests(scenario)
      const minimum = protocolMinimum[scenario.vendor]
      for (const flow of flows) {
        const count = counts[flow]
        expect({ flow, requests: count?.requests, ok: count?.ok }).toEqual({
          flow,
          requests: minimum[flow],
          ok: minimum[flow] === undefined ? undefined : true,
        })
      }
    })
  }
})

describe("one refresh request however many calls and tabs find the token expired", () => {
  for (const scenario of scenarios.filter((candidate) => candidate.refreshPath !== undefined)) {
    it(`${scenario.vendor}: ${fanInBudget.calls} concurrent calls in one tab`, {
      timeout: slow,
    }, async () => {
      const result = await fanIn(scenario, { calls: fanInBudget.calls })
      expect(result.refreshRequests).toBe(fanInBudget.refreshRequests)
      expect(result.answered200).toBe(fanInBudget.calls)
      // Refreshed before sending: not one call went out with the expired token.
      expect(result.requests).toBe(fanInBudget.calls + fanInBudget.refreshRequests)
    })

    for (const tabs of tabsBudget.tabs)
      it(`${scenario.vendor}: ${fanInBudget.calls} calls spread over ${tabs} tabs`, {
        timeout: slow,
      }, async () => {
        const result = await fanIn(scenario, { calls: fanInBudget.calls, tabs })
        expect(result.refreshRequests).toBe(tabsBudget.refreshRequests)
        expect(result.answered200).toBe(fanInBudget.calls)
      })
  }
})
