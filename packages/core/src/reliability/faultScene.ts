import { expect } from "vitest"
import type { SignInFlow } from "../signInFlow"
import type { SignInFlowSnapshot } from "../signInFlowMachine"
import type { Rig } from "./faultRig"
import type { FaultPath, Person, VendorFaultSpec } from "./faultSpec"

/*
 * How the fault suite drives each path: getting there without faults (`prepare`), then the path itself (`act`),
 * its outcome read the same way whether the error was thrown or shown in a snapshot.
 */

/** Resolves with the flow's first snapshot that `isDone` accepts. */
export function flowUntil(
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

export const isSettledStep = (snapshot: SignInFlowSnapshot): boolean =>
  snapshot.step !== "discovering" && snapshot.step !== "completing"

/** How a path ended: its result, or the typed error it reported (thrown or in a snapshot). */
export type Outcome =
  | { readonly type: "succeeded" }
  | { readonly type: "failed"; readonly error: unknown }

export interface Scene<Credentials> {
  readonly rig: Rig<Credentials>
  readonly spec: VendorFaultSpec<Credentials>
  flow?: SignInFlow
}

export type Step = <T>(label: string, work: Promise<T>, boundMs?: number) => Promise<T>

export async function signIn<Credentials>(
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

export async function prepare<Credentials>(scene: Scene<Credentials>, path: FaultPath, step: Step) {
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
    case "vendorHelper":
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

export async function act<Credentials>(
  scene: Scene<Credentials>,
  path: FaultPath,
): Promise<Outcome> {
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
    case "vendorHelper":
      await runHelper(scene)
      return { type: "succeeded" }
    default:
      return path satisfies never
  }
}

export function landingOf<Credentials>(
  spec: VendorFaultSpec<Credentials>,
  rig: Rig<Credentials>,
  redirect: string,
): Promise<string> {
  if (!spec.ssoLanding) throw new Error("no single sign-on")
  return spec.ssoLanding(rig, redirect)
}

export function runHelper<Credentials>({ spec, rig }: Scene<Credentials>): Promise<void> {
  if (!spec.vendorHelper) throw new Error("no vendor helper")
  return spec.vendorHelper(rig)
}

export function flowOf<Credentials>(scene: Scene<Credentials>): SignInFlow {
  if (!scene.flow) throw new Error("no flow prepared")
  return scene.flow
}
