import type { DemoPerson } from "../people"

/** Carol's account exists on the Matrix emulator but is deactivated: her correct password gets 403 `M_USER_DEACTIVATED`. */
export const carol: DemoPerson = Object.freeze({
  username: "carol",
  displayName: "Carol Shaw",
  email: "carol@example.com",
  matrixUserId: "@carol:localhost",
  password: "river raid 1982",
})

/**
 * The phone numbers (MSISDN, digits only) bound to the demo people as third-party ids, by user name:
 * fictional UK numbers, so `m.id.phone` with `{ country: "GB", phone: "07700 900001" }` signs Alice in.
 */
export const demoPhoneNumbers: Readonly<Record<string, string>> = Object.freeze({
  alice: "447700900001",
  bob: "447700900002",
})
