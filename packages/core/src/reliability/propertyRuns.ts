/** How many times the normal number of cases this run asks for: `pnpm test:deep` asks for more. */
const propertyScale = Math.max(1, Number(process.env.LATCHKEY_PROPERTY_SCALE ?? "1") || 1)

/**
 * How many cases a property runs: `base` in the normal test command, `LATCHKEY_PROPERTY_SCALE` times as many under
 * `pnpm test:deep`. Seeded, so a failure reproduces; fast-check prints the seed and path of a failing case.
 */
export function propertyRuns(base: number): { numRuns: number; seed: number } {
  return { numRuns: Math.max(1, Math.round(base * propertyScale)), seed: 20_261_130 }
}

/** A property test's time limit, grown with its number of cases: `baseMs` for the normal number. */
export function propertyTimeout(baseMs: number): number {
  return baseMs * propertyScale
}
