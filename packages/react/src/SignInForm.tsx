import type { ReactNode } from "react"
import type { Messages } from "./messages"
import type { CaptchaWidgetProps } from "./SignInFields"
import { SignInFormView } from "./SignInFormView"
import type { StyleProps } from "./styleProps"
import type { SignInController } from "./useSignIn"
import { useSignInForm } from "./useSignInForm"

/** Props of `<SignInForm>`. */
export interface SignInFormProps extends StyleProps {
  /** The flow from `useSignIn()`. */
  signIn: SignInController
  messages?: Messages | undefined
  /** Renders a third-party captcha widget (reCAPTCHA, Turnstile…) when the server asks for one. */
  renderCaptchaWidget?: ((props: CaptchaWidgetProps) => ReactNode) | undefined
  /** Moves focus to the heading when the form appears. */
  focusHeadingOnMount?: boolean | undefined
  /** Pre-fills who signs in (an invitation, a remembered e-mail); never the password. */
  defaultIdentifier?: string | undefined
  /**
   * Shown under the form: the site's own "Forgot password?" and "Create an account" links, since each site has its
   * own pages for them.
   */
  footer?: ReactNode
}

/**
 * The sign-in form: identifier (e-mail, user name or Matrix ID), server when asked, password with a reveal
 * toggle, the inline code and captcha where the vendor has them, and single sign-on buttons.
 * @example
 * const signIn = useSignIn()
 * if (signIn.snapshot.step === "start") return <SignInForm signIn={signIn} />
 */
export function SignInForm({
  signIn,
  messages,
  renderCaptchaWidget,
  focusHeadingOnMount,
  defaultIdentifier,
  footer,
  ...style
}: SignInFormProps) {
  const form = useSignInForm(signIn, { messages, focusHeadingOnMount, defaultIdentifier })
  return (
    <SignInFormView
      form={form}
      signIn={signIn}
      style={style}
      kind="sign-in"
      heading={form.messages.signInHeading}
      renderCaptchaWidget={renderCaptchaWidget}
      footer={footer}
    />
  )
}
