import { expect } from 'chai';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

describe('REST API: calibration across systems (¶3.125)', function () {
  this.timeout(120000);
  let api: TestServer;
  before(async () => {
    api = await startTestServer({ SEED_DEMO: 'true' });
  });
  after(() => api.stop());

  it('gives assessor leniency, self-assessment against moderated scores and distributions for a period', async () => {
    const response = await api.call(api.adminToken, 'GET', '/api/v1/calibration?period=2025/26');
    expect(response.status).to.equal(200);
    const calibration = response.body;
    expect(calibration.assessments).to.be.at.least(6);
    expect(calibration.distributions.map((distribution: { criterion: string }) => distribution.criterion)).to.have.length(9);
    const assessor = calibration.assessors.find((entry: { scorerName: string }) => entry.scorerName === 'Demo assessor');
    expect(assessor.count).to.be.greaterThan(0);
    expect(assessor.mean).to.be.a('number');
    const selfQmf = calibration.selfAssessment.find((entry: { system: string }) => entry.system === 'QMF');
    expect(selfQmf.direction).to.equal('lenient');
    const prevention = calibration.distributions.find((distribution: { criterion: string }) => distribution.criterion === 'prevention-shift');
    expect(prevention.positions.find((position: { system: string }) => position.system === 'QT6').score).to.equal(1);
  });

  it('exports each table as CSV, and refuses system users (they would see other systems)', async () => {
    const csv = await fetch(`${api.url}/api/v1/calibration/distribution.csv?period=2025/26`, { headers: { authorization: `Bearer ${api.adminToken}` } });
    expect(csv.status).to.equal(200);
    expect(csv.headers.get('content-type')).to.match(/^text\/csv/);
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines[0]).to.equal('"period","criterion","system","region","final score","rank","of systems","percentile"');
    expect(lines.length).to.be.greaterThan(9 * 6);
    const user = await api.tokenFor('system-user', 'QOX');
    expect((await api.call(user, 'GET', '/api/v1/calibration?period=2025/26')).status).to.equal(403);
    expect((await api.call(api.adminToken, 'GET', '/api/v1/calibration/everything.csv?period=2025/26')).status).to.equal(404);
    expect((await api.call(api.adminToken, 'GET', '/api/v1/calibration?period=2025')).status).to.equal(400);
  });

  it('shows agreement per pair of perspectives and divergences of 2 or more with the findings each side saw', async () => {
    const listed = (await api.call(api.adminToken, 'GET', '/api/v1/assessments?system=QMF')).body.items;
    const calibration = (await api.call(api.adminToken, 'GET', `/api/v1/assessments/${listed[0].id}/calibration`)).body;
    expect(calibration.agreement.map((pair: { first: string; second: string }) => `${pair.first}-${pair.second}`)).to.deep.equal(['self-peer', 'self-assessor', 'peer-assessor']);
    const selfAssessor = calibration.agreement[1];
    expect(selfAssessor.pairs).to.be.at.least(5);
    expect(selfAssessor.kappa.status).to.equal('computed');
    expect(selfAssessor.kappa.value).to.be.within(-1, 1);
    const diverging = calibration.divergences.map((divergence: { criterion: string }) => divergence.criterion);
    expect(diverging).to.include.members(['partner-engagement', 'mutual-accountability']);
    const partner = calibration.divergences.find((divergence: { criterion: string }) => divergence.criterion === 'partner-engagement');
    expect(partner.spread).to.be.at.least(2);
    expect(partner.sides.find((side: { perspective: string }) => side.perspective === 'self').findings.length).to.be.greaterThan(0);
    expect(Object.keys(calibration.moderated).length).to.be.greaterThan(0);
  });
});
