/**
 * `pnpm bench`: bundle sizes beside the kits people use, requests per flow, refresh fan-in (one client, tabs and
 * matrix-js-sdk), renders, memory, engine overhead and the cost of SCRAM — every vendor, against its in-process
 * emulator. Prints each table as it is measured and writes them all to BENCHMARKS.md at the repository root.
 * `--quick` runs smaller counts, for working on the bench itself; it does not write BENCHMARKS.md.
 */
import { writeFileSync } from "node:fs"
import { availableParallelism, cpus } from "node:os"
import { markdownOf, type Section, textOf } from "./report"
import { engineSection, memorySection, renderSections, scramSection } from "./runtimeSections"
import { bundleSection, measureOurBundles, peerSection } from "./sizeSections"
import { fanInSection, matrixJsSdkSection, requestsSection, tabsSection } from "./wireSections"

const quick = process.argv.includes("--quick")
const counts = quick
  ? {
      fanInRuns: 1,
      cycles: 500,
      clients: 100,
      signIns: 30,
      scram: [
        [4096, 3],
        [100_000, 1],
      ] as const,
    }
  : {
      fanInRuns: 3,
      cycles: 10_000,
      clients: 1_000,
      signIns: 200,
      scram: [
        [4096, 9],
        [100_000, 5],
        [600_000, 3],
      ] as const,
    }

const command = "pnpm bench"
const startedAt = performance.now()
const sections: Section[] = []
const measured = async (section: Section | Section[] | Promise<Section | Section[]>) => {
  for (const one of [await section].flat()) {
    sections.push(one)
    console.log(textOf(one))
  }
}

const ours = await measureOurBundles()
await measured(bundleSection(ours))
await measured(peerSection(ours))
await measured(requestsSection())
await measured(fanInSection(counts.fanInRuns))
await measured(tabsSection())
await measured(matrixJsSdkSection(counts.fanInRuns))
await measured(renderSections())
await measured(memorySection(counts.cycles, counts.clients))
await measured(engineSection(counts.signIns))
await measured(scramSection(counts.scram))

const seconds = ((performance.now() - startedAt) / 1000).toFixed(0)
const machine = `${cpus()[0]?.model ?? "unknown CPU"}, ${availableParallelism()} cores, Node ${process.version}`
console.log(`\nDone in ${seconds} s on ${machine}.`)

if (!quick) {
  const header = [
    "# Benchmarks",
    "",
    `Measured by \`${command}\` (about ${seconds} s) on ${machine}, ${new Date().toISOString().slice(0, 10)}.`,
    "Run it again to reproduce every table below. Counts of bytes, requests and renders are deterministic and",
    "the `budgets` test project fails CI when they break a budget of `bench/budgets.ts`; timings and heap sizes",
    "depend on the machine and are printed, never asserted.",
    "",
  ].join("\n")
  const markdown = [header, ...sections.map(markdownOf)].join("\n")
  writeFileSync(new URL("../BENCHMARKS.md", import.meta.url), markdown)
  console.log("Wrote BENCHMARKS.md.")
}
