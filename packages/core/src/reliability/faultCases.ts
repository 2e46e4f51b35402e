import { expect } from "vitest"
import { AuthError, type AuthErrorCode, isAuthError } from "../authError"
import { refusalEnds } from "../sessionMachine"
import type { SignInFlow } from "../signInFlow"
import type { SignInFlowSnapshot } from "../signInFlowMachine"
import { type Fault, faultName } from "../testing/faultyFetch"
import type { Rig } from "./faultRig"
import { describeCredentials, describeProduced, findLeaks, type Haystack } from "./secretLedger"
import { takeUnhandledRejections } from "./unhandledRejections"

/** Every path of a vendor the suite runs under each fault. */
export type FaultPath =
  | "discovery"
  | "signIn"
  | "secondFactor"
  | "ssoCompletion"
  | "refresh"
  | "reauth"
  | "signOut"
  | "authenticatedCall"
  /** An authenticated call after the laptop slept past expiry: renewed first, then sent. */
  | "expiredCall"

/** What a path should end with under a fault: a typed error of this code, or its normal result. */
export type Expected = { readonly code: AuthErrorCode } | "succeeds"

export interface Person {
  readonly identifier: string
  readonly password: string
}

/** How one vendor is driven through each path, against its emulator. */
export interface VendorFaultSpec<Credentials> {
  rig(): Rig<Credentials>
  /** Someone who signs in with a password alone. */
  readonly person: Person
  /** Someone with a second factor, and the code valid at `now`. */
  readonly secondFactor?: { readonly person: Person; code(now: number): string } | undefined
  /** Follows the browser from `redirect` through the identity provider; the address it comes back to. */
  ssoLanding?(rig: Rig<Credentials>, redirect: string): Promise<string>
  readonly ssoProvider?: string | undefined
  /** Brings the signed-in session to the point where only the password renews it. */
  requireReauth?(rig: Rig<Credentials>): Promise<void>
  /** An address of the vendor's API that needs the session. */
  readonly protectedUrl: string
  /** The paths whose successful answer the adapter does not read (it looks at the status alone). */
  readonly unreadBodies?: readonly FaultPath[] | undefined
  /** Where the vendor's meaning differs from the shared reading, by path and fault name. */
  readonly expectations?: Partial<Record<FaultPath, Record<string, Expected>>> | undefined
}

/** The paths a vendor has, from its adapter's capabilities and what its spec can drive. */
export function pathsOf<Credentials>(
  spec: VendorFaultSpec<Credentials>,
  adapter: Rig<Credentials>["adapter"],
): FaultPath[] {
  const { capabilities } = adapter
  const paths: FaultPath[] = ["discovery", "signIn"]
  if (spec.secondFactor) paths.push("secondFactor")
  if (capabilities.sso !== "none" && spec.ssoLanding) paths.push("ssoCompletion")
  if (capabilities.refresh === "token") paths.push("refresh", "expiredCall")
  if (spec.requireReauth) paths.push("reauth")
  paths.push("signOut", "authenticatedCall")
  return paths
}

/** Clock time within which every path settles, whatever the fault: retries and their waits included. */
const boundsMs: Record<FaultPath, number> = {
  discovery: 60_000,
  signIn: 60_000,
  secondFactor: 60_000,
  ssoCompletion: 60_000,
  reauth: 60_000,
  signOut: 30_000,
  // Five attempts, each waiting out a timeout or a 30 s Retry-After.
  refresh: 5 * 30_000 + 30_000,
  authenticatedCall: 60_000,
  // A refresh with its retries, then the call.
  expiredCall: 5 * 30_000 + 60_000,
}

/** Errors after which the sign-in flow keeps a second-factor challenge open. */
const keepsChallenge: readonly AuthErrorCode[] = [
  "invalid_second_factor",
  "invalid_input",
  "rate_limited",
  "network",
  "timeout",
  "server",
  "invalid_response",
]

