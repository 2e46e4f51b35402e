import type { Session } from "@latchkey/core"
import { type ReactNode, useEffect } from "react"
import { LiveRegionView } from "./LiveRegionView"
import { useLatchkey } from "./latchkeyContext"
import type { Messages } from "./messages"
import { errorText } from "./serverErrors"
import { partClass, type StyleProps } from "./styleProps"
import { useAnnouncer } from "./useAnnouncer"
import { useSsoCallback } from "./useSsoCallback"
import { useStepHeading } from "./useStepHeading"

/** Props of `<SsoCallback>`. */
export interface SsoCallbackProps extends StyleProps {
  /** The callback address; defaults to the current page. */
  url?: string | undefined
  /** Hands over to the app once signed in (navigate to where the user was going). */
  onSignedIn?: ((session: Session) => void) | undefined
  /** Offered as "Try again" when single sign-on failed (back to the sign-in screen). */
  onRetry?: (() => void) | undefined
  messages?: Messages | undefined
  /** Shown once signed in when there is no `onSignedIn`, instead of the default sentence. */
  children?: ReactNode
}

/**
 * The page the identity provider sends the browser back to: completes single sign-on once, shows progress
 * and errors, then calls `onSignedIn`.
 * @example
 * <Route path="/sso" element={<SsoCallback onSignedIn={() => navigate("/")} onRetry={() => navigate("/sign-in")} />} />
 */
export function SsoCallback({
  url,
  onSignedIn,
  onRetry,
  messages,
  children,
  ...style
}: SsoCallbackProps) {
  const context = useLatchkey("SsoCallback")
  const text = messages ?? context.messages
  const snapshot = useSsoCallback({ url, onSignedIn })
  const { announce, region } = useAnnouncer()
  const heading = useStepHeading(false)
  const error = snapshot.step === "unavailable" ? snapshot.error : undefined
  useEffect(() => {
    if (error) announce(errorText(error, text))
  }, [error, announce, text])
  const isDone = snapshot.step === "done"
  useEffect(() => {
    if (isDone) announce(text.signedIn)
  }, [isDone, announce, text])
  return (
    <section
      aria-labelledby={heading.id}
      className={partClass(style, "root")}
      data-latchkey="sso-callback"
      data-state={error ? "error" : isDone ? "done" : "pending"}
      aria-busy={!error && !isDone}
    >
      <h2 {...heading.props} className={partClass(style, "heading")}>
        {text.ssoCallbackHeading}
      </h2>
      {error ? (
        <>
          <p className={partClass(style, "formError")}>{errorText(error, text)}</p>
          {onRetry ? (
            <button type="button" className={partClass(style, "button")} onClick={onRetry}>
              {text.tryAgain}
            </button>
          ) : null}
        </>
      ) : isDone ? (
        (children ?? <p className={partClass(style, "status")}>{text.signedIn}</p>)
      ) : (
        <p className={partClass(style, "status")}>{text.completingSso}</p>
      )}
      <LiveRegionView region={region} />
    </section>
  )
}
