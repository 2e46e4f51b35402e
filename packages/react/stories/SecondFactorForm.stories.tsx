import { fakePeople, fakeSecondFactorCode } from "@latchkey/core/testing"
import { bob, generateTotp } from "@latchkey/emulators"
import type { Meta } from "@storybook/react-vite"
import { expect, userEvent, waitFor } from "storybook/test"
import { SecondFactorForm } from "../src/SecondFactorForm"
import { severalMethodsWorld, textMessageCooldownMs } from "./fakeVendors"
import { email, typeAndSubmit, userName } from "./journeys"
import type { Scene } from "./scene"
import { scene } from "./scene"
import { type CloudreveWorld, cloudreveWorld } from "./worlds"

const meta = {
  title: "Forms/SecondFactorForm",
  component: SecondFactorForm,
  tags: ["autodocs"],
  parameters: {
    docs: {
      description: {
        component:
          "The second step, reached by signing in as Bob: a TOTP challenge from the Cloudreve emulator (203, then a code within 600 s), and several methods with a text message that can be sent again, in the shape of Files.com (the core's fake server: no emulator has that shape yet).",
      },
    },
  },
} satisfies Meta<typeof SecondFactorForm>

export default meta

/** Bob's password on the Cloudreve emulator: it answers with a TOTP challenge. */
async function toTotpChallenge(scene: Scene<CloudreveWorld>) {
  await typeAndSubmit(scene, email(bob.email), bob.password)
  const heading = await scene.canvas.findByRole("heading", { name: scene.text.secondFactorHeading })
  await waitFor(() => expect(heading).toHaveFocus())
  return scene.canvas.getByLabelText(scene.text.codeLabel.totp)
}

const bobsCode = (world: CloudreveWorld) => generateTotp(bob.totpSecret ?? "", world.clock.now())

export const TotpChallenge = {
  name: "TOTP challenge (Cloudreve)",
  ...scene({
    world: () => cloudreveWorld(),
    async play(current) {
      const { canvas, text } = current
      const code = await toTotpChallenge(current)
      expect(code).toHaveAttribute("autocomplete", "one-time-code")
      expect(code).toHaveAttribute("inputmode", "numeric")
      expect(code).toHaveAccessibleDescription(new RegExp(text.codeHint.totp))
      expect(canvas.getByText(text.expiresIn("10:00"))).toBeVisible()
      expect(canvas.queryByRole("radiogroup")).not.toBeInTheDocument()
      expect(canvas.queryByRole("button", { name: text.resend })).not.toBeInTheDocument()
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

const [, fakeBob] = fakePeople

export const SeveralMethods = {
  name: "Several methods, text message sent again (Files.com shape)",
  ...scene({
    world: () => severalMethodsWorld(),
    async play(current) {
      const { canvas, text, world, step } = current
      await typeAndSubmit(current, userName(fakeBob.id), fakeBob.password)
      await step("the authenticator app is chosen first", async () => {
        expect(await canvas.findByRole("group", { name: text.methodLegend })).toBeVisible()
        expect(canvas.getByRole("radio", { name: text.methodName.totp })).toBeChecked()
        expect(canvas.getAllByRole("radio")).toHaveLength(3)
        expect(canvas.getByLabelText(text.codeLabel.totp)).toBeVisible()
      })
      await step("a text message is sent when chosen", async () => {
        await userEvent.click(canvas.getByRole("radio", { name: text.methodName.sms }))
        expect(await canvas.findByLabelText(text.codeLabel.sms)).toBeVisible()
        expect(world.textsSent()).toBe(1)
        const resend = canvas.getByRole("button", { name: text.resendIn(30) })
        expect(resend).toBeDisabled()
      })
      await step("another can be sent after the cooldown", async () => {
        await world.clock.advance(textMessageCooldownMs)
        await userEvent.click(await canvas.findByRole("button", { name: text.resend }))
        await waitFor(() => expect(world.textsSent()).toBe(2))
        expect(await canvas.findByRole("button", { name: text.resendIn(30) })).toBeDisabled()
      })
    },
  }),
}

export const SeveralMethodsVerified = {
  name: "Several methods, code from the text message (Files.com shape)",
  ...scene({
    world: () => severalMethodsWorld(),
    async play(current) {
      const { canvas, text, world } = current
      await typeAndSubmit(current, userName(fakeBob.id), fakeBob.password)
      await userEvent.click(await canvas.findByRole("radio", { name: text.methodName.sms }))
      await userEvent.type(await canvas.findByLabelText(text.codeLabel.sms), fakeSecondFactorCode)
      expect(await canvas.findByRole("heading", { name: text.signedIn })).toBeVisible()
      expect(world.client.getSnapshot().status).toBe("signedIn")
    },
  }),
}

export const YubiKey = {
  name: "YubiKey (Files.com shape)",
  ...scene({
    world: () => severalMethodsWorld(),
    async play(current) {
      const { canvas, text } = current
      await typeAndSubmit(current, userName(fakeBob.id), fakeBob.password)
      await userEvent.click(await canvas.findByRole("radio", { name: text.methodName.yubikey }))
      const code = await canvas.findByLabelText(text.codeLabel.yubikey)
      expect(code).toHaveAttribute("inputmode", "text")
      await userEvent.type(code, "not a key{Enter}")
      await waitFor(() => expect(code).toHaveAttribute("aria-invalid", "true"))
      expect(code).toHaveAccessibleDescription(new RegExp(text.invalidCode.yubikey))
    },
  }),
}
