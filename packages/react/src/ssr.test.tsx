// @vitest-environment node
import { createAuthClient } from "@latchkey/core"
import { createTestPlatform, fakeAdapter } from "@latchkey/core/testing"
import { QueryClient, QueryClientProvider } from "@tanstack/react-query"
import { renderToString } from "react-dom/server"
import { describe, expect, it } from "vitest"
import { LatchkeyProvider } from "./LatchkeyProvider"
import { SignIn } from "./SignIn"
import { useSession } from "./useSession"

function Status() {
  return <p>status: {useSession((s) => s.status)}</p>
}

describe("server rendering", () => {
  it("renders `initializing` and the discovery placeholder without browser globals", async () => {
    expect(typeof window).toBe("undefined")
    const client = createAuthClient({ adapter: fakeAdapter(), platform: createTestPlatform() })
    await client.ready()
    const html = renderToString(
      <QueryClientProvider client={new QueryClient()}>
        <LatchkeyProvider client={client}>
          <Status />
          <SignIn />
        </LatchkeyProvider>
      </QueryClientProvider>,
    )
    expect(html).toContain("status: <!-- -->initializing")
    expect(html).toContain("Checking how you can sign in…")
    expect(html).toContain('role="status"')
  })
})
