import type { AuthStorage } from "../platform/platform"
import { memoryStorage } from "./memoryStorage"

/**
 * Wraps a storage so that the first call that throws (or rejects) switches it to memory for good:
 * the user can still sign in and out, only persistence across reloads is lost.
 */
export function resilientStorage(
  storage: AuthStorage,
  onFallback: (error: unknown) => void,
): AuthStorage {
  const fallback = memoryStorage()
  let current = storage
  const guard = async <T>(call: (store: AuthStorage) => T | Promise<T>): Promise<T> => {
    if (current === fallback) return call(fallback)
    try {
      return await call(current)
    } catch (error) {
      current = fallback
      onFallback(error)
      return call(fallback)
    }
  }
  return {
    get: (key) => guard((store) => store.get(key)),
    set: (key, value) => guard((store) => store.set(key, value)),
    remove: (key) => guard((store) => store.remove(key)),
  }
}
