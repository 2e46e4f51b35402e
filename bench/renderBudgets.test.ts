// @vitest-environment jsdom
import { describe, expect, it } from "vitest"
import { selectingConsumerBudget } from "./budgets"
import { selectingConsumerRenders } from "./renders"
import { scenarios } from "./scenarios"

describe("a component selecting the display name does not render when the session is refreshed", () => {
  for (const scenario of scenarios.filter((candidate) => candidate.refreshPath !== undefined)) {
    it(`${scenario.vendor}: ${selectingConsumerBudget.refreshes} refreshes, ${selectingConsumerBudget.rerenders} re-renders`, async () => {
      const result = await selectingConsumerRenders(scenario, selectingConsumerBudget.refreshes)
      // Each refresh really changed the credentials: the consumer had something to ignore.
      expect(result.refreshed).toBe(selectingConsumerBudget.refreshes)
      expect(result.rerenders).toBe(selectingConsumerBudget.rerenders)
    })
  }
})
