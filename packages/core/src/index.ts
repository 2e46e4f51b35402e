export type {
  AdapterCapabilities,
  AdapterContext,
  AuthAdapter,
  Captcha,
  IdentifierKind,
  ResponseVerdict,
  SecondFactorChallenge,
  SecondFactorContinuation,
  SecondFactorKind,
  SecondFactorMethod,
  SignInInput,
  SignInOptions,
  SignInStep,
  SignOutOutcome,
  SsoProvider,
} from "./adapter"
export {
  type AuthClient,
  type AuthClientOptions,
  createAuthClient,
  type SignOutResult,
} from "./authClient"
export type { AuthClientDevtools } from "./authClientDevtools"
export { AuthError, type AuthErrorCode, type AuthField, isAuthError } from "./authError"
export type { AuthSnapshot, AuthStatus } from "./authSnapshot"
export type { RetryPolicy } from "./backoff"
export type { AuthEvent, SessionSummary } from "./inspect"
export { browserPlatform, webStorage } from "./platform/browserPlatform"
export type {
  AuthStorage,
  Broadcast,
  BroadcastPort,
  Clock,
  LockGrant,
  Locks,
  Platform,
  TimerHandle,
} from "./platform/platform"
export { nextRenewal, type Renewal } from "./renewal"
export type { Session, SessionUser } from "./session"
export type { SignInFlow } from "./signInFlow"
export type { SignInFlowSnapshot, SignInFlowStep } from "./signInFlowMachine"
export { ssoStateParameter } from "./ssoState"
export { memoryStorage } from "./storage/memoryStorage"
