import { alice, bob, erin } from "@latchkey/emulators"
import type { Meta } from "@storybook/react-vite"
import { expect, userEvent, waitFor } from "storybook/test"
import { SignInForm } from "../src/SignInForm"
import { useSignIn } from "../src/useSignIn"
import { bobsCode } from "./journeys"
import { cloudrevePerson } from "./people"
import { type Scene, scene } from "./scene"
import { proxyPage } from "./wire"
import { cloudreveWorld, matrixWorld, sftpgoServer, sftpgoWorld, type World } from "./worlds"

/** The sign-in form on its own, as an app with its own second-factor screen would use it. */
function SignInFormAlone() {
  const signIn = useSignIn()
  return <SignInForm signIn={signIn} />
}

const meta = {
  title: "Forms/SignInForm",
  component: SignInForm,
  tags: ["autodocs"],
  parameters: {
    docs: {
      description: {
        component:
          "The sign-in form over a Cloudreve emulator (e-mail address) unless a story names another vendor. Every state comes from the server's real answers.",
      },
    },
  },
} satisfies Meta<typeof SignInForm>

export default meta

export const Empty = scene({
  world: () => cloudreveWorld(),
  render: () => <SignInFormAlone />,
  async play({ canvas, text }) {
    expect(await canvas.findByRole("heading", { name: text.signInHeading })).toBeVisible()
    const email = await canvas.findByLabelText(text.identifierLabel.email)
    expect(email).toHaveValue("")
    expect(email).toHaveAttribute("type", "email")
    expect(email).toHaveAttribute("autocomplete", "username")
    expect(canvas.getByLabelText(text.passwordLabel)).toHaveAttribute("type", "password")
    expect(canvas.getByRole("button", { name: text.submit })).toBeEnabled()
  },
})

export const Filled = scene({
  world: () => cloudreveWorld(),
  render: () => <SignInFormAlone />,
  async play({ canvas, text }) {
    await userEvent.type(await canvas.findByLabelText(text.identifierLabel.email), alice.email)
    const password = canvas.getByLabelText(text.passwordLabel)
    await userEvent.type(password, alice.password)
    expect(password).toHaveAttribute("type", "password")
    const reveal = canvas.getByRole("button", { name: text.showPassword })
    await userEvent.click(reveal)
    expect(reveal).toHaveAccessibleName(text.hidePassword)
    expect(password).toHaveAttribute("type", "text")
    expect(password).toHaveValue(alice.password)
    await waitFor(() => expect(canvas.getByRole("status")).toHaveTextContent(text.passwordShown))
  },
})

export const ValidationErrors = scene({
  world: () => cloudreveWorld(),
  render: () => <SignInFormAlone />,
  async play({ canvas, text, world }) {
    const email = await canvas.findByLabelText(text.identifierLabel.email)
    await userEvent.click(canvas.getByRole("button", { name: text.submit }))
    await waitFor(() => expect(email).toHaveFocus())
    expect(email).toHaveAttribute("aria-invalid", "true")
    expect(email).toHaveAccessibleDescription(text.requiredIdentifier.email)
    expect(canvas.getByLabelText(text.passwordLabel)).toHaveAccessibleDescription(
      text.required.password,
    )
    await userEvent.type(email, "alice")
    await waitFor(() => expect(email).toHaveAccessibleDescription(text.invalidEmail))
    expect(world.wire.count("POST /session/token")).toBe(0)
  },
})

export const Submitting = scene({
  world: () => {
    const world = cloudreveWorld()
    world.wire.hold("POST /session/token")
    return world
  },
  render: () => <SignInFormAlone />,
  keepsTimeStill: true,
  async play({ canvas, text }) {
    await userEvent.type(await canvas.findByLabelText(text.identifierLabel.email), alice.email)
    await userEvent.type(canvas.getByLabelText(text.passwordLabel), alice.password)
    await userEvent.click(canvas.getByRole("button", { name: text.submit }))
    const pending = await canvas.findByRole("button", { name: text.submitting })
    expect(pending).toBeDisabled()
    expect(pending).toHaveAttribute("data-state", "pending")
  },
})

