import type { AuthErrorCode } from "@latchkey/core"
import { describe, expect, it } from "vitest"
import { englishMessages, germanMessages } from "./messages"

const codes = Object.keys(englishMessages.errors) as AuthErrorCode[]

describe("messages", () => {
  it("has a sentence for every error code in English and German, and they differ", () => {
    expect(codes.length).toBeGreaterThanOrEqual(23)
    expect(Object.keys(germanMessages.errors).sort()).toEqual([...codes].sort())
    for (const code of codes) {
      expect(englishMessages.errors[code]).toMatch(/\S/)
      expect(germanMessages.errors[code]).toMatch(/\S/)
      expect(germanMessages.errors[code]).not.toBe(englishMessages.errors[code])
    }
  })

  it("words the refusal that cannot tell a wrong password from a missing code in both languages", () => {
    for (const messages of [englishMessages, germanMessages]) {
      expect(messages.passwordWrongOrCodeNeeded).toMatch(/\S/)
      expect(messages.passwordOrCodeWrong).toMatch(/\S/)
      expect(messages.passwordOrCodeWrong).not.toBe(messages.passwordWrongOrCodeNeeded)
    }
    expect(germanMessages.passwordOrCodeWrong).not.toBe(englishMessages.passwordOrCodeWrong)
  })

  it("puts the numbers where each language wants them", () => {
    expect(englishMessages.retryIn(30)).toBe("Too many attempts. Try again in 30 s.")
    expect(germanMessages.retryIn(30)).toBe("Zu viele Versuche. Erneut versuchen in 30 s.")
    expect(germanMessages.ssoContinueWith("GitHub")).toBe("Weiter mit GitHub")
  })
})
