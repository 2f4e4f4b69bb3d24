/** The page's own path and query, set by proxy.ts for server components (they are not told it). */
export const PAGE_PATH_HEADER = 'x-vcc-path';
