/** A demo account, the same in every emulator. */
export interface DemoPerson {
  /** The sign-in name for vendors that use user names (SFTPGo, Files.com) and the Matrix localpart. */
  readonly username: string
  readonly displayName: string
  /** The sign-in name for vendors that use e-mail addresses (Cloudreve, Polario). */
  readonly email: string
  /** The full Matrix user id on the emulated homeserver. */
  readonly matrixUserId: string
  readonly password: string
  /** Base32 TOTP secret, used wherever the vendor has a second factor; absent means no second factor. */
  readonly totpSecret?: string
}

/** Alice signs in with a password only. */
export const alice: DemoPerson = Object.freeze({
  username: "alice",
  displayName: "Alice Liddell",
  email: "alice@example.com",
  matrixUserId: "@alice:localhost",
  password: "correct horse battery staple",
})

/** Bob has a TOTP second factor wherever the vendor supports one. */
export const bob: DemoPerson = Object.freeze({
  username: "bob",
  displayName: "Bob Builder",
  email: "bob@example.com",
  matrixUserId: "@bob:localhost",
  password: "hunter2 hunter2",
  totpSecret: "JBSWY3DPEHPK3PXP",
})

/** Every demo account, in the order the demo app lists them. */
export const demoPeople: readonly DemoPerson[] = Object.freeze([alice, bob])
