import {
  bob,
  type DemoPerson,
  generateTotp,
  sam,
  tess,
  yuki,
  yukiYubikeyOtps,
} from "@latchkey/emulators"
import type { Meta } from "@storybook/react-vite"
import { expect, userEvent, waitFor } from "storybook/test"
import { SecondFactorForm } from "../src/SecondFactorForm"
import { email, typeAndSubmit, userName } from "./journeys"
import type { Scene } from "./scene"
import { scene } from "./scene"
import { type CloudreveWorld, cloudreveWorld, type FilescomWorld, filescomWorld } from "./worlds"

const meta = {
  title: "Forms/SecondFactorForm",
  component: SecondFactorForm,
  tags: ["autodocs"],
  parameters: {
    docs: {
      description: {
        component:
          "The second step, naming the account it is for: Bob's TOTP challenge from the Cloudreve emulator (203, then a code within 600 s), and someone with a long address; from the Files.com emulator, Tess's choice of an authenticator app or a text message (radio cards), Sam's text message sent again after its countdown, and Yuki's YubiKey string.",
      },
    },
  },
} satisfies Meta<typeof SecondFactorForm>

export default meta

/** Bob's password on the Cloudreve emulator: it answers with a TOTP challenge. */
async function toTotpChallenge(scene: Scene<CloudreveWorld>) {
  await typeAndSubmit(scene, email(bob.email), bob.password)
  // Focus lands in the code field, ready for typing.
  const code = await scene.canvas.findByLabelText(scene.text.codeLabel.totp)
  await waitFor(() => expect(code).toHaveFocus())
  return code
}

const bobsCode = (world: CloudreveWorld) => generateTotp(bob.totpSecret ?? "", world.clock.now())

export const TotpChallenge = {
  name: "TOTP challenge (Cloudreve)",
  ...scene({
    world: () => cloudreveWorld(),
    async play(current) {
      const { canvas, text } = current
      const code = await toTotpChallenge(current)
      // Under the heading: whose second step it is, as typed.
      expect(canvas.getByText(text.signingInAs(bob.email))).toBeVisible()
      expect(code).toHaveAttribute("autocomplete", "one-time-code")
      expect(code).toHaveAttribute("inputmode", "numeric")
      expect(code).toHaveAccessibleDescription(new RegExp(text.codeHint.totp))
      expect(canvas.getByText(text.expiresIn("10:00"))).toBeVisible()
      expect(canvas.queryByRole("radiogroup")).not.toBeInTheDocument()
      expect(canvas.queryByRole("button", { name: text.resend })).not.toBeInTheDocument()
    },
  }),
}

/** Someone whose address is longer than a phone is wide, with Bob's password and second step. */
const longAddress: DemoPerson = {
  ...bob,
  email: "bartholomew.konstantinopoulos-vandermeersch@accounts.subdomain.example-university.edu",
}

export const LongAddress = {
  name: "TOTP challenge, a long address (Cloudreve)",
  ...scene({
    world: () => cloudreveWorld({ people: [longAddress] }),
    async play(current) {
      const { canvas, text } = current
      await typeAndSubmit(current, email(longAddress.email), longAddress.password)
      await canvas.findByRole("heading", { name: text.secondFactorHeading })
      // The stylesheet lets it wrap anywhere: at 320 px it takes three lines, and nothing scrolls sideways.
      expect(canvas.getByText(text.signingInAs(longAddress.email))).toBeVisible()
    },
  }),
}

export const WrongCode = scene({
  world: () => cloudreveWorld(),
  async play(current) {
    const code = await toTotpChallenge(current)
    // Six digits submit themselves.
    await userEvent.type(code, "000000")
    await waitFor(() => expect(code).toHaveAttribute("aria-invalid", "true"))
    expect(code).toHaveAccessibleDescription(new RegExp(current.text.errors.invalid_second_factor))
    expect(code).toHaveFocus()
  },
})

