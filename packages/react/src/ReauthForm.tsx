import { type ReactNode, useState } from "react"
import { useLatchkey } from "./latchkeyContext"
import type { Messages } from "./messages"
import type { CaptchaWidgetProps } from "./SignInFields"
import { SignInFormView } from "./SignInFormView"
import { partClass, type StyleProps } from "./styleProps"
import type { SignInController } from "./useSignIn"
import { useSignInForm } from "./useSignInForm"

/** Props of `<ReauthForm>`. */
export interface ReauthFormProps extends StyleProps {
  /** The flow from `useSignIn()` while the session needs re-authentication. */
  signIn: SignInController
  messages?: Messages | undefined
  renderCaptchaWidget?: ((props: CaptchaWidgetProps) => ReactNode) | undefined
  focusHeadingOnMount?: boolean | undefined
}

/**
 * Re-authentication of the known user (expired session, Matrix soft logout): shows who, asks only for the
 * password (and the code where the vendor takes it inline), and offers to sign out instead.
 * @example
 * const signIn = useSignIn()
 * if (signIn.snapshot.reauthUser) return <ReauthForm signIn={signIn} />
 */
export function ReauthForm({
  signIn,
  messages,
  renderCaptchaWidget,
  focusHeadingOnMount,
  ...style
}: ReauthFormProps) {
  const form = useSignInForm(signIn, { messages, focusHeadingOnMount })
  const { client } = useLatchkey("ReauthForm")
  // The client directly, not `useSignOut`: the provider forgets the user's queries on any sign-out, and
  // the drop-in screen stays clear of react-query's mutation machinery (bundle budget).
  const [isSigningOut, setSigningOut] = useState(false)
  const user = form.reauthUser
  const name = user ? (user.displayName ? `${user.displayName} (${user.id})` : user.id) : ""
  return (
    <SignInFormView
      form={form}
      signIn={signIn}
      style={style}
      kind="reauth"
      heading={form.messages.reauthHeading}
      renderCaptchaWidget={renderCaptchaWidget}
      intro={
        <p className={partClass(style, "description")} data-user={user?.id}>
          {form.messages.reauthAs(name, form.fields.includes("code"))}
        </p>
      }
      footer={
        <button
          type="button"
          className={partClass(style, "secondaryButton")}
          disabled={isSigningOut}
          onClick={() => {
            setSigningOut(true)
            void client.signOut().finally(() => setSigningOut(false))
          }}
        >
          {form.messages.notYou}
        </button>
      }
    />
  )
}
