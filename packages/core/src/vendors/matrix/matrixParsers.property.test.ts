import fc from "fast-check"
import { describe, it } from "vitest"
import { checkParsers } from "../../reliability/parserProperty"
import { propertyTimeout } from "../../reliability/propertyRuns"
import { matrixAdapter } from "./index"

describe("the Matrix adapter, under arbitrary answers", () => {
  it(
    "lets nothing out but a parsed value or a typed error",
    async () => {
      await checkParsers(
        {
          adapter: matrixAdapter({ homeserver: "http://localhost:8008" }),
          session: {
            user: { id: "@alice:localhost" },
            credentials: {
              homeserver: "http://localhost:8008",
              userId: "@alice:localhost",
              deviceId: "DEVICE",
              accessToken: "access",
              refreshToken: "refresh",
            },
            issuedAt: 0,
            expiresAt: 60_000,
            isRefreshable: true,
          },
          ssoCallback: new URL("http://app.test/signin?loginToken=once"),
          keys: [
            "flows",
            "type",
            "user_id",
            "access_token",
            "device_id",
            "refresh_token",
            "expires_in_ms",
            "errcode",
            "soft_logout",
            "m.homeserver",
          ],
          values: fc.oneof(
            fc.constantFrom(
              "@alice:localhost",
              "m.login.password",
              "M_FORBIDDEN",
              "M_UNKNOWN_TOKEN",
            ),
            fc.array(fc.record({ type: fc.string() }), { maxLength: 2 }),
          ),
          // whoami naming someone else says the session is not this user's.
          refuses: (json) =>
            typeof json === "object" && json !== null && "user_id" in json
              ? ["session_revoked"]
              : [],
        },
        1_000,
      )
    },
    propertyTimeout(30_000),
  )
})
