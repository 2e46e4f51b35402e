import { describe, expect, it } from "vitest"
import { budgets, coreWithVendor, dropInSignIn, gzipSize, vendorsWithAdapters } from "./bundleSize"

describe("bundle budgets (esbuild, minified ESM, gzip -9)", () => {
  it("has vendors to measure", () => {
    expect(vendorsWithAdapters.length).toBeGreaterThan(0)
  })

  for (const vendor of vendorsWithAdapters) {
    it(`@latchkey/core with /${vendor} stays within ${budgets.coreWithVendor} bytes`, async () => {
      const { gzip } = await gzipSize(coreWithVendor(vendor))
      expect(gzip).toBeLessThanOrEqual(budgets.coreWithVendor)
    })

    it(`a drop-in <SignIn> for /${vendor} stays within ${budgets.dropInSignIn} bytes`, async () => {
      const { gzip, inputs } = await gzipSize(dropInSignIn(vendor, `${vendor}Adapter`))
      expect(inputs.some((input) => input.includes("react-hook-form"))).toBe(true)
      expect(gzip).toBeLessThanOrEqual(budgets.dropInSignIn)
    })

    it(`importing /${vendor} pulls in no other vendor`, async () => {
      const { inputs } = await gzipSize(coreWithVendor(vendor))
      const vendorFolders = new Set(
        inputs.flatMap((input) => /\/vendors\/(\w+)\//.exec(input)?.[1] ?? []),
      )
      expect([...vendorFolders]).toEqual([vendor])
    })
  }
})
