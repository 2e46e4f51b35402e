import {
  type AdapterCapabilities,
  type AuthError,
  type AuthField,
  type Captcha,
  isAuthError,
  type SessionUser,
  type SignInInput,
  type SignInOptions,
  type SsoProvider,
} from "@latchkey/core"
import {
  type ButtonHTMLAttributes,
  type FormHTMLAttributes,
  type HTMLAttributes,
  type ImgHTMLAttributes,
  type InputHTMLAttributes,
  type LabelHTMLAttributes,
  type Ref,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
} from "react"
import { useForm } from "react-hook-form"
import * as z from "zod/mini"
import { useLatchkey } from "./latchkeyContext"
import type { Messages } from "./messages"
import { erroredFields, fieldErrorMessage } from "./serverErrors"
import { type LiveRegion, useAnnouncer } from "./useAnnouncer"
import { useCountdown } from "./useCountdown"
import { useLatestResolver } from "./useLatestResolver"
import type { SignInController } from "./useSignIn"
import { useStepHeading } from "./useStepHeading"

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

interface SignInValues {
  server: string
  identifier: string
  password: string
  code: string
  captcha: string
}

/** Options of `useSignInForm`. */
export interface UseSignInFormOptions {
  messages?: Messages | undefined
  /** Moves focus to the heading when the form appears (set by `<SignIn>` for every step after the first). */
  focusHeadingOnMount?: boolean | undefined
  /** Pre-fills who signs in (an invitation, a remembered e-mail); never the password. */
  defaultIdentifier?: string | undefined
}

const fieldOrder: readonly SignInField[] = ["server", "identifier", "password", "code", "captcha"]
const emailPattern = /^[^\s@]+@[^\s@]+$/

function requiredText(message: string) {
  return z.string().check(z.refine((value) => value.trim() !== "", message))
}

function signInSchema(
  options: SignInOptions,
  present: ReadonlySet<SignInField>,
  messages: Messages,
) {
  const identifierRequired = messages.requiredIdentifier[options.identifier]
  return z.object({
    server: present.has("server") ? requiredText(messages.required.server) : z.string(),
    identifier: !present.has("identifier")
      ? z.string()
      : options.identifier === "email"
        ? requiredText(identifierRequired).check(
            z.refine(
              (value) => value.trim() === "" || emailPattern.test(value.trim()),
              messages.invalidEmail,
            ),
          )
        : requiredText(identifierRequired),
    password: present.has("password") ? requiredText(messages.required.password) : z.string(),
    code: z.string(),
    captcha: options.captcha ? requiredText(messages.required.captcha) : z.string(),
  })
}

/** What a re-authenticating user signs in with: their e-mail where the vendor wants one, else their id. */
function reauthIdentifier(user: SessionUser, options: SignInOptions | undefined): string {
  return options?.identifier === "email" ? (user.email ?? user.id) : user.id
}

function presentFields(
  options: SignInOptions | undefined,
  reauthUser: SessionUser | undefined,
  secondFactor: AdapterCapabilities["secondFactor"],
): ReadonlySet<SignInField> {
  const present = new Set<SignInField>()
  if (!options?.hasPassword) return present
  if (options.asksForServer && !reauthUser) present.add("server")
  if (!reauthUser) present.add("identifier")
  present.add("password")
  if (secondFactor === "inlineOptional" || secondFactor === "inlineRequired") present.add("code")
  if (options.captcha?.kind === "image") present.add("captcha")
  return present
}

/**
 * The behaviour of a sign-in (or re-authentication) form as prop getters: fields that fit the vendor's options,
 * validation, server errors on their fields, a rate-limit countdown, the password reveal toggle and the captcha.
 * @example
 * const signIn = useSignIn()
 * const form = useSignInForm(signIn)
 * <form {...form.getFormProps()}>
 *   <label {...form.getLabelProps("password")}>Password</label>
 *   <input {...form.getInputProps("password")} />
 *   <button {...form.getSubmitProps()}>Sign in</button>
 * </form>
 */
