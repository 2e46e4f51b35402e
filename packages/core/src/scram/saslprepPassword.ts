import { AuthError } from "../authError"

/**
 * Prepares a password with SASLprep (RFC 4013, stored-string rules: unassigned code points are refused).
 * Printable ASCII is never changed by it, so the SASLprep tables (~2 kB gzip) are loaded only, on demand,
 * for a password outside it. A password SASLprep prohibits (control characters, unassigned code points,
 * mixed directions) or that it leaves empty rejects with `invalid_input` on the password field; tables that fail
 * to load reject with `network`.
 * @example
 * const prepared = await saslprepPassword("I\u00ADX") // "IX"
 */
export async function saslprepPassword(password: string, vendor?: string): Promise<string> {
  const refused = (cause?: unknown) =>
    new AuthError("invalid_input", { vendor, fields: ["password"], cause })
  if (/^[\x20-\x7e]+$/.test(password)) return password
  if (password === "") throw refused()
  let saslprep: (input: string) => string
  try {
    saslprep = (await import("./saslprep")).saslprep
  } catch (cause) {
    throw new AuthError("network", { vendor, cause })
  }
  let prepared: string
  try {
    prepared = saslprep(password)
  } catch (cause) {
    // The message names the rule broken, never the character: safe as a cause.
    throw refused(cause)
  }
  if (prepared === "") throw refused()
  return prepared
}
