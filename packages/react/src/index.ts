export { LatchkeyProvider, type LatchkeyProviderProps } from "./LatchkeyProvider"
export { englishMessages, germanMessages, type Messages } from "./messages"
export { ReauthForm, type ReauthFormProps } from "./ReauthForm"
export { SecondFactorForm, type SecondFactorFormProps } from "./SecondFactorForm"
export { SignIn, type SignInProps } from "./SignIn"
export type { CaptchaWidgetProps } from "./SignInFields"
export { SignInForm, type SignInFormProps } from "./SignInForm"
export { SsoCallback, type SsoCallbackProps } from "./SsoCallback"
export { SsoProviders, type SsoProvidersProps } from "./SsoProviders"
export type { FormPart, StyleProps } from "./styleProps"
export { type AuthFetch, useAuthFetch } from "./useAuthFetch"
export { useAuthQueryOptions } from "./useAuthQueryOptions"
export {
  type SecondFactorFormApi,
  type UseSecondFactorFormOptions,
  useSecondFactorForm,
} from "./useSecondFactorForm"
export { useSession } from "./useSession"
export { type SignInController, type UseSignInOptions, useSignIn } from "./useSignIn"
export {
  type SignInField,
  type SignInFormApi,
  type SignInFormState,
  type UseSignInFormOptions,
  useSignInForm,
} from "./useSignInForm"
export { type SignOutVariables, useSignOut } from "./useSignOut"
export { type UseSsoCallbackOptions, useSsoCallback } from "./useSsoCallback"
export { useSsoProviders } from "./useSsoProviders"
