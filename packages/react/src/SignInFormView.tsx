import type { ReactNode } from "react"
import { FormStatus } from "./FormStatus"
import { LiveRegionView } from "./LiveRegionView"
import { type CaptchaWidgetProps, SignInFields } from "./SignInFields"
import { SsoProviderList } from "./SsoProviders"
import type { SignInFormApi } from "./signInFormApi"
import { partClass, type StyleProps } from "./styleProps"
import type { SignInController } from "./useSignIn"

/** The markup shared by `<SignInForm>` and `<ReauthForm>`: they differ in heading, intro and footer. */
export function SignInFormView({
  form,
  signIn,
  style,
  kind,
  heading,
  intro,
  footer,
  renderCaptchaWidget,
}: {
  form: SignInFormApi
  signIn: SignInController
  style: StyleProps
  kind: "sign-in" | "reauth"
  heading: string
  intro?: ReactNode
  footer?: ReactNode
  renderCaptchaWidget?: ((props: CaptchaWidgetProps) => ReactNode) | undefined
}) {
  const { messages, options } = form
  return (
    <section
      aria-labelledby={form.getHeadingProps().id}
      className={partClass(style, "root")}
      data-latchkey={kind}
      data-state={form.state}
    >
      <h2 {...form.getHeadingProps()} className={partClass(style, "heading")}>
        {heading}
      </h2>
      {intro}
      {form.state === "discovering" && !options ? (
        <p className={partClass(style, "status")} data-state="pending">
          {messages.discovering}
        </p>
      ) : null}
      {form.state === "unavailable" ? (
        <>
          <p {...form.getFormErrorProps()} className={partClass(style, "formError")}>
            {messages.unavailable} {form.formError}
          </p>
          <button {...form.getRetryDiscoveryProps()} className={partClass(style, "button")}>
            {messages.tryAgain}
          </button>
        </>
      ) : null}
      {options && form.state !== "unavailable" ? (
        <>
          {options.hasPassword ? (
            <form {...form.getFormProps()} className={partClass(style, "form")}>
              <SignInFields form={form} style={style} renderCaptchaWidget={renderCaptchaWidget} />
              <FormStatus form={form} style={style} />
            </form>
          ) : form.formError ? (
            <p {...form.getFormErrorProps()} className={partClass(style, "formError")}>
              {form.formError}
            </p>
          ) : null}
          {options.hasPassword && options.ssoProviders.length > 0 ? (
            <p className={partClass(style, "divider")}>{messages.ssoDivider}</p>
          ) : null}
          <SsoProviderList signIn={signIn} messages={messages} {...style} isStandalone={false} />
        </>
      ) : null}
      {footer}
      <LiveRegionView region={form.liveRegion} />
    </section>
  )
}
