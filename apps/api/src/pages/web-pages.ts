/** Where the web pages live. Every other path is the JSON API, which keeps its bearer tokens and problem documents. */
export const PAGES = '/app';

export function isPageUrl(url: string): boolean {
  return url === PAGES || url.startsWith(`${PAGES}/`) || url.startsWith(`${PAGES}?`);
}

/** A `next` address after signing in: only a page of this service, never another site (`//evil.example`). */
export function safeNext(next: unknown): string {
  return typeof next === 'string' && isPageUrl(next) && !next.includes('\\') && !next.includes('//') ? next : `${PAGES}/register`;
}
