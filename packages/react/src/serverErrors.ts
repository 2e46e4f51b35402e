import type { AuthError, AuthField } from "@latchkey/core"
import type { Messages } from "./messages"

/** The field an error concerns when the adapter did not say. */
const defaultField: Partial<Record<AuthError["code"], AuthField>> = {
  captcha_invalid: "captcha",
  captcha_required: "captcha",
  invalid_second_factor: "code",
}

/** The fields of `present` that `error` points at, in form order. */
export function erroredFields(
  error: AuthError,
  present: readonly AuthField[],
): readonly AuthField[] {
  const named = error.fields
  const fallback = defaultField[error.code]
  const wanted = named.length > 0 ? named : fallback ? [fallback] : []
  return present.filter((field) => wanted.includes(field))
}

/**
 * The text to show on a field: the catalogue's sentence for the code, except for `invalid_input`, whose
 * server text says what is wrong ("Password too short") better than any generic sentence.
 */
export function fieldErrorMessage(error: AuthError, messages: Messages): string {
  const serverText = error.serverMessage
  return error.code === "invalid_input" && serverText ? serverText : messages.errors[error.code]
}
