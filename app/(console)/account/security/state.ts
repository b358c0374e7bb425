/** What a "My security" server action answers its form with. */
export interface AccountActionState {
  ok?: boolean;
  error?: string;
  /** Regenerate: the new recovery codes, shown once. */
  codes?: string[];
  /** Rename: what was typed, kept in the field when it is refused. */
  name?: string;
}

/** ?notice= values the page turns into a status message after a change that redirected back. */
export const NOTICES = {
  "method-removed": "The verification method was removed.",
  "last-method-removed": "The verification method was removed. You have none left: you'll register a new one at your next login.",
  "session-ended": "Session ended. That browser is logged out on its next request.",
  "sessions-ended": "All your other sessions were ended. Those browsers are logged out on their next request.",
  "no-other-sessions": "There were no other sessions to end.",
  "authenticator-added": "Your authenticator app was added.",
  "key-added": "Your security key or passkey was added.",
  "password-changed": "Your password was changed.",
  "password-changed-sessions-ended": "Your password was changed, and your other sessions were ended.",
} as const;
export type Notice = keyof typeof NOTICES;

export const MY_SECURITY_PATH = "/account/security";

/**
 * Back to My security saying `notice` once. `at` tells two identical notices apart (ending two
 * sessions one after the other says so twice) while a re-render of the same page says nothing new.
 */
export function noticePath(notice: Notice): string {
  return `${MY_SECURITY_PATH}?notice=${notice}&at=${Date.now().toString(36)}`;
}
export const ADD_AUTHENTICATOR_PATH = `${MY_SECURITY_PATH}/add-authenticator`;
export const ADD_KEY_PATH = `${MY_SECURITY_PATH}/add-key`;
export const CHANGE_PASSWORD_PATH = `${MY_SECURITY_PATH}/change-password`;

export const REGENERATE_DIALOG = "regenerate-codes";

/**
 * Where a step-up for a confirmation returns: this page with that dialog open again, so the
 * person confirms once more with their freshly verified session (the dialog key is in ?confirm=).
 */
export function confirmPath(dialogKey: string): string {
  return `${MY_SECURITY_PATH}?confirm=${encodeURIComponent(dialogKey)}`;
}
