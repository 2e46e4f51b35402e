import type { AuthAdapter } from "./adapter"
import type { AuthStorage } from "./platform/platform"
import { type Session, storedSessionSchema } from "./session"

/** Reads and writes one client's session in its storage, trusting nothing it reads back. */
export interface SessionVault<Credentials> {
  read(): Promise<Session<Credentials> | undefined>
  write(session: Session<Credentials>): Promise<void>
  clear(): Promise<void>
  /** The form sessions take in storage and across tabs. */
  serialize(session: Session<Credentials>): unknown
  /** Parses a stored or broadcast session; `undefined` for anything that fails its schema. */
  parse(value: unknown): Session<Credentials> | undefined
}

export function createSessionVault<Credentials>(
  storage: AuthStorage,
  key: string,
  adapter: AuthAdapter<Credentials>,
): SessionVault<Credentials> {
  const serialize = (session: Session<Credentials>) => ({
    version: 1,
    vendor: adapter.vendor,
    session,
  })
  const parse = (value: unknown): Session<Credentials> | undefined => {
    const result = storedSessionSchema.safeParse(value)
    if (!result.success || result.data.vendor !== adapter.vendor) return undefined
    const { credentials: raw, ...rest } = result.data.session
    const credentials = adapter.parseCredentials(raw)
    return credentials === undefined ? undefined : { ...rest, credentials }
  }
  return {
    serialize,
    parse,
    async read() {
      const raw = await storage.get(key)
      if (raw === null) return undefined
      const session = parse(parseJson(raw))
      // A stored session that fails its schema is discarded, never trusted.
      if (!session) await storage.remove(key)
      return session
    },
    write: async (session) => storage.set(key, JSON.stringify(serialize(session))),
    clear: async () => storage.remove(key),
  }
}

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw)
  } catch {
    return undefined
  }
}
