import { expect } from 'chai';
import { startTestServer } from '../../support/test-server.ts';
import { WebClient } from '../../support/web-client.ts';
import { runCli } from '../../support/run-cli.ts';

describe('ics-maturity create-admin', function () {
  this.timeout(180_000);

  it('adds an administrator to the stored database and prints their one-time password once; they sign in with it and choose their own', async () => {
    const first = await startTestServer();
    await first.stop({ keepData: true });
    const env = { DATA_DIR: first.dataDir, SEED_DEMO: 'false' };
    const created = await runCli(['create-admin', '--email', 'Lead.Admin@example.org', '--name', 'Lead Administrator'], env);
    expect(created.code, created.stderr).to.equal(0);
    const password = /^ {2}(\S+)$/m.exec(created.stdout)?.[1];
    expect(created.stdout).to.contain('Created the administrator lead.admin@example.org');
    expect(password).to.match(/^[A-Za-z0-9]{5}(-[A-Za-z0-9]{5}){3}$/);

    const again = await runCli(['create-admin', '--email', 'lead.admin@example.org', '--name', 'Someone Else'], env);
    expect(again.code).to.equal(1);
    expect(again.stderr).to.contain('already exists');

    const web = await startTestServer({}, first.dataDir);
    try {
      const client = new WebClient(web.url);
      expect((await client.signIn({ email: 'lead.admin@example.org', password: password! })).location).to.equal('/account/password');
      await client.get('/account/password');
      expect((await client.post('/account/password', { currentPassword: password!, newPassword: 'the lead’s own password', confirmPassword: 'the lead’s own password' })).status).to.equal(303);
      expect((await client.get('/admin/users')).status, 'as an administrator').to.equal(200);
    } finally {
      await web.stop();
    }
  });

  it('refuses an invalid email (1) and missing options (2) without touching a database', async () => {
    const invalid = await runCli(['create-admin', '--email', 'not-an-email', '--name', 'X'], { DATA_DIR: '/nonexistent/never-created' });
    expect(invalid.code).to.equal(1);
    expect(invalid.stderr).to.contain('email: Give an email address, like name@example.org');
    const missing = await runCli(['create-admin', '--email', 'a@example.org']);
    expect(missing.code).to.equal(2);
    expect(missing.stderr).to.contain('create-admin needs --email <address> and --name <name>');
  });
});
