/** Where the web pages live. Every other path is the JSON API, which keeps its bearer tokens and problem documents. */
export const PAGES = '/app';

export function isPageUrl(url: string): boolean {
  return url === PAGES || url.startsWith(`${PAGES}/`) || url.startsWith(`${PAGES}?`);
}

/** A `next` address after signing in: only a page of this service, never another site (`//evil.example`). */
export function safeNext(next: unknown): string {
  const local =
    typeof next === 'string' && /^[\x21-\x7e]{1,2000}$/.test(next) && isPageUrl(next) && !next.includes('\\') && !next.includes('//');
  return local ? (next as string) : `${PAGES}/home`;
}
