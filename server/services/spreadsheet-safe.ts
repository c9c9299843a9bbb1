/**
 * Makes text safe to open in a spreadsheet: text that a spreadsheet would run as a formula (starting
 * with =, +, -, @, tab or carriage return, or with one of those just after a comma, semicolon, tab or
 * line break, where a spreadsheet may start a new cell when it splits the text) gets an apostrophe
 * in front, so it is shown as the text it is. Every CSV and xlsx export passes its text cells through here.
 */
export function neutraliseCell(text: string): string {
  return /^[=+\-@\t\r]|[,;\t\r\n][=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
