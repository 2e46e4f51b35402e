import fc from "fast-check"
import { describe, it } from "vitest"
import { checkParsers } from "../../reliability/parserProperty"
import { propertyTimeout } from "../../reliability/propertyRuns"
import { polarioAdapter } from "./index"
import "./polarioSignIn"

describe("the Polario adapter, under arbitrary answers", () => {
  it(
    "lets nothing out but a parsed value or a typed error",
    async () => {
      await checkParsers(
        {
          adapter: polarioAdapter({ baseUrl: "http://polario.test/api" }),
          session: {
            user: { id: "1001", email: "alice@example.com" },
            credentials: { jwt: "a.b.c", refreshToken: "refresh", deviceId: "device" },
            issuedAt: 0,
            expiresAt: 60_000,
            isRefreshable: true,
          },
          ssoCallback: new URL("http://app.test/polario/callback?code=once"),
          keys: [
            "nonce",
            "salt",
            "iterationCount",
            "deviceId",
            "refreshToken",
            "signature",
            "error",
            "id",
            "title",
            "type",
          ],
          values: fc.oneof(
            fc.integer({ min: -1, max: 5_000 }),
            fc.base64String(),
            fc.constant("Saml2"),
          ),
          // A parsed SCRAM answer may still fail the protocol's own checks.
          refuses: () => ["scram_iteration_count_too_low", "scram_server_signature_mismatch"],
        },
        1_000,
      )
    },
    propertyTimeout(30_000),
  )
})
