import { LatchkeyDevtools, LatchkeyDevtoolsPanel } from "@latchkey/devtools/production"
import { alice, bob } from "@latchkey/emulators"
import type { Meta } from "@storybook/react-vite"
import { expect, userEvent, waitFor, within } from "storybook/test"
import { flowAt } from "./journeys"
import { type Scene, scene } from "./scene"
import {
  type CloudreveWorld,
  cloudreveWorld,
  type MatrixWorld,
  matrixWorld,
  type World,
} from "./worlds"

const meta = {
  title: "Devtools/LatchkeyDevtools",
  component: LatchkeyDevtoolsPanel,
  tags: ["autodocs"],
  parameters: {
    docs: {
      description: {
        component:
          "`@latchkey/devtools` over the emulators: the floating button and panel, and the panel embedded, in each state a session goes through — signed out, a second step, signed in with its countdowns, refreshing, rate-limited, asked to re-authenticate, offline — and with two vendors to choose from. Every story drives a real client; the timeline is what its `inspect` events say.",
      },
    },
  },
} satisfies Meta<typeof LatchkeyDevtoolsPanel>

export default meta

/** The value the panel shows beside a term ("Status", "Access token", …). */
function fact(canvasElement: HTMLElement, term: string): HTMLElement {
  const value = within(canvasElement).getByText(term, { selector: "dt" }).nextElementSibling
  if (!(value instanceof HTMLElement)) throw new Error(`No value beside “${term}”`)
  return value
}

async function signInAlice(world: MatrixWorld): Promise<void> {
  const flow = world.client.signIn()
  await flowAt(flow, "start")
  await flow.submit({ identifier: alice.matrixUserId, password: alice.password })
}

const action = ({ canvas }: Scene<World>, name: string) => canvas.getByRole("button", { name })

export const FloatingClosed = {
  name: "Floating: closed, opened and closed from the keyboard",
  ...scene({
    world: () => matrixWorld(),
    render: (world) => <LatchkeyDevtools client={world.client} />,
    async play({ canvas }) {
      const button = canvas.getByRole("button", { name: "Latchkey devtools" })
      expect(button).toHaveAttribute("aria-expanded", "false")
      button.focus()
      await userEvent.keyboard("{Enter}")
      const panel = await canvas.findByRole("dialog", { name: "Latchkey devtools" })
      expect(within(panel).getByRole("heading", { name: "Latchkey devtools" })).toHaveFocus()
      await userEvent.keyboard("{Escape}")
      await waitFor(() =>
        expect(canvas.getByRole("button", { name: "Latchkey devtools" })).toHaveFocus(),
      )
      expect(canvas.queryByRole("dialog")).not.toBeInTheDocument()
    },
  }),
}

export const FloatingOpen = {
  name: "Floating: open in the top-left corner, Alice signed in (Matrix)",
  ...scene({
    world: () => matrixWorld(),
    render: (world) => <LatchkeyDevtools client={world.client} initialIsOpen position="top-left" />,
    async play({ canvas, canvasElement, world }) {
      await signInAlice(world)
      const panel = canvas.getByRole("dialog", { name: "Latchkey devtools" })
      expect(panel).toHaveAttribute("data-position", "top-left")
      await waitFor(() => expect(fact(canvasElement, "Status")).toHaveTextContent("signedIn"))
      // Discovery and the sign-in itself.
      expect(within(panel).getAllByText("/_matrix/client/v3/login")).toHaveLength(2)
    },
  }),
}

export const SignedOut = {
  name: "Embedded: signed out (Cloudreve)",
  ...scene({
    world: () => cloudreveWorld(),
    render: (world) => <LatchkeyDevtoolsPanel client={world.client} />,
    async play({ canvasElement, world }) {
      await world.client.ready()
      await waitFor(() => expect(fact(canvasElement, "Status")).toHaveTextContent("signedOut"))
      expect(fact(canvasElement, "User")).toHaveTextContent("—")
      expect(fact(canvasElement, "Next renewal")).toHaveTextContent("—")
    },
  }),
}

export const SecondFactor = {
  name: "Embedded: Bob's second step (Cloudreve)",
  ...scene({
    world: () => cloudreveWorld(),
    render: (world) => <LatchkeyDevtoolsPanel client={world.client} />,
    async play({ canvasElement, world }) {
      const flow = world.client.signIn()
      await flowAt(flow, "start")
      await flow.submit({ identifier: bob.email, password: bob.password })
      await waitFor(() =>
        expect(fact(canvasElement, "Sign-in flow")).toHaveTextContent("secondFactor"),
      )
      expect(world.wire.count("POST /session/token")).toBe(1)
    },
  }),
}

export const SignedIn = {
  name: "Embedded: signed in, counting down to expiry and renewal (Matrix)",
  ...scene({
    world: () => matrixWorld(),
    render: (world) => <LatchkeyDevtoolsPanel client={world.client} />,
    async play({ canvasElement, world }) {
      await signInAlice(world)
      await waitFor(() => expect(fact(canvasElement, "Status")).toHaveTextContent("signedIn"))
      expect(fact(canvasElement, "User")).toHaveTextContent(alice.matrixUserId)
      // The emulator's five-minute tokens; a refresh is due a minute before they expire.
      expect(fact(canvasElement, "Access token")).toHaveTextContent("expires in 5:00")
      expect(fact(canvasElement, "Next renewal")).toHaveTextContent("refresh in 4:00")
      expect(fact(canvasElement, "This tab")).toHaveTextContent("leads renewals")
      await world.clock.advance(30_000)
      await waitFor(() =>
        expect(fact(canvasElement, "Access token")).toHaveTextContent("expires in 4:30"),
      )
    },
  }),
}

