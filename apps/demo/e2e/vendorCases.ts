import { alice, bob, type DemoPerson } from "@latchkey/emulators"

/** What the end-to-end tests need to know about one vendor: a new vendor is one more entry. */
export interface VendorCase {
  readonly vendor: string
  /** Signs in with a password only. */
  readonly person: DemoPerson
  readonly identifier: string
  /** How the session panel names them: the vendor's display name, else their id. */
  readonly shownName: string
  /** Someone with a TOTP second step, where the vendor has one. */
  readonly secondFactor?: {
    readonly identifier: string
    readonly password: string
    readonly secret: string
  }
  /** Path suffixes of the vendor's requests, to count them. */
  readonly paths: {
    readonly discovery: string
    readonly signIn: string
    readonly refresh: string
    readonly whoami: string
  }
}

const bobSecret = bob.totpSecret ?? ""

export const vendorCases: readonly VendorCase[] = [
  {
    vendor: "matrix",
    person: alice,
    identifier: alice.matrixUserId,
    // Matrix's login answer carries no display name.
    shownName: alice.matrixUserId,
    paths: {
      discovery: "/_matrix/client/v3/login",
      signIn: "/_matrix/client/v3/login",
      refresh: "/_matrix/client/v3/refresh",
      whoami: "/_matrix/client/v3/account/whoami",
    },
  },
  {
    vendor: "cloudreve",
    person: alice,
    identifier: alice.email,
    shownName: alice.displayName,
    secondFactor: { identifier: bob.email, password: bob.password, secret: bobSecret },
    paths: {
      discovery: "/api/v4/site/config/login",
      signIn: "/api/v4/session/token",
      refresh: "/api/v4/session/token/refresh",
      whoami: "/api/v4/user/me",
    },
  },
]
