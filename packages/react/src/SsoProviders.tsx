import { useId } from "react"
import type { Messages } from "./messages"
import { partClass, type StyleProps } from "./styleProps"
import type { SignInController } from "./useSignIn"
import { useSsoProviders } from "./useSsoProviders"

/** Props of `<SsoProviders>`. */
export interface SsoProvidersProps extends StyleProps {
  signIn: SignInController
  messages?: Messages | undefined
}

/**
 * A button per identity provider the server offers (name, icon, brand), each starting single sign-on.
 * @example
 * const signIn = useSignIn()
 * <SsoProviders signIn={signIn} />
 */
export function SsoProviders(props: SsoProvidersProps) {
  return <SsoProviderList {...props} isStandalone />
}

/** The provider buttons; inside a sign-in form they take the form's theme, standalone they are their own card. */
export function SsoProviderList({
  signIn,
  messages,
  isStandalone,
  ...style
}: SsoProvidersProps & { isStandalone: boolean }) {
  const sso = useSsoProviders(signIn, { messages })
  const headingId = useId()
  if (sso.providers.length === 0) return null
  return (
    <section
      aria-labelledby={headingId}
      className={
        isStandalone
          ? [partClass(style, "root"), partClass(style, "sso")].filter(Boolean).join(" ") ||
            undefined
          : partClass(style, "sso")
      }
      data-state={sso.redirectingTo === undefined ? "idle" : "redirecting"}
    >
      <h3 id={headingId} className={partClass(style, "description")}>
        {sso.messages.ssoHeading}
      </h3>
      <ul>
        {sso.providers.map((provider) => (
          <li key={provider.id}>
            <button {...sso.getButtonProps(provider)} className={partClass(style, "ssoButton")}>
              {provider.icon ? (
                <img src={provider.icon} alt="" className={partClass(style, "ssoIcon")} />
              ) : null}
              {sso.labelOf(provider)}
            </button>
          </li>
        ))}
      </ul>
      {sso.redirectingTo !== undefined ? (
        <p className={partClass(style, "status")}>{sso.messages.redirecting}</p>
      ) : null}
    </section>
  )
}
