import type { AuthStorage } from "../platform/platform"

/** Storage that lives as long as the page: the default, and the fallback when real storage throws. */
export function memoryStorage(): AuthStorage {
  const values = new Map<string, string>()
  return {
    get: (key) => values.get(key) ?? null,
    set: (key, value) => {
      values.set(key, value)
    },
    remove: (key) => {
      values.delete(key)
    },
  }
}