/** The reading every vendor shares of a fault on a path. */
export function sharedExpectation(path: FaultPath, fault: Fault, readsBody: boolean): Expected {
  const invalid = { code: "invalid_response" } as const
  if (path === "expiredCall") {
    // The renewal fails first, and the call with its reason; a renewal that succeeds leaves the call to the app.
    const renewal = sharedExpectation("refresh", fault, true)
    return renewal === "succeeds" ? sharedExpectation("authenticatedCall", fault, true) : renewal
  }
  if (path === "authenticatedCall") {
    // The app's own answer is the app's: only a request that never got one fails.
    switch (fault.type) {
      case "hangBeforeHeaders":
        return { code: "timeout" }
      case "redirectLoop":
      case "connectionFailure":
        return { code: "network" }
      default:
        return "succeeds"
    }
  }
  switch (fault.type) {
    case "htmlPage":
      return fault.status >= 500 ? { code: "server" } : readsBody ? invalid : "succeeds"
    case "truncatedJson":
    case "wrongShapeJson":
    case "emptyBody":
    case "hugeBody":
      return readsBody ? invalid : "succeeds"
    case "replayedAnswer":
      // A re-authentication replayed the sign-in's answer: a well-formed, stale session (found out at first use).
      return readsBody && path !== "reauth" ? invalid : "succeeds"
    case "serverError":
      return { code: "server" }
    case "rateLimited":
      return { code: "rate_limited" }
    case "redirectLoop":
    case "connectionFailure":
      return { code: "network" }
    case "hangBeforeHeaders":
      return { code: "timeout" }
    case "stallMidBody":
      return readsBody ? { code: "timeout" } : "succeeds"
    case "erroringBody":
      return readsBody ? { code: "network" } : "succeeds"
    case "duplicateRequest":
      return "succeeds"
    default:
      return fault satisfies never
  }
}

/** Faults whose request the server handled: what it consumed (a code, a one-time token) is gone. */
const reachesServer = new Set<Fault["type"]>([
  "truncatedJson",
  "stallMidBody",
  "erroringBody",
  "duplicateRequest",
  "replayedAnswer",
])

/** Resolves with the flow's first snapshot that `isDone` accepts. */
function flowUntil(
  flow: SignInFlow,
  isDone: (snapshot: SignInFlowSnapshot) => boolean,
): Promise<SignInFlowSnapshot> {
  return new Promise((resolve) => {
    const check = () => {
      const snapshot = flow.getSnapshot()
      if (!isDone(snapshot)) return
      stop()
      resolve(snapshot)
    }
    const stop = flow.subscribe(check)
    check()
  })
}

const isSettledStep = (snapshot: SignInFlowSnapshot) =>
  snapshot.step !== "discovering" && snapshot.step !== "completing"

/** How a path ended: its result, or the typed error it reported (thrown or in a snapshot). */
type Outcome = { readonly type: "succeeded" } | { readonly type: "failed"; readonly error: unknown }

interface Scene<Credentials> {
  readonly rig: Rig<Credentials>
  readonly spec: VendorFaultSpec<Credentials>
  flow?: SignInFlow
}

/**
 * Runs one path of one vendor under one fault and checks what the issue asks of every case: it settles within the
 * bound with the expected typed error (or its normal result), the state stays coherent, the same client works
 * once the fault is lifted, nothing is left behind, and no secret appears in anything the client produced.
 */
