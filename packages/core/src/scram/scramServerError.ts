import { AuthError, type AuthErrorCode, type AuthField } from "../authError"

/** RFC 5802 §7 `server-error-value`s, and what each means for the person signing in. */
const codes: Readonly<Record<string, { code: AuthErrorCode; fields?: readonly AuthField[] }>> = {
  "invalid-proof": { code: "invalid_credentials", fields: ["password"] },
  "unknown-user": { code: "invalid_credentials", fields: ["password"] },
  "invalid-username-encoding": { code: "invalid_input", fields: ["identifier"] },
  "invalid-encoding": { code: "unsupported" },
  "extensions-not-supported": { code: "unsupported" },
  "channel-bindings-dont-match": { code: "unsupported" },
  "server-does-support-channel-binding": { code: "unsupported" },
  "channel-binding-not-supported": { code: "unsupported" },
  "unsupported-channel-binding-type": { code: "unsupported" },
}

/**
 * The `AuthError` of a server's `e=` answer; its value becomes `vendorCode`. An unknown user reads like a wrong
 * password, so that the form does not tell which e-mail addresses have accounts.
 */
export function scramServerError(value: string, vendor: string | undefined): AuthError {
  const known = codes[value]
  return new AuthError(known?.code ?? "server", {
    vendor,
    vendorCode: value,
    fields: known?.fields,
  })
}
