import type { Reporter, SerializedError, TestModule } from "vitest/node"

/**
 * Prints the one closing line CI reads, summed over every vitest project:
 * `N passed, N failed, N skipped`. A file that fails to load and an unhandled
 * error each count as a failure, so a broken suite can never read as green.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(
    modules: ReadonlyArray<TestModule>,
    unhandledErrors: ReadonlyArray<SerializedError>,
  ) {
    let passed = 0
    let failed = unhandledErrors.length
    let skipped = 0
    for (const module of modules) {
      let count = 0
      for (const test of module.children.allTests()) {
        count++
        const state = test.result().state
        if (state === "passed") passed++
        else if (state === "failed") failed++
        else skipped++
      }
      if (count === 0 && module.state() === "failed") failed++
    }
    process.stdout.write(`\n${passed} passed, ${failed} failed, ${skipped} skipped\n`)
  }
}
