/**
 * Words a form shows that the evidence schemas do not carry: how each choice reads, what one row of
 * a list is called, and the labels of the parts every sourced item shares. Labels and hints of the
 * indicators themselves come from the schemas' descriptions.
 */

/** How a choice reads, by its value; a value not listed reads as its words ("formal-forum" → "Formal forum"). */
const choiceLabels: Readonly<Record<string, string>> = {
  'board-seat': 'A seat on the ICB or ICP board',
  'formal-forum': 'A formal forum that feeds into decisions',
  none: 'None',
  'local-government': 'Local government',
  vcfse: 'Voluntary, community, faith and social enterprise (VCFSE) sector',
  'social-care-providers': 'Social care providers',
  'nhs-providers': 'NHS providers',
  icb: 'The ICB',
  'primary-care': 'Primary care',
  'requires-improvement-to-be-good': 'Requires improvement to be good',
  higher: 'A higher value is better',
  lower: 'A lower value is better',
  'higher-is-better': 'Higher is better',
  'lower-is-better': 'Lower is better',
};

export function choiceLabel(value: string): string {
  const label = choiceLabels[value];
  if (label !== undefined) return label;
  const words = value.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** What one row of a list is called, by the list's key ("Sector 2", "Example 3"). */
const rowNouns: Readonly<Record<string, string>> = {
  partnerSurvey: 'sector',
  caseExamples: 'example',
  ofstedRatings: 'council',
  preventionShare: 'year',
  ambitions: 'priority',
};

export function rowNoun(listKey: string): string {
  return rowNouns[listKey] ?? 'entry';
}

/** Labels, hints and what to say when left empty, of the three parts of every sourced item (its value, source and as-at date). */
export const sourcedPartWords: Readonly<Record<'value' | 'source' | 'asAt', { label: string; hint: string | null; missing: string | null }>> = {
  value: { label: 'Answer', hint: null, missing: null },
  source: { label: 'Source', hint: 'Where a reader can find this, for example “ICB board papers, 12 March 2025”', missing: 'Say where this evidence comes from, for example “ICB board papers, 12 March 2025”' },
  asAt: { label: 'Date this was true on', hint: 'For example, 31 3 2025', missing: 'Enter the date this was true on' },
};

/** What to say when an answer the schema needs was left empty and the schema has no words of its own for it. */
export const missingAnswer: Readonly<Record<'number' | 'date' | 'text' | 'textarea' | 'yes-no' | 'radios' | 'select', string>> = {
  number: 'Enter a number',
  date: 'Enter a date',
  text: 'Enter an answer',
  textarea: 'Enter an answer',
  'yes-no': 'Choose yes or no',
  radios: 'Choose one of the options',
  select: 'Choose one of the options',
};

/**
 * A schema description as a form shows it: the label, and hint text with the rest of it and the
 * paragraphs it cites. "Underlying deficit of the system, in £ millions: 0 when … (¶5.5)" → label
 * "Underlying deficit of the system, in £ millions", hint "0 when … Hewitt Review ¶5.5." A written
 * format such as "(YYYY-MM-DD)" is dropped: forms take dates as day, month and year.
 */
export function labelAndHint(description: string): { label: string; hint: string | null } {
  const citations: string[] = [];
  const text = description
    .replace(/\s*\((¶[^)]*)\)/g, (_whole, cited: string) => {
      citations.push(cited);
      return '';
    })
    .replace(/\s*\(YYYY-MM-DD\)/g, '')
    .trim();
  const split = text.indexOf(': ');
  const label = split === -1 ? text : text.slice(0, split);
  const detail = split === -1 ? null : text.slice(split + 2);
  const hint = sentences([detail === null ? null : detail.charAt(0).toUpperCase() + detail.slice(1), citations.length === 0 ? null : `Hewitt Review ${citations.join(', ')}`]);
  return { label, hint };
}

/** Pieces of hint text as sentences, or null when there are none. */
export function sentences(pieces: ReadonlyArray<string | null>): string | null {
  const present = pieces.filter((piece): piece is string => piece !== null && piece !== '');
  return present.length === 0 ? null : present.map((piece) => (/[.?!)]$/.test(piece) ? piece : `${piece}.`)).join(' ');
}
