/**
 * The ledger workbook in the official layout, written with exceljs's streaming writer to a file
 * in /tmp: rows are committed as they are added, so memory holds one part (≤ 1,000 rows) at a
 * time, however long the ledger. Layout: a merged title row (the place and the days), the
 * header row frozen and repeated on every printed page, A4 landscape fitted to the page width,
 * column widths from the display width of the text (a Chinese character counts 2), page numbers
 * in the footer, and the signature and date lines after the last row.
 */
import ExcelJS from 'exceljs'
import { columnWidth, LEDGER_COLUMNS, PAGE_FOOTER, sheetTitle, signatureLines, type SheetColumn } from '@honglin/shared'

const THIN = { style: 'thin' as const, color: { argb: 'FF000000' } }
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN }
const FONT = 'SimSun'

export interface SheetLayout {
  sheetName: string
  title: string
  columns: readonly SheetColumn[]
  /** Widest text per column (display width). */
  widths: readonly number[]
  signature: string[]
}

/** A streaming workbook; each `sheet` is laid out as above: add rows with `row`, then `done`, then `finish` the workbook. */
export function officialWorkbook(path: string) {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true, useSharedStrings: false })
  return {
    sheet: (layout: SheetLayout) => officialSheet(workbook, layout),
    finish: async (): Promise<void> => {
      await workbook.commit()
    },
  }
}

function officialSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, layout: SheetLayout) {
  const lastColumn = layout.columns.length
  const sheet = workbook.addWorksheet(layout.sheetName, {
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '2:2',
      horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.7, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: PAGE_FOOTER, evenFooter: PAGE_FOOTER },
    views: [{ state: 'frozen', xSplit: 0, ySplit: 2, topLeftCell: 'A3', activeCell: 'A3' }],
  })
  sheet.columns = layout.columns.map((c, i) => ({ key: c.key, width: columnWidth(c, layout.widths[i] ?? 0) }))

  const title = sheet.addRow([layout.title])
  title.height = 30
  title.getCell(1).font = { name: FONT, size: 16, bold: true }
  title.getCell(1).alignment = { horizontal: 'center', vertical: 'middle' }
  sheet.mergeCells(1, 1, 1, lastColumn)
  title.commit()

  const header = sheet.addRow(layout.columns.map((c) => c.header))
  header.height = 22
  header.eachCell((cell) => {
    cell.font = { name: FONT, size: 11, bold: true }
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true }
    cell.border = BORDER
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } }
  })
  header.commit()

  let rows = 0
  return {
    row(cells: readonly string[]) {
      const row = sheet.addRow([...cells])
      for (let i = 1; i <= lastColumn; i += 1) {
        const cell = row.getCell(i)
        cell.font = { name: FONT, size: 10 }
        cell.alignment = { vertical: 'top', wrapText: true }
        cell.border = BORDER
      }
      row.commit()
      rows += 1
    },
    /** Adds the signature lines and commits the sheet; answers the rows added. */
    done(): number {
      sheet.addRow([]).commit()
      for (const line of layout.signature) {
        const row = sheet.addRow([line])
        row.getCell(1).font = { name: FONT, size: 11 }
        sheet.mergeCells(row.number, 1, row.number, lastColumn)
        row.commit()
      }
      sheet.commit()
      return rows
    },
  }
}

export function ledgerLayout(scopeName: string, from: string, to: string, widths: readonly number[], madeAt: number): SheetLayout {
  return {
    sheetName: '台账',
    title: sheetTitle(scopeName, '群众点单服务台账', from, to),
    columns: LEDGER_COLUMNS,
    widths,
    signature: signatureLines(scopeName, madeAt),
  }
}
