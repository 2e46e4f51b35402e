import { isAuthError, type SecondFactorKind, type SecondFactorMethod } from "@latchkey/core"
import { useEffect, useId, useMemo, useState } from "react"
import { useForm } from "react-hook-form"
import { useLatchkey } from "./latchkeyContext"
import type { Messages } from "./messages"
import {
  codeSchema,
  isNumericCode,
  minutesAndSeconds,
  normalizeCode,
  numericCodeLength,
} from "./secondFactorCode"
import type { SecondFactorFormApi } from "./secondFactorFormApi"
import { useAnnouncer } from "./useAnnouncer"
import { useCountdown } from "./useCountdown"
import { useLatestResolver } from "./useLatestResolver"
import { useServerErrors } from "./useServerErrors"
import type { SignInController } from "./useSignIn"
import { useStepHeading } from "./useStepHeading"

/** Options of `useSecondFactorForm`. */
export interface UseSecondFactorFormOptions {
  messages?: Messages | undefined
  /** Moves focus into the code field when the form appears, and announces the step (set by `<SignIn>`). */
  focusHeadingOnMount?: boolean | undefined
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
): SecondFactorFormApi {
  const context = useLatchkey("useSecondFactorForm")
  const messages = options.messages ?? context.messages
  const { snapshot } = signIn
  const { announce, region } = useAnnouncer()
  const id = useId()
  // Focus goes into the code field, not to the heading: the form it is in is named by the heading, and the
  // heading is announced too, so no keyboard user needs a Tab to start typing.
  const heading = useStepHeading(false)
  const focusOnMount = options.focusHeadingOnMount ?? false

  const step = snapshot.step === "secondFactor" ? snapshot : undefined
  const challenge = step?.challenge
  const methods: readonly SecondFactorMethod[] = challenge?.methods ?? []
  const method = methods.find((candidate) => candidate.id === challenge?.method)
  const kind: SecondFactorKind = method?.kind ?? "totp"
  const isSubmitting = step?.isSubmitting === true
  const error = step?.error
  const resendIn = useCountdown(challenge?.resendAvailableAt)
  const expiresIn = useCountdown(challenge?.expiresAt ?? undefined)
  const hasExpiry = challenge?.expiresAt !== null && challenge?.expiresAt !== undefined
  // Past its time here, or the server says so: either way only a new sign-in helps.
  const isExpired = (hasExpiry && expiresIn === 0) || error?.code === "second_factor_expired"

  const schema = useMemo(() => codeSchema(kind, messages), [kind, messages])
  const resolver = useLatestResolver<{ code: string }>(schema)
  const form = useForm<{ code: string }>({
    resolver,
    defaultValues: { code: "" },
    mode: "onSubmit",
    reValidateMode: "onSubmit",
  })
  const {
    register,
    handleSubmit,
    setError,
    setFocus,
    setValue,
    getValues,
    clearErrors,
    formState,
  } = form
  const { formError, retryInSeconds: retryIn } = useServerErrors({
    error,
    retryAt: step?.retryAt,
    fields: ["code"],
    messages,
    announce,
    setError: (field, message) => setError(field, { type: "server", message }),
    focus: (field) => setFocus(field, { shouldSelect: true }),
    isEmpty: (field) => getValues(field) === "",
  })
  const canSubmit = challenge !== undefined && !isSubmitting && retryIn === 0 && !isExpired

  const submit = handleSubmit(async ({ code }) => {
    try {
      await signIn.submitCode(code)
    } catch (failure) {
      if (!isAuthError(failure, "invalid_step")) throw failure
    }
  })

  useEffect(() => {
    if (focusOnMount) announce(messages.secondFactorHeading)
  }, [focusOnMount, announce, messages])

  // A changed method asks for a different code.
  const methodId = method?.id
  useEffect(() => {
    if (methodId === undefined) return
    setValue("code", "")
    clearErrors("code")
  }, [methodId, setValue, clearErrors])

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
    identifier: step?.identifier,
    methods,
    method,
    kind,
    isSubmitting,
    canSubmit,
    isExpired,
    error,
    formError,
    statusText,
    retryInSeconds: retryIn,
    resendInSeconds: resendIn,
    expiresIn: hasExpiry ? minutesAndSeconds(expiresIn) : undefined,
    codeError,
    codeLabel: messages.codeLabel[kind],
    codeHint: messages.codeHint[kind],
    messages,
    liveRegion: region,
    getFormProps: () => ({
      noValidate: true,
      "aria-labelledby": heading.id,
      "aria-busy": isSubmitting,
      onSubmit: (event) => void submit(event),
      "data-state": isSubmitting ? "submitting" : isExpired ? "expired" : "ready",
    }),
    getHeadingProps: () => heading.props,
    getMethodProps: (candidate) => ({
      type: "radio",
      name: `${id}-method`,
      id: `${id}-method-${candidate.id}`,
      value: candidate.id,
      checked: candidate.id === challenge?.method,
      disabled: isSubmitting,
      onChange: () => void signIn.selectMethod(candidate.id).catch(() => undefined),
      "data-kind": candidate.kind,
    }),
    getMethodLabelProps: (candidate) => ({ htmlFor: `${id}-method-${candidate.id}` }),
    getLabelProps: () => ({ htmlFor: fieldId, id: `${fieldId}-label` }),
    getInputProps: () => ({
      ...registered,
      id: fieldId,
      autoFocus: focusOnMount,
      type: "text",
      autoComplete: "one-time-code",
      inputMode: isNumericCode(kind) ? "numeric" : "text",
      pattern: isNumericCode(kind) ? "[0-9]*" : undefined,
      autoCapitalize: "none",
      spellCheck: false,
      required: true,
      "aria-invalid": codeError ? true : undefined,
      "aria-describedby": describedBy,
      "data-invalid": codeError !== undefined,
      onChange: (event) => {
        // A refused code is not the one being typed now.
        if (formState.errors.code?.type === "server") clearErrors("code")
        const normalized = normalizeCode(kind, event.target.value)
        if (normalized !== event.target.value) event.target.value = normalized
        void registered.onChange(event)
        // Complete: submit without making the user look for the button (typed or pasted alike).
        if (isNumericCode(kind) && normalized.length === numericCodeLength && canSubmit)
          void submit()
      },
    }),
    getHintProps: () => ({ id: `${fieldId}-hint` }),
    getErrorProps: () => ({ id: `${fieldId}-error` }),
    getExpiryProps: () => ({ id: `${id}-expiry` }),
    getStatusProps: () => ({ id: `${id}-status` }),
    getSubmitProps: () => ({
      type: "submit",
      disabled: !canSubmit,
      "aria-describedby": statusText ? `${id}-status` : undefined,
      "data-state": isSubmitting ? "pending" : canSubmit ? "idle" : "blocked",
    }),
    canResend: method?.canResend ?? false,
    getResendProps: () => ({
      type: "button",
      disabled: resendIn > 0 || isSubmitting || isResending || isExpired,
      onClick: async () => {
        setResending(true)
        try {
          const next = await signIn.resendCode()
          // The button disables itself for the cooldown and would drop focus: the new code goes in the field.
          if (next.step === "secondFactor" && !next.error) {
            announce(messages.codeSent)
            setFocus("code", { shouldSelect: true })
          }
        } catch (failure) {
          if (!isAuthError(failure, "invalid_step")) throw failure
        } finally {
          setResending(false)
        }
      },
    }),
    getCancelProps: () => ({
      type: "button",
      onClick: () => void signIn.cancel().catch(() => undefined),
    }),
  }
}
