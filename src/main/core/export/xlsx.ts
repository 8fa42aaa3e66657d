// The same tables as an Excel workbook (one sheet each) through ExcelJS. Every text cell is written as a string
// value, never a formula, so spreadsheet injection cannot happen here.
import ExcelJS from 'exceljs';
import type { Table } from './tables';

/** Excel caps a sheet name at 31 characters and forbids a few characters. */
const sheetName = (name: string): string => name.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31);

export async function tablesXlsx(tables: readonly Table[], created: Date): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Quire';
  book.created = created;
  book.modified = created;
  for (const table of tables) {
    const sheet = book.addWorksheet(sheetName(table.name), { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.addRow(table.header).font = { bold: true };
    for (const row of table.rows) sheet.addRow(row);
    sheet.columns.forEach((col, i) => {
      const longest = Math.max(...table.rows.slice(0, 200).map((r) => String(r[i] ?? '').length), 8);
      col.width = Math.min(60, longest + 2);
    });
  }
  return new Uint8Array(await book.xlsx.writeBuffer());
}
