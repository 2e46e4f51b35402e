import fc from "fast-check"
import { describe, it } from "vitest"
import { checkParsers } from "../../reliability/parserProperty"
import { propertyTimeout } from "../../reliability/propertyRuns"
import { cloudreveEnvelopeSchema } from "./cloudreveSchemas"
import { cloudreveAdapter } from "./index"

describe("the Cloudreve adapter, under arbitrary answers", () => {
  it(
    "lets nothing out but a parsed value or a typed error",
    async () => {
      await checkParsers(
        {
          adapter: cloudreveAdapter({ baseUrl: "https://cloud.test" }),
          session: {
            user: { id: "1" },
            credentials: { accessToken: "access", refreshToken: "refresh" },
            issuedAt: 0,
            expiresAt: 60_000,
            isRefreshable: true,
          },
          keys: [
            "code",
            "data",
            "msg",
            "user",
            "token",
            "access_token",
            "refresh_token",
            "access_expires",
            "refresh_expires",
            "id",
            "email",
            "login_captcha",
            "captcha_type",
          ],
          values: fc.oneof(
            fc.constantFrom(0, 203, 401, 40020, 40080, "2026-01-01T00:00:00Z", "session-id"),
            fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
          ),
          // Every Cloudreve answer is an envelope: a code other than 0 is the server's own refusal.
          refuses: (json) => {
            const envelope = cloudreveEnvelopeSchema.safeParse(json)
            return envelope.success && envelope.data.code !== 0 ? "any" : []
          },
        },
        1_000,
      )
    },
    propertyTimeout(30_000),
  )
})
