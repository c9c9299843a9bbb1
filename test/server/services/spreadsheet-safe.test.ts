import { expect } from 'chai';
import { neutraliseCell } from '../../../server/services/spreadsheet-safe.ts';

describe('neutraliseCell: text a spreadsheet would run as a formula', () => {
  it('prefixes an apostrophe to text starting with =, +, -, @, tab or carriage return', () => {
    for (const text of ['=1+1', '+44 20', '-2', '@SUM(A1)', '\tx', '\rx']) expect(neutraliseCell(text), JSON.stringify(text)).to.equal(`'${text}`);
  });

  it('and to text where one of them follows a comma, semicolon, tab or line break', () => {
    for (const text of ['a,=1', 'a;+1', 'a\t-1', 'line one\n@cmd', 'a\r\n=HYPERLINK("http://x")']) expect(neutraliseCell(text), JSON.stringify(text)).to.equal(`'${text}`);
  });

  it('leaves other text as it is, including those characters elsewhere', () => {
    for (const text of ['', 'Joint HOSC minutes', '3 = good', 'a-b', 'x@example.org', '2025-03-31', "it's"]) expect(neutraliseCell(text), JSON.stringify(text)).to.equal(text);
  });
});
