export {
  canCreateLoginToken,
  createLoginToken,
  type LoginToken,
  signInWithLoginToken,
} from "./loginToken"
export { type MatrixAdapterOptions, matrixAdapter, matrixSsoProviderId } from "./matrixAdapter"
export { type MatrixIdentifier, matrixIdentifier } from "./matrixIdentifier"
export type { MatrixCredentials } from "./matrixSchemas"
