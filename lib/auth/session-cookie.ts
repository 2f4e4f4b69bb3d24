/** The session cookie's name: shared by the server's session code and the pages' proxy. */
export const SESSION_COOKIE = 'vcc_session';