export async function runFaultCase<Credentials>(
  spec: VendorFaultSpec<Credentials>,
  path: FaultPath,
  fault: Fault,
): Promise<void> {
  const rig = spec.rig()
  const scene: Scene<Credentials> = { rig, spec }
  const { client, faulty } = rig
  const step = async <T>(label: string, work: Promise<T>, boundMs = 60_000): Promise<T> => {
    const settled = await rig.settle(work, boundMs)
    if (settled.type === "pending") throw new Error(`${label} did not settle`)
    if (settled.type === "error") throw settled.error
    return settled.value
  }
  await step("ready", client.ready())
  await prepare(scene, path, step)

  const before = faulty.log.length
  faulty.inject(fault)
  const acting = act(scene, path)
  const settled = await rig.settle(acting, boundsMs[path])
  faulty.lift()
  expect(settled.type, `${path} under ${faultName(fault)} settles`).not.toBe("pending")
  expect(settled.elapsedMs).toBeLessThanOrEqual(boundsMs[path])
  if (settled.type === "pending") return
  const outcome: Outcome =
    settled.type === "value" ? settled.value : { type: "failed", error: settled.error }
  if (outcome.type === "failed") rig.produced.push(outcome.error)

  // A path that sent nothing (or nothing a fault took hold of) is untouched by it.
  const isFaulted = faulty.log.slice(before).some((exchange) => exchange.fault !== undefined)
  const readsBody = !(spec.unreadBodies ?? []).includes(path)
  const expected: Expected = !isFaulted
    ? "succeeds"
    : (spec.expectations?.[path]?.[faultName(fault)] ?? sharedExpectation(path, fault, readsBody))
  if (expected === "succeeds") {
    expect(outcome, `${path} under ${faultName(fault)}`).toEqual({ type: "succeeded" })
  } else {
    const error = outcome.type === "failed" ? outcome.error : undefined
    expect(isAuthError(error), `${path} under ${faultName(fault)} fails with an AuthError`).toBe(
      true,
    )
    expect(error, `${path} under ${faultName(fault)}`).toMatchObject({ code: expected.code })
    if (isAuthError(error, "rate_limited") && fault.type === "rateLimited") {
      if (fault.retryAfter === "none") expect(error.retryAfterMs ?? 0).toBeLessThanOrEqual(60_000)
      else expect(error.retryAfterMs).toBeGreaterThanOrEqual(29_000)
    }
  }
  checkState(scene, path, expected)

  await recover(scene, path, fault, expected, step)
  if (path === "reauth" && fault.type === "replayedAnswer" && isFaulted) {
    // The cache handed back the sign-in answer of long ago: a session the server may still take, may ask the user
    // to renew (`session_expired`) or may have replaced for good (`session_revoked`) — read as the server means it.
    const stale = await step("stale call", client.fetch(spec.protectedUrl)).catch(
      (error: unknown) => error,
    )
    if (!(stale instanceof Response)) {
      expect(isAuthError(stale, "session_expired", "session_revoked")).toBe(true)
      const isExpired = isAuthError(stale, "session_expired")
      expect(client.getSnapshot().status).toBe(isExpired ? "reauthRequired" : "signedOut")
      const flow = client.signIn()
      expect((await step("discovery", flowUntil(flow, isSettledStep))).step).toBe("start")
      const again = isExpired ? { identifier: "", password: spec.person.password } : spec.person
      expect((await step("signing in again", flow.submit(again))).step).toBe("done")
    }
  }
  // The same client still makes authenticated calls.
  const response = await step("call after recovery", client.fetch(spec.protectedUrl))
  expect(response.ok, "an authenticated call works after the fault").toBe(true)

  client.dispose()
  await rig.clock.flush()
  expect(rig.clock.pendingTimers(), "timers left after dispose").toBe(0)
  expect(rig.platform.wakeListenerCount(), "wake listeners left after dispose").toBe(0)
  expect(rig.broadcast.listenerCount(), "channel listeners left after dispose").toBe(0)
  expect(faulty.held(), "requests still held after dispose").toBe(0)
  expect(takeUnhandledRejections(), "unhandled rejections").toEqual([])
  expect(findLeaks(rig.ledger, haystacksOf(rig)), "secrets in what the client produced").toEqual([])
}

type Step = <T>(label: string, work: Promise<T>, boundMs?: number) => Promise<T>

async function signIn<Credentials>(
  scene: Scene<Credentials>,
  step: Step,
  person: Person = scene.spec.person,
  code?: string,
) {
  const flow = scene.rig.client.signIn()
  const started = await step("discovery", flowUntil(flow, isSettledStep))
  expect(started.step).toBe("start")
  const done = await step("sign-in", flow.submit({ ...person, code }))
  scene.rig.produced.push(done)
  expect(done.step, "signs in").toBe("done")
}

