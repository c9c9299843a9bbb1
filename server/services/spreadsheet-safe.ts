/**
 * Text a spreadsheet will not run as a formula. A spreadsheet runs a cell starting with `=`, `+`,
 * `-`, `@`, a tab or a carriage return; and a reader splitting on another separator than the file's
 * (`;` in much of Europe, tab, or a line break) makes a new cell of whatever follows one inside the
 * text. So an apostrophe goes before each such start: at the start of the text and after every
 * `,`, `;`, tab or line break within it, after any spaces there. `Dr Evil;=2+5;` becomes
 * `Dr Evil;'=2+5;`. For every text cell of every export (CSV here, spreadsheets alike); numbers are
 * not text and stay numbers.
 */
export function spreadsheetSafe(text: string): string {
  return text.replace(/(?<=^|[,;\t\n\r])( *)(?=[=+\-@\t\r])/g, "$1'");
}
