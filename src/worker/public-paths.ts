/** Paths anyone may call without a token and without counting against the rate limit. */

/** Exact paths, or prefixes written as "/docs/*". */
export const PUBLIC_PATHS = ["/health", "/docs", "/docs/*", "/openapi.json", "/"];

export function isPublicPath(path: string, publicPaths: readonly string[] = PUBLIC_PATHS): boolean {
  return publicPaths.some((p) => (p.endsWith("/*") ? path.startsWith(p.slice(0, -1)) : path === p));
}