export const CodeTooShort = scene({
  world: () => cloudreveWorld(),
  async play(current) {
    const code = await toTotpChallenge(current)
    await userEvent.type(code, "12 3")
    expect(code).toHaveValue("123")
    await userEvent.keyboard("{Enter}")
    await waitFor(() => expect(code).toHaveAttribute("aria-invalid", "true"))
    expect(code).toHaveAccessibleDescription(new RegExp(current.text.invalidCode.totp))
    expect(current.world.wire.count("POST /session/token/2fa")).toBe(0)
  },
})

export const Verifying = scene({
  world: () => {
    const world = cloudreveWorld()
    world.wire.hold("POST /session/token/2fa")
    return world
  },
  keepsTimeStill: true,
  async play(current) {
    const code = await toTotpChallenge(current)
    await userEvent.type(code, bobsCode(current.world))
    const pending = await current.canvas.findByRole("button", { name: current.text.verifying })
    expect(pending).toBeDisabled()
    expect(pending).toHaveAttribute("data-state", "pending")
  },
})

export const Verified = scene({
  world: () => cloudreveWorld(),
  async play(current) {
    const code = await toTotpChallenge(current)
    await userEvent.type(code, bobsCode(current.world))
    const done = await current.canvas.findByRole("heading", { name: current.text.signedIn })
    await waitFor(() => expect(done).toHaveFocus())
    expect(current.world.client.getSnapshot().session?.user.email).toBe(bob.email)
  },
})

export const Expired = scene({
  world: () => cloudreveWorld(),
  async play(current) {
    const { canvas, text, world } = current
    await toTotpChallenge(current)
    // Nine minutes pass while the user looks for the phone (skipped in one step, as a sleeping laptop would).
    world.clock.jump(9 * 60_000 - 1000)
    await world.clock.advance(1000)
    expect(await canvas.findByText(text.expiresIn("1:00"))).toBeVisible()
    await world.clock.advance(60_000)
    expect(await canvas.findByText(text.challengeExpired)).toBeVisible()
    expect(canvas.getByRole("button", { name: text.verify })).toBeDisabled()
  },
})

export const UseAnotherAccount = scene({
  world: () => cloudreveWorld(),
  async play(current) {
    const { canvas, text } = current
    await toTotpChallenge(current)
    await userEvent.click(canvas.getByRole("button", { name: text.useAnotherAccount }))
    const heading = await canvas.findByRole("heading", { name: text.signInHeading })
    await waitFor(() => expect(heading).toHaveFocus())
    expect(canvas.getByLabelText(text.identifierLabel.email)).toBeVisible()
  },
})

/** Signs in on the Files.com emulator and waits for the second step. */
async function toFilescomChallenge(current: Scene<FilescomWorld>, person: DemoPerson) {
  await typeAndSubmit(current, userName(person.username), person.password)
  await current.canvas.findByRole("heading", { name: current.text.secondFactorHeading })
  await waitFor(() =>
    expect(
      current.canvasElement.querySelector('input[autocomplete="one-time-code"]'),
    ).toHaveFocus(),
  )
}

export const MethodChoice = {
  name: "Method choice (Files.com)",
  ...scene({
    world: () => filescomWorld(),
    async play(current) {
      const { canvas, text, world, step } = current
      await toFilescomChallenge(current, tess)
      await step("Tess's methods, in the server's order, the first one chosen", async () => {
        expect(canvas.getByText(text.signingInAs(tess.username))).toBeVisible()
        expect(canvas.getByRole("group", { name: text.methodLegend })).toBeVisible()
        const radios = canvas.getAllByRole("radio")
        expect(radios.map((radio: HTMLElement) => radio.getAttribute("value"))).toEqual([
          "totp",
          "sms",
        ])
        expect(canvas.getByRole("radio", { name: text.methodName.totp })).toBeChecked()
        expect(canvas.getByLabelText(text.codeLabel.totp)).toBeVisible()
      })
      await step("the arrow keys choose the text message", async () => {
        await userEvent.tab({ shift: true })
        expect(canvas.getByRole("radio", { name: text.methodName.totp })).toHaveFocus()
        await userEvent.keyboard("{ArrowDown}")
        expect(await canvas.findByLabelText(text.codeLabel.sms)).toBeVisible()
        expect(canvas.getByRole("radio", { name: text.methodName.sms })).toBeChecked()
        // The first attempt sent the text message: switching sends nothing.
        expect(world.wire.count("POST /sessions")).toBe(1)
        expect(canvas.getByRole("button", { name: text.resendIn(30) })).toBeDisabled()
      })
    },
  }),
}

