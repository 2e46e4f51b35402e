import type { DemoPerson } from "../people"
import { matrixError } from "./matrixError"
import {
  type JsonObject,
  optionalObject,
  optionalString,
  requiredString,
} from "./matrixRequestBody"

/** Who an identifier names on this server; the people and third-party ids it can match. */
export interface IdentifierDirectory {
  readonly serverName: string
  readonly people: readonly DemoPerson[]
  readonly phoneNumbers: Readonly<Record<string, string>>
}

/** Calling codes of the countries `m.id.phone` understands here (a real server knows them all). */
const callingCodes: Readonly<Record<string, string>> = {
  GB: "44",
  US: "1",
  CA: "1",
  DE: "49",
  FR: "33",
  NL: "31",
  IE: "353",
  AU: "61",
}

/**
 * Finds the person a login or user-interactive-auth body names, through its `identifier` object or the
 * deprecated top-level `user` / `medium` + `address` fields. `undefined` means nobody (a 403, not a 400).
 * A malformed identifier throws the 400 answer.
 *
 * @example
 * const person = findPerson(directory, body) // body.identifier = { type: "m.id.user", user: "alice" }
 */
export function findPerson(
  directory: IdentifierDirectory,
  body: JsonObject,
): DemoPerson | undefined {
  const identifier = optionalObject(body, "identifier") ?? legacyIdentifier(body)
  const type = requiredString(identifier, "type")
  switch (type) {
    case "m.id.user":
      return byUser(directory, requiredString(identifier, "user"))
    case "m.id.thirdparty": {
      const medium = requiredString(identifier, "medium")
      const address = requiredString(identifier, "address")
      return byThirdParty(directory, medium, address)
    }
    case "m.id.phone": {
      const country = requiredString(identifier, "country").toUpperCase()
      const phone = requiredString(identifier, "phone")
      const callingCode = callingCodes[country]
      if (callingCode === undefined)
        throw matrixError(400, "M_INVALID_PARAM", "Unknown country code.")
      const national = digits(phone).replace(/^0/, "")
      return byThirdParty(directory, "msisdn", `${callingCode}${national}`)
    }
    default:
      throw matrixError(400, "M_UNKNOWN", "Unknown login identifier type.")
  }
}

/** The full user id of a person on this server. */
export function userIdOf(directory: Pick<IdentifierDirectory, "serverName">, person: DemoPerson) {
  return `@${person.username}:${directory.serverName}`
}

function legacyIdentifier(body: JsonObject): JsonObject {
  const user = optionalString(body, "user")
  if (user !== undefined) return { type: "m.id.user", user }
  const medium = optionalString(body, "medium")
  const address = optionalString(body, "address")
  if (medium !== undefined || address !== undefined)
    return { type: "m.id.thirdparty", medium, address }
  throw matrixError(400, "M_MISSING_PARAM", "Missing 'identifier'.")
}

function byUser(directory: IdentifierDirectory, user: string): DemoPerson | undefined {
  const lower = user.toLowerCase()
  const suffix = `:${directory.serverName}`
  let localpart = lower
  if (lower.startsWith("@")) {
    if (!lower.endsWith(suffix)) return undefined
    localpart = lower.slice(1, -suffix.length)
  }
  return directory.people.find((person) => person.username.toLowerCase() === localpart)
}

function byThirdParty(
  directory: IdentifierDirectory,
  medium: string,
  address: string,
): DemoPerson | undefined {
  switch (medium) {
    case "email":
      return directory.people.find(
        (person) => person.email.toLowerCase() === address.trim().toLowerCase(),
      )
    case "msisdn":
      return directory.people.find(
        (person) => directory.phoneNumbers[person.username] === digits(address),
      )
    default:
      return undefined
  }
}

function digits(text: string): string {
  return text.replace(/\D/g, "")
}
