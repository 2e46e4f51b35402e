import { isAuthError } from "@latchkey/core"
import { useEffect, useId, useMemo, useRef, useState } from "react"
import { useLatchkey } from "./latchkeyContext"
import type { Messages } from "./messages"
import { signInFieldModel, signInFormState, signInInput } from "./signInFieldModel"
import type { SignInFormApi } from "./signInFormApi"
import { signInFormProps } from "./signInFormProps"
import { useAnnouncer } from "./useAnnouncer"
import { useServerErrors } from "./useServerErrors"
import type { SignInController } from "./useSignIn"
import { useSignInValues } from "./useSignInValues"
import { useStepHeading } from "./useStepHeading"

/** Options of `useSignInForm`. */
export interface UseSignInFormOptions {
  messages?: Messages | undefined
  /** Moves focus to the heading when the form appears (set by `<SignIn>` for every step after the first). */
  focusHeadingOnMount?: boolean | undefined
  /** Pre-fills who signs in (an invitation, a remembered e-mail); never the password. */
  defaultIdentifier?: string | undefined
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
export function useSignInForm(
  signIn: SignInController,
  options: UseSignInFormOptions = {},
): SignInFormApi {
  const context = useLatchkey("useSignInForm")
  const messages = options.messages ?? context.messages
  const { snapshot } = signIn
  // The flow keeps the options while it re-discovers (another server typed), so the form keeps its fields.
  const signInOptions = "options" in snapshot ? snapshot.options : undefined
  const { reauthUser } = snapshot
  const { secondFactor, derivesPasswordKey = false } = context.client.adapter.capabilities
  const model = useMemo(
    () => signInFieldModel({ options: signInOptions, secondFactor, reauthUser, messages }),
    [signInOptions, secondFactor, reauthUser, messages],
  )
  const form = useSignInValues(model, signInOptions, messages, options.defaultIdentifier)
  const { announce, region } = useAnnouncer()
  const heading = useStepHeading(options.focusHeadingOnMount ?? false)
  const id = useId()
  const state = signInFormState(snapshot)

  const sentCode = useRef(false)
  const error =
    snapshot.step === "start" || snapshot.step === "unavailable" ? snapshot.error : undefined
  const refusal = useServerErrors({
    error,
    retryAt: snapshot.step === "start" ? snapshot.retryAt : undefined,
    fields: model.fields,
    messages,
    announce,
    sentCode: () => sentCode.current,
    setError: (field, message) => form.setError(field, { type: "server", message }),
    focus: (field) => form.setFocus(field, { shouldSelect: true }),
    isEmpty: (field) => form.getValues(field).trim() === "",
    onRefusal: () => {
      // Every refusal uses up the captcha: the server shows a new one.
      if (model.has("captcha")) form.setValue("captcha", "")
    },
    isFocusLost: () => {
      const focused = heading.props.ref.current?.ownerDocument.activeElement
      return focused === null || focused?.matches("body,:disabled") === true
    },
  })

  useEffect(() => {
    if (state === "redirecting") announce(messages.redirecting)
  }, [state, announce, messages])

  const [isPasswordVisible, setPasswordVisible] = useState(false)
  const togglePassword = () => {
    setPasswordVisible(!isPasswordVisible)
    announce(isPasswordVisible ? messages.passwordHidden : messages.passwordShown)
  }

  const captchaTicket = useRef<string | undefined>(undefined)
  const submit = form.handleSubmit(async (values) => {
    if (!signInOptions) return
    const input = signInInput(values, {
      model,
      options: signInOptions,
      reauthUser,
      captchaTicket: captchaTicket.current,
    })
    sentCode.current = input.code !== undefined
    try {
      await signIn.submit(input)
    } catch (failure) {
      // A second submit while one is running is refused by the flow; the first one's outcome shows.
      if (!isAuthError(failure, "invalid_step")) throw failure
    }
  })

  return signInFormProps({
    id,
    signIn,
    model,
    options: signInOptions,
    state,
    error,
    refusal,
    form,
    heading,
    messages,
    liveRegion: region,
    isPasswordVisible,
    togglePassword,
    submit,
    captchaTicket,
    derivesPasswordKey,
  })
}
