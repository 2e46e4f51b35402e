export {
  createPolarioEmulator,
  defaultPolarioSsoProviders,
  type PolarioEmulator,
  type PolarioEmulatorOptions,
} from "./polarioEmulator"
export type { PolarioAccountStatus } from "./polarioPeople"
export {
  polarioDisabledPerson,
  polarioLockedPerson,
  polarioPeople,
  polarioStatuses,
  polarioUnicodePerson,
} from "./polarioPeople"
export type { PolarioDeviceSession } from "./polarioSessions"
export type { PolarioSsoProvider } from "./polarioSso"
