import type { SignInOptions } from "@latchkey/core"
import { describe, expect, it } from "vitest"
import { englishMessages as messages } from "./messages"
import {
  type SignInFieldModelSource,
  type SignInValues,
  signInFieldModel,
  signInInput,
} from "./signInFieldModel"

const options: SignInOptions = {
  identifier: "username",
  asksForServer: false,
  hasPassword: true,
  ssoProviders: [],
}
const source = (overrides: Partial<SignInFieldModelSource> = {}): SignInFieldModelSource => ({
  options,
  secondFactor: "none",
  reauthUser: undefined,
  messages,
  ...overrides,
})
const typed: SignInValues = {
  server: " example.org ",
  identifier: " alice ",
  password: " secret ",
  code: "",
  captcha: "",
}

describe("signInFieldModel", () => {
  it("has no fields before the options are known, or when the server takes no password", () => {
    expect(signInFieldModel(source({ options: undefined })).fields).toEqual([])
    expect(
      signInFieldModel(source({ options: { ...options, hasPassword: false } })).fields,
    ).toEqual([])
  })

  it("asks for the server, an image captcha and the inline code where the vendor has them", () => {
    const model = signInFieldModel(
      source({
        options: {
          ...options,
          asksForServer: true,
          captcha: { kind: "image", image: "data:", ticket: "t" },
        },
        secondFactor: "inlineOptional",
      }),
    )
    expect(model.fields).toEqual(["server", "identifier", "password", "code", "captcha"])
    const widget = signInFieldModel(
      source({ options: { ...options, captcha: { kind: "widget", provider: "p", siteKey: "k" } } }),
    )
    expect(widget.fields).toEqual(["identifier", "password"])
  })

  it("offers an optional code with a hint saying who needs it, and requires it where the vendor does", () => {
    const optional = signInFieldModel(source({ secondFactor: "inlineOptional" }))
    expect(optional.isRequired("code")).toBe(false)
    expect(optional.hint("code")).toBe(messages.inlineCodeHint)
    expect(optional.attributes("code")).toMatchObject({
      autoComplete: "one-time-code",
      inputMode: "numeric",
    })
    const required = signInFieldModel(source({ secondFactor: "inlineRequired" }))
    expect(required.fields).toContain("code")
    expect(required.isRequired("code")).toBe(true)
    expect(required.hint("code")).toBe("")
    expect(signInFieldModel(source({ secondFactor: "challenge" })).fields).not.toContain("code")
  })

  it("asks a re-authenticating user only for the password (and code)", () => {
    const model = signInFieldModel(
      source({
        options: { ...options, asksForServer: true },
        secondFactor: "inlineRequired",
        reauthUser: { id: "bob" },
      }),
    )
    expect(model.fields).toEqual(["password", "code"])
  })

  it("labels and shapes the identifier by its kind", () => {
    const email = signInFieldModel(source({ options: { ...options, identifier: "email" } }))
    expect(email.label("identifier")).toBe("E-mail address")
    expect(email.attributes("identifier")).toMatchObject({
      type: "email",
      autoComplete: "username",
    })
    const matrix = signInFieldModel(source({ options: { ...options, identifier: "matrixId" } }))
    expect(matrix.label("identifier")).toBe("Matrix ID")
    expect(matrix.hint("identifier")).toBe(messages.identifierHint.matrixId)
  })
})

describe("signInInput", () => {
  it("trims the identifier and server but never the password, and sends no untyped code", () => {
    const model = signInFieldModel(
      source({ options: { ...options, asksForServer: true }, secondFactor: "inlineOptional" }),
    )
    expect(
      signInInput(typed, { model, options, reauthUser: undefined, captchaTicket: undefined }),
    ).toEqual({
      server: "example.org",
      identifier: "alice",
      password: " secret ",
      code: undefined,
      captcha: undefined,
    })
    const withCode = signInInput(
      { ...typed, code: "246 810" },
      { model, options, reauthUser: undefined, captchaTicket: undefined },
    )
    expect(withCode.code).toBe("246810")
  })

  it("re-authenticates the known user by their e-mail where the vendor signs in with one", () => {
    const model = signInFieldModel(source({ reauthUser: { id: "u1", email: "bob@example.org" } }))
    const user = { id: "u1", email: "bob@example.org" }
    expect(
      signInInput(typed, {
        model,
        options: { ...options, identifier: "email" },
        reauthUser: user,
        captchaTicket: undefined,
      }).identifier,
    ).toBe("bob@example.org")
    expect(
      signInInput(typed, { model, options, reauthUser: user, captchaTicket: undefined }).identifier,
    ).toBe("u1")
  })

  it("sends a widget captcha's answer with its ticket, an image captcha's with the image's", () => {
    const widget: SignInOptions = {
      ...options,
      captcha: { kind: "widget", provider: "p", siteKey: "k" },
    }
    const model = signInFieldModel(source({ options: widget }))
    expect(
      signInInput(
        { ...typed, captcha: "token" },
        { model, options: widget, reauthUser: undefined, captchaTicket: "w1" },
      ).captcha,
    ).toEqual({ answer: "token", ticket: "w1" })
    const image: SignInOptions = {
      ...options,
      captcha: { kind: "image", image: "data:", ticket: "i1" },
    }
    expect(
      signInInput(
        { ...typed, captcha: "42" },
        { model, options: image, reauthUser: undefined, captchaTicket: "w1" },
      ).captcha,
    ).toEqual({ answer: "42", ticket: "i1" })
  })
})
