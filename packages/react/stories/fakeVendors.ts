import {
  type AdapterContext,
  type AuthAdapter,
  AuthError,
  type SecondFactorChallenge,
  type SecondFactorMethod,
} from "@latchkey/core"
import type { FakeCredentials } from "@latchkey/core/testing"
import { type FakeWorld, fakeWorld } from "./worlds"

/*
 * Vendor shapes no emulator serves yet, built on the core's fake server: the fake vendor's adapter reshaped
 * into Files.com's (a second step with several methods, where a text message can be sent again). Replace it with
 * the real adapter once that exists.
 */

const fakeBaseUrl = "https://fake.test"

/** Files.com offers no single sign-on to an API client. */
const withoutSso = ({
  ssoRedirectUrl: _redirect,
  completeSso: _complete,
  ...base
}: AuthAdapter<FakeCredentials>): AuthAdapter<FakeCredentials> => ({
  ...base,
  capabilities: { ...base.capabilities, sso: "none" },
  async discover(ctx, request) {
    return { ...(await base.discover(ctx, request)), ssoProviders: [] }
  },
})

/** How long Files.com-shaped text messages make the user wait before another can be sent. */
export const textMessageCooldownMs = 30_000

const methods: readonly SecondFactorMethod[] = [
  { id: "totp", kind: "totp", canResend: false },
  { id: "sms", kind: "sms", canResend: true },
  { id: "yubi", kind: "yubikey", canResend: false },
]

export interface SeveralMethodsWorld extends FakeWorld {
  /** How many text messages the server has sent. */
  textsSent(): number
}

/**
 * A Files.com-shaped server: after the password, a second step offering an authenticator app, a text message
 * (sent when chosen, and again on request after a cooldown) and a YubiKey.
 */
export function severalMethodsWorld(): SeveralMethodsWorld {
  let texts = 0
  const sendText = (ctx: AdapterContext) =>
    ctx.fetch(new Request(`${fakeBaseUrl}/login/sms`, { method: "POST" }))
  const world = fakeWorld({
    secondFactor: "challenge",
    adapter: (base) => {
      const adapter = withoutSso(base)
      return {
        ...adapter,
        async signIn(ctx, input, previous) {
          const step = await adapter.signIn(ctx, input, previous)
          if (step.type !== "secondFactor") return step
          const textSent = async (
            operation: AdapterContext,
            method: string,
          ): Promise<SecondFactorChallenge> => {
            const response = await sendText(operation)
            if (!response.ok)
              throw new AuthError("server", { vendor: adapter.vendor, status: response.status })
            return {
              ...step.challenge,
              methods,
              method,
              resendAvailableAt: operation.now() + textMessageCooldownMs,
            }
          }
          return {
            type: "secondFactor",
            challenge: { ...step.challenge, methods },
            continuation: {
              submit: step.continuation.submit,
              async select(selectCtx, method) {
                return method === "sms"
                  ? textSent(selectCtx, method)
                  : { ...step.challenge, methods, method }
              },
              resend: (resendCtx, method) => textSent(resendCtx, method),
            },
          }
        },
      }
    },
    async extraRoutes(request) {
      if (new URL(request.url).pathname !== "/login/sms") return undefined
      texts++
      return new Response(null, { status: 204 })
    },
  })
  return { ...world, textsSent: () => texts }
}
