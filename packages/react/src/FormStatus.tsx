import type { SignInFormApi } from "./signInFormApi"
import { partClass, type StyleProps } from "./styleProps"

/** The form-level error or rate-limit countdown, and the submit button showing that it is pending. */
export function FormStatus({ form, style }: { form: SignInFormApi; style: StyleProps }) {
  const { messages } = form
  const text =
    form.retryInSeconds > 0 ? messages.retryIn(form.retryInSeconds) : (form.formError ?? undefined)
  return (
    <>
      {text ? (
        <p
          {...form.getFormErrorProps()}
          className={partClass(style, form.retryInSeconds > 0 ? "countdown" : "formError")}
          data-state={form.retryInSeconds > 0 ? "rateLimited" : "error"}
        >
          {text}
        </p>
      ) : null}
      <div className={partClass(style, "actions")}>
        <button {...form.getSubmitProps()} className={partClass(style, "button")}>
          {form.isCheckingPassword
            ? messages.checkingPassword
            : form.isPending
              ? messages.submitting
              : messages.submit}
        </button>
      </div>
    </>
  )
}
