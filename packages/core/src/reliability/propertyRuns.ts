/**
 * How many cases a property runs: `base` in the normal test command, `LATCHKEY_PROPERTY_SCALE` times as many under
 * `pnpm test:deep`. Seeded, so a failure reproduces; fast-check prints the seed and path of a failing case.
 */
export function propertyRuns(base: number): { numRuns: number; seed: number } {
  const scale = Number(process.env.LATCHKEY_PROPERTY_SCALE ?? "1")
  return {
    numRuns: Math.max(1, Math.round(base * (Number.isFinite(scale) ? scale : 1))),
    seed: 20_261_130,
  }
}
