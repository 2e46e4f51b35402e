import { AuthError } from "../authError"
import { encodeBase64 } from "../base64"

/** A SCRAM message split into its attributes (`r=…,s=…,i=…`), in order, each name once. */
export type ScramAttributes = ReadonlyMap<string, string>

/**
 * Splits a SCRAM message into attributes. A part that is not `<letter>=<value>`, or a name that comes twice,
 * makes the whole message `invalid_response`: a server (or someone in between) that repeats `r=` must not get
 * to choose which one counts.
 */
export function parseScramAttributes(message: string, vendor: string | undefined): ScramAttributes {
  const attributes = new Map<string, string>()
  for (const part of message.split(",")) {
    const name = /^[A-Za-z]=/.test(part) ? part.charAt(0) : undefined
    if (name === undefined || attributes.has(name))
      throw malformed(
        vendor,
        name === undefined ? "an attribute is not name=value" : `${name}= twice`,
      )
    attributes.set(name, part.slice(2))
  }
  return attributes
}

/** RFC 5802 `saslname`: `=` and `,` cannot appear raw in a user name, so they travel as `=3D` and `=2C`. */
export function escapeScramUsername(username: string): string {
  return username.replaceAll("=", "=3D").replaceAll(",", "=2C")
}

/** RFC 5802 `printable`: visible ASCII except `,`, the only characters a nonce may have. */
export function isScramPrintable(text: string): boolean {
  return /^[\x21-\x2b\x2d-\x7e]+$/.test(text)
}

/**
 * Decodes canonical, padded base64 (RFC 4648 §4) as SCRAM sends it; `undefined` for anything else, including
 * the second spelling `atob` forgives (stray bits in the last character): one value, one spelling.
 */
export function decodeScramBase64(text: string): Uint8Array<ArrayBuffer> | undefined {
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(text))
    return undefined
  const bytes = Uint8Array.from(atob(text), (char) => char.charCodeAt(0))
  return encodeBase64(bytes) === text ? bytes : undefined
}

/**
 * The `invalid_response` of a message that breaks the SCRAM grammar; `cause` says which rule, for whoever
 * debugs it (never a value: a nonce or proof is nobody's business in a log).
 */
export function malformed(vendor: string | undefined, rule: string): AuthError {
  return new AuthError("invalid_response", {
    vendor,
    cause: new Error(`SCRAM: ${rule}`),
  })
}
