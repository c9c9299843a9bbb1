import { expect } from 'chai';
import express from 'express';
import type { Server } from 'node:http';
import { WebCookies } from '../../../server/web/cookies.ts';

/** Sets and reads a cookie through WebCookies on a bare express app, and returns the Set-Cookie lines and what was read. */
async function roundTrip(secure: boolean, cookieHeader: string): Promise<{ set: string[]; read: unknown }> {
  const app = express();
  const cookies = new WebCookies(secure);
  app.get('/', (request, response) => {
    cookies.set(response, 'session', 'value-1');
    response.json({ read: cookies.read(request, 'session') });
  });
  const server = await new Promise<Server>((resolve) => {
    const started = app.listen(0, '127.0.0.1', () => resolve(started));
  });
  try {
    const address = server.address() as { port: number };
    const response = await fetch(`http://127.0.0.1:${address.port}/`, { headers: { cookie: cookieHeader } });
    return { set: response.headers.getSetCookie(), read: ((await response.json()) as { read: unknown }).read };
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

describe('WebCookies', () => {
  it('uses the __Host- prefix with Secure, HttpOnly, SameSite=Lax and Path=/ by default', async () => {
    const { set, read } = await roundTrip(true, 'other=1; __Host-ics-session=abc%2Ddef; ics-session=plain');
    expect(set).to.deep.equal(['__Host-ics-session=value-1; Path=/; HttpOnly; Secure; SameSite=Lax']);
    expect(read).to.equal('abc-def');
  });

  it('drops Secure and the prefix (which needs Secure) when COOKIE_SECURE=false, for plain http other than localhost', async () => {
    const { set, read } = await roundTrip(false, '__Host-ics-session=prefixed; ics-session=plain');
    expect(set).to.deep.equal(['ics-session=value-1; Path=/; HttpOnly; SameSite=Lax']);
    expect(read).to.equal('plain');
  });

  it('reads nothing from a cookie it cannot decode', async () => {
    expect((await roundTrip(true, '__Host-ics-session=%E0%A4%A')).read).to.equal(null);
  });
});