async function prepare<Credentials>(scene: Scene<Credentials>, path: FaultPath, step: Step) {
  const { rig, spec } = scene
  switch (path) {
    case "discovery":
      return
    case "signIn":
    case "ssoCompletion": {
      const flow = rig.client.signIn()
      scene.flow = flow
      expect((await step("discovery", flowUntil(flow, isSettledStep))).step).toBe("start")
      if (path === "signIn") return
      await step("start single sign-on", flow.startSso(spec.ssoProvider))
      const redirect = rig.platform.visited.at(-1) ?? ""
      rig.platform.url = await step("identity provider", landingOf(spec, rig, redirect))
      return
    }
    case "secondFactor": {
      const flow = rig.client.signIn()
      scene.flow = flow
      expect((await step("discovery", flowUntil(flow, isSettledStep))).step).toBe("start")
      if (rig.adapter.capabilities.secondFactor !== "challenge") return
      const second = spec.secondFactor
      if (!second) throw new Error("no second factor")
      const asked = await step("password", flow.submit(second.person))
      expect(asked.step).toBe("secondFactor")
      return
    }
    case "refresh":
    case "signOut":
    case "authenticatedCall":
      return signIn(scene, step)
    case "expiredCall": {
      await signIn(scene, step)
      // Asleep past expiry: no timer ran meanwhile.
      const expiresAt = rig.client.getSnapshot().session?.expiresAt ?? rig.clock.now()
      rig.clock.jump(expiresAt - rig.clock.now() + 1)
      return
    }
    case "reauth": {
      await signIn(scene, step)
      await step("expiry", spec.requireReauth?.(rig) ?? Promise.resolve())
      expect(rig.client.getSnapshot().status).toBe("reauthRequired")
      const flow = rig.client.signIn()
      scene.flow = flow
      expect((await step("discovery", flowUntil(flow, isSettledStep))).step).toBe("start")
      return
    }
    default:
      return path satisfies never
  }
}

function flowOutcome(snapshot: SignInFlowSnapshot): Outcome {
  if (snapshot.step === "done" || (snapshot.step === "start" && snapshot.error === undefined))
    return { type: "succeeded" }
  if ("error" in snapshot && snapshot.error) return { type: "failed", error: snapshot.error }
  return { type: "failed", error: new Error(`flow stopped at ${snapshot.step} without an error`) }
}

async function act<Credentials>(scene: Scene<Credentials>, path: FaultPath): Promise<Outcome> {
  const { rig, spec } = scene
  const { client } = rig
  const record = <T>(value: T): T => {
    rig.produced.push(value)
    return value
  }
  switch (path) {
    case "discovery": {
      const flow = client.signIn()
      scene.flow = flow
      return flowOutcome(record(await flowUntil(flow, isSettledStep)))
    }
    case "signIn":
      return flowOutcome(record(await flowOf(scene).submit(spec.person)))
    case "secondFactor": {
      const second = spec.secondFactor
      if (!second) throw new Error("no second factor")
      const code = second.code(rig.clock.now())
      rig.ledger.add("typed", code)
      const flow = flowOf(scene)
      if (rig.adapter.capabilities.secondFactor === "challenge")
        return flowOutcome(record(await flow.submitCode(code)))
      return flowOutcome(record(await flow.submit({ ...second.person, code })))
    }
    case "ssoCompletion": {
      const flow = client.completeSso()
      scene.flow = flow
      return flowOutcome(record(await flowUntil(flow, isSettledStep)))
    }
    case "refresh": {
      const snapshot = record(await client.refresh())
      return snapshot.error ? { type: "failed", error: snapshot.error } : { type: "succeeded" }
    }
    case "reauth":
      return flowOutcome(
        record(await flowOf(scene).submit({ identifier: "", password: spec.person.password })),
      )
    case "signOut": {
      const result = record(await client.signOut())
      return result.error ? { type: "failed", error: result.error } : { type: "succeeded" }
    }
    case "authenticatedCall":
    case "expiredCall":
      await client.fetch(spec.protectedUrl)
      return { type: "succeeded" }
    default:
      return path satisfies never
  }
}

