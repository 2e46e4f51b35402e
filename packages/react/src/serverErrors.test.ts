import { AuthError } from "@latchkey/core"
import { describe, expect, it } from "vitest"
import { germanMessages, englishMessages as messages } from "./messages"
import { erroredFields, errorText, focusTarget, refusalMessage } from "./serverErrors"

const refusal = (fields: AuthError["fields"]) =>
  new AuthError("invalid_credentials", { vendor: "fake", status: 401, fields })

describe("server errors on fields", () => {
  it("places an error on the fields it names that the form shows, else on its code's usual field", () => {
    expect(erroredFields(refusal(["password", "code"]), ["identifier", "password"])).toEqual([
      "password",
    ])
    const captcha = new AuthError("captcha_invalid", { vendor: "fake" })
    expect(erroredFields(captcha, ["password", "captcha"])).toEqual(["captcha"])
    expect(erroredFields(new AuthError("network", { vendor: "fake" }), ["password"])).toEqual([])
  })

  it("words a refusal of password and code by whether a code was sent", () => {
    const both = refusal(["password", "code"])
    const placed = ["password", "code"] as const
    expect(refusalMessage(both, messages, { placed, sentCode: false })).toBe(
      messages.passwordWrongOrCodeNeeded,
    )
    expect(refusalMessage(both, messages, { placed, sentCode: true })).toBe(
      messages.passwordOrCodeWrong,
    )
    // Without a code field on screen, it is a plain wrong password.
    expect(refusalMessage(both, messages, { placed: ["password"], sentCode: false })).toBe(
      messages.errors.invalid_credentials,
    )
  })

  it("blames the password alone where no account is asked for (re-authentication)", () => {
    const wrong = refusal(["identifier", "password"])
    expect(
      refusalMessage(wrong, messages, { placed: ["password"], shown: ["identifier", "password"] }),
    ).toBe("The account or password is wrong.")
    expect(refusalMessage(wrong, messages, { placed: ["password"], shown: ["password"] })).toBe(
      "The password is wrong.",
    )
    expect(
      refusalMessage(wrong, germanMessages, { placed: ["password"], shown: ["password"] }),
    ).toBe("Das Passwort ist falsch.")
  })

  it("shows the server's own words for invalid input", () => {
    const invalid = new AuthError("invalid_input", {
      vendor: "fake",
      fields: ["password"],
      serverMessage: "Password too short",
    })
    expect(refusalMessage(invalid, messages, { placed: ["password"], sentCode: false })).toBe(
      "Password too short",
    )
  })

  it("says which rule refused access in the server's words, and nothing of the server's otherwise", () => {
    const denied = new AuthError("access_denied", {
      vendor: "fake",
      status: 403,
      serverMessage: 'protocol HTTP is not allowed for user "erin"',
    })
    expect(refusalMessage(denied, messages)).toBe(
      'The server does not allow this account to sign in here: “protocol HTTP is not allowed for user "erin"”.',
    )
    expect(refusalMessage(new AuthError("access_denied", { vendor: "fake" }), messages)).toBe(
      messages.errors.access_denied,
    )
    const blocked = new AuthError("address_blocked", {
      vendor: "fake",
      status: 403,
      serverMessage: "your IP address is blocked",
    })
    expect(refusalMessage(blocked, messages)).toBe(messages.errors.address_blocked)
  })

  it("focuses the first field concerned that is still empty, else the first", () => {
    const values: Record<string, string> = { password: "secret", code: "" }
    const isEmpty = (field: string) => values[field] === ""
    expect(focusTarget(["password", "code"], isEmpty)).toBe("code")
    values.code = "111111"
    expect(focusTarget(["password", "code"], isEmpty)).toBe("password")
    expect(focusTarget([], isEmpty)).toBeUndefined()
  })

  it("names a second-factor method it cannot perform, as the server calls it, and nothing stranger", () => {
    const unsupported = (vendorCode?: string | number) =>
      new AuthError("second_factor_unsupported", { vendor: "fake", vendorCode })
    expect(errorText(unsupported("u2f"), messages)).toMatch(
      /^This account uses a security key \(u2f\)/,
    )
    expect(errorText(unsupported("WebAuthn"), germanMessages)).toMatch(
      /^Dieses Konto nutzt einen Sicherheitsschlüssel \(WebAuthn\)/,
    )
    expect(errorText(unsupported("duo"), messages)).toMatch(/^This account uses a method \(duo\)/)
    // Not a method name (a sentence, markup, a number): the catalogue's sentence, which names none.
    for (const odd of ["<b>key</b>", "use the key you typed: hunter2", 7, undefined])
      expect(errorText(unsupported(odd), messages)).toBe(messages.errors.second_factor_unsupported)
    // Other codes keep their own sentence, whatever their vendor code.
    const other = new AuthError("unsupported", { vendor: "fake", vendorCode: "u2f" })
    expect(errorText(other, messages)).toBe(messages.errors.unsupported)
  })
})
