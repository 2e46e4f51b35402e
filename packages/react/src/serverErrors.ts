import type { AuthError, AuthField } from "@latchkey/core"
import type { Messages } from "./messages"

/** The field an error concerns when the adapter did not say. */
const defaultField: Partial<Record<AuthError["code"], AuthField>> = {
  captcha_invalid: "captcha",
  captcha_required: "captcha",
  invalid_second_factor: "code",
}

/** A method name as servers spell them (`u2f`, `webauthn`): short, and nothing a person typed. */
const methodName = /^[\w-]{1,32}$/

/**
 * The sentence for an error: the catalogue's, or, for a second factor this kit cannot perform, one naming the
 * method the adapter put in `vendorCode`.
 */
export function errorText(error: AuthError, messages: Messages): string {
  const method = error.vendorCode
  if (
    error.code === "second_factor_unsupported" &&
    typeof method === "string" &&
    methodName.test(method)
  )
    return messages.secondFactorUnsupported(method)
  return messages.errors[error.code]
}

/** The fields of `present` that `error` points at, in form order. */
export function erroredFields<Field extends AuthField>(
  error: AuthError,
  present: readonly Field[],
): readonly Field[] {
  const named = error.fields
  const fallback = defaultField[error.code]
  const wanted = named.length > 0 ? named : fallback ? [fallback] : []
  return present.filter((field) => wanted.includes(field))
}

/**
 * The text of a refusal, on the fields it concerns (`placed`) or for the whole form: the server's words for
 * `invalid_input` ("Password too short" says more than any generic sentence) and its reason for `access_denied`
 * (which filter or hook refused); for a refusal naming both the password and the one-time code (a server that
 * answers a wrong password, a missing code and a wrong code alike), what the user can still tell apart — whether
 * they sent a code; for wrong credentials where the form shows no account field (`shown`), that the password is wrong;
 * otherwise the catalogue's sentence for the code.
 */
export function refusalMessage(
  error: AuthError,
  messages: Messages,
  {
    placed = [],
    sentCode = false,
    shown,
  }: { placed?: readonly AuthField[]; sentCode?: boolean; shown?: readonly AuthField[] } = {},
): string {
  const serverText = error.serverMessage
  if (error.code === "invalid_input" && serverText) return serverText
  if (error.code === "access_denied" && serverText) return messages.accessDeniedBecause(serverText)
  if (placed.includes("password") && placed.includes("code"))
    return sentCode ? messages.passwordOrCodeWrong : messages.passwordWrongOrCodeNeeded
  // No account on screen (re-authentication): it cannot be "the account" that is wrong.
  if (error.code === "invalid_credentials" && shown?.includes("identifier") === false)
    return messages.passwordWrong
  return errorText(error, messages)
}

/**
 * Where focus goes after a refusal: the first field it concerns that is still empty (the code nobody typed),
 * else the first one it concerns.
 */
export function focusTarget<Field extends AuthField>(
  placed: readonly Field[],
  isEmpty: (field: Field) => boolean,
): Field | undefined {
  return placed.find(isEmpty) ?? placed[0]
}
