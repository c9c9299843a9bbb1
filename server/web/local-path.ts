const base = 'http://local.invalid';

/**
 * Where to go after signing in: the path asked for when it is a path of this service, else the
 * dashboard. Refuses other origins however written (//host, /\host, absolute URLs, control
 * characters, paths such as /.//host that become //host once dot segments go), what is no URL at
 * all (//), and the sign-in page itself. What it answers is always a path on this origin.
 */
export function localPath(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.length > 2000 || /[\u0000-\u001f\\]/.test(value)) return '/';
  if (!URL.canParse(value, base)) return '/';
  const url = new URL(value, base);
  if (url.origin !== base || url.pathname.startsWith('//') || url.pathname === '/sign-in') return '/';
  return `${url.pathname}${url.search}`;
}
