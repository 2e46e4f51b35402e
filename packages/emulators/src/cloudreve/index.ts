export { type CaptchaStore, createCaptchaStore, type IssuedCaptcha } from "./captchaStore"
export {
  type CloudreveAccount,
  type CloudreveUserStatus,
  cloudreveAccounts,
  cloudrevePeople,
  cloudreveStatuses,
} from "./cloudreveAccounts"
export {
  type CloudreveCaptchaType,
  type CloudreveEmulator,
  type CloudreveEmulatorOptions,
  cloudreveWidgetSiteKey,
  cloudreveWidgetTestAnswer,
  createCloudreveEmulator,
} from "./cloudreveEmulator"