export const MethodChoiceVerified = {
  name: "Method choice, code from the text message (Files.com)",
  ...scene({
    world: () => filescomWorld(),
    async play(current) {
      const { canvas, text, world } = current
      await toFilescomChallenge(current, tess)
      await userEvent.click(canvas.getByRole("radio", { name: text.methodName.sms }))
      await userEvent.type(
        await canvas.findByLabelText(text.codeLabel.sms),
        world.textMessage(tess.username),
      )
      expect(await canvas.findByRole("heading", { name: text.signedIn })).toBeVisible()
      expect(world.wire.count("POST /sessions")).toBe(2)
    },
  }),
}

export const TextMessageSentAgain = {
  name: "Text message sent again (Files.com)",
  ...scene({
    world: () => filescomWorld(),
    async play(current) {
      const { canvas, text, world, step } = current
      await toFilescomChallenge(current, sam)
      const first = world.textMessage(sam.username)
      await step("the resend waits out its countdown", async () => {
        expect(canvas.queryByRole("radio")).not.toBeInTheDocument()
        expect(canvas.getByLabelText(text.codeLabel.sms)).toHaveAccessibleDescription(
          new RegExp(text.codeHint.sms),
        )
        expect(canvas.getByRole("button", { name: text.resendIn(30) })).toBeDisabled()
        await world.clock.advance(12_000)
        expect(await canvas.findByRole("button", { name: text.resendIn(18) })).toBeDisabled()
      })
      await step("then sends a new text message, and counts down again", async () => {
        await world.clock.advance(18_000)
        await userEvent.click(await canvas.findByRole("button", { name: text.resend }))
        await waitFor(() => expect(world.textMessage(sam.username)).not.toBe(first))
        await waitFor(() => expect(canvas.getByRole("status")).toHaveTextContent(text.codeSent))
        expect(await canvas.findByRole("button", { name: text.resendIn(30) })).toBeDisabled()
      })
    },
  }),
}

export const YubiKey = {
  name: "YubiKey (Files.com)",
  ...scene({
    world: () => filescomWorld(),
    async play(current) {
      const { canvas, text, world } = current
      await toFilescomChallenge(current, yuki)
      const code = canvas.getByLabelText(text.codeLabel.yubikey)
      expect(code).toHaveAttribute("inputmode", "text")
      expect(code).not.toHaveAttribute("pattern")
      // The key types a long string: nothing is sent until it presses Enter.
      const otp = yukiYubikeyOtps[0] ?? ""
      await userEvent.type(code, otp)
      expect(world.wire.count("POST /sessions")).toBe(1)
      await userEvent.keyboard("{Enter}")
      expect(await canvas.findByRole("heading", { name: text.signedIn })).toBeVisible()
    },
  }),
}

export const YubiKeyMistyped = {
  name: "YubiKey, not a key's code (Files.com)",
  ...scene({
    world: () => filescomWorld(),
    async play(current) {
      const { canvas, text, world } = current
      await toFilescomChallenge(current, yuki)
      const code = canvas.getByLabelText(text.codeLabel.yubikey)
      await userEvent.type(code, "not a key{Enter}")
      await waitFor(() => expect(code).toHaveAttribute("aria-invalid", "true"))
      expect(code).toHaveAccessibleDescription(new RegExp(text.invalidCode.yubikey))
      expect(world.wire.count("POST /sessions")).toBe(1)
    },
  }),
}
