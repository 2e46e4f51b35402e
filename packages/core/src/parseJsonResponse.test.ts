import { describe, expect, it } from "vitest"
import { AuthError } from "./authError"
import { parseJsonResponse } from "./parseJsonResponse"
import * as v from "./schema"

const schema = v.object({ token: v.string() })

describe("parseJsonResponse", () => {
  it("returns the parsed body", async () => {
    await expect(parseJsonResponse(Response.json({ token: "t" }), schema, "x")).resolves.toEqual({
      token: "t",
    })
  })

  it.each([
    ["not JSON", new Response("<html>502 Bad Gateway</html>", { status: 502 })],
    ["off-schema", Response.json({ token: 42 })],
    ["empty", new Response("")],
    ["huge", new Response(`"${"a".repeat(1_000_001)}"`)],
  ])("turns a %s body into invalid_response without echoing it", async (_, response) => {
    const error = await parseJsonResponse(response, schema, "x").catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(AuthError)
    expect(error).toMatchObject({ code: "invalid_response", vendor: "x", status: response.status })
    expect(String(error)).not.toContain("Bad Gateway")
  })
})
