import { expect } from 'chai';
import { errorSummaryOf, fieldErrorOf, inputValueOf } from '../../support/page-html.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { WebClient } from '../../support/web-client.ts';

/** Posts a body as given (names in this order), with the client's cookies; answers status, text and bytes. */
async function postRaw(client: WebClient, path: string, body: string): Promise<{ status: number; html: string; location: string | null }> {
  const response = await fetch(new URL(path, client.baseUrl), {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: [...client.cookies].map(([name, value]) => `${name}=${value}`).join('; '), 'content-type': 'application/x-www-form-urlencoded' },
    body,
  });
  return { status: response.status, html: await response.text(), location: response.headers.get('location') };
}

/** `a[0]=x&…&a[n-1]=x`: the tester's form of many answers (issue 13, finding 1). */
const manyAnswers = (count: number) => Array.from({ length: count }, (_, index) => `a[${index}]=x`).join('&');

describe('Web pages: forms are read only as far as a form can hold (issue 13, finding 1)', function () {
  this.timeout(120_000);
  let web: TestServer;
  let apiToken: string;

  before(async () => {
    web = await startTestServer();
    apiToken = await web.tokenFor('board-viewer');
  });
  after(() => web?.stop());

  it('refuses an anonymous 10,000-answer POST to /sign-in as too large (413), three at once, while the API keeps answering', async () => {
    const stranger = new WebClient(web.url);
    await stranger.get('/sign-in');
    const body = `_csrf=${encodeURIComponent(stranger.csrfToken!)}&${manyAnswers(10_000)}`;
    const [first, second, third, api] = await Promise.all([postRaw(stranger, '/sign-in', body), postRaw(stranger, '/sign-in', body), postRaw(stranger, '/sign-in', body), web.call(apiToken, 'GET', '/api/v1/assessments')]);
    for (const refused of [first, second, third]) {
      expect(refused.status).to.equal(413);
      expect(refused.html).to.contain('What you sent is too large');
    }
    expect(api.status).to.equal(200);
    // The real sign-in form still fits.
    const signedIn = await stranger.post('/sign-in', { email: web.admin.email, password: web.admin.password });
    expect(signedIn.status).to.equal(303);
  });

  it('refuses a POST with no session and no CSRF cookie before reading its body: 403, not 413', async () => {
    const stranger = new WebClient(web.url);
    const refused = await postRaw(stranger, '/sign-in', `_csrf=x&${manyAnswers(10_000)}`);
    expect(refused.status).to.equal(403);
    expect(refused.html).to.contain('The form has expired');
  });

  it('sends someone not signed in who posts to a signed-in page to sign in, without reading the body: 303, not 413', async () => {
    const stranger = new WebClient(web.url);
    await stranger.get('/sign-in');
    const id = (await web.call(web.adminToken, 'POST', '/api/v1/assessments', { system: 'QOX', period: '2025/26' })).body.id as string;
    const refused = await postRaw(stranger, `/assessments/${id}/self/priorities-in-practice`, `_csrf=${encodeURIComponent(stranger.csrfToken!)}&${manyAnswers(10_000)}`);
    expect(refused.status).to.equal(303);
    expect(refused.location).to.match(/^\/sign-in\?next=/);
  });

  it('answers a signed-in evidence form of 3,333 rows with the list’s own field-level message, showing the most rows it may hold with what was typed in them', async () => {
    const id = (await web.call(web.adminToken, 'POST', '/api/v1/assessments', { system: 'QOX', period: '2024/25' })).body.id as string;
    const team = new WebClient(web.url);
    await team.signIn(await web.account('system-user', 'QOX'));
    const path = `/assessments/${id}/self/priorities-in-practice`;
    await team.get(path);
    const rows = Array.from({ length: 3_333 }, (_, index) => `indicators[ofstedRatings][value][${index}][council]=Council+${index}&indicators[ofstedRatings][value][${index}][rating]=good&indicators[ofstedRatings][value][${index}][x]=y`).join('&');
    const answer = await postRaw(team, path, `_csrf=${encodeURIComponent(team.csrfToken!)}&basedOnVersion=0&indicators[ofstedRatings][source]=Ofsted&${rows}`);
    expect(answer.status).to.equal(400);
    // The rows past the most are neither shown nor echoed: the page stays the size of a full form (it was 15 MB).
    expect(answer.html.length).to.be.below(1_000_000);
    expect(errorSummaryOf(answer.html)).to.deep.include({ href: '#indicators-ofstedRatings-value', text: 'Ofsted’s latest overall judgement of children’s social care services for each upper-tier council in the footprint: List 50 councils or fewer' });
    expect(fieldErrorOf(answer.html, 'indicators-ofstedRatings-value')).to.contain('List 50 councils or fewer');
    expect(inputValueOf(answer.html, 'indicators-ofstedRatings-value-0-council')).to.equal('Council 0');
    expect(inputValueOf(answer.html, 'indicators-ofstedRatings-value-49-council')).to.equal('Council 49');
    expect(inputValueOf(answer.html, 'indicators-ofstedRatings-value-50-council')).to.equal(null);
    expect(inputValueOf(answer.html, 'indicators-ofstedRatings-source')).to.equal('Ofsted');
    const saved = await web.call(web.adminToken, 'GET', `/api/v1/assessments/${id}/perspectives/self/criteria/priorities-in-practice`);
    expect(saved.body.evidence).to.equal(null);
  });
});
