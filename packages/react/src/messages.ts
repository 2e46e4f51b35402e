import type { AuthErrorCode, IdentifierKind, SecondFactorKind } from "@latchkey/core"

/**
 * Every text the forms show, as one typed catalogue: a locale is complete or it does not compile.
 * Functions take the values a sentence needs (seconds, names), so word order stays the translator's.
 */
export interface Messages {
  readonly signInHeading: string
  readonly reauthHeading: string
  readonly secondFactorHeading: string
  /** Under the second step's heading: the account it is for, as typed (an e-mail, a user name). */
  readonly signingInAs: (identifier: string) => string
  readonly ssoCallbackHeading: string
  readonly discovering: string
  readonly unavailable: string
  readonly tryAgain: string
  readonly identifierLabel: Readonly<Record<IdentifierKind, string>>
  readonly identifierHint: Readonly<Record<IdentifierKind, string>>
  readonly serverLabel: string
  readonly serverHint: string
  readonly passwordLabel: string
  readonly showPassword: string
  readonly hidePassword: string
  readonly passwordShown: string
  readonly passwordHidden: string
  readonly inlineCodeLabel: string
  readonly inlineCodeHint: string
  /** A refusal that cannot tell a wrong password from a missing code (sent without a code). */
  readonly passwordWrongOrCodeNeeded: string
  /** The same refusal of a password sent with a code. */
  readonly passwordOrCodeWrong: string
  /** `invalid_credentials` where only the password was asked for (re-authentication). */
  readonly passwordWrong: string
  readonly captchaLabel: string
  readonly captchaImageAlt: string
  readonly newCaptcha: string
  readonly submit: string
  readonly submitting: string
  /** The submit button while this device derives a key from the password (SCRAM), before the server decides. */
  readonly checkingPassword: string
  /** The re-authentication's intro; `hasCode` when the form takes a one-time code with the password. */
  readonly reauthAs: (name: string, hasCode?: boolean) => string
  readonly notYou: string
  readonly ssoDivider: string
  readonly ssoHeading: string
  readonly ssoContinueWith: (provider: string) => string
  readonly ssoSingle: string
  readonly redirecting: string
  readonly completingSso: string
  readonly signedIn: string
  readonly methodLegend: string
  readonly methodName: Readonly<Record<SecondFactorKind, string>>
  readonly codeLabel: Readonly<Record<SecondFactorKind, string>>
  readonly codeHint: Readonly<Record<SecondFactorKind, string>>
  readonly verify: string
  readonly verifying: string
  readonly resend: string
  readonly resendIn: (seconds: number) => string
  readonly codeSent: string
  readonly expiresIn: (time: string) => string
  readonly challengeExpired: string
  readonly useAnotherAccount: string
  readonly retryIn: (seconds: number) => string
  readonly rateLimitOver: string
  readonly required: Readonly<Record<"server" | "password" | "code" | "captcha", string>>
  readonly requiredIdentifier: Readonly<Record<IdentifierKind, string>>
  readonly invalidEmail: string
  readonly invalidCode: Readonly<Record<SecondFactorKind, string>>
  readonly errors: Readonly<Record<AuthErrorCode, string>>
  /**
   * `second_factor_unsupported` naming the method the server calls it by (`u2f`, `webauthn`): what it is, and what
   * the person can do instead.
   */
  readonly secondFactorUnsupported: (method: string) => string
  /** `access_denied` with the server's own reason (a filter or hook's words, in the server's language). */
  readonly accessDeniedBecause: (reason: string) => string
}

/** Second-factor methods that are a security key, as servers name them. */
const securityKey = /^(u2f|webauthn)$/i

