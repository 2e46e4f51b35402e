import { createScramClient } from "@latchkey/core/scram"

/** The iteration counts worth comparing: RFC 7677's minimum, a middling server, and what OWASP asks today. */
export const scramIterationCounts: readonly number[] = [4096, 100_000, 600_000]

const runs = 5

/** The time one SCRAM-SHA-256 client proof takes here (PBKDF2, the HMACs and the proof, all WebCrypto). */
async function proofMs(iterations: number): Promise<number> {
  const clientNonce = "rOprNGfwEbeRWgbNEkqO"
  const scram = createScramClient({
    username: "user",
    password: "pencil",
    hash: "SHA-256",
    clientNonce,
  })
  await scram.ready
  const serverFirst = `r=${clientNonce}%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=${iterations}`
  const started = performance.now()
  await scram.receiveServerFirst(serverFirst)
  return performance.now() - started
}

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN
}

/**
 * Times a SCRAM-SHA-256 client proof at each iteration count: the median of five runs, with the fastest and the
 * slowest beside it. Reported, never asserted: it measures this machine as much as the code.
 */
export async function scramTimings(): Promise<Record<string, string | number>[]> {
  const rows: Record<string, string | number>[] = []
  for (const iterations of scramIterationCounts) {
    const times: number[] = []
    for (let run = 0; run < runs; run++) times.push(await proofMs(iterations))
    rows.push({
      iterations,
      median: `${median(times).toFixed(1)} ms`,
      fastest: `${Math.min(...times).toFixed(1)} ms`,
      slowest: `${Math.max(...times).toFixed(1)} ms`,
      runs,
    })
  }
  return rows
}
