/*
 * The web pages as a plain HTTP client sees them (fetch, no browser), for tests of what a browser
 * would hide: cookies' attributes, CSRF refusals, sessions ended on the server. It keeps cookies
 * like a browser (but sends Secure ones over http too) and follows no redirects.
 *
 *   const client = new WebClient(web.url);
 *   await client.signIn(web.admin);
 *   const page = await client.get('/admin/users');            // { status, headers, html, location }
 *   await client.post('/admin/users/new', { name: 'A' });      // sends the _csrf token of the last page read
 *   await client.post('/sign-out', {}, { csrf: null });       // or none, or a given one
 */
export interface WebResponse {
  status: number;
  headers: Headers;
  html: string;
  /** Where a redirect goes, or null. */
  location: string | null;
}

export class WebClient {
  readonly cookies = new Map<string, string>();
  /** The CSRF token of the last page read that had a form. */
  csrfToken: string | null = null;

  /** `headers` go with every request, e.g. X-Forwarded-For as a proxy would send it. */
  constructor(
    readonly baseUrl: string,
    readonly headers: Record<string, string> = {},
  ) {}

  get(path: string): Promise<WebResponse> {
    return this.request('GET', path);
  }

  /** Posts a urlencoded form with the last page's CSRF token, unless `csrf` gives another (or null for none). */
  post(path: string, form: Record<string, string>, { csrf = this.csrfToken }: { csrf?: string | null } = {}): Promise<WebResponse> {
    return this.request('POST', path, new URLSearchParams({ ...form, ...(csrf === null ? {} : { _csrf: csrf }) }).toString());
  }

  /** Signs in through the sign-in form; returns the answer to the POST. */
  async signIn(account: { email: string; password: string }): Promise<WebResponse> {
    await this.get('/sign-in');
    return this.post('/sign-in', { email: account.email, password: account.password });
  }

  private async request(method: string, path: string, body?: string): Promise<WebResponse> {
    const response = await fetch(new URL(path, this.baseUrl), {
      method,
      redirect: 'manual',
      headers: { ...this.headers, cookie: [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; '), ...(body === undefined ? {} : { 'content-type': 'application/x-www-form-urlencoded' }) },
      body,
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at);
      const value = pair.slice(at + 1);
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const html = await response.text();
    const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
    if (token !== undefined) this.csrfToken = token;
    return { status: response.status, headers: response.headers, html, location: response.headers.get('location') };
  }
}