/** The English texts (the default). */
export const englishMessages: Messages = {
  signInHeading: "Sign in",
  reauthHeading: "Confirm it’s you",
  secondFactorHeading: "Two-step verification",
  signingInAs: (identifier) => `Signing in as ${identifier}`,
  ssoCallbackHeading: "Single sign-on",
  discovering: "Checking how you can sign in…",
  unavailable: "Sign-in is unavailable right now.",
  tryAgain: "Try again",
  identifierLabel: { email: "E-mail address", username: "User name", matrixId: "Matrix ID" },
  identifierHint: {
    email: "",
    username: "",
    matrixId: "Like @alice:example.org, or alice on this server.",
  },
  serverLabel: "Server",
  serverHint: "Like example.org.",
  passwordLabel: "Password",
  showPassword: "Show password",
  hidePassword: "Hide password",
  passwordShown: "Password shown.",
  passwordHidden: "Password hidden.",
  inlineCodeLabel: "One-time code",
  inlineCodeHint: "Only if your account uses two-step verification.",
  passwordWrongOrCodeNeeded: "The password is wrong, or a one-time code is needed.",
  passwordOrCodeWrong: "The password or one-time code is wrong.",
  passwordWrong: "The password is wrong.",
  captchaLabel: "Characters in the image",
  captchaImageAlt: "Captcha: characters to type",
  newCaptcha: "New image",
  submit: "Sign in",
  submitting: "Signing in…",
  checkingPassword: "Checking your password…",
  reauthAs: (name, hasCode) =>
    `Signed in as ${name}. Enter your password${hasCode ? " and a new one-time code if you use one" : ""} to continue.`,
  notYou: "Not you? Sign out",
  ssoDivider: "or",
  ssoHeading: "Single sign-on",
  ssoContinueWith: (provider) => `Continue with ${provider}`,
  ssoSingle: "Continue with single sign-on",
  redirecting: "Taking you to your identity provider…",
  completingSso: "Finishing single sign-on…",
  signedIn: "You are signed in.",
  methodLegend: "Verification method",
  methodName: {
    totp: "Authenticator app",
    sms: "Text message",
    email: "E-mail",
    yubikey: "Security key (YubiKey)",
  },
  codeLabel: {
    totp: "Code from your authenticator app",
    sms: "Code from the text message",
    email: "Code from the e-mail",
    yubikey: "Touch your YubiKey",
  },
  codeHint: {
    totp: "6 digits",
    sms: "6 digits",
    email: "6 digits",
    yubikey: "The key types the code for you.",
  },
  verify: "Verify",
  verifying: "Verifying…",
  resend: "Send a new code",
  resendIn: (seconds) => `Send a new code (in ${seconds} s)`,
  codeSent: "A new code was sent.",
  expiresIn: (time) => `This step expires in ${time}.`,
  challengeExpired: "This step has expired. Sign in again.",
  useAnotherAccount: "Use another account",
  retryIn: (seconds) => `Too many attempts. Try again in ${seconds} s.`,
  rateLimitOver: "You can try again now.",
  required: {
    server: "Enter your server.",
    password: "Enter your password.",
    code: "Enter the code.",
    captcha: "Type the characters in the image.",
  },
  requiredIdentifier: {
    email: "Enter your e-mail address.",
    username: "Enter your user name.",
    matrixId: "Enter your Matrix ID.",
  },
  invalidEmail: "Enter an e-mail address like name@example.org.",
  invalidCode: {
    totp: "The code has 6 digits.",
    sms: "The code has 6 digits.",
    email: "The code has 6 digits.",
    yubikey: "That does not look like a YubiKey code.",
  },
  errors: {
    invalid_credentials: "The account or password is wrong.",
    invalid_second_factor: "The code is wrong.",
    second_factor_expired: "This step has expired. Sign in again.",
    second_factor_setup_required: "Set up two-step verification on the website first.",
    second_factor_setup_expired: "Setting up two-step verification timed out. Ask an admin.",
    second_factor_unsupported: "This sign-in cannot use this account’s second step.",
    captcha_required: "Answer the captcha.",
    captcha_invalid: "The answer is wrong. Here is a new image.",
    account_locked: "This account is locked. Try again later or ask an admin.",
    account_disabled: "This account is turned off. Ask an admin.",
    account_suspended: "This account is suspended.",
    address_blocked:
      "Your network address is blocked after too many failed attempts. Try again later.",
    access_denied: "The server does not allow this account to sign in here.",
    password_change_required: "Change your password on the website first.",
    rate_limited: "Too many attempts. Try again in a moment.",
    session_expired: "Your session expired. Sign in again.",
    session_revoked: "Your session ended. Sign in again.",
    not_signed_in: "You are not signed in.",
    network: "The server could not be reached. Check your connection.",
    timeout: "The server took too long to answer. Try again.",
    invalid_response: "The server’s answer could not be read. Try again later.",
    invalid_input: "Some fields are invalid.",
    unknown_server: "No server answers at this address. Check the name.",
    server: "The server could not complete the request. Try again later.",
    sso_state_mismatch: "This sign-in link was not started here, or was already used. Try again.",
    scram_server_signature_mismatch: "The server could not prove it is the real one. Ask an admin.",
    scram_iteration_count_too_low: "The server’s password protection is too weak. Ask an admin.",
    unsupported: "The server does not support this way of signing in.",
    invalid_step: "That is not possible right now.",
    aborted: "The request was cancelled.",
  },
  secondFactorUnsupported: (method) =>
    `This account uses ${securityKey.test(method) ? "a security key" : "a method"} (${method}), which this sign-in cannot use. Add another method on the website.`,
  accessDeniedBecause: (reason) =>
    `The server does not allow this account to sign in here: “${reason}”.`,
}

