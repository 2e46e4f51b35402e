import type { ButtonHTMLAttributes, InputHTMLAttributes, Ref } from "react"

/** What a form's text input takes: its attributes, the form library's ref and handlers, its validity. */
export interface FieldInputProps extends InputHTMLAttributes<HTMLInputElement> {
  ref: Ref<HTMLInputElement>
  "data-invalid": boolean
}

/** What a form's submit button takes; `data-state` says whether it is pending or blocked (a rate limit). */
export interface SubmitButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  "data-state": "idle" | "pending" | "blocked"
}
