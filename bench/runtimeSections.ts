import { selectingConsumerBudget } from "./budgets"
import { installDom } from "./dom"
import { engineOverhead } from "./engineOverhead"
import { clientLifecyclesHeap, type HeapGrowth, signInCyclesHeap } from "./memory"
import { MB, ms, ratio, type Section } from "./report"
import { scenarios } from "./scenarios"
import { scramCost } from "./scramCost"

/** React commits of the drop-in screen per vendor, and renders of a selecting consumer across refreshes. */
export async function renderSections(): Promise<Section[]> {
  const teardown = await installDom()
  try {
    // react-dom decides at import whether it has a DOM: import it only now.
    const { selectingConsumerRenders, signInRenders } = await import("./renders")
    const signIn = []
    for (const scenario of scenarios) {
      const renders = await signInRenders(scenario)
      signIn.push([
        renders.vendor,
        renders.discovery,
        `${renders.typing} (${renders.keystrokes} keys)`,
        renders.submit,
        renders.signedIn ? renders.total : `${renders.total} NOT SIGNED IN`,
      ])
    }
    const consumer = []
    for (const scenario of scenarios.filter((candidate) => candidate.refreshPath !== undefined)) {
      const result = await selectingConsumerRenders(scenario, selectingConsumerBudget.refreshes)
      consumer.push([result.vendor, result.refreshed, result.rerenders])
    }
    return [
      {
        title: "Renders of the drop-in <SignIn>",
        notes: [
          "React commits of the <SignIn> tree (a Profiler around it) in jsdom, from first paint to signed in:",
          "Alice's identifier and password typed key by key, then Enter; the manual clock drives time.",
        ],
        columns: ["vendor", "first paint → form", "typing", "Enter → signed in", "total"],
        rows: signIn,
      },
      {
        title: "Renders of a selecting consumer across refreshes",
        notes: [
          "A component calling useSession((s) => s.session?.user.displayName), mounted signed in; renders after",
          "its first, while the session is refreshed (new credentials, same name). Budget: 0.",
        ],
        columns: ["vendor", "refreshes", "re-renders"],
        rows: consumer,
      },
    ]
  } finally {
    await teardown()
  }
}

const heapRow = (growth: HeapGrowth) => [
  growth.run,
  growth.repetitions,
  MB(growth.startBytes),
  MB(growth.endBytes),
  MB(growth.endBytes - growth.startBytes, true),
  `${((growth.endBytes - growth.startBytes) / growth.repetitions / 1000).toFixed(2)} kB`,
  growth.timersLeft,
  ms(growth.wallMs),
]

/** Growth per repetition beyond which the heap is leaking: far above what garbage collection leaves behind. */
const leakBytes = 1000

/** Heap growth over many sign-ins on one client, and over many clients. */
export async function memorySection(cycles: number, clients: number): Promise<Section> {
  const runs = [await signInCyclesHeap(cycles), await clientLifecyclesHeap(clients)]
  const measured = runs.filter((run): run is HeapGrowth => run !== undefined)
  return {
    title: "Memory",
    notes: [
      "Matrix against its emulator, heap used after full garbage collection (node --expose-gc) before and after",
      "the run, after a warm-up; the emulator ends each session, so only the client side could grow.",
      "What is left of the growth is Node's, found by heap snapshot diffs: `AbortSignal.any` keeps a weak",
      "reference per request on the client's long-lived signal (nodejs/node#55351, #64476), and the backing",
      "array of undici's finalization registry for `Request` signals grows. Per cycle it shrinks as cycles",
      "are added (409 B at 2 000, 136 B at 20 000); browsers keep neither.",
      ...(measured.length === 0
        ? ["Not measured: run with node --expose-gc (pnpm bench does)."]
        : []),
      ...(measured.some((run) => (run.endBytes - run.startBytes) / run.repetitions > leakBytes)
        ? [
            `Growth above ${leakBytes / 1000} kB per time grows with the times: a leak, not noise; the heap`,
            "keeps growing for as long as the page lives.",
          ]
        : []),
    ],
    columns: [
      "run",
      "times",
      "heap before",
      "heap after",
      "growth",
      "per time",
      "timers left",
      "wall",
    ],
    rows: measured.map(heapRow),
  }
}

/** Time per complete sign-in with a zero-latency emulator, the emulator's own time taken out. */
export async function engineSection(signIns: number): Promise<Section> {
  const rows = []
  for (const scenario of scenarios) {
    const result = await engineOverhead(scenario, signIns)
    rows.push([result.vendor, ms(result.wallMs), ms(result.emulatorMs), ms(result.engineMs)])
  }
  return {
    title: "Engine overhead per sign-in",
    notes: [
      `Discovery and password sign-in, medians of ${signIns} on one client after a warm-up; \`engine\` is each`,
      "sign-in's wall time minus the time the emulator spent answering it: the engine, the adapter and its",
      "crypto (Polario derives SCRAM keys at 4096 iterations), the Request/Response plumbing.",
    ],
    columns: ["vendor", "sign-in", "emulator", "engine"],
    rows,
  }
}

/** The SCRAM client proof with WebCrypto beside a pure-JavaScript PBKDF2, as a ratio. */
export async function scramSection(plan: readonly (readonly [number, number])[]): Promise<Section> {
  const rows = []
  for (const [iterations, runs] of plan) {
    const cost = await scramCost(iterations, runs)
    rows.push([
      iterations.toLocaleString("en"),
      runs,
      ms(cost.webCryptoMs),
      ms(cost.pureJsMs),
      ratio(cost.pureJsMs / cost.webCryptoMs),
    ])
  }
  return {
    title: "SCRAM-SHA-256 client proof",
    notes: [
      "Latchkey's SCRAM client (PBKDF2 and HMAC through WebCrypto) beside @noble/hashes' pure-JavaScript PBKDF2",
      "computing the same proof (checked equal, and equal to RFC 7677's at 4096), runs alternating, medians.",
      "Compare the ratio, not the times: they depend on the machine.",
    ],
    columns: [
      "iterations",
      "runs",
      "WebCrypto (Latchkey)",
      "pure JS (@noble/hashes)",
      "pure JS ÷ WebCrypto",
    ],
    rows,
  }
}
