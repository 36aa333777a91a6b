/** `ex.locals` key holding the authenticated user name for the access log (Traefik's ClientUsername). */
export const CLIENT_USERNAME_LOCAL = 'clientUsername';
