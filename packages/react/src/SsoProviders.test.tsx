import { act, screen } from "@testing-library/react"
import { describe, expect, it } from "vitest"
import { SsoProviders } from "./SsoProviders"
import { harness } from "./test/harness"
import { useSignIn } from "./useSignIn"

function Standalone() {
  const signIn = useSignIn()
  return <SsoProviders signIn={signIn} className="app-sso" />
}

describe("SsoProviders on its own", () => {
  it("is a themed card of its own that takes the app's class name", async () => {
    const { render, clock } = harness()
    render(<Standalone />)
    await act(() => clock.flush())
    const button = screen.getByRole("button", { name: /Example IdP/ })
    const card = button.closest("section")
    expect(card).toHaveClass("lk", "lk-sso", "app-sso")
  })
})
