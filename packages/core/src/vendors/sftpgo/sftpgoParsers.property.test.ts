import fc from "fast-check"
import { describe, it } from "vitest"
import { checkParsers } from "../../reliability/parserProperty"
import { propertyTimeout } from "../../reliability/propertyRuns"
import { sftpgoAdapter } from "./index"

describe("the SFTPGo adapter, under arbitrary answers", () => {
  it(
    "lets nothing out but a parsed value or a typed error",
    async () => {
      await checkParsers(
        {
          adapter: sftpgoAdapter({ baseUrl: "https://sftpgo.test" }),
          session: {
            user: { id: "alice" },
            credentials: { accessToken: "access" },
            issuedAt: 0,
            expiresAt: 60_000,
            isRefreshable: false,
          },
          keys: ["access_token", "expires_at", "message", "error", "email"],
          values: fc.oneof(
            fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
            fc.constantFrom("invalid credentials", "Your token is not valid"),
          ),
        },
        1_000,
      )
    },
    propertyTimeout(30_000),
  )
})
