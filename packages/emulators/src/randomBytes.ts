/** Returns `length` random bytes; injected so tests can make tokens reproducible. */
export type RandomBytes = (length: number) => Uint8Array

/** Cryptographically strong random bytes from the platform's Web Crypto. */
export const cryptoRandomBytes: RandomBytes = (length) =>
  crypto.getRandomValues(new Uint8Array(length))

/**
 * Creates a deterministic byte source from a seed (mulberry32): for tests only, never for real secrets.
 *
 * @example
 * const emulator = createCloudreveEmulator({ random: createSeededRandomBytes(42) })
 */
export function createSeededRandomBytes(seed: number): RandomBytes {
  let state = seed >>> 0
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return (t ^ (t >>> 14)) >>> 0
  }
  return (length) => {
    const bytes = new Uint8Array(length)
    for (let index = 0; index < length; index++) bytes[index] = next() & 0xff
    return bytes
  }
}
