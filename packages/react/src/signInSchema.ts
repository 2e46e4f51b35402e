import type { SignInOptions } from "@latchkey/core"
import * as z from "zod/mini"
import type { Messages } from "./messages"
import type { SignInField, SignInFieldModel } from "./signInFieldModel"

const emailPattern = /^[^\s@]+@[^\s@]+$/

function requiredText(message: string) {
  return z.string().check(z.refine((value) => value.trim() !== "", message))
}

/** What the form checks before sending anything: the fields it shows and requires, and an e-mail's shape. */
export function signInSchema(model: SignInFieldModel, options: SignInOptions, messages: Messages) {
  const required = (field: SignInField, message: string) =>
    model.has(field) && model.isRequired(field) ? requiredText(message) : z.string()
  const identifierRequired = required("identifier", messages.requiredIdentifier[options.identifier])
  return z.object({
    server: required("server", messages.required.server),
    identifier:
      options.identifier === "email"
        ? identifierRequired.check(
            z.refine(
              (value) => value.trim() === "" || emailPattern.test(value.trim()),
              messages.invalidEmail,
            ),
          )
        : identifierRequired,
    password: required("password", messages.required.password),
    code: required("code", messages.required.code),
    // A widget captcha has no field of its own, but its answer is required all the same.
    captcha: options.captcha ? requiredText(messages.required.captcha) : z.string(),
  })
}