function landingOf<Credentials>(
  spec: VendorFaultSpec<Credentials>,
  rig: Rig<Credentials>,
  redirect: string,
): Promise<string> {
  if (!spec.ssoLanding) throw new Error("no single sign-on")
  return spec.ssoLanding(rig, redirect)
}

function flowOf<Credentials>(scene: Scene<Credentials>): SignInFlow {
  if (!scene.flow) throw new Error("no flow prepared")
  return scene.flow
}

function checkState<Credentials>(scene: Scene<Credentials>, path: FaultPath, expected: Expected) {
  const { rig } = scene
  const snapshot = rig.client.getSnapshot()
  const flow = scene.flow?.getSnapshot()
  const failed = expected !== "succeeds"
  switch (path) {
    case "discovery":
      expect(flow?.step).toBe(failed ? "unavailable" : "start")
      return
    case "signIn":
    case "ssoCompletion":
      expect(snapshot.status).toBe(failed ? "signedOut" : "signedIn")
      if (failed) expect(flow?.step).toBe(path === "signIn" ? "start" : "unavailable")
      return
    case "secondFactor":
      expect(snapshot.status).toBe(failed ? "signedOut" : "signedIn")
      if (failed && rig.adapter.capabilities.secondFactor === "challenge")
        // A transient fault never ends a second-factor challenge.
        expect(flow?.step).toBe(keepsChallenge.includes(expected.code) ? "secondFactor" : "start")
      return
    case "refresh":
      if (failed && refusalEnds(new AuthError(expected.code)) === "nothing") {
        // Never signed out by a transient fault, and not left refreshing.
        expect(snapshot).toMatchObject({ status: "signedIn", isRefreshing: false })
        expect(snapshot.error?.code).toBe(expected.code)
      }
      return
    case "reauth":
      // A failed re-authentication keeps the user, never signs them out.
      expect(snapshot.status).toBe(failed ? "reauthRequired" : "signedIn")
      return
    case "signOut":
      expect(snapshot.status).toBe("signedOut")
      expect([...rig.storage.values.keys()].filter((key) => key.endsWith(":session"))).toEqual([])
      return
    case "authenticatedCall":
    case "expiredCall":
      // Whatever the fault did to the call (or to the renewal before it), the session stays.
      expect(snapshot).toMatchObject({ status: "signedIn", isRefreshing: false })
      return
    default:
      return path satisfies never
  }
}