export const Refreshing = {
  name: "Embedded: refreshing, the server's answer held back (Matrix)",
  ...scene({
    world: () => matrixWorld(),
    render: (world) => <LatchkeyDevtoolsPanel client={world.client} />,
    async play(current) {
      const { canvasElement, world } = current
      await signInAlice(world)
      world.wire.hold("POST /refresh")
      await waitFor(() => expect(action(current, "Refresh now")).toBeEnabled())
      await userEvent.click(action(current, "Refresh now"))
      await waitFor(() =>
        expect(fact(canvasElement, "Status")).toHaveTextContent("signedIn refreshing…"),
      )
      expect(fact(canvasElement, "Next renewal")).toHaveTextContent("refreshing now")
      expect(action(current, "Refresh now")).toBeDisabled()
    },
    // A held request would time out once time runs.
    keepsTimeStill: true,
  }),
}

export const RateLimited = {
  name: "Embedded: a rate-limited sign-in, with the vendor's code and the wait (Matrix)",
  ...scene({
    world: () => matrixWorld(),
    render: (world) => <LatchkeyDevtoolsPanel client={world.client} />,
    async play({ canvasElement, world }) {
      const flow = world.client.signIn()
      await flowAt(flow, "start")
      // The emulator allows five sign-in attempts a minute.
      for (let attempt = 0; attempt < 6; attempt++)
        await flow.submit({ identifier: alice.matrixUserId, password: "not my password" })
      await waitFor(() =>
        expect(fact(canvasElement, "Sign-in flow")).toHaveTextContent(
          /start · rate_limited · vendor code M_LIMIT_EXCEEDED · HTTP 429 · retry after \d+\.\d s/,
        ),
      )
    },
  }),
}

export const ReauthRequired = {
  name: "Embedded: re-authentication required after the token was expired (Matrix without refresh tokens)",
  ...scene({
    world: () =>
      matrixWorld({
        emulator: { issuesRefreshTokens: false, nonRefreshableAccessTokenTtlMs: 600_000 },
      }),
    render: (world) => <LatchkeyDevtoolsPanel client={world.client} />,
    async play(current) {
      const { canvasElement, world } = current
      await signInAlice(world)
      await waitFor(() =>
        expect(fact(canvasElement, "Next renewal")).toHaveTextContent("password again in 9:00"),
      )
      await userEvent.click(action(current, "Expire access token"))
      await world.clock.advance(0)
      await waitFor(() => expect(fact(canvasElement, "Status")).toHaveTextContent("reauthRequired"))
      expect(fact(canvasElement, "User")).toHaveTextContent(alice.matrixUserId)
      expect(fact(canvasElement, "Error")).toHaveTextContent("session_expired")
      expect(action(current, "Sign out")).toBeEnabled()
    },
  }),
}

export const Offline = {
  name: "Embedded: offline, a development action (Matrix)",
  ...scene({
    world: () => matrixWorld(),
    render: (world) => <LatchkeyDevtoolsPanel client={world.client} />,
    async play(current) {
      const { canvasElement, world } = current
      await signInAlice(world)
      await waitFor(() => expect(action(current, "Refresh now")).toBeEnabled())
      await userEvent.click(action(current, "Offline"))
      expect(action(current, "Offline")).toHaveAttribute("aria-pressed", "true")
      const sent = world.wire.requests.length
      await userEvent.click(action(current, "Refresh now"))
      await waitFor(() => expect(fact(canvasElement, "Error")).toHaveTextContent("network"))
      expect(world.wire.requests).toHaveLength(sent)
      expect(action(current, "Offline")).toHaveAccessibleDescription(/^Development action:/)
    },
    // Offline, the retries would run on with the time; the story shows the first failure.
    keepsTimeStill: true,
  }),
}

interface TwoVendorsWorld extends MatrixWorld {
  readonly cloudreve: CloudreveWorld
}

export const TwoVendors = {
  name: "Embedded: two vendors on one page, one chosen",
  ...scene<TwoVendorsWorld>({
    world: () => {
      const matrix = matrixWorld()
      const cloudreve = cloudreveWorld()
      return {
        ...matrix,
        cloudreve,
        dispose() {
          matrix.dispose()
          cloudreve.dispose()
        },
      }
    },
    render: (world) => (
      <LatchkeyDevtoolsPanel
        clients={[
          { client: world.client, label: "Matrix" },
          { client: world.cloudreve.client, label: "Cloudreve" },
        ]}
      />
    ),
    async play({ canvas, canvasElement, world }) {
      await signInAlice(world)
      const picker = canvas.getByRole("combobox", { name: "Client" })
      expect(
        within(picker)
          .getAllByRole("option")
          .map((option) => option.textContent),
      ).toEqual(["Matrix", "Cloudreve"])
      await waitFor(() => expect(fact(canvasElement, "Status")).toHaveTextContent("signedIn"))
      await userEvent.selectOptions(picker, "Cloudreve")
      expect(fact(canvasElement, "Status")).toHaveTextContent("signedOut")
    },
  }),
}

export const DarkTheme = {
  name: "Embedded: dark theme forced, signed in (Matrix)",
  ...scene({
    world: () => matrixWorld(),
    render: (world) => <LatchkeyDevtoolsPanel client={world.client} theme="dark" />,
    async play({ canvas, canvasElement, world }) {
      await signInAlice(world)
      expect(canvas.getByRole("region", { name: "Latchkey devtools" })).toHaveAttribute(
        "data-theme",
        "dark",
      )
      await waitFor(() => expect(fact(canvasElement, "Status")).toHaveTextContent("signedIn"))
    },
  }),
}
