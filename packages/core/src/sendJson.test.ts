import { describe, expect, it } from "vitest"
import { createAdapterContext } from "./adapterContext"
import { AuthError } from "./authError"
import * as v from "./schema"
import { jsonRequest, readJson, send, sendJson } from "./sendJson"
import { createTestPlatform } from "./testing"

const schema = v.object({ token: v.string() })
const vendor = "x"

function setUp(answer: (request: Request) => Response | Promise<Response>) {
  const sent: Request[] = []
  const platform = createTestPlatform({
    fetch: async (request) => {
      sent.push(request)
      return answer(request)
    },
  })
  const ctx = createAdapterContext({ platform, vendor, timeoutMs: 5_000, inspect: () => {} })
  return { ctx, platform, sent }
}

const failureOf = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  )

describe("sendJson", () => {
  it("sends JSON and returns the parsed body with the response", async () => {
    const { ctx, sent } = setUp(() => Response.json({ token: "t", extra: 1 }))
    const { body, response } = await sendJson(
      ctx,
      jsonRequest("https://x.test/login", { body: { user: "alice" } }),
      schema,
      { vendor },
    )
    expect(body).toEqual({ token: "t" })
    expect(response.status).toBe(200)
    expect(sent[0]?.method).toBe("POST")
    expect(sent[0]?.headers.get("content-type")).toBe("application/json")
    expect(await sent[0]?.json()).toEqual({ user: "alice" })
  })

  it.each([
    ["not JSON", () => new Response("<html>Bad Gateway</html>", { status: 200 })],
    ["off-schema", () => Response.json({ token: 42 })],
    ["empty", () => new Response("")],
    ["huge", () => new Response(`"${"a".repeat(1_000_001)}"`)],
  ])("turns a %s body into invalid_response without echoing it", async (_, answer) => {
    const { ctx } = setUp(answer)
    const error = await failureOf(sendJson(ctx, jsonRequest("https://x.test/"), schema, { vendor }))
    expect(error).toBeInstanceOf(AuthError)
    expect(error).toMatchObject({ code: "invalid_response", vendor, status: 200 })
    expect(String(error)).not.toContain("Bad Gateway")
  })

  it.each([
    ["seconds", "7", 7_000],
    ["an HTTP date", new Date(Date.UTC(2026, 0, 1, 0, 0, 30)).toUTCString(), 30_000],
    ["nothing", undefined, undefined],
  ])("reads a 429 with Retry-After as %s", async (_, retryAfter, expected) => {
    const { ctx } = setUp(
      () =>
        new Response("slow down", {
          status: 429,
          headers: retryAfter === undefined ? {} : { "retry-after": retryAfter },
        }),
    )
    const error = await failureOf(send(ctx, jsonRequest("https://x.test/"), { vendor }))
    expect(error).toMatchObject({ code: "rate_limited", status: 429, retryAfterMs: expected })
  })

  it("calls a 5xx a server error and any other refusal the vendor has no words for invalid_response", async () => {
    const down = setUp(() => new Response("<h1>oops</h1>", { status: 503 }))
    expect(
      await failureOf(send(down.ctx, jsonRequest("https://x.test/"), { vendor })),
    ).toMatchObject({ code: "server", status: 503 })
    const odd = setUp(() => new Response("teapot", { status: 418 }))
    expect(
      await failureOf(send(odd.ctx, jsonRequest("https://x.test/"), { vendor })),
    ).toMatchObject({
      code: "invalid_response",
      status: 418,
    })
  })

  it("lets the vendor read its own refusals from the parsed body first", async () => {
    const { ctx } = setUp(() => Response.json({ errcode: "WRONG" }, { status: 403 }))
    const error = await failureOf(
      send(ctx, jsonRequest("https://x.test/"), {
        vendor,
        refusal: ({ status, json }) =>
          new AuthError("invalid_credentials", {
            vendor,
            status,
            vendorCode: (json as { errcode: string }).errcode,
            fields: ["password"],
          }),
      }),
    )
    expect(error).toMatchObject({
      code: "invalid_credentials",
      status: 403,
      vendorCode: "WRONG",
      fields: ["password"],
    })
  })

  it("times out a body that stops arriving halfway instead of hanging", async () => {
    const { ctx, platform } = setUp(
      () =>
        new Response(
          new ReadableStream<Uint8Array>({
            start(controller) {
              controller.enqueue(new TextEncoder().encode('{"token":'))
            },
          }),
        ),
    )
    const reading = failureOf(sendJson(ctx, jsonRequest("https://x.test/"), schema, { vendor }))
    await platform.clock.advance(5_000)
    expect(await reading).toMatchObject({ code: "timeout", vendor })
    expect(platform.clock.pendingTimers()).toBe(0)
  })

  it("reports a body stream that breaks as a network failure", async () => {
    const { ctx } = setUp(
      () =>
        new Response(
          new ReadableStream<Uint8Array>({
            pull(controller) {
              controller.error(new TypeError("connection reset"))
            },
          }),
        ),
    )
    const response = await send(ctx, jsonRequest("https://x.test/"), { vendor })
    expect(await failureOf(readJson(ctx, response, schema, vendor))).toMatchObject({
      code: "network",
    })
  })
})