/** The German texts. */
export const germanMessages: Messages = {
  signInHeading: "Anmelden",
  reauthHeading: "Bestätigen Sie, dass Sie es sind",
  secondFactorHeading: "Bestätigung in zwei Schritten",
  signingInAs: (identifier) => `Anmeldung als ${identifier}`,
  ssoCallbackHeading: "Einmalanmeldung",
  discovering: "Anmeldemöglichkeiten werden geprüft …",
  unavailable: "Die Anmeldung ist gerade nicht möglich.",
  tryAgain: "Erneut versuchen",
  identifierLabel: { email: "E-Mail-Adresse", username: "Benutzername", matrixId: "Matrix-ID" },
  identifierHint: {
    email: "",
    username: "",
    matrixId: "Etwa @alice:example.org oder alice auf diesem Server.",
  },
  serverLabel: "Server",
  serverHint: "Etwa example.org.",
  passwordLabel: "Passwort",
  showPassword: "Passwort anzeigen",
  hidePassword: "Passwort verbergen",
  passwordShown: "Passwort wird angezeigt.",
  passwordHidden: "Passwort ist verborgen.",
  inlineCodeLabel: "Einmalcode",
  inlineCodeHint: "Nur wenn Ihr Konto die Bestätigung in zwei Schritten nutzt.",
  passwordWrongOrCodeNeeded: "Das Passwort ist falsch, oder ein Einmalcode fehlt.",
  passwordOrCodeWrong: "Das Passwort oder der Einmalcode ist falsch.",
  passwordWrong: "Das Passwort ist falsch.",
  captchaLabel: "Zeichen im Bild",
  captchaImageAlt: "Captcha: abzutippende Zeichen",
  newCaptcha: "Neues Bild",
  submit: "Anmelden",
  submitting: "Anmeldung läuft …",
  checkingPassword: "Passwort wird geprüft …",
  reauthAs: (name, hasCode) =>
    `Angemeldet als ${name}. Geben Sie Ihr Passwort${hasCode ? " und einen neuen Einmalcode, falls Sie einen nutzen," : ""} ein, um fortzufahren.`,
  notYou: "Nicht Sie? Abmelden",
  ssoDivider: "oder",
  ssoHeading: "Einmalanmeldung",
  ssoContinueWith: (provider) => `Weiter mit ${provider}`,
  ssoSingle: "Weiter mit Einmalanmeldung",
  redirecting: "Weiterleitung zu Ihrem Identitätsanbieter …",
  completingSso: "Einmalanmeldung wird abgeschlossen …",
  signedIn: "Sie sind angemeldet.",
  methodLegend: "Bestätigungsverfahren",
  methodName: {
    totp: "Authenticator-App",
    sms: "SMS",
    email: "E-Mail",
    yubikey: "Sicherheitsschlüssel (YubiKey)",
  },
  codeLabel: {
    totp: "Code aus Ihrer Authenticator-App",
    sms: "Code aus der SMS",
    email: "Code aus der E-Mail",
    yubikey: "Berühren Sie Ihren YubiKey",
  },
  codeHint: {
    totp: "6 Ziffern",
    sms: "6 Ziffern",
    email: "6 Ziffern",
    yubikey: "Der Schlüssel tippt den Code für Sie.",
  },
  verify: "Bestätigen",
  verifying: "Wird geprüft …",
  resend: "Neuen Code senden",
  resendIn: (seconds) => `Neuen Code senden (in ${seconds} s)`,
  codeSent: "Ein neuer Code wurde gesendet.",
  expiresIn: (time) => `Dieser Schritt läuft in ${time} ab.`,
  challengeExpired: "Dieser Schritt ist abgelaufen. Melden Sie sich erneut an.",
  useAnotherAccount: "Anderes Konto verwenden",
  retryIn: (seconds) => `Zu viele Versuche. Erneut versuchen in ${seconds} s.`,
  rateLimitOver: "Sie können es jetzt erneut versuchen.",
  required: {
    server: "Geben Sie Ihren Server ein.",
    password: "Geben Sie Ihr Passwort ein.",
    code: "Geben Sie den Code ein.",
    captcha: "Geben Sie die Zeichen im Bild ein.",
  },
  requiredIdentifier: {
    email: "Geben Sie Ihre E-Mail-Adresse ein.",
    username: "Geben Sie Ihren Benutzernamen ein.",
    matrixId: "Geben Sie Ihre Matrix-ID ein.",
  },
  invalidEmail: "Geben Sie eine E-Mail-Adresse wie name@example.org ein.",
  invalidCode: {
    totp: "Der Code hat 6 Ziffern.",
    sms: "Der Code hat 6 Ziffern.",
    email: "Der Code hat 6 Ziffern.",
    yubikey: "Das sieht nicht wie ein YubiKey-Code aus.",
  },
  errors: {
    invalid_credentials: "Das Konto oder das Passwort ist falsch.",
    invalid_second_factor: "Der Code ist falsch.",
    second_factor_expired: "Dieser Schritt ist abgelaufen. Melden Sie sich erneut an.",
    second_factor_setup_required:
      "Richten Sie zuerst auf der Website die Bestätigung in zwei Schritten ein.",
    second_factor_setup_expired:
      "Die Frist zum Einrichten der Bestätigung in zwei Schritten ist abgelaufen. Fragen Sie Ihren Admin.",
    second_factor_unsupported: "Der zweite Schritt dieses Kontos ist hier nicht nutzbar.",
    captcha_required: "Beantworten Sie das Captcha.",
    captcha_invalid: "Die Antwort ist falsch. Hier ist ein neues Bild.",
    account_locked:
      "Dieses Konto ist gesperrt. Versuchen Sie es später erneut oder fragen Sie Ihren Admin.",
    account_disabled: "Dieses Konto ist abgeschaltet. Fragen Sie Ihren Admin.",
    account_suspended: "Dieses Konto ist vorübergehend gesperrt.",
    address_blocked:
      "Ihre Netzwerkadresse ist nach zu vielen Fehlversuchen gesperrt. Versuchen Sie es später erneut.",
    access_denied: "Der Server erlaubt diesem Konto hier keine Anmeldung.",
    password_change_required: "Ändern Sie zuerst auf der Website Ihr Passwort.",
    rate_limited: "Zu viele Versuche. Versuchen Sie es gleich erneut.",
    session_expired: "Ihre Sitzung ist abgelaufen. Melden Sie sich erneut an.",
    session_revoked: "Ihre Sitzung wurde beendet. Melden Sie sich erneut an.",
    not_signed_in: "Sie sind nicht angemeldet.",
    network: "Der Server ist nicht erreichbar. Prüfen Sie Ihre Verbindung.",
    timeout: "Der Server hat zu lange gebraucht. Versuchen Sie es erneut.",
    invalid_response: "Die Antwort des Servers ist nicht lesbar. Versuchen Sie es später erneut.",
    invalid_input: "Einige Felder sind ungültig.",
    unknown_server: "Unter dieser Adresse antwortet kein Server. Prüfen Sie den Namen.",
    server: "Der Server konnte die Anfrage nicht ausführen. Versuchen Sie es später erneut.",
    sso_state_mismatch:
      "Dieser Anmeldelink wurde nicht hier gestartet oder schon benutzt. Versuchen Sie es erneut.",
    scram_server_signature_mismatch:
      "Der Server konnte nicht nachweisen, dass er der echte ist. Fragen Sie Ihren Admin.",
    scram_iteration_count_too_low:
      "Der Passwortschutz des Servers ist zu schwach. Fragen Sie Ihren Admin.",
    unsupported: "Der Server unterstützt diese Art der Anmeldung nicht.",
    invalid_step: "Das ist gerade nicht möglich.",
    aborted: "Die Anfrage wurde abgebrochen.",
  },
  secondFactorUnsupported: (method) =>
    `Dieses Konto nutzt ${securityKey.test(method) ? "einen Sicherheitsschlüssel" : "ein Verfahren"} (${method}), das diese Anmeldung nicht verwenden kann. Fügen Sie auf der Website ein weiteres hinzu.`,
  accessDeniedBecause: (reason) =>
    `Der Server erlaubt diesem Konto hier keine Anmeldung. Er meldet: „${reason}“.`,
}
