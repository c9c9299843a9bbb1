import ExcelJS from 'exceljs';
import { spreadsheetSafe } from './spreadsheet-safe.ts';

/** One column of a sheet: its heading, and whether its cells are text, numbers or dates (kept as real numbers and dates). */
export interface SheetColumn {
  header: string;
  type: 'text' | 'number' | 'date';
  width?: number;
}

export type SheetCell = string | number | Date | null;

/** One sheet of a workbook, named for people ("Scores", "Judgements"): its columns and rows. */
export interface Sheet {
  name: string;
  columns: readonly SheetColumn[];
  rows: ReadonlyArray<ReadonlyArray<SheetCell>>;
}

/**
 * Writes sheets as an .xlsx workbook: a bold, frozen header row on each sheet, numbers and dates as
 * real numbers and dates, and every text cell neutralised (spreadsheetSafe) so nothing in it runs as
 * a formula. A cell of the wrong type for its column is an error in the caller, not something to coerce.
 */
export async function workbookOf(sheets: readonly Sheet[], meta: { title: string; created: Date }): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'ICS maturity assessment';
  workbook.title = spreadsheetSafe(meta.title);
  workbook.created = meta.created;
  for (const sheet of sheets) {
    const worksheet = workbook.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    worksheet.columns = sheet.columns.map((column) => ({ header: column.header, width: column.width ?? (column.type === 'text' ? 30 : 14), style: column.type === 'date' ? { numFmt: 'yyyy-mm-dd hh:mm' } : {} }));
    worksheet.getRow(1).font = { bold: true };
    for (const row of sheet.rows) worksheet.addRow(row.map((cell, index) => cellOf(cell, sheet.columns[index], sheet.name)));
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function cellOf(cell: SheetCell, column: SheetColumn | undefined, sheet: string): SheetCell {
  if (cell === null) return null;
  const expected = column?.type ?? 'text';
  const actual = typeof cell === 'string' ? 'text' : typeof cell === 'number' ? 'number' : 'date';
  if (actual !== expected) throw new TypeError(`The ${sheet} sheet's column ${column?.header ?? '(none)'} holds ${expected}, not ${actual}`);
  return typeof cell === 'string' ? spreadsheetSafe(cell) : cell;
}