async function recover<Credentials>(
  scene: Scene<Credentials>,
  path: FaultPath,
  fault: Fault,
  expected: Expected,
  step: Step,
) {
  const { rig, spec } = scene
  const { client } = rig
  const failed = expected !== "succeeds"
  switch (path) {
    case "discovery": {
      const again = await step("discovery again", flowOf(scene).discover())
      expect(again.step).toBe("start")
      return signInAfter(scene, step, flowOf(scene))
    }
    case "signIn":
      if (!failed) return
      return signInAfter(scene, step, flowOf(scene))
    case "secondFactor": {
      if (!failed) return
      const second = spec.secondFactor
      if (!second) return
      // A new code: the last one may have been spent by the request the fault swallowed.
      await rig.clock.advance(30_000)
      const code = second.code(rig.clock.now())
      rig.ledger.add("typed", code)
      const flow = flowOf(scene)
      const snapshot = flow.getSnapshot()
      if (snapshot.step === "secondFactor") {
        const done = await step("code again", flow.submitCode(code))
        rig.produced.push(done)
        // The server may have ended the challenge with the request the fault swallowed.
        if (done.step === "done") return
        expect(reachesServer.has(fault.type), `challenge survives ${faultName(fault)}`).toBe(true)
        return secondFactorAfresh(scene, step)
      }
      if (snapshot.step === "start") {
        if (rig.adapter.capabilities.secondFactor !== "challenge") {
          const done = await step("code again", flow.submit({ ...second.person, code }))
          expect(done.step).toBe("done")
          return
        }
        return secondFactorAfresh(scene, step)
      }
      throw new Error(`second factor left at ${snapshot.step}`)
    }
    case "ssoCompletion": {
      if (!failed) return
      // The marker is single use: a new round trip.
      const flow = client.signIn()
      expect((await step("discovery", flowUntil(flow, isSettledStep))).step).toBe("start")
      await step("start single sign-on", flow.startSso(spec.ssoProvider))
      const landing = await step(
        "identity provider",
        landingOf(spec, rig, rig.platform.visited.at(-1) ?? ""),
      )
      rig.platform.url = landing
      const done = await step("completion", flowUntil(client.completeSso(), isSettledStep))
      expect(done.step).toBe("done")
      return
    }
    case "refresh": {
      const before = client.getSnapshot().session
      const after = await step("refresh again", client.refresh(), boundsMs.refresh)
      rig.produced.push(after)
      expect(after).toMatchObject({ status: "signedIn", isRefreshing: false, error: undefined })
      expect(after.session).not.toBe(before)
      return
    }
    case "reauth": {
      if (!failed) return
      const flow = flowOf(scene)
      const done = await step(
        "re-authentication again",
        flow.submit({ identifier: "", password: spec.person.password }),
      )
      expect(done.step).toBe("done")
      return
    }
    case "signOut": {
      await signIn(scene, step)
      const result = await step("sign out again", client.signOut())
      expect(result.error).toBeUndefined()
      return signIn(scene, step)
    }
    case "authenticatedCall":
    case "expiredCall":
      return
    default:
      return path satisfies never
  }
}

async function signInAfter<Credentials>(scene: Scene<Credentials>, step: Step, flow: SignInFlow) {
  const done = await step("sign-in after the fault", flow.submit(scene.spec.person))
  scene.rig.produced.push(done)
  expect(done.step).toBe("done")
}

async function secondFactorAfresh<Credentials>(scene: Scene<Credentials>, step: Step) {
  const { rig, spec } = scene
  const second = spec.secondFactor
  if (!second) return
  const flow = rig.client.signIn()
  expect((await step("discovery", flowUntil(flow, isSettledStep))).step).toBe("start")
  const asked = await step("password", flow.submit(second.person))
  expect(asked.step).toBe("secondFactor")
  await rig.clock.advance(30_000)
  const code = second.code(rig.clock.now())
  rig.ledger.add("typed", code)
  const done = await step("code", flow.submitCode(code))
  expect(done.step).toBe("done")
}

/** Everything the client produced, as text to search for secrets. */
export function haystacksOf<Credentials>(rig: Rig<Credentials>): Haystack[] {
  const haystacks: Haystack[] = []
  const add = (where: string, value: unknown) => {
    haystacks.push({ where, text: describeProduced(value) })
    haystacks.push({
      where: `${where} (credentials)`,
      text: describeCredentials(value),
      isCredentials: true,
    })
  }
  const addAll = (where: string, values: readonly unknown[]) => {
    for (const [index, value] of values.entries()) add(`${where} ${index}`, value)
  }
  const stored = (text: string): unknown => {
    try {
      return JSON.parse(text)
    } catch {
      return text
    }
  }
  addAll("client snapshot", rig.snapshots)
  addAll("result", rig.produced)
  addAll("inspect event", rig.events)
  addAll("storage write", rig.storage.written.map(stored))
  addAll("tab storage write", rig.tabStorage.written.map(stored))
  addAll("tab message", rig.broadcast.posted)
  haystacks.push({ where: "address bar", text: rig.platform.url ?? "" })
  for (const [index, url] of rig.platform.visited.entries())
    haystacks.push({ where: `page visited ${index}`, text: url })
  for (const [index, exchange] of rig.faulty.log.entries())
    haystacks.push({ where: `request address ${index}`, text: exchange.url })
  return haystacks
}