export const InvalidCredentials = scene({
  world: () => cloudreveWorld(),
  render: () => <SignInFormAlone />,
  async play({ canvas, text }) {
    await userEvent.type(await canvas.findByLabelText(text.identifierLabel.email), alice.email)
    await userEvent.type(canvas.getByLabelText(text.passwordLabel), "not my password")
    await userEvent.keyboard("{Enter}")
    expect(
      await canvas.findByText(text.errors.invalid_credentials, { selector: "p" }),
    ).toBeVisible()
    // Cloudreve cannot say which of the two is wrong: the password is what people retype.
    const password = canvas.getByLabelText(text.passwordLabel)
    expect(password).toHaveAttribute("aria-invalid", "true")
    expect(password).toHaveAccessibleDescription(text.errors.invalid_credentials)
    expect(password).toHaveFocus()
  },
})

export const RateLimited = {
  name: "Rate limited (Matrix)",
  ...scene({
    world: () => matrixWorld({ emulator: { rateLimit: { limit: 2, windowMs: 60_000 } } }),
    render: () => <SignInFormAlone />,
    async play({ canvas, text, world }) {
      await userEvent.type(
        await canvas.findByLabelText(text.identifierLabel.matrixId),
        bob.matrixUserId,
      )
      await userEvent.type(canvas.getByLabelText(text.passwordLabel), "guess one")
      const submit = canvas.getByRole("button", { name: text.submit })
      for (const _attempt of [1, 2, 3]) {
        await userEvent.click(submit)
        await waitFor(() => expect(submit).not.toHaveAttribute("data-state", "pending"))
      }
      expect(await canvas.findByText(text.retryIn(60), { selector: "p" })).toBeVisible()
      expect(submit).toBeDisabled()
      await world.clock.advance(15_000)
      expect(await canvas.findByText(text.retryIn(45), { selector: "p" })).toBeVisible()
      expect(submit).toBeDisabled()
    },
  }),
}

export const InvalidResponse = scene({
  world: () => {
    const world = cloudreveWorld()
    world.wire.breakNext("POST /session/token", { type: "answer", response: proxyPage })
    return world
  },
  render: () => <SignInFormAlone />,
  async play({ canvas, text }) {
    await userEvent.type(await canvas.findByLabelText(text.identifierLabel.email), alice.email)
    await userEvent.type(canvas.getByLabelText(text.passwordLabel), alice.password)
    await userEvent.keyboard("{Enter}")
    expect(await canvas.findByText(text.errors.invalid_response, { selector: "p" })).toBeVisible()
  },
})

export const AccountLocked = scene({
  world: () => cloudreveWorld(),
  render: () => <SignInFormAlone />,
  async play({ canvas, text }) {
    const carol = cloudrevePerson("carol")
    await userEvent.type(await canvas.findByLabelText(text.identifierLabel.email), carol.email)
    await userEvent.type(canvas.getByLabelText(text.passwordLabel), carol.password)
    await userEvent.keyboard("{Enter}")
    expect(await canvas.findByText(text.errors.account_locked, { selector: "p" })).toBeVisible()
    await waitFor(() =>
      expect(canvas.getByRole("status")).toHaveTextContent(text.errors.account_locked),
    )
  },
})

export const AccountDisabled = scene({
  world: () => cloudreveWorld(),
  render: () => <SignInFormAlone />,
  async play({ canvas, text }) {
    const dave = cloudrevePerson("dave")
    await userEvent.type(await canvas.findByLabelText(text.identifierLabel.email), dave.email)
    await userEvent.type(canvas.getByLabelText(text.passwordLabel), dave.password)
    await userEvent.keyboard("{Enter}")
    expect(await canvas.findByText(text.errors.account_disabled, { selector: "p" })).toBeVisible()
  },
})

