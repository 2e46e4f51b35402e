import { expect } from "vitest"
import { AuthError } from "../authError"
import { refusalEnds } from "../sessionMachine"
import type { SignInFlow } from "../signInFlow"
import { type Fault, faultName } from "../testing/faultyFetch"
import {
  flowOf,
  flowUntil,
  isSettledStep,
  landingOf,
  runHelper,
  type Scene,
  type Step,
  signIn,
} from "./faultScene"
import { boundsMs, type Expected, type FaultPath, keepsChallenge, reachesServer } from "./faultSpec"

/*
 * What the fault suite checks after each path: the state a fault leaves (coherent, never signed out by a transient
 * fault), and that the same client works again once the fault is lifted.
 */

export function checkState<Credentials>(
  scene: Scene<Credentials>,
  path: FaultPath,
  expected: Expected,
) {
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
    case "vendorHelper":
      // Whatever the fault did to the call (or to the renewal before it), the session stays.
      expect(snapshot).toMatchObject({ status: "signedIn", isRefreshing: false })
      return
    default:
      return path satisfies never
  }
}

export async function recover<Credentials>(
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
    case "vendorHelper":
      return step("helper again", runHelper(scene))
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
