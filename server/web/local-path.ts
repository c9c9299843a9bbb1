const base = 'http://local.invalid';

/**
 * Where to go after signing in: the path asked for when it is a path of this service, else the
 * dashboard. Refuses other origins however written (//host, /\host, absolute URLs, control
 * characters), and the sign-in page itself.
 */
export function localPath(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.length > 2000 || /[\u0000-\u001f\\]/.test(value)) return '/';
  const url = new URL(value, base);
  if (url.origin !== base || url.pathname === '/sign-in') return '/';
  return `${url.pathname}${url.search}`;
}