export function useSignInForm(signIn: SignInController, options: UseSignInFormOptions = {}) {
  const context = useLatchkey("useSignInForm")
  const messages = options.messages ?? context.messages
  const { snapshot } = signIn
  const { secondFactor } = context.client.adapter.capabilities
  const { announce, region } = useAnnouncer()
  const id = useId()
  const heading = useStepHeading(options.focusHeadingOnMount ?? false)

  // The options stay while the flow re-discovers (another server typed), so the form keeps its values.
  const liveOptions = "options" in snapshot ? snapshot.options : undefined
  const [knownOptions, setKnownOptions] = useState(liveOptions)
  if (liveOptions && liveOptions !== knownOptions) setKnownOptions(liveOptions)
  const signInOptions = liveOptions ?? knownOptions
  const { reauthUser } = snapshot

  const present = useMemo(
    () => presentFields(signInOptions, reauthUser, secondFactor),
    [signInOptions, reauthUser, secondFactor],
  )
  const presentList = useMemo(() => fieldOrder.filter((field) => present.has(field)), [present])
  const schema = useMemo(
    () => (signInOptions ? signInSchema(signInOptions, present, messages) : undefined),
    [signInOptions, present, messages],
  )
  const resolver = useLatestResolver<SignInValues>(schema)
  const form = useForm<SignInValues>({
    resolver,
    defaultValues: {
      server: signInOptions?.server ?? "",
      identifier: options.defaultIdentifier ?? "",
      password: "",
      code: "",
      captcha: "",
    },
    mode: "onSubmit",
    reValidateMode: "onChange",
  })
  const { register, handleSubmit, setError, setFocus, setValue, getFieldState, formState } = form

  const state: SignInFormState = (() => {
    switch (snapshot.step) {
      case "discovering":
        return "discovering"
      case "unavailable":
        return "unavailable"
      case "start":
        return "ready"
      case "submitting":
        return "submitting"
      case "redirecting":
        return "redirecting"
      case "secondFactor":
      case "completing":
      case "done":
        return "inactive"
      default:
        return snapshot satisfies never
    }
  })()
  const error: AuthError | undefined =
    snapshot.step === "start" || snapshot.step === "unavailable" ? snapshot.error : undefined
  const retryAt = snapshot.step === "start" ? snapshot.retryAt : undefined
  const retryIn = useCountdown(retryAt)
  const isRateLimited = retryIn > 0
  const placed = useMemo(
    () => (error ? erroredFields(error, presentList) : []),
    [error, presentList],
  )
  const formError =
    error && placed.length === 0 && !(error.code === "rate_limited" && retryAt !== undefined)
      ? messages.errors[error.code]
      : undefined

  // A discovered server fills the server field unless the user already typed one.
  useEffect(() => {
    const server = signInOptions?.server
    if (server && !getFieldState("server").isDirty) setValue("server", server)
  }, [signInOptions?.server, getFieldState, setValue])

  // Each refusal is handled once: errors placed on their fields, focus on the first, one announcement.
  const handledError = useRef<AuthError | undefined>(undefined)
  useEffect(() => {
    if (!error || handledError.current === error) return
    handledError.current = error
    for (const field of placed)
      setError(field, { type: "server", message: fieldErrorMessage(error, messages) })
    if (present.has("captcha")) setValue("captcha", "")
    const first = placed[0]
    if (first) setFocus(first, { shouldSelect: true })
    announce(
      error.code === "rate_limited" && retryAt !== undefined
        ? messages.retryIn(Math.ceil((error.retryAfterMs ?? 0) / 1000))
        : messages.errors[error.code],
    )
  }, [error, placed, present, retryAt, messages, setError, setFocus, setValue, announce])

  const wasRateLimited = useRef(false)
  useEffect(() => {
    if (isRateLimited) wasRateLimited.current = true
    else if (wasRateLimited.current) {
      wasRateLimited.current = false
      announce(messages.rateLimitOver)
    }
  }, [isRateLimited, announce, messages])

  useEffect(() => {
    if (state === "redirecting") announce(messages.redirecting)
  }, [state, announce, messages])

  const [isPasswordVisible, setPasswordVisible] = useState(false)
  const widgetTicket = useRef<string | undefined>(undefined)
  const captcha: Captcha | undefined = signInOptions?.captcha

  const submit = handleSubmit(async (values) => {
    if (!signInOptions) return
    const code = values.code.replace(/\s/g, "")
    const input: SignInInput = {
      server: present.has("server") ? values.server.trim() : undefined,
      identifier: reauthUser
        ? reauthIdentifier(reauthUser, signInOptions)
        : values.identifier.trim(),
      password: values.password,
      code: present.has("code") && code !== "" ? code : undefined,
      captcha: captcha
        ? {
            answer: values.captcha,
            ticket: captcha.kind === "image" ? captcha.ticket : widgetTicket.current,
          }
        : undefined,
    }
    try {
      await signIn.submit(input)
    } catch (failure) {
      // A second submit while one is running is refused by the flow; the first one's outcome shows.
      if (!isAuthError(failure, "invalid_step")) throw failure
    }
  })

  const isPending = state === "submitting" || state === "redirecting"
  const canSubmit = state === "ready" && !isRateLimited
  const fieldId = (field: SignInField) => `${id}-${field}`
  const hintOf = (field: SignInField): string => {
    if (!signInOptions) return ""
    switch (field) {
      case "identifier":
        return messages.identifierHint[signInOptions.identifier]
      case "server":
        return messages.serverHint
      case "code":
        return messages.inlineCodeHint
      case "password":
      case "captcha":
        return ""
      default:
        return field satisfies never
    }
  }
  const errorOf = (field: SignInField): string | undefined => formState.errors[field]?.message
  const describedBy = (field: SignInField) => {
    const ids = [
      hintOf(field) ? `${fieldId(field)}-hint` : undefined,
      errorOf(field) ? `${fieldId(field)}-error` : undefined,
    ].filter((value) => value !== undefined)
    return ids.length > 0 ? ids.join(" ") : undefined
  }

  const inputShape = (field: SignInField): InputHTMLAttributes<HTMLInputElement> => {
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
        return signInOptions?.identifier === "email"
          ? { type: "email", inputMode: "email", autoComplete: "username", spellCheck: false }
          : { type: "text", autoComplete: "username", autoCapitalize: "none", spellCheck: false }
      case "password":
        return {
          type: isPasswordVisible ? "text" : "password",
          autoComplete: "current-password",
          spellCheck: false,
        }
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
  }

  const labelOf = (field: SignInField): string => {
    switch (field) {
      case "server":
        return messages.serverLabel
      case "identifier":
        return messages.identifierLabel[signInOptions?.identifier ?? "username"]
      case "password":
        return messages.passwordLabel
      case "code":
        return messages.inlineCodeLabel
      case "captcha":
        return messages.captchaLabel
      default:
        return field satisfies never
    }
  }

  return {
    state,
    /** The discovered options (kept while re-discovering). */
    options: signInOptions,
    /** The fields to render, in order. */
    fields: presentList,
    reauthUser,
    error,
    /** The sentence for an error that concerns no field. */
    formError,
    isPending,
    canSubmit,
    retryInSeconds: retryIn,
    isPasswordVisible,
    ssoProviders: signInOptions?.ssoProviders ?? ([] satisfies SsoProvider[]),
    captcha,
    messages,
    liveRegion: region satisfies LiveRegion | null,
    labelOf,
    hintOf,
    errorOf,
    getFormProps: (): FormHTMLAttributes<HTMLFormElement> & { "data-state": SignInFormState } => ({
      noValidate: true,
      "aria-labelledby": heading.id,
      "aria-busy": isPending || state === "discovering",
      onSubmit: (event) => void submit(event),
      "data-state": state,
    }),
    getHeadingProps: () => heading.props,
    getLabelProps: (field: SignInField): LabelHTMLAttributes<HTMLLabelElement> => ({
      htmlFor: fieldId(field),
      id: `${fieldId(field)}-label`,
    }),
    getInputProps: (
      field: SignInField,
    ): InputHTMLAttributes<HTMLInputElement> & {
      ref: Ref<HTMLInputElement>
      "data-invalid": boolean
    } => {
      const registered = register(field)
      return {
        ...inputShape(field),
        ...registered,
        onBlur: (event) => {
          void registered.onBlur(event)
          const typed = event.target.value.trim()
          if (field === "server" && typed !== "" && typed !== signInOptions?.server)
            void signIn.discover(typed).catch(() => undefined)
        },
        id: fieldId(field),
        required: field !== "code",
        "aria-invalid": errorOf(field) ? true : undefined,
        "aria-describedby": describedBy(field),
        "data-invalid": errorOf(field) !== undefined,
      }
    },
    getHintProps: (field: SignInField): HTMLAttributes<HTMLElement> => ({
      id: `${fieldId(field)}-hint`,
    }),
    getErrorProps: (field: SignInField): HTMLAttributes<HTMLElement> => ({
      id: `${fieldId(field)}-error`,
    }),
    getRevealProps: (): ButtonHTMLAttributes<HTMLButtonElement> => ({
      type: "button",
      "aria-pressed": isPasswordVisible,
      "aria-controls": fieldId("password"),
      onClick: () => {
        const next = !isPasswordVisible
        setPasswordVisible(next)
        announce(next ? messages.passwordShown : messages.passwordHidden)
      },
    }),
    getCaptchaImageProps: (): ImgHTMLAttributes<HTMLImageElement> => ({
      src: captcha?.kind === "image" ? captcha.image : undefined,
      alt: messages.captchaImageAlt,
    }),
    getNewCaptchaProps: (): ButtonHTMLAttributes<HTMLButtonElement> => ({
      type: "button",
      disabled: state !== "ready",
      onClick: () => {
        setValue("captcha", "")
        void signIn.reloadCaptcha().catch(() => undefined)
      },
    }),
    /** For a widget captcha (slot): the widget reports its answer (and ticket) here. */
    solveCaptcha: (answer: string, ticket?: string) => {
      widgetTicket.current = ticket
      setValue("captcha", answer, { shouldValidate: formState.isSubmitted })
    },
    getSubmitProps: (): ButtonHTMLAttributes<HTMLButtonElement> & {
      "data-state": "idle" | "pending" | "blocked"
    } => ({
      type: "submit",
      disabled: !canSubmit,
      "aria-describedby": formError || isRateLimited ? `${id}-form-error` : undefined,
      "data-state": isPending ? "pending" : canSubmit ? "idle" : "blocked",
    }),
    getFormErrorProps: (): HTMLAttributes<HTMLElement> => ({ id: `${id}-form-error` }),
    getRetryDiscoveryProps: (): ButtonHTMLAttributes<HTMLButtonElement> => ({
      type: "button",
      onClick: () => void signIn.discover().catch(() => undefined),
    }),
  }
}

/** What `useSignInForm` returns. */
export type SignInFormApi = ReturnType<typeof useSignInForm>
