import { QueryClientProvider } from "@tanstack/react-query"
import { act, screen } from "@testing-library/react"
import { hydrateRoot } from "react-dom/client"
import { renderToString } from "react-dom/server"
import { describe, expect, it, vi } from "vitest"
import { LatchkeyProvider } from "./LatchkeyProvider"
import { SignIn } from "./SignIn"
import { harness } from "./test/harness"
import { useSession } from "./useSession"

function Status() {
  return <p>status: {useSession((s) => s.status)}</p>
}

describe("hydration", () => {
  it("matches the server's markup even when the client has already restored its session", async () => {
    const { client, queryClient, clock } = harness()
    const app = (
      <QueryClientProvider client={queryClient}>
        <LatchkeyProvider client={client}>
          <Status />
          <SignIn />
        </LatchkeyProvider>
      </QueryClientProvider>
    )
    const container = document.createElement("div")
    container.innerHTML = renderToString(app)
    document.body.append(container)
    await client.ready()
    expect(client.getSnapshot().status).toBe("signedOut")

    const onRecoverableError = vi.fn()
    const root = await act(async () => hydrateRoot(container, app, { onRecoverableError }))
    expect(onRecoverableError).not.toHaveBeenCalled()
    await act(() => clock.flush())
    expect(screen.getByText("status: signedOut")).toBeInTheDocument()
    expect(screen.getByLabelText("User name")).toBeInTheDocument()
    act(() => root.unmount())
    container.remove()
  })
})