export const ImageCaptcha = {
  name: "Image captcha (Cloudreve)",
  ...scene({
    world: () => cloudreveWorld({ loginCaptcha: true }),
    render: () => <SignInFormAlone />,
    async play({ canvas, text, world }) {
      const image = await canvas.findByRole("img", { name: text.captchaImageAlt })
      expect(image.getAttribute("src")).toMatch(/^data:image\/svg\+xml;base64,/)
      const first = image.getAttribute("src")
      await userEvent.click(canvas.getByRole("button", { name: text.newCaptcha }))
      await waitFor(() => expect(image.getAttribute("src")).not.toBe(first))
      await userEvent.type(canvas.getByLabelText(text.identifierLabel.email), alice.email)
      await userEvent.type(canvas.getByLabelText(text.passwordLabel), alice.password)
      await userEvent.type(canvas.getByLabelText(text.captchaLabel), world.captchaAnswer())
      expect(canvas.getByLabelText(text.captchaLabel)).toHaveValue(world.captchaAnswer())
    },
  }),
}

export const CaptchaWrong = {
  name: "Captcha wrong (Cloudreve)",
  ...scene({
    world: () => cloudreveWorld({ loginCaptcha: true }),
    render: () => <SignInFormAlone />,
    async play({ canvas, text }) {
      const image = await canvas.findByRole("img", { name: text.captchaImageAlt })
      const first = image.getAttribute("src")
      await userEvent.type(canvas.getByLabelText(text.identifierLabel.email), alice.email)
      await userEvent.type(canvas.getByLabelText(text.passwordLabel), alice.password)
      const answer = canvas.getByLabelText(text.captchaLabel)
      await userEvent.type(answer, "00000")
      await userEvent.keyboard("{Enter}")
      await waitFor(() => expect(answer).toHaveAttribute("aria-invalid", "true"))
      expect(answer).toHaveAccessibleDescription(text.errors.captcha_invalid)
      expect(answer).toHaveValue("")
      expect(answer).toHaveFocus()
      await waitFor(() => expect(image.getAttribute("src")).not.toBe(first))
    },
  }),
}

export const NetworkFailure = scene({
  world: () => {
    const world = cloudreveWorld()
    world.wire.breakNext("POST /session/token", { type: "network" })
    return world
  },
  render: () => <SignInFormAlone />,
  async play({ canvas, text }) {
    await userEvent.type(await canvas.findByLabelText(text.identifierLabel.email), alice.email)
    await userEvent.type(canvas.getByLabelText(text.passwordLabel), alice.password)
    await userEvent.keyboard("{Enter}")
    expect(await canvas.findByText(text.errors.network, { selector: "p" })).toBeVisible()
    expect(canvas.getByRole("button", { name: text.submit })).toBeEnabled()
  },
})

export const Unavailable = {
  name: "Unavailable, then retried",
  ...scene({
    world: () => {
      const world = cloudreveWorld()
      world.wire.breakNext("GET /site/config/login", { type: "network" })
      return world
    },
    render: () => <SignInFormAlone />,
    async play({ canvas, text, step }) {
      await step("the server cannot be reached", async () => {
        expect(await canvas.findByText(new RegExp(text.unavailable))).toBeVisible()
        expect(canvas.queryByLabelText(text.passwordLabel)).not.toBeInTheDocument()
      })
      await step("trying again finds it", async () => {
        await userEvent.click(canvas.getByRole("button", { name: text.tryAgain }))
        expect(await canvas.findByLabelText(text.passwordLabel)).toBeVisible()
      })
    },
  }),
}

