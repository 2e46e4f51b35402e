import { describe, expect, it } from "vitest"
import { createRouter } from "./router"

const ok = () => new Response("ok")

describe("createRouter", () => {
  it("matches a pattern and hands over its decoded params", async () => {
    const router = createRouter().get("/rooms/:roomId/members/:userId", ({ params }) =>
      Response.json({ room: params.roomId, user: params.userId }),
    )
    const match = router.match("GET", "/rooms/%21abc%3Alocalhost/members/%40bob%3Alocalhost")
    expect(match.type).toBe("found")
    if (match.type !== "found") return
    expect(match.params).toEqual({ roomId: "!abc:localhost", userId: "@bob:localhost" })
  })

  it("answers 404 for unknown paths and paths of the wrong length", () => {
    const router = createRouter().get("/login", ok).get("/user/:id", ok)
    expect(router.match("GET", "/logout").type).toBe("notFound")
    expect(router.match("GET", "/user").type).toBe("notFound")
    expect(router.match("GET", "/user/").type).toBe("notFound")
    expect(router.match("GET", "/user/1/extra").type).toBe("notFound")
  })

  it("tells a wrong method from a missing path and lists the allowed methods", () => {
    const router = createRouter().get("/session", ok).delete("/session", ok)
    expect(router.match("PUT", "/session")).toEqual({
      type: "methodNotAllowed",
      allowed: ["GET", "HEAD", "DELETE"],
    })
  })

  it("answers HEAD with the GET route and prefers an explicit HEAD route", async () => {
    const router = createRouter()
      .get("/a", () => new Response("get"))
      .get("/b", () => new Response("get"))
      .route("HEAD", "/b", () => new Response("head"))
    const answer = async (path: string) => {
      const match = router.match("HEAD", path)
      if (match.type !== "found") return match.type
      const request = new Request(`http://h${path}`, { method: "HEAD" })
      const response = await match.handler({ request, url: new URL(request.url), params: {} })
      return response.text()
    }
    expect(await answer("/a")).toBe("get")
    expect(await answer("/b")).toBe("head")
  })

  it("serves only under its base path", () => {
    const router = createRouter({ basePath: "/api/v4/" }).post("/session/token", ok)
    expect(router.basePath).toBe("/api/v4")
    expect(router.match("POST", "/api/v4/session/token").type).toBe("found")
    expect(router.match("POST", "/session/token").type).toBe("notFound")
    expect(router.match("POST", "/api/v4x/session/token").type).toBe("notFound")
  })

  it("refuses a malformed percent-encoding instead of throwing", () => {
    const router = createRouter().get("/user/:id", ok)
    expect(router.match("GET", "/user/%E0%A4%A").type).toBe("notFound")
  })

  it("refuses to register the same route twice", () => {
    const router = createRouter().post("/login", ok)
    expect(() => router.post("/login", ok)).toThrow(/already registered/)
  })
})
