/**
 * Secrets a test saw cross the wire, and a search for them in everything the client produced. `typed` secrets are
 * what a person typed (passwords, codes, Basic credentials): they belong nowhere, not even in a session's
 * credentials. `issued` secrets (tokens, session ids, one-time login tokens) belong only in the credentials of
 * the session that holds them.
 */
export interface SecretLedger {
  add(kind: SecretKind, ...values: (string | null | undefined)[]): void
  /** Reads the secrets a request carries: credentials headers and the secret fields of a JSON body. */
  harvestRequest(request: Request): Promise<void>
  /** Reads the secrets an answer hands out: token fields of a JSON body, and `secretHeaders`. */
  harvestResponse(response: Response): Promise<void>
  readonly secrets: ReadonlyMap<string, SecretKind>
}

export type SecretKind = "typed" | "issued"

/** Secrets shorter than this are not searched (a one-character field is not a secret). */
const minSecretLength = 6

/** Long secrets are searched in slices of this length too: a leak of part of a token is a leak. */
export const sliceLength = 12

const typedRequestFields = new Set(["password", "otp", "code", "proof"])
const issuedRequestFields = new Set([
  "token",
  "refresh_token",
  "refreshToken",
  "session_id",
  "partial_session_id",
  "loginToken",
])
const issuedResponseFields = new Set([
  "access_token",
  "refresh_token",
  "refreshToken",
  "login_token",
  "partial_session_id",
  "session_id",
])
const typedHeaders = ["x-sftpgo-otp"]
const issuedHeaders = ["x-filesapi-auth", "session"]

export function createSecretLedger(
  options: {
    /** Further answer fields that hand out a secret (a vendor's session id). */
    readonly issuedFields?: readonly string[]
    /** Reads further secrets out of an answer's JSON (a vendor's bare session id). */
    readonly harvest?: (request: { url: string; status: number }, json: unknown) => string[]
  } = {},
): SecretLedger {
  const secrets = new Map<string, SecretKind>()
  const responseFields = new Set([...issuedResponseFields, ...(options.issuedFields ?? [])])
  const add = (kind: SecretKind, ...values: (string | null | undefined)[]) => {
    for (const value of values) {
      if (typeof value !== "string" || value.length < minSecretLength) continue
      // A value seen as typed stays typed.
      if (secrets.get(value) !== "typed") secrets.set(value, kind)
    }
  }
  const walk = (value: unknown, visit: (key: string, text: string) => void) => {
    if (Array.isArray(value)) for (const item of value) walk(item, visit)
    else if (typeof value === "object" && value !== null) {
      for (const [key, item] of Object.entries(value)) {
        if (typeof item === "string") visit(key, item)
        else walk(item, visit)
      }
    }
  }
  return {
    secrets,
    add,
    async harvestRequest(request) {
      const authorization = request.headers.get("authorization") ?? ""
      const [scheme = "", value = ""] = authorization.split(" ")
      if (/^basic$/i.test(scheme)) {
        add("typed", value)
        const decoded = decodeBasic(value)
        add("typed", decoded, decoded?.slice(decoded.indexOf(":") + 1))
      } else add("issued", value)
      for (const name of typedHeaders) add("typed", request.headers.get(name))
      for (const name of issuedHeaders) add("issued", request.headers.get(name))
      walk(parse(await request.clone().text()), (key, text) => {
        if (typedRequestFields.has(key)) add("typed", text)
        if (issuedRequestFields.has(key)) add("issued", text)
      })
    },
    async harvestResponse(response) {
      for (const name of issuedHeaders) add("issued", response.headers.get(name))
      const json = parse(await response.clone().text())
      walk(json, (key, text) => {
        if (responseFields.has(key)) add("issued", text)
      })
      add(
        "issued",
        ...(options.harvest?.({ url: response.url, status: response.status }, json) ?? []),
      )
    },
  }
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

function decodeBasic(value: string): string | undefined {
  try {
    return new TextDecoder().decode(Uint8Array.from(atob(value), (char) => char.charCodeAt(0)))
  } catch {
    return undefined
  }
}

/** Something the client produced, named for the failure message. */
export interface Haystack {
  readonly where: string
  readonly text: string
  /** Whether only typed secrets are searched (a session's own credentials may hold issued ones). */
  readonly isCredentials?: boolean
}

/** A secret (or a slice of one) found where it must not be. */
export interface Leak {
  readonly where: string
  readonly kind: SecretKind
  readonly found: string
}

let searches = 0

/** How many needle-in-haystack searches `findLeaks` has run in this process, for the suite's summary. */
export function secretSearchCount(): number {
  return searches
}

/** Searches every haystack for every secret, whole and in `sliceLength`-character slices. */
export function findLeaks(ledger: SecretLedger, haystacks: readonly Haystack[]): Leak[] {
  const leaks: Leak[] = []
  for (const [secret, kind] of ledger.secrets) {
    const needles = [secret, ...slices(secret)]
    for (const haystack of haystacks) {
      if (haystack.isCredentials && kind === "issued") continue
      searches += needles.length
      const found = needles.find((needle) => haystack.text.includes(needle))
      if (found !== undefined) leaks.push({ where: haystack.where, kind, found })
    }
  }
  return leaks
}

function slices(secret: string): string[] {
  if (secret.length <= sliceLength) return []
  const result: string[] = []
  for (let start = 0; start + sliceLength <= secret.length; start++)
    result.push(secret.slice(start, start + sliceLength))
  return result
}

/**
 * Everything a value says, as text to search: errors with their message, `String()`, JSON, every own property
 * and their cause chain; objects as JSON with their `credentials` left out (a session's own) and numbers dropped
 * (no secret is a number, and a timestamp would match a six-digit code by chance).
 */
export function describeProduced(value: unknown, seen = new Set<unknown>()): string {
  if (value instanceof Error) return describeError(value, seen)
  if (typeof value === "string") return value
  if (typeof value !== "object" || value === null) return ""
  const errors: string[] = []
  const json = JSON.stringify(value, (key, item: unknown) => {
    if (key === "credentials" || typeof item === "number") return undefined
    if (item instanceof Error) {
      errors.push(describeError(item, seen))
      return "[error]"
    }
    return item
  })
  return [json ?? "", ...errors].join("\n")
}

/** The credentials a value holds (its sessions' own), as text: they may hold issued secrets, never typed ones. */
export function describeCredentials(value: unknown): string {
  const found: unknown[] = []
  JSON.stringify(value, (key, item: unknown) => {
    if (key === "credentials") found.push(item)
    return item
  })
  return JSON.stringify(found)
}

function describeError(error: Error, seen: Set<unknown>): string {
  if (seen.has(error)) return ""
  seen.add(error)
  const own = Object.fromEntries(
    Object.getOwnPropertyNames(error)
      .filter((name) => name !== "stack" && name !== "cause")
      .map((name) => [name, (error as unknown as Record<string, unknown>)[name]]),
  )
  const parts = [String(error), error.message, JSON.stringify(error), describeProduced(own, seen)]
  if (error.stack) parts.push(error.stack)
  const { cause } = error
  if (cause !== undefined) {
    parts.push(
      cause instanceof Error
        ? describeError(cause, seen)
        : `${String(cause)}\n${describeProduced(cause, seen)}`,
    )
  }
  return parts.join("\n")
}
