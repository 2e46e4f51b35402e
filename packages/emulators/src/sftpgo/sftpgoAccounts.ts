import { alice, bob, type DemoPerson } from "../people"

/** Someone who can ask SFTPGo for a token: an admin or a user. A `DemoPerson` is one. */
export interface SftpgoAccount {
  readonly username: string
  readonly password: string
  /** Base32 TOTP secret; with one, the token request needs the code in `X-SFTPGO-OTP`. */
  readonly totpSecret?: string
  readonly email?: string
}

/** The admin of a fresh demo server: password only. */
export const sftpgoAdmin: SftpgoAccount = Object.freeze({
  username: "admin",
  password: "correct horse battery staple",
})

/** An admin with two-factor authentication; the secret is RFC 6238's test key ("12345678901234567890"). */
export const sftpgoTotpAdmin: SftpgoAccount = Object.freeze({
  username: "secadmin",
  password: "two factors are better",
  totpSecret: "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ",
  email: "secadmin@example.com",
})

/** Zoë's password is full of what `btoa` cannot encode: accents, a check mark, a colon, Chinese and an emoji. */
export const zoe: DemoPerson = Object.freeze({
  username: "zoe",
  displayName: "Zoë Ünal",
  email: "zoe@example.com",
  matrixUserId: "@zoe:localhost",
  password: "pässwörd✓:密码🔑",
})

/** Erin's user may not use the HTTP protocol (a filter): her correct password gets 403. */
export const erin: DemoPerson = Object.freeze({
  username: "erin",
  displayName: "Erin Hunt",
  email: "erin@example.com",
  matrixUserId: "@erin:localhost",
  password: "sftp only please",
})

/** The admins the SFTPGo emulator knows by default. */
export const sftpgoAdmins: readonly SftpgoAccount[] = Object.freeze([sftpgoAdmin, sftpgoTotpAdmin])

/** The users the SFTPGo emulator knows by default: Alice, Bob (TOTP for HTTP), Zoë and Erin. */
export const sftpgoPeople: readonly DemoPerson[] = Object.freeze([alice, bob, zoe, erin])

/** Users whose filters deny the HTTP protocol, by default Erin. */
export const sftpgoHttpDeniedUsers: readonly string[] = Object.freeze([erin.username])
