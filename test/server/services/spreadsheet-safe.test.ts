import { expect } from 'chai';
import fc from 'fast-check';
import { toCsv } from '../../../server/services/csv.ts';
import { spreadsheetSafe } from '../../../server/services/spreadsheet-safe.ts';

/** What a spreadsheet runs as a formula: a cell starting, after any spaces, with one of these. */
const runsAsFormula = (cell: string) => /^ *[=+\-@\t\r]/.test(cell);

/** A reader that splits lines and cells on a separator, ignoring quotes, and drops the quotes around a cell. */
function naiveCells(csv: string, separator: string): string[] {
  return csv.split(/\r\n|\n|\r/).flatMap((line) => line.split(separator)).map((cell) => cell.replace(/^"/, '').replace(/"$/, ''));
}

/** A reader that honours quotes (RFC 4180) but splits cells on its own separator. */
function quotedCells(csv: string, separator: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let at = 0; at < csv.length; at += 1) {
    const char = csv[at]!;
    if (quoted && char === '"' && csv[at + 1] === '"') {
      cell += '"';
      at += 1;
    } else if (char === '"') quoted = !quoted;
    else if (!quoted && (char === separator || char === '\n' || char === '\r')) {
      cells.push(cell);
      cell = '';
    } else cell += char;
  }
  return [...cells, cell];
}

/** Text made of what formulas and separators are made of, and anything else. */
const hostileText = fc.oneof(fc.array(fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\n', ',', ';', ' ', '"', "'", 'a', '1', 'SUM(A1)', 'HYPERLINK("x")'), { maxLength: 12 }).map((pieces) => pieces.join('')), fc.string({ maxLength: 30 }));

describe('Spreadsheet-safe text and CSV exports', () => {
  it('neutralises a formula after a separator inside a cell (an assessor named "Dr Evil;=2+5;" made a formula cell for ;-separated readers)', () => {
    const csv = toCsv(['assessor', 'mean'], [['Dr Evil;=2+5;', 1.5]]);
    for (const separator of [',', ';', '\t']) {
      expect(naiveCells(csv, separator).filter(runsAsFormula), `split on ${JSON.stringify(separator)}, quotes ignored`).to.deep.equal([]);
      expect(quotedCells(csv, separator).filter(runsAsFormula), `split on ${JSON.stringify(separator)}, quotes honoured`).to.deep.equal([]);
    }
    expect(csv).to.equal('"assessor","mean"\r\n"Dr Evil;\'=2+5;",1.5\r\n');
  });

  it('leaves no formula for any reader, whatever the text', () => {
    fc.assert(
      fc.property(fc.array(hostileText, { minLength: 1, maxLength: 4 }), (texts) => {
        const csv = toCsv(texts.map((_, index) => `column ${index}`), [texts]);
        for (const separator of [',', ';', '\t']) {
          expect(naiveCells(csv, separator).filter(runsAsFormula), JSON.stringify({ texts, separator })).to.deep.equal([]);
          expect(quotedCells(csv, separator).filter(runsAsFormula), JSON.stringify({ texts, separator })).to.deep.equal([]);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('only ever adds apostrophes, so what was written can still be read', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const safe = spreadsheetSafe(text);
        let from = 0;
        for (const char of safe) {
          if (char === text[from]) from += 1;
          else expect(char, JSON.stringify({ text, safe })).to.equal("'");
        }
        expect(from).to.equal(text.length);
      }),
      { numRuns: 1000 },
    );
    expect(spreadsheetSafe('plain text, with a comma; and a semicolon')).to.equal('plain text, with a comma; and a semicolon');
    expect(spreadsheetSafe('\t=x')).to.equal("'\t'=x");
  });

  it('quotes every text cell, doubling quotes, and writes numbers as numbers', () => {
    expect(toCsv(['a', 'b', 'c'], [['=HYPERLINK("x")', 'plain, with comma', 'QOX'], [-1, null, true]])).to.equal('"a","b","c"\r\n"\'=HYPERLINK(""x"")","plain, with comma","QOX"\r\n-1,,true\r\n');
  });
});