/** Bob's password alone: SFTPGo cannot tell it from a wrong one, so the form says both and waits for the code. */
async function bobWithoutCode({ canvas, text }: Scene<World>) {
  await userEvent.type(await canvas.findByLabelText(text.identifierLabel.username), bob.username)
  await userEvent.type(canvas.getByLabelText(text.passwordLabel), bob.password)
  await userEvent.keyboard("{Enter}")
  const code = canvas.getByLabelText(text.inlineCodeLabel)
  await waitFor(() => expect(code).toHaveFocus())
  return code
}

/** Alice's name and password, sent. */
async function aliceSignsIn({ canvas, text }: Scene<World>) {
  await userEvent.type(await canvas.findByLabelText(text.identifierLabel.username), alice.username)
  await userEvent.type(canvas.getByLabelText(text.passwordLabel), alice.password)
  await userEvent.keyboard("{Enter}")
}

export const InlineCode = {
  name: "Inline code (SFTPGo)",
  ...scene({
    world: () => sftpgoWorld(),
    async play({ canvas, text, world }) {
      const code = await canvas.findByLabelText(text.inlineCodeLabel)
      expect(code).toHaveAttribute("autocomplete", "one-time-code")
      expect(code).toHaveAttribute("inputmode", "numeric")
      expect(code).toHaveAccessibleDescription(text.inlineCodeHint)
      expect(code).not.toBeRequired()
      await userEvent.type(canvas.getByLabelText(text.identifierLabel.username), bob.username)
      await userEvent.type(canvas.getByLabelText(text.passwordLabel), bob.password)
      // Typed as an authenticator app shows it, in two groups.
      const typed = bobsCode(world)
      await userEvent.type(code, `${typed.slice(0, 3)} ${typed.slice(3)}`)
      await userEvent.keyboard("{Enter}")
      expect(await canvas.findByRole("heading", { name: text.signedIn })).toBeVisible()
      expect(world.client.getSnapshot().session?.user.id).toBe(bob.username)
      // The code went with the password: one request.
      expect(world.wire.count("GET /user/token")).toBe(1)
    },
  }),
}

export const InlineCodeMissing = {
  name: "Password or missing code: the ambiguous refusal (SFTPGo)",
  ...scene({
    world: () => sftpgoWorld(),
    async play(scene) {
      const { canvas, text } = scene
      const code = await bobWithoutCode(scene)
      // SFTPGo answers a missing code as it answers a wrong password: the form says both, once, and waits in the
      // empty code field.
      expect(code).toHaveValue("")
      expect(code).toHaveAttribute("aria-invalid", "true")
      expect(code).toHaveAccessibleDescription(
        expect.stringContaining(text.passwordWrongOrCodeNeeded),
      )
      expect(canvas.getByLabelText(text.passwordLabel)).toHaveAccessibleDescription(
        text.passwordWrongOrCodeNeeded,
      )
      expect(canvas.getAllByText(text.passwordWrongOrCodeNeeded, { selector: "p" })).toHaveLength(1)
      await waitFor(() =>
        expect(canvas.getByRole("status")).toHaveTextContent(text.passwordWrongOrCodeNeeded),
      )
    },
  }),
}

export const CodeAfterRefusal = {
  name: "The code typed after the ambiguous refusal (SFTPGo)",
  ...scene({
    world: () => sftpgoWorld(),
    async play(scene) {
      const { canvas, text, world } = scene
      const code = await bobWithoutCode(scene)
      await userEvent.type(code, bobsCode(world))
      await userEvent.keyboard("{Enter}")
      expect(await canvas.findByRole("heading", { name: text.signedIn })).toBeVisible()
      // The refusal, then one more request with the code.
      expect(world.wire.requests).toEqual(["GET /api/v2/user/token", "GET /api/v2/user/token"])
      expect(world.client.getSnapshot().status).toBe("signedIn")
    },
  }),
}

