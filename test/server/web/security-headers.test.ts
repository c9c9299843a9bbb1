import { expect } from 'chai';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { WebClient } from '../../support/web-client.ts';

const pagePolicy = "default-src 'self';script-src 'self';style-src 'self';img-src 'self' data:;font-src 'self';connect-src 'self';form-action 'self';frame-ancestors 'none';base-uri 'none';object-src 'none'";

describe('Web pages: security headers and assets', function () {
  this.timeout(120_000);
  let web: TestServer;
  before(async () => {
    web = await startTestServer();
  });
  after(() => web?.stop());

  it('gives pages a strict Content-Security-Policy, no framing, and no caching', async () => {
    for (const path of ['/sign-in', '/no-such-page']) {
      const response = await fetch(`${web.url}${path}`);
      expect(response.headers.get('content-security-policy'), path).to.equal(pagePolicy);
      expect(response.headers.get('x-frame-options'), path).to.equal('DENY');
      expect(response.headers.get('cache-control'), path).to.equal('private, no-store');
      expect(response.headers.get('x-content-type-options'), path).to.equal('nosniff');
    }
  });

  it('keeps the signed-in pages strict too', async () => {
    const client = new WebClient(web.url);
    await client.signIn(web.admin);
    const page = await client.get('/admin/users');
    expect(page.headers.get('content-security-policy')).to.equal(pagePolicy);
    expect(page.html).to.not.match(/<script(?![^>]*\bsrc=)[^>]*>/, 'no inline script').and.not.match(/<style|\sstyle="/, 'no inline style');
  });

  it('keeps the API’s own policy, so its reference page (which has an inline stylesheet) still renders', async () => {
    const docs = await fetch(`${web.url}/api/v1/docs`);
    expect(docs.status).to.equal(200);
    expect(docs.headers.get('content-security-policy')).to.contain("style-src 'self' https: 'unsafe-inline'");
    expect(await docs.text()).to.contain('<style>');
    const health = await fetch(`${web.url}/api/v1/health`);
    expect(health.headers.get('content-security-policy')).to.not.equal(pagePolicy);
  });

  it('leaves the report preview its own stricter policy', async () => {
    const created = await web.call(web.adminToken, 'POST', '/api/v1/assessments', { system: 'QOX', period: '2025/26' });
    const preview = await fetch(`${web.url}/api/v1/assessments/${created.body.id}/report`, { headers: { authorization: `Bearer ${web.adminToken}` } });
    expect(preview.status).to.equal(200);
    expect(preview.headers.get('content-security-policy')).to.equal("default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'");
  });

  it('answers the API as before: JSON problems, not pages, for unknown API paths', async () => {
    const response = await fetch(`${web.url}/api/v1/nothing-here`);
    expect(response.status).to.equal(404);
    expect(response.headers.get('content-type')).to.contain('application/problem+json');
  });

  it('serves the stylesheets and scripts under a content-hash path, cached for a year, and NHS.UK’s images', async () => {
    const html = (await new WebClient(web.url).get('/sign-in')).html;
    const assets = [...html.matchAll(/(?:href|src)="(\/assets\/[0-9a-f]{12}\/[^"]+)"/g)].map((match) => match[1]!);
    expect(assets.map((path) => path.split('/').at(-1))).to.deep.equal(['nhsuk-frontend.min.css', 'app.css', 'app.js']);
    for (const path of [...assets, assets[2]!.replace('app.js', 'nhsuk-frontend.min.js')]) {
      const response = await fetch(`${web.url}${path}`);
      expect(response.status, path).to.equal(200);
      expect(response.headers.get('cache-control'), path).to.equal('public, max-age=31536000, immutable');
      expect(response.headers.get('content-type'), path).to.match(path.endsWith('.js') ? /^text\/javascript/ : /^text\/css/);
    }
    const css = await (await fetch(`${web.url}${assets[0]}`)).text();
    expect(css).to.contain('.nhsuk-header').and.not.contain('@font-face').and.not.contain('assets.nhs.uk');
    const icon = await fetch(`${web.url}/assets/images/nhsuk-icon-arrow-down.svg`);
    expect(icon.status).to.equal(200);
    expect(icon.headers.get('cache-control')).to.equal('public, max-age=604800');
    expect((await fetch(`${web.url}/assets/000000000000/app.css`)).status, 'another version').to.equal(404);
    expect((await fetch(`${web.url}${assets[0]!.replace('nhsuk-frontend.min.css', 'package.json')}`)).status, 'only the files listed').to.equal(404);
  });
});
