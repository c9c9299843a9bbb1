import { expect } from 'chai';
import { criterionEvidence } from '../../../assessments/evidence/registry.ts';
import { evidenceForm } from '../../../assessments/forms/evidence-form.ts';
import { formValuesOf } from '../../../assessments/forms/form-values.ts';
import { formView, type FieldView, type PartView } from '../../../assessments/forms/form-view.ts';
import { parseForm } from '../../../assessments/forms/parse-form.ts';
import { rowActionName, rowActionOf, withRowAction } from '../../../assessments/forms/row-actions.ts';
import { z } from 'zod';
import { describeSchema } from '../../../assessments/forms/describe-schema.ts';
import { answerCount } from '../../../assessments/forms/form-size.ts';
import { loadRulePack } from '../../../assessments/rule-pack/load-pack.ts';
import { defaultPackDirectory } from '../../../assessments/rule-pack/default-pack.ts';
import { signedInForm } from '../../../server/web/form-limits.ts';
import { evidenceByOutcome } from '../../support/evidence-from-cases.ts';

/** Every field of a form view, in the order the page shows them. */
function fieldsOf(parts: readonly PartView[]): FieldView[] {
  return parts.flatMap((part) => (part.kind === 'field' ? [part] : part.kind === 'group' ? fieldsOf(part.parts) : part.rows.flatMap((row) => fieldsOf(row.parts))));
}

/** Sets one typed answer in nested form values, by its path. */
function typed(values: unknown, path: ReadonlyArray<string | number>, answer: unknown): unknown {
  const copy = structuredClone(values) as Record<string | number, unknown>;
  let target = copy;
  for (const segment of path.slice(0, -1)) target = target[segment] as Record<string | number, unknown>;
  target[path.at(-1) as string | number] = answer;
  return copy;
}

const narrative = { value: 'The joint committee meets quarterly.\nMinutes are published.', source: 'Self-assessment', asAt: '2025-03-31' };

