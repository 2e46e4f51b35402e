import { alice, bob, carol, generateTotp } from "@latchkey/emulators"
import type { Meta } from "@storybook/react-vite"
import { expect, userEvent, waitFor } from "storybook/test"
import { SignIn } from "../src/SignIn"
import { email, matrixId, typeAndSubmit } from "./journeys"
import { type Scene, scene } from "./scene"
import { proxyPage } from "./wire"
import { cloudreveWorld, homeserver, type MatrixWorld, matrixWorld } from "./worlds"

const meta = {
  title: "Drop-in/SignIn",
  component: SignIn,
  tags: ["autodocs"],
  parameters: {
    docs: {
      description: {
        component:
          "The drop-in screen, per vendor where vendors differ: Matrix (Matrix ID, the homeserver field, single sign-on next to the password) and Cloudreve (e-mail address, TOTP second step), each over its emulator.",
      },
    },
  },
} satisfies Meta<typeof SignIn>

export default meta

export const MatrixPassword = {
  name: "Matrix: signed in with Matrix ID and password",
  ...scene({
    world: () => matrixWorld(),
    async play(current) {
      const { canvas, text, world } = current
      const identifier = await canvas.findByLabelText(text.identifierLabel.matrixId)
      expect(identifier).toHaveAccessibleDescription(text.identifierHint.matrixId)
      expect(canvas.getByText(text.ssoDivider)).toBeVisible()
      expect(canvas.getByRole("button", { name: text.ssoContinueWith("GitHub") })).toBeVisible()
      await typeAndSubmit(current, matrixId(alice.matrixUserId), alice.password)
      expect(await canvas.findByRole("heading", { name: text.signedIn })).toBeVisible()
      await waitFor(() => expect(canvas.getByRole("status")).toHaveTextContent(text.signedIn))
      expect(world.emulator.devices(alice.matrixUserId)).toHaveLength(1)
    },
  }),
}

export const WithSiteLinks = {
  name: "With the site's own links (forgot password, sign up)",
  ...scene({
    world: () => matrixWorld(),
    render: () => (
      <SignIn
        footer={
          <p className="lk-links">
            <a href="#forgot">Forgot password?</a>
            <a href="#join">Create an account</a>
          </p>
        }
      />
    ),
    async play({ canvas }) {
      expect(await canvas.findByRole("link", { name: "Forgot password?" })).toBeVisible()
      expect(canvas.getByRole("link", { name: "Create an account" })).toBeVisible()
    },
  }),
}

/** Asks for the homeserver, is sent empty, and ends on the field saying what it wants. */
async function askedForServer({ canvas, text }: Scene<MatrixWorld>): Promise<HTMLElement> {
  const server = await canvas.findByLabelText(text.serverLabel)
  expect(server).toHaveAccessibleDescription(text.serverHint)
  await userEvent.click(canvas.getByRole("button", { name: text.submit }))
  await waitFor(() => expect(server).toHaveAttribute("aria-invalid", "true"))
  expect(server).toHaveAccessibleDescription(new RegExp(text.required.server))
  return server
}

export const MatrixAsksForServer = {
  name: "Matrix: asks for the homeserver",
  ...scene({
    world: () => matrixWorld({ asksForServer: true }),
    async play(current) {
      expect(await askedForServer(current)).toHaveFocus()
    },
  }),
}

export const MatrixServerThenSignedIn = {
  name: "Matrix: homeserver typed, then signed in",
  ...scene({
    world: () => matrixWorld({ asksForServer: true }),
    async play(current) {
      const { canvas, text, world } = current
      const server = await askedForServer(current)
      await userEvent.type(server, new URL(homeserver).host)
      await userEvent.tab()
      await waitFor(() => expect(world.wire.count("GET /.well-known/matrix/client")).toBe(1))
      await typeAndSubmit(current, matrixId("alice"), alice.password)
      expect(await canvas.findByRole("heading", { name: text.signedIn })).toBeVisible()
      expect(world.client.getSnapshot().session?.user.id).toBe(alice.matrixUserId)
    },
  }),
}

export const MatrixWrongPassword = {
  name: "Matrix: wrong password",
  ...scene({
    world: () => matrixWorld(),
    async play(current) {
      const { canvas, text } = current
      await typeAndSubmit(current, matrixId(alice.matrixUserId), "not my password")
      expect(
        await canvas.findByText(text.errors.invalid_credentials, { selector: "p" }),
      ).toBeVisible()
      await waitFor(() =>
        expect(canvas.getByRole("status")).toHaveTextContent(text.errors.invalid_credentials),
      )
    },
  }),
}

export const MatrixDeactivated = {
  name: "Matrix: deactivated account",
  ...scene({
    world: () => matrixWorld(),
    async play(current) {
      await typeAndSubmit(current, matrixId(carol.matrixUserId), carol.password)
      expect(
        await current.canvas.findByText(current.text.errors.account_disabled, { selector: "p" }),
      ).toBeVisible()
    },
  }),
}

export const MatrixInvalidResponse = {
  name: "Matrix: a proxy answers instead of the server",
  ...scene({
    world: () => {
      const world = matrixWorld()
      world.wire.breakNext("POST /_matrix/client/v3/login", { type: "answer", response: proxyPage })
      return world
    },
    async play(current) {
      await typeAndSubmit(current, matrixId(alice.matrixUserId), alice.password)
      expect(
        await current.canvas.findByText(current.text.errors.invalid_response, { selector: "p" }),
      ).toBeVisible()
    },
  }),
}

export const CloudreveWithTotp = {
  name: "Cloudreve: signed in with e-mail address, then TOTP",
  ...scene({
    world: () => cloudreveWorld(),
    async play(current) {
      const { canvas, text, world } = current
      expect(await canvas.findByLabelText(text.identifierLabel.email)).toHaveAttribute(
        "type",
        "email",
      )
      expect(canvas.queryByRole("button", { name: /GitHub/ })).not.toBeInTheDocument()
      await typeAndSubmit(current, email(bob.email), bob.password)
      const code = await canvas.findByLabelText(text.codeLabel.totp)
      await waitFor(() => expect(code).toHaveFocus())
      await userEvent.keyboard(generateTotp(bob.totpSecret ?? "", world.clock.now()))
      expect(await canvas.findByRole("heading", { name: text.signedIn })).toBeVisible()
      expect(world.client.getSnapshot().session?.user.email).toBe(bob.email)
    },
  }),
}
