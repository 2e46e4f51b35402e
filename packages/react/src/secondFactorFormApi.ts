import type {
  AuthError,
  SecondFactorChallenge,
  SecondFactorKind,
  SecondFactorMethod,
} from "@latchkey/core"
import type {
  ButtonHTMLAttributes,
  FormHTMLAttributes,
  HTMLAttributes,
  InputHTMLAttributes,
  LabelHTMLAttributes,
} from "react"
import type { FieldInputProps, SubmitButtonProps } from "./formProps"
import type { Messages } from "./messages"
import type { LiveRegion } from "./useAnnouncer"
import type { StepHeadingProps } from "./useStepHeading"

/** What `useSecondFactorForm` returns: the challenge, its texts and countdowns, and prop getters. */
export interface SecondFactorFormApi {
  readonly challenge: SecondFactorChallenge | undefined
  /** Who is signing in (the flow's `identifier`), for the line under the heading; `undefined` when nobody typed a name. */
  readonly identifier: string | undefined
  readonly methods: readonly SecondFactorMethod[]
  /** The chosen method. */
  readonly method: SecondFactorMethod | undefined
  readonly kind: SecondFactorKind
  readonly isSubmitting: boolean
  readonly canSubmit: boolean
  readonly isExpired: boolean
  /** The flow's last refusal, if any. */
  readonly error: AuthError | undefined
  /** The sentence for an error that concerns no field. */
  readonly formError: string | undefined
  /** The form-level line: a rate-limit countdown, the expiry notice or an error. */
  readonly statusText: string | undefined
  readonly retryInSeconds: number
  readonly resendInSeconds: number
  /** "m:ss" left before the challenge expires, or `undefined` without a limit. */
  readonly expiresIn: string | undefined
  /** The code field's error, from validation or the server. */
  readonly codeError: string | undefined
  readonly codeLabel: string
  readonly codeHint: string
  readonly messages: Messages
  /** The form's own live region to render, or `null` inside `<SignIn>` (which renders the shared one). */
  readonly liveRegion: LiveRegion | null
  /** Whether the chosen method can send a new code. */
  readonly canResend: boolean
  getFormProps(): FormHTMLAttributes<HTMLFormElement> & { "data-state": string }
  getHeadingProps(): StepHeadingProps
  /** A radio button choosing `candidate` (render them when there are several methods). */
  getMethodProps(
    candidate: SecondFactorMethod,
  ): InputHTMLAttributes<HTMLInputElement> & { "data-kind": SecondFactorKind }
  getMethodLabelProps(candidate: SecondFactorMethod): LabelHTMLAttributes<HTMLLabelElement>
  getLabelProps(): LabelHTMLAttributes<HTMLLabelElement>
  /** The code field: keeps a pasted code's digits and submits itself once a numeric code is complete. */
  getInputProps(): FieldInputProps
  getHintProps(): HTMLAttributes<HTMLElement>
  getErrorProps(): HTMLAttributes<HTMLElement>
  getExpiryProps(): HTMLAttributes<HTMLElement>
  /** The element saying `statusText`: the submit button is described by it. */
  getStatusProps(): HTMLAttributes<HTMLElement>
  getSubmitProps(): SubmitButtonProps
  getResendProps(): ButtonHTMLAttributes<HTMLButtonElement>
  /** "Use another account": back to the start. */
  getCancelProps(): ButtonHTMLAttributes<HTMLButtonElement>
}
