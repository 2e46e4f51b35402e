import type { Session } from "@latchkey/core"
import {
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useRef,
  useState,
  useSyncExternalStore,
} from "react"
import { useLatchkey } from "./latchkeyContext"
import type { Messages } from "./messages"
import { ReauthForm } from "./ReauthForm"
import { SecondFactorForm } from "./SecondFactorForm"
import type { CaptchaWidgetProps } from "./SignInFields"
import { SignInForm } from "./SignInForm"
import { SsoCallback } from "./SsoCallback"
import { partClass, type StyleProps } from "./styleProps"
import { AnnouncerContext, useLiveRegion } from "./useAnnouncer"
import { useSignIn } from "./useSignIn"
import { useStepHeading } from "./useStepHeading"

/** Props of `<SignIn>`. */
export interface SignInProps extends StyleProps {
  /** Called once when the user is signed in: hand over to the app here. */
  onSignedIn?: ((session: Session) => void) | undefined
  /** The server to discover first, for vendors that ask for one. */
  server?: string | undefined
  messages?: Messages | undefined
  renderCaptchaWidget?: ((props: CaptchaWidgetProps) => ReactNode) | undefined
  /** The single sign-on callback address; by default the current page is used when it carries one. */
  callbackUrl?: string | undefined
  /** Moves focus to the first step's heading too (later steps always get it). */
  autoFocus?: boolean | undefined
  /** Pre-fills who signs in (an invitation, a remembered e-mail); never the password. */
  defaultIdentifier?: string | undefined
  /** Under the sign-in form: the site's own "Forgot password?" and "Create an account" links (class `lk-links`). */
  footer?: ReactNode
}

const noSubscription = () => () => {}
const noPageUrl = () => undefined

/**
 * The drop-in sign-in screen: sign-in, second factor, re-authentication and the single sign-on callback,
 * composed by the flow's step, with one live region for all of them.
 * @example
 * <SignIn onSignedIn={() => navigate("/")} />
 */
export function SignIn({ callbackUrl, onSignedIn, ...props }: SignInProps) {
  const { client } = useLatchkey("SignIn")
  // Read after hydration only: the server has no address bar.
  const pageUrl = useCallback(() => client.platform.currentUrl(), [client])
  const page = useSyncExternalStore(noSubscription, pageUrl, noPageUrl)
  const url = callbackUrl ?? page
  const isCallback = url !== undefined && client.isSsoCallback(url)
  const [hasLeftCallback, setLeftCallback] = useState(false)
  const { announce, region } = useLiveRegion()
  return (
    <AnnouncerContext.Provider value={announce}>
      {isCallback && !hasLeftCallback ? (
        // The other props pass through: each form reads the style props and its own.
        <SsoCallback
          {...props}
          url={url}
          onSignedIn={onSignedIn}
          onRetry={() => setLeftCallback(true)}
        />
      ) : (
        // Back from a failed callback ("Try again"): focus follows to the sign-in form.
        <SignInSteps
          {...props}
          autoFocus={props.autoFocus || hasLeftCallback}
          onSignedIn={onSignedIn}
        />
      )}
      <div {...region.props}>{region.text}</div>
    </AnnouncerContext.Provider>
  )
}

function SignInSteps({
  onSignedIn,
  server,
  messages,
  autoFocus,
  ...style
}: Omit<SignInProps, "callbackUrl">) {
  const context = useLatchkey("SignIn")
  const text = messages ?? context.messages
  const signIn = useSignIn({ server })
  const { snapshot } = signIn
  const announce = useContext(AnnouncerContext)

  // Focus follows the step: every form after the first one shown moves focus to its heading.
  const form =
    snapshot.step === "secondFactor" ? "secondFactor" : snapshot.step === "done" ? "done" : "start"
  const [firstForm] = useState(form)
  // Remembered (state set while rendering, as React allows for derived state): back at the first form ("use
  // another account"), focus still follows.
  const [hasMoved, setMoved] = useState(false)
  if (form !== firstForm && !hasMoved) setMoved(true)
  const focusHeadingOnMount = autoFocus === true || hasMoved || form !== firstForm
  // Armed only once the done step shows: its heading must exist when the focus effect runs.
  const doneHeading = useStepHeading(focusHeadingOnMount && form === "done")

  const onSignedInRef = useRef(onSignedIn)
  onSignedInRef.current = onSignedIn
  const handedOver = useRef<Session | undefined>(undefined)
  useEffect(() => {
    if (snapshot.step !== "done" || handedOver.current === snapshot.session) return
    handedOver.current = snapshot.session
    announce?.(text.signedIn)
    onSignedInRef.current?.(snapshot.session)
  }, [snapshot, announce, text])

  // The captcha slot and the default identifier ride along in `style`: each form takes what it knows.
  const common = { signIn, messages: text, focusHeadingOnMount, ...style }
  switch (snapshot.step) {
    case "discovering":
    case "unavailable":
    case "start":
    case "submitting":
    case "redirecting":
    case "completing":
      return snapshot.reauthUser ? <ReauthForm {...common} /> : <SignInForm {...common} />
    case "secondFactor":
      return <SecondFactorForm {...common} />
    case "done":
      return (
        <section
          aria-labelledby={doneHeading.id}
          className={partClass(style, "root")}
          data-latchkey="signed-in"
          data-state="done"
        >
          <h2 {...doneHeading.props} className={partClass(style, "heading")}>
            {text.signedIn}
          </h2>
        </section>
      )
    default:
      return snapshot satisfies never
  }
}
