import type { AuthStorage } from "../platform/platform"

/** Storage that throws on every call, like a browser in private mode or over quota. */
export function throwingStorage(): AuthStorage {
  const fail = () => {
    throw new DOMException("The quota has been exceeded.", "QuotaExceededError")
  }
  return { get: fail, set: fail, remove: fail }
}
