/** A Matrix `identifier` object for `/login` and user-interactive auth. */
export type MatrixIdentifier =
  | { readonly type: "m.id.user"; readonly user: string }
  | {
      readonly type: "m.id.thirdparty"
      readonly medium: "email" | "msisdn"
      readonly address: string
    }

/**
 * Reads what the user typed as a Matrix identifier: `@alice:example.org` or `alice` name a user,
 * `alice@example.org` an e-mail address, `+44 7700 900001` a phone number (third-party ids).
 *
 * @example
 * matrixIdentifier("alice@example.com") // { type: "m.id.thirdparty", medium: "email", address: "alice@example.com" }
 */
export function matrixIdentifier(typed: string): MatrixIdentifier {
  const text = typed.trim()
  if (/^[^@\s:]+@[^@\s]+\.[^@\s]+$/.test(text))
    return { type: "m.id.thirdparty", medium: "email", address: text }
  if (/^\+[\d\s().-]{6,}$/.test(text))
    return { type: "m.id.thirdparty", medium: "msisdn", address: text.replace(/\D/g, "") }
  return { type: "m.id.user", user: text }
}
