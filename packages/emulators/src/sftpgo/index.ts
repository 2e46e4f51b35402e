export {
  erin,
  type SftpgoAccount,
  sftpgoAdmin,
  sftpgoAdmins,
  sftpgoHttpDeniedUsers,
  sftpgoPeople,
  sftpgoTotpAdmin,
  zoe,
} from "./sftpgoAccounts"
export {
  type SftpgoDefender,
  type SftpgoDefenderConfig,
  sftpgoDefenderDefaults,
} from "./sftpgoDefender"
export {
  createSftpgoEmulator,
  type SftpgoEmulator,
  type SftpgoEmulatorOptions,
} from "./sftpgoEmulator"
export { type SftpgoRealm, sftpgoAudiences } from "./sftpgoTokens"
