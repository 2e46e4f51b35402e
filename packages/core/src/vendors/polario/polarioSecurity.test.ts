import { alice, createPolarioEmulator, createSeededRandomBytes } from "@latchkey/emulators"
import { describe, expect, it } from "vitest"
import { createAuthClient } from "../../authClient"
import { createManualClock, createTestPlatform, memoryStorage, untilSettled } from "../../testing"
import { polarioAdapter } from "./index"

const api = "http://polario.test/api"

/** A client against a Polario server with someone in between who rewrites the first SCRAM answer. */
function downgraded(rewrite: (first: Record<string, unknown>, request: Request) => unknown) {
  const clock = createManualClock()
  const polario = createPolarioEmulator({ clock, random: createSeededRandomBytes(4) })
  const sent: string[] = []
  const storage = memoryStorage()
  const platform = createTestPlatform({
    clock,
    async fetch(request) {
      sent.push(new URL(request.url).pathname)
      const response = await polario.handle(request)
      if (!request.url.endsWith("/auth/auth") || !response.ok) return response
      const first = (await response.json()) as Record<string, unknown>
      return Response.json(rewrite(first, request))
    },
  })
  const client = createAuthClient({ adapter: polarioAdapter({ baseUrl: api }), platform, storage })
  return { client, sent, storage }
}

async function signIn(client: ReturnType<typeof downgraded>["client"]) {
  const flow = client.signIn()
  await untilSettled(flow)
  return flow.submit({ identifier: alice.email, password: alice.password })
}

describe("Polario SCRAM against someone in between", () => {
  it.each([
    ["a server-final instead of the server-first", () => ({ v: "AAAA", signature: "AAAA" })],
    [
      "a server error smuggled into the nonce",
      (first: Record<string, unknown>) => ({ ...first, nonce: `${first.nonce},e=invalid-proof` }),
    ],
    [
      "an extension smuggled into the nonce",
      (first: Record<string, unknown>) => ({ ...first, nonce: `${first.nonce},m=downgrade` }),
    ],
    [
      "a second iteration count smuggled into the salt",
      (first: Record<string, unknown>) => ({ ...first, salt: `${first.salt},i=1` }),
    ],
    [
      "an iteration count as text",
      (first: Record<string, unknown>) => ({ ...first, iterationCount: "1" }),
    ],
  ])("refuses %s as an unreadable answer, before sending a proof", async (_, rewrite) => {
    const { client, sent, storage } = downgraded(rewrite)
    const refused = await signIn(client)
    expect(refused).toMatchObject({ step: "start", error: { code: "invalid_response" } })
    expect(sent.at(-1)).toBe("/api/auth/auth")
    expect(storage.get("latchkey:default:polario:session")).toBeNull()
  })

  it("refuses an iteration count below the floor before sending a proof", async () => {
    const { client, sent } = downgraded((first) => ({ ...first, iterationCount: 1 }))
    const refused = await signIn(client)
    expect(refused).toMatchObject({ error: { code: "scram_iteration_count_too_low" } })
    expect(sent.at(-1)).toBe("/api/auth/auth")
  })
})
