export {
  createMatrixEmulator,
  defaultIdentityProviders,
  type MatrixEmulator,
  type MatrixEmulatorOptions,
} from "./matrixEmulator"
export { carol, demoPhoneNumbers } from "./matrixPeople"
export type { MatrixDevice } from "./matrixSessionStore"
export type { MatrixIdentityProvider } from "./ssoPage"
