export {
  type DeriveScramKeysOptions,
  deriveScramKeys,
  type ScramHash,
  type ScramKeys,
} from "./deriveScramKeys"
export { saslprepPassword } from "./saslprepPassword"
export {
  createScramClient,
  type ScramClient,
  type ScramClientOptions,
  type ScramCrypto,
} from "./scramClient"
