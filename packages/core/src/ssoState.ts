import type { AuthAdapter } from "./adapter"
import { encodeBase64 } from "./base64"
import type { AuthStorage } from "./platform/platform"
import * as v from "./schema"

/** The query parameter that carries the engine's one-time SSO state through the identity provider. */
export const ssoStateParameter = "latchkey_state"

/** A round trip to the identity provider that has not come back within this long is refused. */
export const ssoPendingLifetimeMs = 10 * 60_000

const ssoRecordSchema = v.object({
  state: v.string(),
  server: v.optional(v.string()),
  startedAt: v.number(),
})

/** What the engine remembers between leaving for the identity provider and coming back. */
export type SsoRecord = v.infer<typeof ssoRecordSchema>

/**
 * Keeps the one-time state of a single sign-on round trip, per tab (session storage). A vendor whose redirect
 * carries the state back is checked against it; one whose redirect cannot is checked for the marker alone —
 * random, single use and expiring — so a callback address opened without a sign-on started in this tab is refused.
 */
export interface SsoStateStore {
  /** Creates and remembers a fresh random state. */
  begin(server: string | undefined): Promise<string>
  /**
   * Returns the pending record and forgets it, so a callback works once: when `state` is a string it must match
   * the remembered one; `undefined` accepts the marker alone. Expired or absent: `undefined`.
   */
  consume(state: string | null | undefined): Promise<SsoRecord | undefined>
}

export function createSsoStateStore(
  storage: AuthStorage,
  key: string,
  randomBytes: (length: number) => Uint8Array,
  now: () => number,
): SsoStateStore {
  return {
    async begin(server) {
      const state = encodeBase64(randomBytes(16), { url: true })
      const record: SsoRecord = {
        state,
        startedAt: now(),
        ...(server === undefined ? {} : { server }),
      }
      await storage.set(key, JSON.stringify(record))
      return state
    },
    async consume(state) {
      if (state === null || state === "") return undefined
      const record = parseRecord(await storage.get(key))
      if (!record) return undefined
      if (state !== undefined && !timingSafeEqual(record.state, state)) return undefined
      // Single use: gone whether or not it is still fresh.
      await storage.remove(key)
      const age = now() - record.startedAt
      return age >= 0 && age <= ssoPendingLifetimeMs ? record : undefined
    },
  }
}

function parseRecord(raw: string | null): SsoRecord | undefined {
  if (raw === null) return undefined
  try {
    const result = ssoRecordSchema.safeParse(JSON.parse(raw))
    return result.success ? result.data : undefined
  } catch {
    return undefined
  }
}

function timingSafeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false
  let difference = 0
  for (let index = 0; index < a.length; index++)
    difference |= a.charCodeAt(index) ^ b.charCodeAt(index)
  return difference === 0
}

/** Whether `url` is where the vendor's identity provider sends the browser back to. */
export function isSsoCallback<Credentials>(
  adapter: AuthAdapter<Credentials>,
  url: string,
): boolean {
  const base = "http://relative.invalid"
  const query = URL.canParse(url, base) ? new URL(url, base).searchParams : undefined
  const { sso } = adapter.capabilities
  switch (sso) {
    case "stateParameter":
      return query?.has(ssoStateParameter) ?? false
    case "pendingMarker":
      return (adapter.ssoCallbackParameters ?? []).some((name) => query?.has(name))
    case "none":
      return false
    default:
      return sso satisfies never
  }
}
