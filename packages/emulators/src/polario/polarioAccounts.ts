import type { DemoPerson } from "../people"
import type { RandomBytes } from "../randomBytes"
import type { PolarioAccountStatus } from "./polarioPeople"
import { saslprepMapping } from "./saslprepMapping"
import { deriveScramCredentials, type ScramCredentials, type ScramServerHash } from "./scramServer"

/** An account as the emulated server keeps it: no password, only what SCRAM needs to check one. */
export interface PolarioAccount {
  readonly id: string
  readonly email: string
  readonly displayName: string
  readonly status: PolarioAccountStatus
  readonly credentials: Promise<ScramCredentials>
}

/** The accounts of one emulator, and decoy credentials for addresses that have none. */
export interface PolarioAccounts {
  readonly all: readonly PolarioAccount[]
  byEmail(email: string): PolarioAccount | undefined
  /** An account's credentials, or a decoy's: an unknown address gets a salt of its own, the same every time. */
  credentialsFor(email: string): Promise<ScramCredentials>
}

/**
 * Derives each person's SCRAM credentials from their SASLprep-mapped password, once, and forgets the password.
 *
 * @example
 * const accounts = createPolarioAccounts({ people, statuses, iterations: 4096, hash: "SHA-256", random })
 */
export function createPolarioAccounts(options: {
  readonly people: readonly DemoPerson[]
  readonly statuses: Readonly<Record<string, PolarioAccountStatus>>
  readonly iterations: number
  readonly hash: ScramServerHash
  readonly random: RandomBytes
}): PolarioAccounts {
  const { iterations, hash, random } = options
  const all = options.people.map(
    ({ email, displayName, password }, index): PolarioAccount => ({
      id: String(1001 + index),
      email,
      displayName,
      status: options.statuses[email.toLowerCase()] ?? "active",
      credentials: deriveScramCredentials(
        saslprepMapping(password),
        new Uint8Array(random(16)),
        iterations,
        hash,
      ),
    }),
  )
  const decoySecret = random(32)
  const byEmail = (email: string) =>
    all.find((account) => account.email.toLowerCase() === email.toLowerCase())
  return {
    all,
    byEmail,
    async credentialsFor(email) {
      const account = byEmail(email)
      if (account) return account.credentials
      const seed = new TextEncoder().encode(`${email.toLowerCase()}:`)
      const digest = new Uint8Array(
        await crypto.subtle.digest("SHA-256", new Uint8Array([...decoySecret, ...seed])),
      )
      // Keys no proof can match; the salt is what an observer could compare, and it never changes.
      return {
        salt: digest.slice(0, 16),
        iterations,
        storedKey: new Uint8Array(random(digest.length)),
        serverKey: new Uint8Array(random(digest.length)),
      }
    },
  }
}
