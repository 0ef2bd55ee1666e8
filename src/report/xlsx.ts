/**
 * The 汇总表 Excel: for each notice, its template's title, recommender line and columns
 * (src/report/summary-table), one row per package filled from the package's report. Cells the reports could
 * not fill stay empty and are highlighted yellow for the 推荐单位 to complete by hand.
 */
import ExcelJS from "exceljs";
import type { Report } from "./schema.js";
import { SUMMARY_TABLES, summaryTableFor, type SummaryTableSpec } from "./summary-table/index.js";
import { cellText } from "./summary-table/values.js";

export const MISSING_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFFF00" } };
const THIN: Partial<ExcelJS.Border> = { style: "thin", color: { argb: "FF000000" } };
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const FONT = "宋体";

/** One call's 汇总表 from the reports of that call (others are ignored). */
export async function writeSummaryXlsx(reports: readonly Report[], callId: string, file: string): Promise<void> {
  const spec = summaryTableFor(callId);
  if (!spec) throw new RangeError(`没有申报通知「${callId}」的汇总表模板`);
  const workbook = newWorkbook();
  addSheet(
    workbook,
    spec,
    reports.filter((r) => r.call?.id === callId),
  );
  await workbook.xlsx.writeFile(file);
}

/**
 * Every 汇总表 the reports need (one sheet per notice template); packages whose call was not recognised are
 * left out. Returns false, writing nothing, when no report has a call with a template.
 */
export async function writeSummaryWorkbook(reports: readonly Report[], file: string): Promise<boolean> {
  const workbook = newWorkbook();
  for (const spec of SUMMARY_TABLES) {
    const mine = reports.filter((r) => r.call && summaryTableFor(r.call.id) === spec);
    if (mine.length > 0) addSheet(workbook, spec, mine);
  }
  if (workbook.worksheets.length === 0) return false;
  await workbook.xlsx.writeFile(file);
  return true;
}

function newWorkbook(): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "shenbao";
  return workbook;
}

function addSheet(workbook: ExcelJS.Workbook, spec: SummaryTableSpec, reports: readonly Report[]): void {
  const width = Math.max(...spec.sections.map((s) => s.columns.length));
  const sheet = workbook.addWorksheet(spec.sheet, {
    pageSetup: {
      paperSize: 9, // A4
      orientation: "landscape",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
  });
  // The widest section sets the column widths (the sub-tables of one template share their first columns).
  const widest = spec.sections.find((s) => s.columns.length === width)!;
  sheet.columns = widest.columns.map((c) => ({ width: c.width }));

  const banner = (text: string, size: number, bold: boolean, align: "left" | "center") => {
    const row = sheet.addRow([text]);
    sheet.mergeCells(row.number, 1, row.number, width);
    row.getCell(1).font = { name: FONT, size, bold };
    row.getCell(1).alignment = { horizontal: align, vertical: "middle" };
    row.height = size * 1.8;
  };
  banner(spec.attachment, 11, false, "left");
  banner(spec.title, 16, true, "center");
  for (const line of spec.headerLines) banner(line, 11, false, "left");

  for (const section of spec.sections) {
    // Every sub-table of the template is kept, empty ones too: the 推荐单位 hands in the whole form.
    const rows = reports.filter((r) => r.call && (section.callIds as readonly string[]).includes(r.call.id));
    if (section.heading) banner(section.heading, 12, true, "left");
    const header = sheet.addRow(section.columns.map((c) => c.header));
    header.eachCell((cell) => {
      cell.font = { name: FONT, size: 11, bold: true };
      cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
      cell.border = BORDER;
    });
    rows.forEach((report, i) => {
      const row = sheet.addRow(
        section.columns.map((c) => (c.source.kind === "index" ? i + 1 : (cellText(report, c.source, i + 1) ?? ""))),
      );
      section.columns.forEach((c, col) => {
        const cell = row.getCell(col + 1);
        cell.font = { name: FONT, size: 10 };
        cell.alignment = { vertical: "middle", wrapText: true, horizontal: c.width <= 10 ? "center" : "left" };
        cell.border = BORDER;
        const applies =
          !c.onlyFor || (report.call !== null && (c.onlyFor as readonly string[]).includes(report.call.id));
        if (cell.value === "" && applies) cell.fill = MISSING_FILL;
      });
    });
  }
  sheet.pageSetup.printTitlesRow = `1:${2 + spec.headerLines.length}`;
}
