import type { SsoProvider } from "@latchkey/core"
import type { ButtonHTMLAttributes } from "react"
import { useLatchkey } from "./latchkeyContext"
import type { Messages } from "./messages"
import type { SignInController } from "./useSignIn"

/**
 * The identity providers the server offers, with props for a button per provider that starts single sign-on.
 * @example
 * const sso = useSsoProviders(signIn)
 * sso.providers.map((p) => <button key={p.id} {...sso.getButtonProps(p)}>{sso.labelOf(p)}</button>)
 */
export function useSsoProviders(
  signIn: SignInController,
  options: { messages?: Messages | undefined } = {},
) {
  const context = useLatchkey("useSsoProviders")
  const messages = options.messages ?? context.messages
  const { snapshot } = signIn
  const providers: readonly SsoProvider[] =
    ("options" in snapshot ? snapshot.options?.ssoProviders : undefined) ?? []
  const redirectingTo = snapshot.step === "redirecting" ? (snapshot.providerId ?? "") : undefined
  return {
    providers,
    /** The provider being redirected to (`""` for the server's only one), if any. */
    redirectingTo,
    messages,
    labelOf: (provider: SsoProvider) =>
      provider.name ? messages.ssoContinueWith(provider.name) : messages.ssoSingle,
    getButtonProps: (
      provider: SsoProvider,
    ): ButtonHTMLAttributes<HTMLButtonElement> & {
      "data-brand": string | undefined
      "data-state": "idle" | "pending"
    } => ({
      type: "button",
      disabled: snapshot.step !== "start",
      "aria-busy": redirectingTo === provider.id,
      onClick: () => void signIn.startSso(provider.id || undefined).catch(() => undefined),
      "data-brand": provider.brand,
      "data-state": redirectingTo === provider.id ? "pending" : "idle",
    }),
  }
}
