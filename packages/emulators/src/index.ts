export { bearerToken } from "./bearerToken"
export { type Clock, createEmulatorClock, type EmulatorClock, systemClock } from "./clock"
export * from "./cloudreve"
export {
  createEmulator,
  type Emulator,
  type EmulatorDefinition,
  type EmulatorFallbacks,
} from "./emulator"
export * from "./filescom"
export { jsonResponse } from "./jsonResponse"
export * from "./matrix"
export {
  createMountDispatcher,
  type EmulatorMounts,
  type MountDispatcher,
  withUrl,
} from "./mounts/mountDispatcher"
export { toFetch } from "./mounts/toFetch"
export {
  type EmulatorDefaults,
  type EmulatorOptions,
  emulatorDefaults,
  type ResolvedEmulatorOptions,
  resolveEmulatorOptions,
} from "./options"
export { alice, bob, type DemoPerson, demoPeople } from "./people"
export * from "./polario"
export { createSeededRandomBytes, cryptoRandomBytes, type RandomBytes } from "./randomBytes"
export {
  createRateLimiter,
  type RateLimitConfig,
  type RateLimiter,
  type RateLimitVerdict,
} from "./rateLimiter"
export { type JsonBody, readJsonBody } from "./readJsonBody"
export {
  emulatorPorts,
  emulatorRegistry,
  type RegisteredEmulator,
  type VendorId,
} from "./registry"
export { defaultRemoteAddress, remoteAddress, remoteAddressHeader } from "./remoteAddress"
export {
  createRequestLog,
  type RequestLog,
  type RequestLogEntry,
  redactedPath,
} from "./requestLog"
export {
  createRouter,
  type RouteContext,
  type RouteHandler,
  type RouteMatch,
  type RouteParams,
  type Router,
} from "./router"
export * from "./sftpgo"
export { visitStandInIdp } from "./standInIdpVisit"
export {
  createJwtIssuer,
  decodeJwt,
  type IssuedJwt,
  type JwtClaims,
  type JwtIssuer,
  randomToken,
} from "./tokens"
export {
  createTotpVerifier,
  generateTotp,
  matchTotp,
  type TotpParameters,
  type TotpVerdict,
  type TotpVerifier,
} from "./totp"
