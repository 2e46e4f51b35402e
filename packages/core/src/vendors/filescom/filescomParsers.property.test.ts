import fc from "fast-check"
import { describe, it } from "vitest"
import { checkParsers } from "../../reliability/parserProperty"
import { propertyTimeout } from "../../reliability/propertyRuns"
import { filescomAdapter } from "./index"

describe("the Files.com adapter, under arbitrary answers", () => {
  it(
    "lets nothing out but a parsed value or a typed error",
    async () => {
      await checkParsers(
        {
          adapter: filescomAdapter({ baseUrl: "https://acme.files.test" }),
          session: {
            user: { id: "alice" },
            credentials: { sessionId: "session", baseUrl: "https://acme.files.test" },
            issuedAt: 0,
            expiresAt: 60_000,
            isRefreshable: false,
          },
          keys: [
            "id",
            "type",
            "data",
            "partial_session_id",
            "two_factor_authentication_methods",
            "host",
            "error",
          ],
          values: fc.oneof(
            fc.constantFrom(
              "not-authenticated/two-factor-authentication-error",
              "not-authenticated/lockout-region-mismatch",
              "totp",
              "acme.eu.files.test",
            ),
            fc.array(fc.constantFrom("totp", "sms", "yubi", "u2f")),
          ),
        },
        1_000,
      )
    },
    propertyTimeout(30_000),
  )
})
