import { expect } from 'chai';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

describe('demo data seeded on first start', function () {
  this.timeout(120000);
  let api: TestServer;
  let assessments: Array<{ id: string; system: string; period: string; status: string; demo: boolean }>;
  const assessorRating = async (system: string) => {
    const found = assessments.find((assessment) => assessment.system === system && assessment.period === '2025/26')!;
    return (await api.call(api.adminToken, 'GET', `/api/v1/assessments/${found.id}/perspectives/assessor/score`)).body;
  };

  before(async () => {
    api = await startTestServer({ SEED_DEMO: 'true' });
    assessments = (await api.call(api.adminToken, 'GET', '/api/v1/assessments?pageSize=100')).body.items;
  });
  after(() => api.stop());

  it('seeds the systems of both maps and at least six labelled demo assessments in every status', async () => {
    expect((await api.call(api.adminToken, 'GET', '/api/v1/systems?period=2025/26')).body).to.have.length(42);
    expect((await api.call(api.adminToken, 'GET', '/api/v1/systems?period=2026/27')).body).to.have.length(36);
    expect(assessments.length).to.be.at.least(6);
    expect(assessments.every((assessment) => assessment.demo)).to.equal(true);
    expect(new Set(assessments.map((assessment) => assessment.status))).to.have.all.keys('draft', 'submitted', 'in-review', 'moderated', 'published');
  });

  it('includes one capped by the finance gate, one Outstanding, one provisional and one with a criterion at 1', async () => {
    const gated = await assessorRating('QWO');
    expect(gated.rating.band.id).to.equal('outstanding');
    expect(gated.rating.final.id).to.equal('good');
    expect(gated.rating.limiters.map((limiter: { limiter: string }) => limiter.limiter)).to.deep.equal(['limiter/finances-not-well-managed']);
    expect((await assessorRating('QXU')).rating.final.id).to.equal('outstanding');
    expect((await assessorRating('QJG')).rating.provisional).to.equal(true);
    const atOne = await assessorRating('QT6');
    expect(atOne.rating.limiters.map((limiter: { limiter: string }) => limiter.limiter)).to.include('limiter/one-criterion-at-1');
  });

  it('includes one where perspectives diverge by 2 or more', async () => {
    const found = assessments.find((assessment) => assessment.system === 'QMF')!;
    const scores = async (perspective: string) => {
      const result = (await api.call(api.adminToken, 'GET', `/api/v1/assessments/${found.id}/perspectives/${perspective}/score`)).body;
      return new Map<string, number | null>(result.criteria.map((criterion: { criterion: string; judgement: { outcome: { score?: number } | null } }) => [criterion.criterion, criterion.judgement.outcome?.score ?? null]));
    };
    const [self, assessor] = await Promise.all([scores('self'), scores('assessor')]);
    const diverging = [...self].filter(([criterion, score]) => score !== null && assessor.get(criterion) != null && Math.abs(score - (assessor.get(criterion) as number)) >= 2);
    expect(diverging.length).to.be.at.least(1);
  });

  it('has two periods: a merged ICB whose trend shows its predecessors’ series, and a continuing ICB that improves', async () => {
    expect(new Set(assessments.map((assessment) => assessment.period))).to.have.all.keys('2025/26', '2026/27');
    const merged = (await api.call(api.adminToken, 'GET', '/api/v1/systems/S9B9J/trend')).body;
    const heartlands = merged.series.find((series: { system: string }) => series.system === 'QXU');
    expect(heartlands).to.include({ role: 'predecessor', name: 'NHS Surrey Heartlands Integrated Care Board' });
    expect(heartlands.points.map((point: { period: string; rating: { id: string } }) => [point.period, point.rating.id])).to.deep.equal([['2025/26', 'outstanding']]);
    expect(merged.series.at(-1).points.map((point: { period: string; rating: { id: string } }) => [point.period, point.rating.id])).to.deep.equal([['2026/27', 'good']]);
    const cornwall = (await api.call(api.adminToken, 'GET', '/api/v1/systems/QT6/trend')).body;
    expect(cornwall.series).to.have.length(1);
    expect(cornwall.series[0].points.map((point: { period: string; rating: { id: string } }) => [point.period, point.rating.id])).to.deep.equal([
      ['2025/26', 'requires-improvement'],
      ['2026/27', 'good'],
    ]);
  });
});
