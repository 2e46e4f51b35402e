import { render, screen, within } from "@testing-library/react"
import userEvent from "@testing-library/user-event"
import { describe, expect, it } from "vitest"
import * as gated from "./index"
import { LatchkeyDevtools } from "./production"
import { axeViolations } from "./test/axe"
import { fact } from "./test/facts"
import { fakeClient } from "./test/fakeClient"

/** Rendering, axe and the emulators take a while on two shared cores. */
const slow = { timeout: 20_000 }

describe("<LatchkeyDevtools>", slow, () => {
  it("starts as one floating button, closed, outside the app's layout", async () => {
    const { client, settle } = fakeClient()
    const { container } = render(
      <main>
        <p>The app</p>
        <LatchkeyDevtools client={client} />
      </main>,
    )
    await settle()
    const button = screen.getByRole("button", { name: "Latchkey devtools" })
    expect(button).toHaveAttribute("aria-expanded", "false")
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument()
    // Fixed to a corner of the window: it takes no room among the app's own elements.
    expect(getComputedStyle(button).position).toBe("fixed")
    expect(button).toHaveAttribute("data-position", "bottom-right")
    expect(await axeViolations(container)).toEqual([])
  })

  it("opens and closes from the keyboard, moving the focus into the panel and back", async () => {
    const user = userEvent.setup({ delay: null })
    const { client, settle } = fakeClient()
    const { container } = render(<LatchkeyDevtools client={client} position="top-left" />)
    await settle()
    await user.tab()
    expect(screen.getByRole("button", { name: "Latchkey devtools" })).toHaveFocus()
    await user.keyboard("{Enter}")
    const panel = screen.getByRole("dialog", { name: "Latchkey devtools" })
    expect(getComputedStyle(panel).position).toBe("fixed")
    expect(panel).toHaveAttribute("data-position", "top-left")
    expect(within(panel).getByRole("heading", { name: "Latchkey devtools" })).toHaveFocus()
    expect(await axeViolations(container)).toEqual([])

    await user.tab()
    expect(within(panel).getByRole("button", { name: "Close" })).toHaveFocus()
    await user.keyboard("{Escape}")
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument()
    expect(screen.getByRole("button", { name: "Latchkey devtools" })).toHaveFocus()

    await user.keyboard(" ")
    await user.click(screen.getByRole("button", { name: "Close" }))
    expect(screen.getByRole("button", { name: "Latchkey devtools" })).toHaveFocus()
  })

  it("starts open with initialIsOpen, without taking the focus from the page", async () => {
    const { client, settle } = fakeClient()
    render(<LatchkeyDevtools client={client} initialIsOpen theme="dark" />)
    await settle()
    const panel = screen.getByRole("dialog", { name: "Latchkey devtools" })
    expect(panel).toHaveAttribute("data-theme", "dark")
    expect(document.body).toHaveFocus()
  })

  it("records while closed, so the panel opened later shows what led there", async () => {
    const user = userEvent.setup({ delay: null })
    const { client, settle, signIn } = fakeClient()
    render(<LatchkeyDevtools client={client} />)
    await settle()
    await signIn()
    await user.click(screen.getByRole("button", { name: "Latchkey devtools" }))
    const timeline = screen.getByRole("list", { name: "Events, newest first" })
    expect(within(timeline).getByText("/login")).toBeInTheDocument()
    expect(screen.getByText("2 requests")).toBeInTheDocument()
    expect(fact("Status")).toHaveTextContent("signedIn")
  })

  it("lists several clients by vendor and shows the one chosen", async () => {
    const user = userEvent.setup({ delay: null })
    const first = fakeClient({ name: "work" })
    const second = fakeClient({ name: "home" })
    render(
      <LatchkeyDevtools
        client={first.client}
        clients={[first.client, { client: second.client, label: "home account" }]}
        initialIsOpen
      />,
    )
    await first.settle()
    await second.signIn()
    const picker = screen.getByRole("combobox", { name: "Client" })
    expect(
      within(picker)
        .getAllByRole("option")
        .map((option) => option.textContent),
    ).toEqual(["fake", "home account"])
    expect(fact("Status")).toHaveTextContent("signedOut")
    await user.selectOptions(picker, "home account")
    expect(fact("Status")).toHaveTextContent("signedIn")
    expect(fact("User")).toHaveTextContent("Alice Liddell alice")
  })
})

describe("the default entry", () => {
  it("renders nothing outside development, as the app's bundler leaves it out of production builds", async () => {
    const { client, settle } = fakeClient()
    expect(process.env.NODE_ENV).not.toBe("development")
    const { container } = render(
      <>
        <gated.LatchkeyDevtools client={client} initialIsOpen />
        <gated.LatchkeyDevtoolsPanel client={client} />
      </>,
    )
    await settle()
    expect(container).toBeEmptyDOMElement()
  })
})
