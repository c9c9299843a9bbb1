import { spreadsheetSafe } from './spreadsheet-safe.ts';

/**
 * Writes rows as CSV (RFC 4180). Every text cell is quoted and made spreadsheet-safe (no formula
 * can start in it, even for a reader that splits on `;`); numbers and booleans are written as they are.
 */
export function toCsv(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number | boolean | null>>): string {
  const cell = (value: string | number | boolean | null): string => {
    if (value === null) return '';
    if (typeof value !== 'string') return String(value);
    return `"${spreadsheetSafe(value).replace(/"/g, '""')}"`;
  };
  return `${[header, ...rows].map((row) => row.map(cell).join(',')).join('\r\n')}\r\n`;
}
