import type { Captcha } from "@latchkey/core"
import type { ReactNode } from "react"
import type { SignInField } from "./signInFieldModel"
import type { SignInFormApi } from "./signInFormApi"
import { partClass, type StyleProps } from "./styleProps"

/** What a widget captcha slot receives: the captcha and where to report the answer. */
export interface CaptchaWidgetProps {
  captcha: Extract<Captcha, { kind: "widget" }>
  /** Call with the widget's answer (and ticket, where the widget gives one). */
  onSolve(answer: string, ticket?: string): void
}

/** The default markup of the sign-in fields, shared by the sign-in and re-authentication forms. */
export function SignInFields({
  form,
  style,
  renderCaptchaWidget,
}: {
  form: SignInFormApi
  style: StyleProps
  renderCaptchaWidget?: ((props: CaptchaWidgetProps) => ReactNode) | undefined
}) {
  const { messages } = form
  const field = (name: SignInField, extra?: ReactNode) => {
    const hint = form.hintOf(name)
    const error = form.errorOf(name)
    const labelProps = form.getLabelProps(name)
    const inputProps = form.getInputProps(name)
    return (
      <div
        key={name}
        className={partClass(style, "field")}
        data-field={name}
        data-invalid={inputProps["aria-invalid"] === true}
      >
        <label {...labelProps} htmlFor={labelProps.htmlFor} className={partClass(style, "label")}>
          {form.labelOf(name)}
        </label>
        <input {...inputProps} className={partClass(style, "input")} />
        {extra}
        {hint ? (
          <p {...form.getHintProps(name)} className={partClass(style, "hint")}>
            {hint}
          </p>
        ) : null}
        {error ? (
          <p {...form.getErrorProps(name)} className={partClass(style, "error")}>
            {error}
          </p>
        ) : null}
      </div>
    )
  }
  const { captcha } = form
  return (
    <>
      {form.fields.map((name) => {
        switch (name) {
          case "password":
            return field(
              name,
              <button {...form.getRevealProps()} className={partClass(style, "reveal")}>
                {form.isPasswordVisible ? messages.hidePassword : messages.showPassword}
              </button>,
            )
          case "captcha":
            return (
              <div key={name} className={partClass(style, "captcha")}>
                <img
                  {...form.getCaptchaImageProps()}
                  alt={messages.captchaImageAlt}
                  className={partClass(style, "captchaImage")}
                />
                <button
                  {...form.getNewCaptchaProps()}
                  className={partClass(style, "secondaryButton")}
                >
                  {messages.newCaptcha}
                </button>
                {field(name)}
              </div>
            )
          case "server":
          case "identifier":
          case "code":
            return field(name)
          default:
            return name satisfies never
        }
      })}
      {captcha?.kind === "widget" && renderCaptchaWidget ? (
        <div className={partClass(style, "captcha")} data-captcha={captcha.provider}>
          {renderCaptchaWidget({ captcha, onSolve: form.solveCaptcha })}
          {form.errorOf("captcha") ? (
            <p {...form.getErrorProps("captcha")} className={partClass(style, "error")}>
              {form.errorOf("captcha")}
            </p>
          ) : null}
        </div>
      ) : null}
    </>
  )
}
