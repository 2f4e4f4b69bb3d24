/**
 * A full page load of one of our paths. A change of session (signed in, out, or expired) must
 * drop every store and stream of the last one and re-run the server's checks: a client-side
 * navigation would keep them.
 */
export function reloadTo(path: string): void {
  window.location.assign(path);
}
