import type { AuthError, SignInOptions } from "@latchkey/core"
import type { FormEvent } from "react"
import type { UseFormReturn } from "react-hook-form"
import type { Messages } from "./messages"
import type {
  SignInField,
  SignInFieldModel,
  SignInFormState,
  SignInValues,
} from "./signInFieldModel"
import type { SignInFormApi } from "./signInFormApi"
import type { LiveRegion } from "./useAnnouncer"
import type { ServerErrors } from "./useServerErrors"
import type { SignInController } from "./useSignIn"
import type { StepHeadingProps } from "./useStepHeading"

/** What the sign-in form's parts have worked out, for its prop getters. */
export interface SignInFormParts {
  /** Prefix of the form's element ids. */
  readonly id: string
  readonly signIn: SignInController
  readonly model: SignInFieldModel
  readonly options: SignInOptions | undefined
  readonly state: SignInFormState
  readonly error: AuthError | undefined
  readonly refusal: ServerErrors
  readonly form: UseFormReturn<SignInValues>
  readonly heading: { readonly id: string; readonly props: StepHeadingProps }
  readonly messages: Messages
  readonly liveRegion: LiveRegion | null
  readonly isPasswordVisible: boolean
  readonly togglePassword: () => void
  readonly submit: (event?: FormEvent) => Promise<void>
  /** The vendor's capability: a sign-in derives a key from the password on this device first. */
  readonly derivesPasswordKey: boolean
  /** Where a widget captcha's ticket is kept until the form is sent. */
  readonly captchaTicket: { current: string | undefined }
}

/** The sign-in form's state and prop getters: ids, ARIA wiring and handlers for each part of the markup. */
export function signInFormProps(parts: SignInFormParts): SignInFormApi {
  const { id, signIn, model, options, state, refusal, form, heading, messages } = parts
  const { formError, retryInSeconds } = refusal
  const isPending = state === "submitting" || state === "redirecting"
  const isRateLimited = retryInSeconds > 0
  const canSubmit = state === "ready" && !isRateLimited
  const captcha = options?.captcha
  const fieldId = (field: SignInField) => `${id}-${field}`
  const hintOf = (field: SignInField) => (options ? model.hint(field) : "")
  const messageOf = (field: SignInField) => form.formState.errors[field]?.message
  // One sentence about several fields ("the password or the code is wrong") is said once, by the first of them.
  const sayerOf = (field: SignInField) =>
    model.fields.find((other) => messageOf(other) === messageOf(field)) ?? field
  const errorOf = (field: SignInField) => (sayerOf(field) === field ? messageOf(field) : undefined)
  return {
    state,
    options,
    fields: model.fields,
    reauthUser: signIn.snapshot.reauthUser,
    error: parts.error,
    formError,
    isPending,
    isCheckingPassword: state === "submitting" && parts.derivesPasswordKey,
    canSubmit,
    retryInSeconds,
    isPasswordVisible: parts.isPasswordVisible,
    ssoProviders: options?.ssoProviders ?? [],
    captcha,
    messages,
    liveRegion: parts.liveRegion,
    labelOf: (field) => model.label(field),
    hintOf,
    errorOf,
    getFormProps: () => ({
      noValidate: true,
      "aria-labelledby": heading.id,
      "aria-busy": isPending || state === "discovering",
      onSubmit: (event) => void parts.submit(event),
      "data-state": state,
    }),
    getHeadingProps: () => heading.props,
    getLabelProps: (field) => ({ htmlFor: fieldId(field), id: `${fieldId(field)}-label` }),
    getInputProps(field) {
      const registered = form.register(field)
      const error = messageOf(field)
      // Ids of what describes the field; an absent part leaves an empty entry, which the join drops.
      const describedBy = [
        hintOf(field) && `${fieldId(field)}-hint`,
        error && `${fieldId(sayerOf(field))}-error`,
      ]
      return {
        ...model.attributes(field),
        ...(field === "password" && parts.isPasswordVisible ? { type: "text" } : {}),
        ...registered,
        onChange: (event) => {
          // A refusal was about what was typed then: editing any field takes it back, so it never stands
          // beside a new validation message.
          for (const other of model.fields)
            if (form.formState.errors[other]?.type === "server") form.clearErrors(other)
          return registered.onChange(event)
        },
        onBlur: (event) => {
          void registered.onBlur(event)
          const typed = event.target.value.trim()
          // Another server typed: its options are discovered, and the form keeps what was typed.
          if (field === "server" && typed !== "" && typed !== options?.server)
            void signIn.discover(typed).catch(() => undefined)
        },
        id: fieldId(field),
        required: model.isRequired(field),
        "aria-invalid": error ? true : undefined,
        "aria-describedby": describedBy.filter(Boolean).join(" ") || undefined,
        "data-invalid": error !== undefined,
      }
    },
    getHintProps: (field) => ({ id: `${fieldId(field)}-hint` }),
    getErrorProps: (field) => ({ id: `${fieldId(field)}-error` }),
    // Its name says what it does next ("Hide password"): a toggle whose name changes has no pressed state.
    getRevealProps: () => ({
      type: "button",
      "aria-controls": fieldId("password"),
      onClick: parts.togglePassword,
    }),
    getCaptchaImageProps: () => ({
      src: captcha?.kind === "image" ? captcha.image : undefined,
      alt: messages.captchaImageAlt,
    }),
    getNewCaptchaProps: () => ({
      type: "button",
      disabled: state !== "ready",
      onClick: () => {
        form.setValue("captcha", "")
        void signIn.reloadCaptcha().catch(() => undefined)
      },
    }),
    solveCaptcha: (answer, ticket) => {
      parts.captchaTicket.current = ticket
      form.setValue("captcha", answer, { shouldValidate: form.formState.isSubmitted })
    },
    getSubmitProps: () => ({
      type: "submit",
      disabled: !canSubmit,
      "aria-describedby": formError || isRateLimited ? `${id}-form-error` : undefined,
      "data-state": isPending ? "pending" : canSubmit ? "idle" : "blocked",
    }),
    getFormErrorProps: () => ({ id: `${id}-form-error` }),
    getRetryDiscoveryProps: () => ({
      type: "button",
      onClick: () => {
        // The button goes away while the server is asked again: focus waits on the heading, which stays.
        heading.props.ref.current?.focus()
        void signIn.discover().catch(() => undefined)
      },
    }),
  }
}
