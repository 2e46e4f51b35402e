import fc from "fast-check"
import { expect } from "vitest"
import type { AdapterContext, AuthAdapter } from "../adapter"
import { createAdapterContext } from "../adapterContext"
import { type AuthErrorCode, isAuthError } from "../authError"
import type { Session } from "../session"
import { createManualClock } from "../testing/manualClock"
import { createTestPlatform } from "../testing/testPlatform"
import { propertyRuns } from "./propertyRuns"

/** One vendor's adapter, with what its operations need besides the server's answers. */
export interface ParserTarget<Credentials> {
  readonly adapter: AuthAdapter<Credentials>
  /** A well-formed session to renew, confirm and end. */
  readonly session: Session<Credentials>
  /** The address a single sign-on comes back to, when the vendor has single sign-on. */
  readonly ssoCallback?: URL | undefined
  /** The keys of the vendor's answers: bodies built from them get past the first checks of its schemas. */
  readonly keys: readonly string[]
  /** Values fitting those keys better than any JSON (a nonce, a date). */
  readonly values?: fc.Arbitrary<unknown> | undefined
  /**
   * Whether a 2xx body is the vendor's own refusal or a protocol check of a parsed value, which may fail with a
   * code of its own (`undefined`: only `invalid_response`).
   */
  readonly refuses?: ((json: unknown) => readonly AuthErrorCode[] | "any") | undefined
}

/** A body: arbitrary JSON, arbitrary bytes, or an object of the vendor's own keys with arbitrary values. */
function bodyArb(target: ParserTarget<unknown>): fc.Arbitrary<Uint8Array> {
  const value = target.values ? fc.oneof(fc.jsonValue(), target.values) : fc.jsonValue()
  const keyed = fc.dictionary(fc.constantFrom(...target.keys), value, {
    maxKeys: target.keys.length,
  })
  const nested = fc.record({
    code: fc.integer({ min: -1, max: 50_000 }),
    data: keyed,
    msg: fc.string(),
  })
  const encode = (json: unknown) => new TextEncoder().encode(JSON.stringify(json))
  return fc.oneof(
    fc.jsonValue().map(encode),
    fc.uint8Array({ maxLength: 256 }),
    keyed.map(encode),
    fc.array(keyed, { maxLength: 2 }).map(encode),
    nested.map(encode),
  )
}

type Operation = (ctx: AdapterContext) => Promise<unknown>

function operationsOf<Credentials>(target: ParserTarget<Credentials>): [string, Operation][] {
  const { adapter, session } = target
  const operations: [string, Operation][] = [
    ["discover", (ctx) => adapter.discover(ctx, {})],
    ["signIn", (ctx) => adapter.signIn(ctx, { identifier: "alice", password: "pencil pencil" })],
    [
      "signIn with a code",
      (ctx) =>
        adapter.signIn(ctx, { identifier: "bob", password: "pencil pencil", code: "123456" }),
    ],
    [
      "re-authenticate",
      (ctx) => adapter.signIn(ctx, { identifier: "", password: "pencil" }, session),
    ],
    ["signOut", (ctx) => adapter.signOut(ctx, session, { everywhere: false })],
  ]
  const { refresh, validate, completeSso } = adapter
  if (refresh) operations.push(["refresh", (ctx) => refresh(ctx, session)])
  if (validate) operations.push(["validate", (ctx) => validate(ctx, session)])
  const callback = target.ssoCallback
  if (completeSso && callback)
    operations.push(["completeSso", (ctx) => completeSso(ctx, { url: callback })])
  return operations
}

const statuses = [200, 201, 203, 204, 301, 400, 401, 403, 404, 416, 422, 429, 500, 503]

/**
 * Answers every request of every operation with arbitrary bytes: with a 2xx, what comes out is a parsed value or
 * `invalid_response` (or, where `refuses` says the body is the vendor's own refusal, that typed error); with any
 * status, never anything but a value or an `AuthError`. `classify` never throws.
 */
export async function checkParsers<Credentials>(
  target: ParserTarget<Credentials>,
  runs = 2_000,
): Promise<void> {
  const clock = createManualClock()
  const operations = operationsOf(target)
  let answer = { status: 200, body: new Uint8Array() }
  const platform = createTestPlatform({
    clock,
    fetch: async () =>
      new Response(answer.status === 204 ? null : answer.body.slice(), {
        status: answer.status,
        headers: { "content-type": "application/json", Session: "a.b.c" },
      }),
  })
  const ctx = createAdapterContext({
    platform,
    vendor: target.adapter.vendor,
    timeoutMs: 15_000,
    inspect: () => {},
  })
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...statuses),
      bodyArb(target as ParserTarget<unknown>),
      fc.constantFrom(...operations),
      async (status, body, [name, operation]) => {
        answer = { status, body: new Uint8Array(body) }
        const outcome = await operation(ctx).then(
          () => undefined,
          (error: unknown) => error,
        )
        if (outcome !== undefined) {
          expect(isAuthError(outcome), `${name}: ${String(outcome)}`).toBe(true)
          if (status >= 200 && status < 300 && isAuthError(outcome)) {
            const text = new TextDecoder().decode(body)
            const json = parseOrUndefined(text)
            const allowed = target.refuses?.(json) ?? []
            if (allowed !== "any")
              expect(
                [...allowed, "invalid_response"],
                `${name} answered ${status} ${text}`,
              ).toContain(outcome.code)
          }
        }
        const verdict = await target.adapter.classify(
          new Response(status === 204 ? null : new Uint8Array(body), { status }),
        )
        expect(["ok", "expired", "revoked", "rateLimited"]).toContain(verdict.type)
      },
    ),
    propertyRuns(runs),
  )
}

function parseOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}
