import type { AuthError, Captcha, SessionUser, SignInOptions, SsoProvider } from "@latchkey/core"
import type {
  ButtonHTMLAttributes,
  FormHTMLAttributes,
  HTMLAttributes,
  ImgHTMLAttributes,
  LabelHTMLAttributes,
} from "react"
import type { FieldInputProps, SubmitButtonProps } from "./formProps"
import type { Messages } from "./messages"
import type { SignInField, SignInFormState } from "./signInFieldModel"
import type { LiveRegion } from "./useAnnouncer"
import type { StepHeadingProps } from "./useStepHeading"

/** What `useSignInForm` returns: the form's state, its texts, and prop getters for each part of the markup. */
export interface SignInFormApi {
  readonly state: SignInFormState
  /** The discovered options (kept while re-discovering). */
  readonly options: SignInOptions | undefined
  /** The fields to render, in order. */
  readonly fields: readonly SignInField[]
  /** The user being re-authenticated, if any. */
  readonly reauthUser: SessionUser | undefined
  /** The flow's last refusal, if any. */
  readonly error: AuthError | undefined
  /** The sentence for an error that concerns no field. */
  readonly formError: string | undefined
  readonly isPending: boolean
  /** Pending while this device derives a key from the password (SCRAM): worth saying, it can take a moment. */
  readonly isCheckingPassword: boolean
  readonly canSubmit: boolean
  /** Whole seconds left of a rate limit; 0 when there is none. */
  readonly retryInSeconds: number
  readonly isPasswordVisible: boolean
  readonly ssoProviders: readonly SsoProvider[]
  readonly captcha: Captcha | undefined
  readonly messages: Messages
  /** The form's own live region to render, or `null` inside `<SignIn>` (which renders the shared one). */
  readonly liveRegion: LiveRegion | null
  labelOf(field: SignInField): string
  /** The line under a field ("" for none). */
  hintOf(field: SignInField): string
  /**
   * The error to show under the field, from validation or the server; a refusal naming several fields (a password
   * or a code) shows once, under the first of them, and the others point at it.
   */
  errorOf(field: SignInField): string | undefined
  getFormProps(): FormHTMLAttributes<HTMLFormElement> & { "data-state": SignInFormState }
  getHeadingProps(): StepHeadingProps
  getLabelProps(field: SignInField): LabelHTMLAttributes<HTMLLabelElement>
  getInputProps(field: SignInField): FieldInputProps
  getHintProps(field: SignInField): HTMLAttributes<HTMLElement>
  getErrorProps(field: SignInField): HTMLAttributes<HTMLElement>
  /** The password's show/hide toggle: a pressed button that announces its state. */
  getRevealProps(): ButtonHTMLAttributes<HTMLButtonElement>
  getCaptchaImageProps(): ImgHTMLAttributes<HTMLImageElement>
  getNewCaptchaProps(): ButtonHTMLAttributes<HTMLButtonElement>
  /** For a widget captcha (slot): the widget reports its answer (and ticket) here. */
  solveCaptcha(answer: string, ticket?: string): void
  getSubmitProps(): SubmitButtonProps
  /** The element saying `formError` or the rate limit's countdown: the submit button is described by it. */
  getFormErrorProps(): HTMLAttributes<HTMLElement>
  /** "Try again" when sign-in is unavailable. */
  getRetryDiscoveryProps(): ButtonHTMLAttributes<HTMLButtonElement>
}
