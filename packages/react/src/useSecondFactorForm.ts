import {
  type AuthError,
  isAuthError,
  type SecondFactorKind,
  type SecondFactorMethod,
} from "@latchkey/core"
import {
  type ButtonHTMLAttributes,
  type ChangeEvent,
  type FormHTMLAttributes,
  type HTMLAttributes,
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

/** Options of `useSecondFactorForm`. */
export interface UseSecondFactorFormOptions {
  messages?: Messages | undefined
  /** Moves focus to the heading when the form appears (set by `<SignIn>`). */
  focusHeadingOnMount?: boolean | undefined
}

/** The digits a numeric code has: the form submits itself once they are all there. */
export const numericCodeLength = 6

const isNumeric = (kind: SecondFactorKind): boolean => {
  switch (kind) {
    case "totp":
    case "sms":
    case "email":
      return true
    case "yubikey":
      return false
    default:
      return kind satisfies never
  }
}

// A YubiKey OTP: 32 to 48 characters of modhex.
const yubikeyPattern = /^[cbdefghijklnrtuv]{32,48}$/

function codeSchema(kind: SecondFactorKind, messages: Messages) {
  const pattern = isNumeric(kind) ? new RegExp(`^\\d{${numericCodeLength}}$`) : yubikeyPattern
  return z.object({
    code: z.string().check(
      z.refine((value) => value !== "", messages.required.code),
      z.refine((value) => value === "" || pattern.test(value), messages.invalidCode[kind]),
    ),
  })
}

/** Keeps the digits of a typed or pasted code ("123 456", "Code: 123-456"), at most the code's length. */
export function normalizeCode(kind: SecondFactorKind, text: string): string {
  return isNumeric(kind)
    ? text.replace(/\D/g, "").slice(0, numericCodeLength)
    : text.trim().toLowerCase()
}

function minutesAndSeconds(totalSeconds: number): string {
  const minutes = Math.floor(totalSeconds / 60)
  const seconds = totalSeconds % 60
  return `${minutes}:${String(seconds).padStart(2, "0")}`
}

/**
 * The behaviour of a second-factor form as prop getters: the method picker, a one-time-code field that
 * accepts a pasted code and submits itself when complete, resend with its cooldown, the challenge's expiry,
 * and "use another account".
 * @example
 * const form = useSecondFactorForm(signIn)
 * <form {...form.getFormProps()}>
 *   <label {...form.getLabelProps()}>{form.codeLabel}</label>
 *   <input {...form.getInputProps()} />
 * </form>
 */
export function useSecondFactorForm(
  signIn: SignInController,
  options: UseSecondFactorFormOptions = {},
) {
  const context = useLatchkey("useSecondFactorForm")
  const messages = options.messages ?? context.messages
  const { snapshot } = signIn
  const { announce, region } = useAnnouncer()
  const id = useId()
  const heading = useStepHeading(options.focusHeadingOnMount ?? false)

  const challenge = snapshot.step === "secondFactor" ? snapshot.challenge : undefined
  const methods: readonly SecondFactorMethod[] = challenge?.methods ?? []
  const method = methods.find((candidate) => candidate.id === challenge?.method)
  const kind: SecondFactorKind = method?.kind ?? "totp"
  const isSubmitting = snapshot.step === "secondFactor" && snapshot.isSubmitting
  const error: AuthError | undefined = snapshot.step === "secondFactor" ? snapshot.error : undefined
  const retryIn = useCountdown(snapshot.step === "secondFactor" ? snapshot.retryAt : undefined)
  const resendIn = useCountdown(challenge?.resendAvailableAt)
  const expiresIn = useCountdown(challenge?.expiresAt ?? undefined)
  const hasExpiry = challenge?.expiresAt !== null && challenge?.expiresAt !== undefined
  const isExpired = hasExpiry && expiresIn === 0
  const canSubmit = challenge !== undefined && !isSubmitting && retryIn === 0 && !isExpired

  const schema = useMemo(() => codeSchema(kind, messages), [kind, messages])
  const resolver = useLatestResolver<{ code: string }>(schema)
  const form = useForm<{ code: string }>({
    resolver,
    defaultValues: { code: "" },
    mode: "onSubmit",
    reValidateMode: "onSubmit",
  })
  const { register, handleSubmit, setError, setFocus, setValue, clearErrors, formState } = form

  const submit = handleSubmit(async ({ code }) => {
    try {
      await signIn.submitCode(code)
    } catch (failure) {
      if (!isAuthError(failure, "invalid_step")) throw failure
    }
  })

  const handledError = useRef<AuthError | undefined>(undefined)
  useEffect(() => {
    if (!error || handledError.current === error) return
    handledError.current = error
    const placed = erroredFields(error, ["code"])
    if (placed.length > 0) {
      setError("code", { type: "server", message: fieldErrorMessage(error, messages) })
      setFocus("code", { shouldSelect: true })
    }
    announce(
      error.code === "rate_limited" && error.retryAfterMs !== undefined
        ? messages.retryIn(Math.ceil(error.retryAfterMs / 1000))
        : messages.errors[error.code],
    )
  }, [error, messages, setError, setFocus, announce])

  // A changed method asks for a different code.
  const methodId = method?.id
  useEffect(() => {
    if (methodId === undefined) return
    setValue("code", "")
    clearErrors("code")
  }, [methodId, setValue, clearErrors])

  const formError =
    error && erroredFields(error, ["code"]).length === 0 && !(error.code === "rate_limited")
      ? messages.errors[error.code]
      : undefined
  const statusText =
    retryIn > 0 ? messages.retryIn(retryIn) : isExpired ? messages.challengeExpired : formError
  const [isResending, setResending] = useState(false)
  const codeError = formState.errors.code?.message
  const fieldId = `${id}-code`
  const registered = register("code")
  const describedBy = [
    `${fieldId}-hint`,
    codeError ? `${fieldId}-error` : undefined,
    hasExpiry ? `${id}-expiry` : undefined,
  ]
    .filter((value) => value !== undefined)
    .join(" ")

  return {
    challenge,
    methods,
    method,
    kind,
    isSubmitting,
    canSubmit,
    isExpired,
    error,
    formError,
    /** The form-level line: a rate-limit countdown, the expiry notice or an error. */
    statusText,
    retryInSeconds: retryIn,
    resendInSeconds: resendIn,
    /** "m:ss" left before the challenge expires, or `undefined` without a limit. */
    expiresIn: hasExpiry ? minutesAndSeconds(expiresIn) : undefined,
    codeError,
    codeLabel: messages.codeLabel[kind],
    codeHint: messages.codeHint[kind],
    messages,
    liveRegion: region satisfies LiveRegion | null,
    getFormProps: (): FormHTMLAttributes<HTMLFormElement> & { "data-state": string } => ({
      noValidate: true,
      "aria-labelledby": heading.id,
      "aria-busy": isSubmitting,
      onSubmit: (event) => void submit(event),
      "data-state": isSubmitting ? "submitting" : isExpired ? "expired" : "ready",
    }),
    getHeadingProps: () => heading.props,
    getMethodProps: (
      candidate: SecondFactorMethod,
    ): InputHTMLAttributes<HTMLInputElement> & { "data-kind": SecondFactorKind } => ({
      type: "radio",
      name: `${id}-method`,
      id: `${id}-method-${candidate.id}`,
      value: candidate.id,
      checked: candidate.id === challenge?.method,
      disabled: isSubmitting,
      onChange: () => void signIn.selectMethod(candidate.id).catch(() => undefined),
      "data-kind": candidate.kind,
    }),
    getMethodLabelProps: (
      candidate: SecondFactorMethod,
    ): LabelHTMLAttributes<HTMLLabelElement> => ({
      htmlFor: `${id}-method-${candidate.id}`,
    }),
    getLabelProps: (): LabelHTMLAttributes<HTMLLabelElement> => ({
      htmlFor: fieldId,
      id: `${fieldId}-label`,
    }),
    getInputProps: (): InputHTMLAttributes<HTMLInputElement> & {
      ref: Ref<HTMLInputElement>
      "data-invalid": boolean
    } => ({
      ...registered,
      id: fieldId,
      type: "text",
      autoComplete: "one-time-code",
      inputMode: isNumeric(kind) ? "numeric" : "text",
      pattern: isNumeric(kind) ? "[0-9]*" : undefined,
      autoCapitalize: "none",
      spellCheck: false,
      required: true,
      "aria-invalid": codeError ? true : undefined,
      "aria-describedby": describedBy,
      "data-invalid": codeError !== undefined,
      onChange: (event: ChangeEvent<HTMLInputElement>) => {
        const normalized = normalizeCode(kind, event.target.value)
        if (normalized !== event.target.value) event.target.value = normalized
        void registered.onChange(event)
        // Complete: submit without making the user look for the button (typed or pasted alike).
        if (isNumeric(kind) && normalized.length === numericCodeLength && canSubmit) void submit()
      },
    }),
    getHintProps: (): HTMLAttributes<HTMLElement> => ({ id: `${fieldId}-hint` }),
    getErrorProps: (): HTMLAttributes<HTMLElement> => ({ id: `${fieldId}-error` }),
    getExpiryProps: (): HTMLAttributes<HTMLElement> => ({ id: `${id}-expiry` }),
    getStatusProps: (): HTMLAttributes<HTMLElement> => ({ id: `${id}-status` }),
    getSubmitProps: (): ButtonHTMLAttributes<HTMLButtonElement> & {
      "data-state": "idle" | "pending" | "blocked"
    } => ({
      type: "submit",
      disabled: !canSubmit,
      "aria-describedby": statusText ? `${id}-status` : undefined,
      "data-state": isSubmitting ? "pending" : canSubmit ? "idle" : "blocked",
    }),
    /** Whether the chosen method can send a new code. */
    canResend: method?.canResend ?? false,
    getResendProps: (): ButtonHTMLAttributes<HTMLButtonElement> => ({
      type: "button",
      disabled: resendIn > 0 || isSubmitting || isResending || isExpired,
      onClick: async () => {
        setResending(true)
        try {
          const next = await signIn.resendCode()
          if (next.step === "secondFactor" && !next.error) announce(messages.codeSent)
        } catch (failure) {
          if (!isAuthError(failure, "invalid_step")) throw failure
        } finally {
          setResending(false)
        }
      },
    }),
    getCancelProps: (): ButtonHTMLAttributes<HTMLButtonElement> => ({
      type: "button",
      onClick: () => void signIn.cancel().catch(() => undefined),
    }),
  }
}

/** What `useSecondFactorForm` returns. */
export type SecondFactorFormApi = ReturnType<typeof useSecondFactorForm>