describe('evidence forms generated from the criterion schemas', () => {
  let library: Awaited<ReturnType<typeof evidenceByOutcome>>;
  before(async () => {
    library = await evidenceByOutcome();
  });

  it('has a form for each of the ten criteria, with a field for each indicator and the narrative', () => {
    expect(Object.keys(criterionEvidence)).to.have.length(10);
    for (const evidence of Object.values(criterionEvidence)) {
      const form = evidenceForm(evidence);
      const indicators = form.children.find((child) => child.key === 'indicators');
      expect(indicators?.kind, evidence.id).to.equal('group');
      const schemaKeys = Object.keys((evidence.schema as unknown as { shape: { indicators: { shape: object } } }).shape.indicators.shape);
      expect(indicators?.kind === 'group' ? indicators.children.map((child) => child.key) : [], evidence.id).to.deep.equal(schemaKeys);
      expect(form.children.map((child) => child.key), evidence.id).to.deep.equal(['indicators', 'narrative']);
    }
  });

  it('round-trips the evidence of every rule-pack case of all ten criteria: evidence → form → parse gives the same evidence', () => {
    let checked = 0;
    for (const [criterion, byOutcome] of library) {
      const evidence = criterionEvidence[criterion]!;
      const form = evidenceForm(evidence);
      for (const [outcome, original] of byOutcome) {
        const withNarrative = { ...original, narrative };
        const reading = parseForm(form, evidence.schema, formValuesOf(form, withNarrative));
        expect(reading.ok ? reading.data : reading.problems, `${criterion} → ${outcome}`).to.deep.equal(withNarrative);
        checked += 1;
      }
    }
    expect(new Set(library.keys()).size).to.equal(10);
    for (const [criterion, byOutcome] of library) expect(byOutcome.size, `${criterion}: each score (or gate status) and not assessed`).to.be.at.least(4);
    expect(checked).to.be.at.least(40);
  });

  it('labels fields in plain English, cites the paragraph in the hint, and gives numbers their range and unit', () => {
    const form = evidenceForm(criterionEvidence['hosc-effectiveness']!);
    const view = formView(form, formValuesOf(form, {}), []);
    const indicators = view.parts[0]!;
    const joint = indicators.kind === 'group' ? indicators.parts.find((part) => part.id === 'indicators-jointCommittee') : undefined;
    expect(joint).to.include({ legend: 'Is there a joint HOSC acting as a System Overview and Scrutiny Committee for the footprint?', hint: 'Hewitt Review ¶3.29.' });
    const sessions = fieldsOf(view.parts).find((field) => field.id === 'indicators-systemSessions-value');
    expect(sessions).to.include({ name: 'indicators[systemSessions][value]', input: 'number', label: 'Answer (sessions)', hint: 'A whole number from 0 to 100.' });
    const asAt = fieldsOf(view.parts).find((field) => field.id === 'indicators-systemSessions-asAt');
    expect(asAt?.date?.names).to.deep.equal({ day: 'indicators[systemSessions][asAt][day]', month: 'indicators[systemSessions][asAt][month]', year: 'indicators[systemSessions][asAt][year]' });
    const yesNo = fieldsOf(view.parts).find((field) => field.id === 'indicators-jointCommittee-value');
    expect(yesNo?.options).to.deep.equal([{ value: 'yes', text: 'Yes' }, { value: 'no', text: 'No' }]);
    const narrativeField = fieldsOf(view.parts).find((field) => field.id === 'narrative-value');
    expect(narrativeField?.input).to.equal('textarea');
  });

  it('gives every field of every criterion a unique id and a label', () => {
    for (const [criterion, byOutcome] of library) {
      const form = evidenceForm(criterionEvidence[criterion]!);
      for (const original of byOutcome.values()) {
        const fields = fieldsOf(formView(form, formValuesOf(form, original), []).parts);
        const radioIds = (field: FieldView) => field.options.map((_option, index) => (index === 0 ? field.id : `${field.id}-${index}`));
        const ids = fields.flatMap((field) => (field.date !== null ? Object.values(field.date.ids) : field.input === 'radios' || field.input === 'yes-no' ? radioIds(field) : [field.id]));
        expect(new Set(ids).size, criterion).to.equal(ids.length);
        for (const field of fields) expect(field.label, field.id).to.match(/^\S/);
      }
    }
  });

  it('refuses "12abc" as a number, on the right field, keeping what was typed', () => {
    const evidence = criterionEvidence['hosc-effectiveness']!;
    const form = evidenceForm(evidence);
    const original = library.get('hosc-effectiveness')!.get(4)!;
    const reading = parseForm(form, evidence.schema, typed(formValuesOf(form, original), ['indicators', 'systemSessions', 'value'], '12abc'));
    expect(reading.ok).to.equal(false);
    if (reading.ok) return;
    expect(reading.problems).to.deep.equal([{ path: ['indicators', 'systemSessions', 'value'], message: 'Enter a whole number, for example 12' }]);
    const view = formView(form, reading.values, reading.problems);
    const field = fieldsOf(view.parts).find((entry) => entry.id === 'indicators-systemSessions-value');
    expect(field).to.include({ value: '12abc', error: 'Enter a whole number, for example 12' });
    expect(view.errors).to.deep.equal([{ href: '#indicators-systemSessions-value', text: 'Scrutiny sessions on system-level items in the last 12 months: Enter a whole number, for example 12' }]);
  });

  it('reads numbers strictly: thousands separators and a minus sign, but no units, words or exponents', () => {
    const evidence = criterionEvidence['financial-management']!;
    const form = evidenceForm(evidence);
    const read = (answer: string) => parseForm(form, evidence.schema, { indicators: { outturnVariancePercent: { value: answer, source: 'Plan', asAt: { day: '31', month: '3', year: '2025' } } } });
    for (const [answer, value] of [['-1.5', -1.5], [' 2 ', 2], ['\u22120.25', -0.25], ['.5', 0.5]] as const) {
      const reading = read(answer);
      expect(reading.ok && (reading.data as { indicators: { outturnVariancePercent: { value: number } } }).indicators.outturnVariancePercent.value, answer).to.equal(value);
    }
    for (const answer of ['12abc', '1e1', '5%', '1,00', '-', '.', '1.2.3', '0x10']) {
      const reading = read(answer);
      expect(reading.ok ? 'accepted' : reading.problems, answer).to.deep.equal([{ path: ['indicators', 'outturnVariancePercent', 'value'], message: 'Enter a number, for example 12 or 3.5' }]);
    }
    const big = parseForm(evidenceForm(criterionEvidence['partner-engagement']!), criterionEvidence['partner-engagement']!.schema, {
      indicators: { partnerSurvey: { value: [{ sector: 'icb', respondents: '1,200', meanScore: '4' }], source: 'Survey', asAt: { day: '1', month: '4', year: '2025' } } },
    });
    expect(big.ok && (big.data as { indicators: { partnerSurvey: { value: Array<{ respondents: number }> } } }).indicators.partnerSurvey.value[0]!.respondents).to.equal(1200);
  });

  it('reads dates from day, month and year strictly, and says what is wrong with each', () => {
    const evidence = criterionEvidence['strategy-and-plans']!;
    const form = evidenceForm(evidence);
    const cases: Array<[Record<string, string>, string | null]> = [
      [{ day: '31', month: '2', year: '2025' }, 'Enter a real date, for example 31 3 2025'],
      [{ day: '31', month: '', year: '2025' }, 'The date must include a month'],
      [{ day: '', month: '', year: '2025' }, 'The date must include a day and a month'],
      [{ day: '3rd', month: '3', year: '2025' }, 'Enter the date in numbers, for example 31 3 2025'],
      [{ day: '31', month: '3', year: '25' }, 'Enter the year as 4 numbers, for example 2025'],
      [{ day: ' 1 ', month: '03', year: '2024' }, null],
    ];
    for (const [date, message] of cases) {
      const reading = parseForm(form, evidence.schema, { indicators: { strategyPublished: { value: date, source: 'ICP website', asAt: { day: '31', month: '3', year: '2025' } } } });
      if (message === null) {
        expect(reading.ok && (reading.data as { indicators: { strategyPublished: { value: string } } }).indicators.strategyPublished.value).to.equal('2024-03-01');
        continue;
      }
      expect(reading.ok ? 'accepted' : reading.problems, JSON.stringify(date)).to.deep.equal([{ path: ['indicators', 'strategyPublished', 'value'], message }]);
      if (reading.ok) continue;
      const field = fieldsOf(formView(form, reading.values, reading.problems).parts).find((entry) => entry.id === 'indicators-strategyPublished-value');
      expect(field?.date).to.include(date);
      expect(formView(form, reading.values, reading.problems).errors[0]?.href).to.equal('#indicators-strategyPublished-value-day');
    }
  });

  it('puts the schema’s own errors on the right fields of the right rows, with every other answer kept', () => {
    const evidence = criterionEvidence['partner-engagement']!;
    const form = evidenceForm(evidence);
    const values = formValuesOf(form, library.get('partner-engagement')!.get(4)!) as { indicators: { partnerSurvey: { value: Array<Record<string, string>> } } };
    let bad = typed(values, ['indicators', 'partnerSurvey', 'value', 2, 'meanScore'], '7');
    bad = typed(bad, ['indicators', 'partnerSurvey', 'value', 3, 'sector'], values.indicators.partnerSurvey.value[0]!.sector);
    bad = typed(bad, ['indicators', 'publicHealthInLeadership', 'source'], '  ');
    const reading = parseForm(form, evidence.schema, bad);
    expect(reading.ok).to.equal(false);
    if (reading.ok) return;
    const view = formView(form, reading.values, reading.problems);
    expect(view.errors.map((error) => error.href)).to.deep.equal(['#indicators-partnerSurvey-value-2-meanScore', '#indicators-publicHealthInLeadership-source']);
    expect(view.errors[0]!.text).to.equal('Partner engagement survey results by sector, Sector 3, The sector’s mean rating of its engagement and relationships in the ICS, from 1 (very poor) to 5 (very good): Enter a mean score from 1 to 5');
    const fields = fieldsOf(view.parts);
    expect(fields.find((field) => field.id === 'indicators-partnerSurvey-value-2-meanScore')).to.include({ value: '7', error: 'Enter a mean score from 1 to 5' });
    // The duplicate sector is found once the rows are otherwise valid: the schema checks across rows last.
    const fixed = parseForm(form, evidence.schema, typed(typed(bad, ['indicators', 'partnerSurvey', 'value', 2, 'meanScore'], '3.5'), ['indicators', 'publicHealthInLeadership', 'source'], 'ICB constitution'));
    expect(fixed.ok ? 'accepted' : formView(form, fixed.values, fixed.problems).errors.map((error) => error.href)).to.deep.equal(['#indicators-partnerSurvey-value-3-sector']);
  });

  it('leaves out an item left wholly blank, and asks for the rest of an item half given', () => {
    const evidence = criterionEvidence['learning-culture']!;
    const form = evidenceForm(evidence);
    const blank = formValuesOf(form, {});
    const empty = parseForm(form, evidence.schema, blank);
    expect(empty.ok && empty.data).to.deep.equal({ indicators: {} });
    const half = parseForm(form, evidence.schema, typed(blank, ['indicators', 'staffEngagementScore', 'value'], '6.9'));
    expect(half.ok ? 'accepted' : half.problems).to.deep.equal([
      { path: ['indicators', 'staffEngagementScore', 'source'], message: 'Say where this evidence comes from, for example “ICB board papers, 12 March 2025”' },
      { path: ['indicators', 'staffEngagementScore', 'asAt'], message: 'Enter the date this was true on' },
    ]);
  });

  it('drops rows left blank, and reads a list given with its source but no rows as an empty list', () => {
    const evidence = criterionEvidence['priorities-in-practice']!;
    const form = evidenceForm(evidence);
    const asAt = { day: '31', month: '3', year: '2025' };
    const reading = parseForm(form, evidence.schema, {
      indicators: {
        caseExamples: { value: [{ title: ' ', baseline: '' }], source: 'Case studies', asAt },
        ofstedRatings: { value: { 0: { council: 'Eastshire', rating: 'good' }, 1: { council: '', rating: '' }, 2: { council: 'Westborough', rating: 'inadequate' } }, source: 'Ofsted', asAt },
      },
    });
    expect(reading.ok && reading.data).to.deep.equal({
      indicators: {
        caseExamples: { value: [], source: 'Case studies', asAt: '2025-03-31' },
        ofstedRatings: { value: [{ council: 'Eastshire', rating: 'good' }, { council: 'Westborough', rating: 'inadequate' }], source: 'Ofsted', asAt: '2025-03-31' },
      },
    });
  });

  it('refuses a choice that is not one of the options, and an answer given twice', () => {
    const evidence = criterionEvidence['partner-engagement']!;
    const form = evidenceForm(evidence);
    const asAt = { day: '31', month: '3', year: '2025' };
    const reading = parseForm(form, evidence.schema, {
      indicators: { socialCareProviderVoice: { value: 'a-seat', source: 'Constitution', asAt }, publicHealthInLeadership: { value: ['yes', 'no'], source: 'Constitution', asAt } },
    });
    expect(reading.ok ? 'accepted' : reading.problems).to.deep.equal([
      { path: ['indicators', 'publicHealthInLeadership', 'value'], message: 'Give one answer' },
      { path: ['indicators', 'socialCareProviderVoice', 'value'], message: 'Choose one of the options' },
    ]);
  });

  it('adds and removes rows without JavaScript: the buttons name the list and row, and every typed answer is kept', () => {
    const evidence = criterionEvidence['prevention-shift']!;
    const form = evidenceForm(evidence);
    const submitted = { indicators: { preventionShare: { value: [{ year: '2023', sharePercent: '4.1' }, { year: '2024x', sharePercent: '' }], source: 'ICP report', asAt: { day: '31', month: '3', year: '' } } } };
    const list = (values: unknown) => (formView(form, values, []).parts[0] as { parts: PartView[] }).parts.find((part) => part.id === 'indicators-preventionShare')!;
    const rows = (values: unknown) => {
      const group = list(values);
      const first = group.kind === 'group' ? group.parts[0] : undefined;
      return first?.kind === 'list' ? first : null;
    };
    const shown = rows(submitted)!;
    expect(shown.add).to.deep.equal({ value: 'add:indicators.preventionShare.value', label: 'Add another year' });
    expect(shown.rows.map((row) => row.remove.value)).to.deep.equal(['remove:indicators.preventionShare.value:0', 'remove:indicators.preventionShare.value:1']);

    const added = withRowAction(submitted, rowActionOf({ [rowActionName]: shown.add!.value })!);
    expect(rows(added)!.rows.map((row) => row.legend)).to.deep.equal(['Year 1', 'Year 2', 'Year 3']);
    expect(fieldsOf(formView(form, added, []).parts).filter((field) => field.value !== '').map((field) => [field.id, field.value])).to.deep.equal([
      ['indicators-preventionShare-value-0-year', '2023'],
      ['indicators-preventionShare-value-0-sharePercent', '4.1'],
      ['indicators-preventionShare-value-1-year', '2024x'],
      ['indicators-preventionShare-source', 'ICP report'],
    ]);
    const removed = withRowAction(added, rowActionOf({ [rowActionName]: 'remove:indicators.preventionShare.value:0' })!);
    expect(fieldsOf(formView(form, removed, []).parts).find((field) => field.id === 'indicators-preventionShare-value-0-year')?.value).to.equal('2024x');
    expect(rows(withRowAction(removed, { kind: 'remove', list: ['indicators', 'preventionShare', 'value'], index: 0 }))!.rows).to.have.length(1);
    for (const value of ['add:indicators.x.value:1', 'remove:indicators.x.value', 'drop:indicators', 'add:<script>']) expect(rowActionOf({ [rowActionName]: value }), value).to.equal(null);
  });

  it('stops offering "Add another" when a list is full', () => {
    const evidence = criterionEvidence['partner-engagement']!;
    const form = evidenceForm(evidence);
    const six = { indicators: { partnerSurvey: { value: Array.from({ length: 6 }, () => ({ respondents: '1' })) } } };
    const group = (formView(form, six, []).parts[0] as { parts: PartView[] }).parts[0]!;
    const list = group.kind === 'group' ? group.parts[0] : undefined;
    expect(list?.kind === 'list' ? list.add : 'not a list').to.equal(null);
  });

  it('refuses a schema list without a most rows: a form must bound what it reads', () => {
    expect(() => describeSchema(z.strictObject({ rows: z.array(z.strictObject({ name: z.string() })) }))).to.throw(/without a most rows/);
  });

  it('reads a list to its most rows and says so in the schema’s words, showing only the rows it may hold (issue 13, finding 1)', () => {
    const form = evidenceForm(criterionEvidence['priorities-in-practice']!);
    // qs gives an object keyed by index past 20 rows.
    const value = Object.fromEntries(Array.from({ length: 3_333 }, (_, index) => [String(index), { council: `Council ${index}`, rating: 'good' }]));
    const reading = parseForm(form, criterionEvidence['priorities-in-practice']!.schema, { indicators: { ofstedRatings: { value, source: 'Ofsted', asAt: { day: '1', month: '4', year: '2025' } } } });
    expect(reading.ok).to.equal(false);
    if (reading.ok) return;
    expect(reading.problems).to.deep.equal([{ path: ['indicators', 'ofstedRatings', 'value'], message: 'List 50 councils or fewer' }]);
    const shown = (reading.values as { indicators: { ofstedRatings: { value: Array<{ council: string }> } } }).indicators.ofstedRatings.value;
    expect(shown.map((row) => row.council)).to.deep.equal(Array.from({ length: 50 }, (_, index) => `Council ${index}`));
    const view = formView(form, { indicators: { ofstedRatings: { value } } }, []);
    expect(fieldsOf(view.parts).filter((field) => field.id.startsWith('indicators-ofstedRatings-value-') && field.id.endsWith('-council'))).to.have.length(50);
  });

  it('fits every real form, every list full, within the signed-in answer limit, which is far below the 10,000 it was (issue 13, finding 1)', async () => {
    const pack = await loadRulePack(defaultPackDirectory);
    const limit = signedInForm(1024 * 1024, [pack]).parameters;
    for (const criterion of pack.criteria) {
      const form = evidenceForm(criterion.evidence);
      expect(answerCount(form) + 3, criterion.id).to.be.at.most(limit);
    }
    expect(limit).to.be.below(1_000);
    // Counted as a browser would send it: a full priorities-in-practice form's fields.
    const form = evidenceForm(criterionEvidence['priorities-in-practice']!);
    const full = { indicators: { caseExamples: { value: Array.from({ length: 30 }, () => ({})) }, ofstedRatings: { value: Array.from({ length: 50 }, () => ({})) } } };
    const names = fieldsOf(formView(form, full, []).parts).reduce((total, field) => total + (field.date === null ? 1 : 3), 0);
    expect(names).to.equal(answerCount(form));
  });
});
