import { expect } from 'chai';
import { ValidationError } from '../../../assessments/errors.ts';
import { parsePerspectiveEvidence } from '../../../assessments/evidence/perspective-evidence.ts';
import { evidenceJsonSchema } from '../../../assessments/evidence/json-schema.ts';
import { criterionEvidence } from '../../../assessments/evidence/registry.ts';
import { parseScoringInput } from '../../../assessments/scoring/scoring-input.ts';
import { evidenceDocument, hoscEvidenceScoring4, item } from '../../support/evidence.ts';

function issuesFor(input: unknown): Array<{ path: string; message: string }> {
  try {
    parseScoringInput(input);
  } catch (error) {
    if (error instanceof ValidationError) return [...error.issues];
    throw error;
  }
  throw new Error('expected the evidence to be refused');
}

describe('validating evidence', () => {
  it('accepts valid evidence and keeps every value as given', () => {
    const hosc = hoscEvidenceScoring4();
    const evidence = parsePerspectiveEvidence(evidenceDocument({ 'hosc-effectiveness': hosc }));
    expect(evidence.criteria['hosc-effectiveness']).to.deep.equal(hosc);
  });

  it('lists every offending field path with a plain-English reason', () => {
    const hosc = hoscEvidenceScoring4();
    const indicators: Record<string, unknown> = {
      ...hosc.indicators,
      systemSessions: item('4'),
      councilsCovered: item(5),
      recommendationsMade: { value: 10, source: '', asAt: '2025-02-30' },
    };
    const issues = issuesFor({ ...evidenceDocument({ 'hosc-effectiveness': { indicators } }), period: '2025/27', perspective: 'board' });
    expect(issues).to.deep.include.members([
      { path: 'period', message: 'The two years of a period must follow each other, for example 2025/26' },
      { path: 'perspective', message: 'Choose self, peer or assessor' },
      { path: 'criteria.hosc-effectiveness.indicators.systemSessions.value', message: 'Enter a number' },
      { path: 'criteria.hosc-effectiveness.indicators.recommendationsMade.source', message: 'Say where this evidence comes from, for example "ICB board papers, 12 March 2025"' },
      { path: 'criteria.hosc-effectiveness.indicators.recommendationsMade.asAt', message: 'Enter a real date, for example 2025-03-31' },
    ]);
  });

  it('checks fields against each other (covered councils cannot exceed the footprint)', () => {
    const hosc = hoscEvidenceScoring4();
    const issues = issuesFor(evidenceDocument({ 'hosc-effectiveness': { indicators: { ...hosc.indicators, councilsCovered: item(5) } } }));
    expect(issues).to.deep.equal([{ path: 'criteria.hosc-effectiveness.indicators.councilsCovered.value', message: 'Councils covered cannot be more than the 3 councils in the footprint' }]);
  });

  it('refuses unknown fields and criteria instead of dropping them', () => {
    const hosc = hoscEvidenceScoring4();
    const issues = issuesFor(evidenceDocument({ 'hosc-effectiveness': { ...hosc, indicators: { ...hosc.indicators, sessionz: item(3) } }, workforce: {} }));
    expect(issues.map((issue) => issue.path)).to.have.members(['criteria', 'criteria.hosc-effectiveness.indicators']);
    expect(issues.map((issue) => issue.message).join(' ')).to.contain('sessionz').and.contain('workforce');
  });

  it('never coerces: a number written as text, a yes written as "true", a fraction of a whole count', () => {
    const hosc = hoscEvidenceScoring4();
    const issues = issuesFor(evidenceDocument({ 'hosc-effectiveness': { indicators: { ...hosc.indicators, systemSessions: item(2.5), strategyOrPlanScrutinised: item('true') } } }));
    expect(issues).to.deep.equal([
      { path: 'criteria.hosc-effectiveness.indicators.systemSessions.value', message: 'Enter a whole number' },
      { path: 'criteria.hosc-effectiveness.indicators.strategyOrPlanScrutinised.value', message: 'Choose yes or no' },
    ]);
  });

  it('reports judgement errors with the evidence errors, and requires a rationale to override', () => {
    const issues = issuesFor({ ...evidenceDocument({}, 'peer'), system: 'nope', judgements: { 'hosc-effectiveness': { decision: 'override', score: 3 } } });
    expect(issues).to.deep.equal([
      { path: 'system', message: 'Enter the ICB’s ODS code, for example QOX' },
      { path: 'judgements.hosc-effectiveness.rationale', message: 'Give the reason for your judgement' },
    ]);
  });

  it('exports every criterion schema as JSON Schema with its descriptions', () => {
    for (const id of Object.keys(criterionEvidence)) {
      const schema = evidenceJsonSchema(id) as { type: string; properties: { indicators: { properties: Record<string, { description?: string; required?: string[] }> } } };
      expect(schema.type, id).to.equal('object');
      const indicators = Object.values(schema.properties.indicators.properties);
      expect(indicators.length, id).to.be.greaterThan(2);
      for (const indicator of indicators) {
        expect(indicator.description, id).to.be.a('string');
        expect(indicator.required, id).to.deep.equal(['value', 'source', 'asAt']);
      }
    }
    const whole = evidenceJsonSchema() as { properties: { criteria: { properties: Record<string, unknown> } } };
    expect(Object.keys(whole.properties.criteria.properties)).to.have.members(Object.keys(criterionEvidence));
  });
});
