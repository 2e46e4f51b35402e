import type { SecondFactorKind } from "@latchkey/core"
import * as z from "zod/mini"
import type { Messages } from "./messages"

/** The digits a numeric code has: the form submits itself once they are all there. */
export const numericCodeLength = 6

/** Whether codes of this kind are digits (an app, a text message, an e-mail) rather than a key's text. */
export function isNumericCode(kind: SecondFactorKind): boolean {
  switch (kind) {
    case "totp":
    case "sms":
    case "email":
      return true
    case "yubikey":
      return false
    default:
      return kind satisfies never
  }
}

// A YubiKey OTP: 32 to 48 characters of modhex.
const yubikeyPattern = /^[cbdefghijklnrtuv]{32,48}$/

/** What the second-factor form checks before sending a code of this kind. */
export function codeSchema(kind: SecondFactorKind, messages: Messages) {
  const pattern = isNumericCode(kind) ? new RegExp(`^\\d{${numericCodeLength}}$`) : yubikeyPattern
  return z.object({
    code: z.string().check(
      z.refine((value) => value !== "", messages.required.code),
      z.refine((value) => value === "" || pattern.test(value), messages.invalidCode[kind]),
    ),
  })
}

/** Keeps the digits of a typed or pasted code ("123 456", "Code: 123-456"), at most the code's length. */
export function normalizeCode(kind: SecondFactorKind, text: string): string {
  return isNumericCode(kind)
    ? text.replace(/\D/g, "").slice(0, numericCodeLength)
    : text.trim().toLowerCase()
}

/** "m:ss" of a number of seconds. */
export function minutesAndSeconds(totalSeconds: number): string {
  const minutes = Math.floor(totalSeconds / 60)
  const seconds = totalSeconds % 60
  return `${minutes}:${String(seconds).padStart(2, "0")}`
}
