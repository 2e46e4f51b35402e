import { describe, expect, it } from "vitest"
import { AuthError } from "../authError"
import {
  createSecretLedger,
  describeCredentials,
  describeProduced,
  findLeaks,
} from "./secretLedger"

describe("the secret search of the reliability suite", () => {
  it("harvests what crossed the wire and finds any of it, or a slice of it, in what was produced", async () => {
    const ledger = createSecretLedger()
    await ledger.harvestRequest(
      new Request("https://server.test/token", {
        method: "POST",
        headers: { authorization: `Basic ${btoa("alice:correct horse")}` },
        body: JSON.stringify({ otp: "246810" }),
      }),
    )
    await ledger.harvestResponse(
      Response.json({ access_token: "eyJhbGciOiJIUzI1NiJ9.payload.sig" }),
    )
    expect([...ledger.secrets.keys()]).toEqual(
      expect.arrayContaining(["correct horse", "246810", "eyJhbGciOiJIUzI1NiJ9.payload.sig"]),
    )
    const leaky = new AuthError("server", {
      cause: new Error("upstream said: IUzI1NiJ9.payload"),
    })
    const session = {
      status: "signedIn",
      session: {
        credentials: { accessToken: "eyJhbGciOiJIUzI1NiJ9.payload.sig" },
        expiresAt: 246810,
      },
    }
    const leaks = findLeaks(ledger, [
      { where: "error", text: describeProduced(leaky) },
      { where: "snapshot", text: describeProduced(session) },
      { where: "credentials", text: describeCredentials(session), isCredentials: true },
      {
        where: "typed in credentials",
        text: describeCredentials({ credentials: "correct horse" }),
        isCredentials: true,
      },
    ])
    // A slice of the token in a cause is found; the session's own credentials and a number are not leaks.
    expect(new Set(leaks.map((leak) => leak.where))).toEqual(
      new Set(["typed in credentials", "error"]),
    )
  })
})
