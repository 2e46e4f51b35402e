import { type DemoPerson, demoPeople } from "../people"

/** Whether a Polario account may sign in. */
export type PolarioAccountStatus = "active" | "locked" | "disabled"

/** Carol's account is locked: her correct password answers 403 `Account locked`. */
export const polarioLockedPerson: DemoPerson = Object.freeze({
  username: "carol",
  displayName: "Carol Danvers",
  email: "carol@example.com",
  matrixUserId: "@carol:localhost",
  password: "locked but correct",
})

/** Dave's account is disabled: his correct password answers 403 `Account disabled`. */
export const polarioDisabledPerson: DemoPerson = Object.freeze({
  username: "dave",
  displayName: "Dave Lister",
  email: "dave@example.com",
  matrixUserId: "@dave:localhost",
  password: "disabled but correct",
})

/**
 * Erin's password needs SASLprep: full-width letters, an em space and a soft hyphen inside. Prepared, it is
 * `erin passphrase`, so typing that signs in too.
 */
export const polarioUnicodePerson: DemoPerson = Object.freeze({
  username: "erin",
  displayName: "Erin Ōtsuka",
  email: "erin@example.com",
  matrixUserId: "@erin:localhost",
  password: "\uFF45\uFF52\uFF49\uFF4E\u2003pass\u00ADphrase",
})

/** The people the Polario emulator knows by default. */
export const polarioPeople: readonly DemoPerson[] = Object.freeze([
  ...demoPeople,
  polarioLockedPerson,
  polarioDisabledPerson,
  polarioUnicodePerson,
])

/** The default statuses by e-mail; everyone else is `active`. */
export const polarioStatuses: Readonly<Record<string, PolarioAccountStatus>> = Object.freeze({
  [polarioLockedPerson.email]: "locked",
  [polarioDisabledPerson.email]: "disabled",
})
