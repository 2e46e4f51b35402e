import { alice, bob, type DemoPerson } from "../people"

/** A second-factor method as Files.com names it in `two_factor_authentication_methods`. */
export type FilescomMethod = "totp" | "sms" | "yubi" | "u2f"

/** What stands between a right password and a session. */
export type FilescomAccountState =
  | "active"
  | "lockedOut"
  | "mustChangePassword"
  | "mustSetUpTwoFactor"
  | "twoFactorSetupExpired"

/** How a person's Files.com account is set up beyond the password. */
export interface FilescomAccountSettings {
  /** The second-factor methods, in the order the server lists them; none by default. */
  readonly methods?: readonly FilescomMethod[]
  readonly state?: FilescomAccountState
  /** The YubiKey one-time strings the account accepts, each once. */
  readonly yubikeyOtps?: readonly string[]
}

/** A person as the Files.com emulator knows them. */
export interface FilescomAccount {
  readonly person: DemoPerson
  readonly methods: readonly FilescomMethod[]
  readonly state: FilescomAccountState
  readonly yubikeyOtps: readonly string[]
}

const person = (username: string, displayName: string, password: string): DemoPerson =>
  Object.freeze({
    username,
    displayName,
    email: `${username}@example.com`,
    matrixUserId: `@${username}:localhost`,
    password,
  })

/** Sam gets a text message with a code at every sign-in. */
export const sam: DemoPerson = person("sam", "Sam Sparks", "text me a code")
/** Yuki touches a YubiKey: one of `yukiYubikeyOtps`, each accepted once. */
export const yuki: DemoPerson = person("yuki", "Yuki Tanaka", "touch the key")
/** Tess has an authenticator app and text messages. */
export const tess: DemoPerson = Object.freeze({
  ...person("tess", "Tess Twofold", "two ways in"),
  totpSecret: "GEZDGNBVGY3TQOJQ",
})
/** Uma has only a U2F security key, which no browser form can use through this API. */
export const uma: DemoPerson = person("uma", "Uma Keyes", "hardware only")
/** Lou's account is locked out. */
export const lou: DemoPerson = person("lou", "Lou Lockwood", "locked out again")
/** Mona must change her password on the site before signing in anywhere else. */
export const mona: DemoPerson = person("mona", "Mona Newman", "time for a new one")
/** Nina's site requires two-step verification, which she has not set up. */
export const nina: DemoPerson = person("nina", "Nina Nowak", "set it up first")
/** Otto let the window to set up two-step verification pass. */
export const otto: DemoPerson = person("otto", "Otto Late", "too late now")

/** The YubiKey strings Yuki's key "types", in modhex like a real one; each works once. */
export const yukiYubikeyOtps: readonly string[] = Object.freeze([
  "cccccclkbdtrhbrehbigcfjlfbbttvbhflkfjeltevrj",
  "cccccclkbdtrirtvlhlldufrvenhfffejcflunejruvn",
  "cccccclkbdtrbfujkjvgtcjvnggdcdtnvrnfgnjjvunu",
  "cccccclkbdtrcuiuvkhbvdhkdudvtdthehelhcfvtele",
  "cccccclkbdtridrivtfibbgfligjvdvujgldbkujjerb",
])

/** The people the Files.com emulator knows by default. */
export const filescomPeople: readonly DemoPerson[] = Object.freeze([
  alice,
  bob,
  sam,
  yuki,
  tess,
  uma,
  lou,
  mona,
  nina,
  otto,
])

/** The default settings by user name; Bob's TOTP comes from his secret. */
export const filescomAccountSettings: Readonly<Record<string, FilescomAccountSettings>> =
  Object.freeze({
    sam: { methods: ["sms"] },
    yuki: { methods: ["yubi"], yubikeyOtps: yukiYubikeyOtps },
    tess: { methods: ["totp", "sms"] },
    uma: { methods: ["u2f"] },
    lou: { state: "lockedOut" },
    mona: { state: "mustChangePassword" },
    nina: { state: "mustSetUpTwoFactor" },
    otto: { state: "twoFactorSetupExpired" },
  })

/**
 * Builds the accounts: a person's settings by user name, else TOTP for a person with a TOTP secret.
 *
 * @example
 * const accounts = filescomAccounts(filescomPeople, filescomAccountSettings)
 */
export function filescomAccounts(
  people: readonly DemoPerson[],
  settings: Readonly<Record<string, FilescomAccountSettings>>,
): readonly FilescomAccount[] {
  return people.map((candidate) => {
    const own = Object.hasOwn(settings, candidate.username)
      ? settings[candidate.username]
      : undefined
    const fallback: readonly FilescomMethod[] = candidate.totpSecret === undefined ? [] : ["totp"]
    return {
      person: candidate,
      methods: own?.methods ?? fallback,
      state: own?.state ?? "active",
      yubikeyOtps: own?.yubikeyOtps ?? [],
    }
  })
}
