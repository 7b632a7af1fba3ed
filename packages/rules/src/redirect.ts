/**
 * Redirects are decided here, never by the HTTP client: fetch would follow one to any host and carry the key.
 *
 * @since 1.0.0
 */
import { MAX_REDIRECTS } from "./limits.js"

const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308])

/** Whether a status is a redirect with a Location to follow. @since 1.0.0 */
export const isRedirect = (status: number): boolean => REDIRECT_STATUSES.has(status)

/**
 * What to do with a redirect: follow it (same origin only), or refuse it. A refused cross-origin redirect names
 * the host it pointed at, so the user can see where the API tried to send the key.
 *
 * @since 1.0.0
 */
export type RedirectDecision =
  | { readonly _tag: "Follow"; readonly url: URL }
  | { readonly _tag: "CrossOrigin"; readonly host: string }
  | { readonly _tag: "Unusable" }
  | { readonly _tag: "Credentials" }

/**
 * Decides a redirect from `from` with the given Location header, after `followed` redirects in this attempt.
 *
 * @since 1.0.0
 */
export const decideRedirect = (from: URL, location: string | undefined, followed: number): RedirectDecision => {
  const target = location !== undefined && URL.canParse(location, from.href) ? new URL(location, from) : undefined
  if (target === undefined) return { _tag: "Unusable" }
  // A Location with user:password@ is refused, never followed, and its credentials never repeated.
  if (target.username !== "" || target.password !== "") return { _tag: "Credentials" }
  if (target.origin !== from.origin) return { _tag: "CrossOrigin", host: target.host }
  if (followed >= MAX_REDIRECTS) return { _tag: "Unusable" }
  return { _tag: "Follow", url: target }
}