export const InlineCodeWrong = {
  name: "Wrong code (SFTPGo)",
  ...scene({
    world: () => sftpgoWorld(),
    async play({ canvas, text }) {
      await userEvent.type(
        await canvas.findByLabelText(text.identifierLabel.username),
        bob.username,
      )
      await userEvent.type(canvas.getByLabelText(text.passwordLabel), bob.password)
      await userEvent.type(canvas.getByLabelText(text.inlineCodeLabel), "000000")
      await userEvent.keyboard("{Enter}")
      // With a code sent, either may be wrong: the password comes first, selected for retyping.
      const password = canvas.getByLabelText(text.passwordLabel)
      await waitFor(() => expect(password).toHaveFocus())
      expect(password).toHaveAccessibleDescription(text.passwordOrCodeWrong)
      const code = canvas.getByLabelText(text.inlineCodeLabel)
      expect(code).toHaveAttribute("aria-invalid", "true")
      expect(code).toHaveValue("000000")
    },
  }),
}

export const AddressBlocked = {
  name: "Address blocked (SFTPGo)",
  ...scene({
    world: async () => {
      const world = sftpgoWorld({
        emulator: { defender: { threshold: 2, observationMs: 600_000, banMs: 1_800_000 } },
      })
      // Two wrong passwords from this address, before the story: the defender bans it.
      const guess = `Basic ${btoa("alice:guess")}`
      for (const _attempt of [1, 2])
        await world.emulator.handle(
          new Request(`${sftpgoServer}/api/v2/user/token`, { headers: { Authorization: guess } }),
        )
      return world
    },
    async play(scene) {
      const { canvas, text } = scene
      await aliceSignsIn(scene)
      // The right password changes nothing: every request from a banned address is refused.
      expect(await canvas.findByText(text.errors.address_blocked, { selector: "p" })).toBeVisible()
      expect(canvas.getByRole("button", { name: text.submit })).toHaveAccessibleDescription(
        text.errors.address_blocked,
      )
      await waitFor(() =>
        expect(canvas.getByRole("status")).toHaveTextContent(text.errors.address_blocked),
      )
    },
  }),
}

export const AccessDenied = {
  name: "Access denied, with the server's reason (SFTPGo)",
  ...scene({
    world: () => sftpgoWorld(),
    async play({ canvas, text }) {
      await userEvent.type(
        await canvas.findByLabelText(text.identifierLabel.username),
        erin.username,
      )
      await userEvent.type(canvas.getByLabelText(text.passwordLabel), erin.password)
      await userEvent.keyboard("{Enter}")
      // Erin's password is right; a filter denies her the HTTP protocol, and says so.
      const sentence = text.accessDeniedBecause('protocol HTTP is not allowed for user "erin"')
      expect(await canvas.findByText(sentence, { selector: "p" })).toBeVisible()
      expect(canvas.getByLabelText(text.passwordLabel)).not.toHaveAttribute("aria-invalid")
      await waitFor(() => expect(canvas.getByRole("status")).toHaveTextContent(sentence))
    },
  }),
}

export const RateLimitedSftpgo = {
  name: "Rate limited (SFTPGo)",
  ...scene({
    world: async () => {
      const world = sftpgoWorld({ emulator: { rateLimit: { limit: 1, windowMs: 60_000 } } })
      // This address's one token request of the minute, spent before the story.
      await world.emulator.handle(new Request(`${sftpgoServer}/api/v2/user/token`))
      return world
    },
    async play(scene) {
      const { canvas, text, world } = scene
      await aliceSignsIn(scene)
      // SFTPGo's Retry-After, in whole seconds: the form counts down from it and will not send meanwhile.
      expect(await canvas.findByText(text.retryIn(60), { selector: "p" })).toBeVisible()
      const submit = canvas.getByRole("button", { name: text.submit })
      expect(submit).toBeDisabled()
      await world.clock.advance(20_000)
      expect(await canvas.findByText(text.retryIn(40), { selector: "p" })).toBeVisible()
      expect(submit).toBeDisabled()
    },
  }),
}
