import { encodeBase64 } from "./base64"
import type { AuthStorage } from "./platform/platform"
import * as v from "./schema"

/** The query parameter that carries the engine's one-time SSO state through the identity provider. */
export const ssoStateParameter = "latchkey_state"

const ssoRecordSchema = v.object({ state: v.string(), server: v.optional(v.string()) })

/** What the engine remembers between leaving for the identity provider and coming back. */
export type SsoRecord = v.infer<typeof ssoRecordSchema>

/** Keeps the one-time state of a single sign-on round trip (per tab, in session storage). */
export interface SsoStateStore {
  /** Creates and remembers a fresh random state. */
  begin(server: string | undefined): Promise<string>
  /** Returns the record when `state` matches the remembered one, and forgets it: a callback works once. */
  consume(state: string | null): Promise<SsoRecord | undefined>
}

export function createSsoStateStore(
  storage: AuthStorage,
  key: string,
  randomBytes: (length: number) => Uint8Array,
): SsoStateStore {
  return {
    async begin(server) {
      const state = encodeBase64(randomBytes(16), { url: true })
      const record: SsoRecord = server === undefined ? { state } : { state, server }
      await storage.set(key, JSON.stringify(record))
      return state
    },
    async consume(state) {
      if (!state) return undefined
      const record = parseRecord(await storage.get(key))
      if (!record || !timingSafeEqual(record.state, state)) return undefined
      await storage.remove(key)
      return record
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
