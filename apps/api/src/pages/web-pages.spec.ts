import { isPageUrl, safeNext } from './web-pages';

describe('where the pages live and where sign-in may return to', () => {
  it('tells page addresses from the JSON API', () => {
    expect(['/app', '/app/register', '/app?x=1'].every(isPageUrl)).toBe(true);
    expect(['/apple', '/recommendations/app', '/', '/docs'].some(isPageUrl)).toBe(false);
  });

  it.each([
    '//evil.example/app',
    '/app//evil.example',
    'https://evil.example/app',
    '/app\\\\evil',
    '/app/x\r\nSet-Cookie: a=b',
    '/recommendations',
    42,
    undefined,
  ])('never returns to %p', (next) => expect(safeNext(next)).toBe('/app/home'));

  it('returns to a page of the service', () => {
    expect(safeNext('/app/items/9159?asAt=2024-06-27')).toBe('/app/items/9159?asAt=2024-06-27');
  });
});
