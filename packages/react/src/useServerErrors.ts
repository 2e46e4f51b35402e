import type { AuthError, AuthField } from "@latchkey/core"
import { useEffect, useRef } from "react"
import type { Messages } from "./messages"
import { erroredFields, focusTarget, refusalMessage } from "./serverErrors"
import { useCountdown } from "./useCountdown"

/** What a form tells `useServerErrors`: its fields and how to mark, focus and read them. */
export interface ServerErrorsOptions<Field extends AuthField> {
  /** The flow's last refusal, if any. */
  readonly error: AuthError | undefined
  /** When a rate limit ends (epoch ms). */
  readonly retryAt: number | undefined
  /** The fields on screen, in order. */
  readonly fields: readonly Field[]
  readonly messages: Messages
  readonly announce: (message: string) => void
  /** Whether the refused request carried the sign-in form's inline one-time code. */
  readonly sentCode?: (() => boolean) | undefined
  /** Shows `message` on `field`. */
  readonly setError: (field: Field, message: string) => void
  /** Moves focus into `field`, its text selected for retyping. */
  readonly focus: (field: Field) => void
  readonly isEmpty: (field: Field) => boolean
  /** Runs first on every refusal (a captcha answer is used up: clear it). */
  readonly onRefusal?: (() => void) | undefined
  /**
   * Whether focus is on nothing or on a disabled control: the submit button, disabled while the request ran (and
   * through a rate limit), drops the focus it had. A refusal no field owns then returns it to the last field.
   */
  readonly isFocusLost?: (() => boolean) | undefined
}

/** Where a refusal shows, and the rate limit's countdown. */
export interface ServerErrors {
  /** The sentence of a refusal no field owns (a rate limit's countdown speaks for itself). */
  readonly formError: string | undefined
  /** Whole seconds left of a rate limit; 0 when there is none. */
  readonly retryInSeconds: number
}

/**
 * Handles each refusal of a form once: the message on the fields it concerns, focus into the right one, one
 * announcement; then says when a rate limit is over. Shared by the sign-in and second-factor forms.
 * @example
 * const { formError, retryInSeconds } = useServerErrors({ error, retryAt, fields: ["code"], … })
 */
export function useServerErrors<Field extends AuthField>(
  options: ServerErrorsOptions<Field>,
): ServerErrors {
  const { error, retryAt, fields, messages, announce } = options
  const retryInSeconds = useCountdown(retryAt)
  const isCountingDown = error?.code === "rate_limited" && retryAt !== undefined
  const ownsNoField = error !== undefined && erroredFields(error, fields).length === 0
  const formError = ownsNoField && !isCountingDown ? refusalMessage(error, messages) : undefined

  // The form's callbacks change every render; the refusal alone decides when to act.
  const latest = useRef(options)
  useEffect(() => {
    latest.current = options
  })
  const handled = useRef<AuthError | undefined>(undefined)
  useEffect(() => {
    if (!error || handled.current === error) return
    handled.current = error
    const form = latest.current
    form.onRefusal?.()
    const placed = erroredFields(error, form.fields)
    const text = refusalMessage(error, form.messages, {
      placed,
      sentCode: form.sentCode?.(),
      shown: form.fields,
    })
    for (const field of placed) form.setError(field, text)
    const target =
      focusTarget(placed, form.isEmpty) ?? (form.isFocusLost?.() ? form.fields.at(-1) : undefined)
    if (target) form.focus(target)
    form.announce(
      error.code === "rate_limited" && form.retryAt !== undefined
        ? form.messages.retryIn(Math.ceil((error.retryAfterMs ?? 0) / 1000))
        : text,
    )
  }, [error])

  const isRateLimited = retryInSeconds > 0
  const wasRateLimited = useRef(false)
  useEffect(() => {
    if (isRateLimited) wasRateLimited.current = true
    else if (wasRateLimited.current) {
      wasRateLimited.current = false
      announce(messages.rateLimitOver)
    }
  }, [isRateLimited, announce, messages])

  return { formError, retryInSeconds }
}
