export { type SftpgoAdapterOptions, sftpgoAdapter } from "./sftpgoAdapter"
export { sftpgoFailure, sftpgoVendorCodes } from "./sftpgoRefusal"
export type { SftpgoCredentials } from "./sftpgoSchemas"
