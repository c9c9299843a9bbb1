import { expect } from 'chai';
import fc from 'fast-check';
import { localPath } from '../../../server/web/local-path.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { WebClient } from '../../support/web-client.ts';

/** The pieces odd `next` values are made of: separators, dot segments, encodings of both, hosts, schemes, controls. */
const oddPiece = fc.constantFrom('/', '//', '\\', '.', '..', './', '../', '%2f', '%2F', '%5c', '%2e', '%2e%2e', '%00', '@', ':', '?', '#', '&', 'evil.example', 'http:', 'https:', 'javascript:', '\t', '\n', ' ', 'x', 'sign-in', '\u3002', '\uff0f');
const oddNext = fc.oneof(
  fc.array(oddPiece, { maxLength: 12 }).map((pieces) => pieces.join('')),
  fc.array(oddPiece, { maxLength: 12 }).map((pieces) => `/${pieces.join('')}`),
  fc.string({ maxLength: 40 }),
  fc.webUrl(),
);

/** Whether a browser on `origin` following a redirect to `location` stays on it. */
function staysOn(origin: string, location: string): boolean {
  return new URL(location, `${origin}/sign-in`).origin === origin;
}

describe('localPath: where to go after signing in', () => {
  it('always answers a path on this origin that the page responder accepts, for any odd value', () => {
    fc.assert(
      fc.property(oddNext, (next) => {
        const path = localPath(next);
        expect(path.startsWith('/'), path).to.equal(true);
        expect(path.startsWith('//') || path.startsWith('/\\'), path).to.equal(false);
        expect(staysOn('https://ics.example', path), path).to.equal(true);
        expect(staysOn('http://127.0.0.1:3000', path), path).to.equal(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('is idempotent: a path it answers is answered unchanged', () => {
    fc.assert(
      fc.property(oddNext, (next) => {
        expect(localPath(localPath(next))).to.equal(localPath(next));
      }),
      { numRuns: 1000 },
    );
  });

  it('keeps an ordinary path of the service with its query, exactly', () => {
    const segment = fc.stringMatching(/^[a-z0-9-]{1,12}$/);
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 5 }), fc.option(fc.stringMatching(/^[a-z]{1,5}=[a-z0-9]{0,5}$/)), (segments, query) => {
        fc.pre(segments.join('/') !== 'sign-in');
        const path = `/${segments.join('/')}${query === null ? '' : `?${query}`}`;
        expect(localPath(path)).to.equal(path);
      }),
    );
  });

  it('sends paths that become //host once dot segments go to the dashboard', () => {
    for (const next of ['/.//x', '/./\u002f/evil.example', '/x/..//evil.example', '/%2e//evil.example', '/a/../..//evil.example/p?q=1', '//', '///']) expect(localPath(next), next).to.equal('/');
  });
});

describe('Web pages: signed in, an odd `next` on the sign-in page', function () {
  this.timeout(120_000);
  let web: TestServer;
  let client: WebClient;
  before(async () => {
    web = await startTestServer();
    client = new WebClient(web.url);
    expect((await client.signIn(web.admin)).status).to.equal(303);
  });
  after(() => web?.stop());

  it('redirects to the dashboard rather than failing (it answered 500 for /.//x)', async () => {
    for (const next of ['/.//x', '/x/..//evil.example', '/%2e//evil.example', '//']) {
      const answer = await client.get(`/sign-in?next=${encodeURIComponent(next)}`);
      expect(answer.status, next).to.equal(303);
      expect(answer.location, next).to.equal('/');
    }
  });

  it('redirects on this origin for any odd value', async () => {
    await fc.assert(
      fc.asyncProperty(oddNext, async (next) => {
        const answer = await client.get(`/sign-in?next=${encodeURIComponent(next)}`);
        expect(answer.status, next).to.equal(303);
        expect(staysOn(web.url, answer.location ?? ''), `${next} → ${answer.location}`).to.equal(true);
      }),
      { numRuns: 60 },
    );
  });
});
