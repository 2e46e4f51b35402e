import type { Emulator } from "../emulator"

/**
 * Returns a `fetch` that answers every request with the emulator, in memory; relative URLs resolve against `baseUrl`.
 *
 * @example
 * const client = createAuthClient({ adapter, platform: { fetch: toFetch(emulator) } })
 */
export function toFetch(
  emulator: Emulator,
  options: { readonly baseUrl?: string } = {},
): typeof fetch {
  const baseUrl = options.baseUrl ?? "http://emulator.localhost"
  return async (input, init) => {
    const target =
      typeof input === "string" || input instanceof URL ? new URL(input, baseUrl) : input
    return emulator.handle(new Request(target, init))
  }
}
