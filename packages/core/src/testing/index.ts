export { memoryStorage } from "../storage/memoryStorage"
export { type FakeCredentials, fakeAdapter } from "./fakeAdapter"
export {
  createFakeServer,
  type FakeFailure,
  type FakeSecondFactor,
  type FakeServer,
  type FakeServerOptions,
  fakePeople,
  fakeSecondFactorCode,
} from "./fakeServer"
export {
  createFaultyFetch,
  type Fault,
  type FaultRule,
  type FaultyExchange,
  type FaultyFetch,
  faultCatalog,
  faultName,
} from "./faultyFetch"
export { createManualClock, type ManualClock } from "./manualClock"
export { createMemoryBroadcast, type MemoryBroadcast } from "./memoryBroadcast"
export { createMemoryLocks } from "./memoryLocks"
export { createTestPlatform, type TestPlatform, type TestPlatformOptions } from "./testPlatform"
export { throwingStorage } from "./throwingStorage"
export { type Observable, untilSettled, untilSnapshot } from "./untilSnapshot"
