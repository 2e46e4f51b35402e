import { expect } from "vitest"
import { isAuthError } from "../authError"
import { type Fault, faultName } from "../testing/faultyFetch"
import { checkState, recover } from "./faultRecovery"
import type { Rig } from "./faultRig"
import { act, flowUntil, isSettledStep, type Outcome, prepare, type Scene } from "./faultScene"
import {
  boundsMs,
  type Expected,
  type FaultPath,
  sharedExpectation,
  type VendorFaultSpec,
} from "./faultSpec"
import { describeCredentials, describeProduced, findLeaks, type Haystack } from "./secretLedger"
import { takeUnhandledRejections } from "./unhandledRejections"

export {
  type Expected,
  type FaultPath,
  type Person,
  pathsOf,
  type VendorFaultSpec,
} from "./faultSpec"

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
