/**
 * Limits shared by server and client. A whole meeting's minutes with years of history stay far
 * below the message limit; anything larger is an attack or a bug, and is refused with 1009.
 */
export const MAX_MESSAGE_BYTES = 8 * 1024 * 1024;

/** Sign-in attempts per e-mail address and client address in one window. */
export const SIGN_IN_ATTEMPTS_PER_WINDOW = 10;
export const SIGN_IN_WINDOW_MS = 15 * 60 * 1000;

/** How long a session cookie lives without being used. */
export const SESSION_IDLE_MS = 12 * 60 * 60 * 1000;
