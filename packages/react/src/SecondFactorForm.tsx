import { LiveRegionView } from "./LiveRegionView"
import type { Messages } from "./messages"
import { partClass, type StyleProps } from "./styleProps"
import { useSecondFactorForm } from "./useSecondFactorForm"
import type { SignInController } from "./useSignIn"

/** Props of `<SecondFactorForm>`. */
export interface SecondFactorFormProps extends StyleProps {
  /** The flow from `useSignIn()`, in its `secondFactor` step. */
  signIn: SignInController
  messages?: Messages | undefined
  focusHeadingOnMount?: boolean | undefined
}

/**
 * The second-factor step: whose it is ("Signing in as …"), a method picker when several are offered, the code
 * field, resend with a cooldown, the challenge's expiry, and "use another account".
 * @example
 * const signIn = useSignIn()
 * if (signIn.snapshot.step === "secondFactor") return <SecondFactorForm signIn={signIn} />
 */
export function SecondFactorForm({
  signIn,
  messages,
  focusHeadingOnMount,
  ...style
}: SecondFactorFormProps) {
  const form = useSecondFactorForm(signIn, { messages, focusHeadingOnMount })
  const text = form.messages
  const labelProps = form.getLabelProps()
  return (
    <section
      aria-labelledby={form.getHeadingProps().id}
      className={partClass(style, "root")}
      data-latchkey="second-factor"
      data-state={form.getFormProps()["data-state"]}
    >
      <h2 {...form.getHeadingProps()} className={partClass(style, "heading")}>
        {text.secondFactorHeading}
      </h2>
      {form.identifier ? (
        <p className={partClass(style, "description")}>{text.signingInAs(form.identifier)}</p>
      ) : null}
      <form {...form.getFormProps()} className={partClass(style, "form")}>
        {form.methods.length > 1 ? (
          // Native radios (arrow keys, one tab stop, announced as "1 of 3"), drawn as cards by their labels.
          <fieldset className={partClass(style, "methods")}>
            <legend>{text.methodLegend}</legend>
            {form.methods.map((method) => {
              const methodLabelProps = form.getMethodLabelProps(method)
              return (
                <div key={method.id} className={partClass(style, "method")}>
                  <input {...form.getMethodProps(method)} />
                  <label {...methodLabelProps} htmlFor={methodLabelProps.htmlFor}>
                    {text.methodName[method.kind]}
                  </label>
                </div>
              )
            })}
          </fieldset>
        ) : null}
        <div
          className={partClass(style, "field")}
          data-field="code"
          data-kind={form.kind}
          data-invalid={form.codeError !== undefined}
        >
          <label {...labelProps} htmlFor={labelProps.htmlFor} className={partClass(style, "label")}>
            {form.codeLabel}
          </label>
          <input {...form.getInputProps()} className={partClass(style, "input")} />
          <p {...form.getHintProps()} className={partClass(style, "hint")}>
            {form.codeHint}
          </p>
          {form.codeError ? (
            <p {...form.getErrorProps()} className={partClass(style, "error")}>
              {form.codeError}
            </p>
          ) : null}
        </div>
        {form.expiresIn !== undefined && !form.isExpired ? (
          <p {...form.getExpiryProps()} className={partClass(style, "hint")}>
            {text.expiresIn(form.expiresIn)}
          </p>
        ) : null}
        {form.statusText ? (
          <p
            {...form.getStatusProps()}
            className={partClass(style, form.retryInSeconds > 0 ? "countdown" : "formError")}
          >
            {form.statusText}
          </p>
        ) : null}
        <div className={partClass(style, "actions")}>
          <button {...form.getSubmitProps()} className={partClass(style, "button")}>
            {form.isSubmitting ? text.verifying : text.verify}
          </button>
          {form.canResend ? (
            <button {...form.getResendProps()} className={partClass(style, "secondaryButton")}>
              {form.resendInSeconds > 0 ? text.resendIn(form.resendInSeconds) : text.resend}
            </button>
          ) : null}
          <button {...form.getCancelProps()} className={partClass(style, "secondaryButton")}>
            {form.isExpired ? text.signInHeading : text.useAnotherAccount}
          </button>
        </div>
      </form>
      <LiveRegionView region={form.liveRegion} />
    </section>
  )
}
