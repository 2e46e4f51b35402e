import type { DemoPerson } from "../people"
import { demoPeople } from "../people"

/** A Cloudreve user's status: only `active` users may sign in. */
export type CloudreveUserStatus = "active" | "inactive" | "manual_banned" | "sys_banned"

/** A person as the Cloudreve emulator knows them: a hash id, a status and a sign-up date. */
export interface CloudreveAccount {
  readonly id: string
  readonly person: DemoPerson
  readonly status: CloudreveUserStatus
  readonly createdAt: number
}

/** Carol's account is blocked by an administrator: signing in answers 40017. */
export const carol: DemoPerson = Object.freeze({
  username: "carol",
  displayName: "Carol Danvers",
  email: "carol@example.com",
  matrixUserId: "@carol:localhost",
  password: "blocked but correct",
})

/** Dave never activated his account: signing in answers 40018. */
export const dave: DemoPerson = Object.freeze({
  username: "dave",
  displayName: "Dave Lister",
  email: "dave@example.com",
  matrixUserId: "@dave:localhost",
  password: "not activated yet",
})

/** The people the Cloudreve emulator knows by default: Alice, Bob, blocked Carol and inactive Dave. */
export const cloudrevePeople: readonly DemoPerson[] = Object.freeze([...demoPeople, carol, dave])

/** The default statuses by e-mail; everyone else is `active`. */
export const cloudreveStatuses: Readonly<Record<string, CloudreveUserStatus>> = Object.freeze({
  [carol.email]: "manual_banned",
  [dave.email]: "inactive",
})

/** Cloudreve shows users by hash id; the emulator derives a stable one from the account's position. */
const hashAlphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"

/**
 * Builds the emulator's accounts from people and statuses (keyed by lower-case e-mail).
 *
 * @example
 * const accounts = cloudreveAccounts(cloudrevePeople, cloudreveStatuses, clock.now())
 */
export function cloudreveAccounts(
  people: readonly DemoPerson[],
  statuses: Readonly<Record<string, CloudreveUserStatus>>,
  createdAt: number,
): readonly CloudreveAccount[] {
  return people.map((person, index) => ({
    id: hashId(index + 1),
    person,
    status: statuses[person.email.toLowerCase()] ?? "active",
    createdAt,
  }))
}

function hashId(value: number): string {
  let rest = (value * 7_919 + 104_729) % 10_000_019
  let id = ""
  while (id.length < 4 || rest > 0) {
    id += hashAlphabet[rest % hashAlphabet.length] ?? ""
    rest = Math.floor(rest / hashAlphabet.length)
  }
  return id
}
