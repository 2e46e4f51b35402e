import type {
  AdapterCapabilities,
  AuthField,
  SessionUser,
  SignInFlowSnapshot,
  SignInInput,
  SignInOptions,
} from "@latchkey/core"
import type { InputHTMLAttributes } from "react"
import type { Messages } from "./messages"

/** The fields a sign-in form can have. */
export type SignInField = AuthField

/** What the sign-in form is doing. */
export type SignInFormState =
  | "discovering"
  | "unavailable"
  | "ready"
  | "submitting"
  | "redirecting"
  | "inactive"

/** What the user typed, one string per field (absent fields stay empty). */
export type SignInValues = Record<SignInField, string>

/** Which fields a sign-in form shows and how each one reads and behaves: no React, no state. */
export interface SignInFieldModel {
  /** The fields to render, in order. */
  readonly fields: readonly SignInField[]
  has(field: SignInField): boolean
  /** Whether the form refuses to submit it empty. */
  isRequired(field: SignInField): boolean
  label(field: SignInField): string
  /** A line under the field ("" for none). */
  hint(field: SignInField): string
  /** Type, autofill and keyboard of the field's input (the password's type is the reveal toggle's). */
  attributes(field: SignInField): InputHTMLAttributes<HTMLInputElement>
}

/** What the model is built from: the discovered options, the vendor's capabilities, who re-authenticates. */
export interface SignInFieldModelSource {
  readonly options: SignInOptions | undefined
  readonly secondFactor: AdapterCapabilities["secondFactor"]
  readonly reauthUser: SessionUser | undefined
  readonly messages: Messages
}

const fieldOrder: readonly SignInField[] = ["server", "identifier", "password", "code", "captcha"]

function isShown(field: SignInField, source: SignInFieldModelSource): boolean {
  const { options, reauthUser, secondFactor } = source
  if (!options?.hasPassword) return false
  switch (field) {
    case "server":
      return options.asksForServer && !reauthUser
    case "identifier":
      return !reauthUser
    case "password":
      return true
    case "code":
      return secondFactor === "inlineOptional" || secondFactor === "inlineRequired"
    case "captcha":
      return options.captcha?.kind === "image"
    default:
      return field satisfies never
  }
}

/**
 * The sign-in form's fields for what the server offers: server and identifier unless re-authenticating, the
 * password, the one-time code where the vendor takes it with the password (required or optional), the captcha.
 * @example
 * const model = signInFieldModel({ options, secondFactor: "inlineOptional", reauthUser: undefined, messages })
 * model.fields // ["identifier", "password", "code"]
 */
export function signInFieldModel(source: SignInFieldModelSource): SignInFieldModel {
  const { options, secondFactor, messages } = source
  const identifier = options?.identifier ?? "username"
  const fields = fieldOrder.filter((field) => isShown(field, source))
  return {
    fields,
    has: (field) => fields.includes(field),
    isRequired: (field) => field !== "code" || secondFactor === "inlineRequired",
    label(field) {
      switch (field) {
        case "server":
          return messages.serverLabel
        case "identifier":
          return messages.identifierLabel[identifier]
        case "password":
          return messages.passwordLabel
        case "code":
          return messages.inlineCodeLabel
        case "captcha":
          return messages.captchaLabel
        default:
          return field satisfies never
      }
    },
    hint(field) {
      switch (field) {
        case "server":
          return messages.serverHint
        case "identifier":
          return messages.identifierHint[identifier]
        case "code":
          // A required code needs no "only if"; an optional one says who needs it.
          return secondFactor === "inlineOptional" ? messages.inlineCodeHint : ""
        case "password":
        case "captcha":
          return ""
        default:
          return field satisfies never
      }
    },
    attributes(field) {
      switch (field) {
        case "server":
          return {
            type: "text",
            inputMode: "url",
            autoComplete: "url",
            autoCapitalize: "none",
            spellCheck: false,
          }
        case "identifier":
          return identifier === "email"
            ? { type: "email", inputMode: "email", autoComplete: "username", spellCheck: false }
            : { type: "text", autoComplete: "username", autoCapitalize: "none", spellCheck: false }
        case "password":
          return { type: "password", autoComplete: "current-password", spellCheck: false }
        case "code":
          return {
            type: "text",
            inputMode: "numeric",
            autoComplete: "one-time-code",
            pattern: "[0-9 ]*",
          }
        case "captcha":
          return { type: "text", autoComplete: "off", autoCapitalize: "none", spellCheck: false }
        default:
          return field satisfies never
      }
    },
  }
}

/** The form's state for a flow step. */
export function signInFormState(snapshot: SignInFlowSnapshot): SignInFormState {
  switch (snapshot.step) {
    case "discovering":
    case "unavailable":
    case "submitting":
    case "redirecting":
      return snapshot.step
    case "start":
      return "ready"
    case "secondFactor":
    case "completing":
    case "done":
      return "inactive"
    default:
      return snapshot satisfies never
  }
}

/**
 * What the flow is given from the typed values: trimmed where spaces are slips, the code without its spaces and
 * only when typed, and for a re-authentication the known user's identifier (their e-mail where the vendor wants
 * one) instead of a field.
 */
export function signInInput(
  values: SignInValues,
  {
    model,
    options,
    reauthUser,
    captchaTicket,
  }: {
    model: SignInFieldModel
    options: SignInOptions
    reauthUser: SessionUser | undefined
    /** A widget captcha's ticket; an image captcha brings its own. */
    captchaTicket: string | undefined
  },
): SignInInput {
  const code = values.code.replace(/\s/g, "")
  const { captcha } = options
  return {
    server: model.has("server") ? values.server.trim() : undefined,
    identifier: reauthUser
      ? options.identifier === "email"
        ? (reauthUser.email ?? reauthUser.id)
        : reauthUser.id
      : values.identifier.trim(),
    password: values.password,
    code: model.has("code") && code !== "" ? code : undefined,
    captcha: captcha
      ? {
          answer: values.captcha,
          ticket: captcha.kind === "image" ? captcha.ticket : captchaTicket,
        }
      : undefined,
  }
}
