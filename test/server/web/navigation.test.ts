import { expect } from 'chai';
import type { Role } from '../../../assessments/access/roles.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { WebClient } from '../../support/web-client.ts';

const menuOf = (html: string) => [...html.matchAll(/<a class="nhsuk-header__navigation-link" href="([^"]+)"/g)].map((match) => match[1]);

describe('Web pages: the header’s menu links calibration across systems for those who may see it', function () {
  this.timeout(120_000);
  let web: TestServer;
  before(async () => {
    web = await startTestServer();
  });
  after(() => web?.stop());

  const callers: Array<{ role: Role; system: string | null; sees: boolean }> = [
    { role: 'admin', system: null, sees: true },
    { role: 'assessor', system: null, sees: true },
    { role: 'peer-reviewer', system: null, sees: true },
    { role: 'board-viewer', system: null, sees: true },
    { role: 'board-viewer', system: 'QOX', sees: false },
    { role: 'system-user', system: 'QOX', sees: false },
  ];

  for (const { role, system, sees } of callers) {
    it(`${sees ? 'shows' : 'does not show'} it to a ${role}${system === null ? '' : ` of ${system}`}, and the page answers as the menu says`, async () => {
      const client = new WebClient(web.url);
      expect((await client.signIn(await web.account(role, system))).status).to.equal(303);
      const dashboard = await client.get('/');
      expect(dashboard.status).to.equal(200);
      expect(menuOf(dashboard.html).includes('/calibration'), 'in the menu').to.equal(sees);
      const calibration = await client.get('/calibration?period=2025%2F26');
      expect(calibration.status).to.equal(sees ? 200 : 403);
      expect((await client.get('/calibration')).status, 'without a period, when there is nothing to compare yet').to.equal(sees ? 200 : 403);
      if (sees) expect(calibration.html, 'marked as the current item there').to.match(/<a class="nhsuk-header__navigation-link" href="\/calibration" aria-current="page">/);
    });
  }
});
