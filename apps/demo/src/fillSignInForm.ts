/** What "fill in" may type: each value goes into the field with the matching `autocomplete`. */
export interface FillValues {
  readonly username?: string | undefined
  readonly password?: string | undefined
  readonly code?: string | undefined
}

const fieldFor = {
  username: 'input[autocomplete="username"]',
  password: 'input[autocomplete="current-password"]',
  code: 'input[autocomplete="one-time-code"]',
} as const

/**
 * Types demo credentials into whichever sign-in form is showing, the way a password manager does: by
 * `autocomplete`, through the input's own value setter and an `input` event, so the form's state sees a
 * user's typing. Returns whether any field was filled.
 */
export function fillSignInForm(container: HTMLElement, values: FillValues): boolean {
  const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")?.set
  let filled = false
  for (const name of ["username", "password", "code"] as const) {
    const value = values[name]
    const input = container.querySelector<HTMLInputElement>(fieldFor[name])
    if (value === undefined || input === null || setValue === undefined) continue
    setValue.call(input, value)
    input.dispatchEvent(new Event("input", { bubbles: true }))
    filled = true
  }
  if (filled) container.querySelector<HTMLButtonElement>('button[type="submit"]')?.focus()
  return filled
}
