import { screen } from "@testing-library/react"

/** The value the panel shows beside the term `name` ("Status", "Access token", …). */
export function fact(name: string): HTMLElement {
  const term = screen.getByText(name, { selector: "dt" })
  const value = term.nextElementSibling
  if (!(value instanceof HTMLElement)) throw new Error(`No value beside “${name}”`)
  return value
}
