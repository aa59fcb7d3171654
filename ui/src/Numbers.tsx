import { useState } from "react";
import type { Row } from "./chat";
import { dimensionLabel, dimensionsOf, formatValue, metricLabel, precisionOf, sentence } from "./format";

/** One metric's numbers as a grid: its dimensions' columns, then the value, with the heading of each. */
interface Grid {
  keys: string[];
  header: string[];
  digits: number;
}

function gridOf(rows: Row[]): Grid {
  const keys = [...new Set(rows.flatMap((row) => Object.keys(dimensionsOf(row))))];
  const unit = rows[0].unit;
  const label = metricLabel(rows[0]);
  return {
    keys,
    // "budget variance (USD)", but "budget variance %", which says its unit already
    header: [...keys.map(dimensionLabel), unit && !label.endsWith(unit) ? `${label} (${unit})` : label],
    digits: precisionOf(
      rows.map((row) => row.value),
      unit,
    ),
  };
}

/** The cells of a row as a spreadsheet takes them: the value as a plain number (no separators or symbol), in the column's precision. */
function plainCells(row: Row, grid: Grid): string[] {
  return [...grid.keys.map((key) => dimensionsOf(row)[key] ?? ""), row.value === null ? "" : row.value.toFixed(grid.digits)];
}

/** RFC 4180: a field with a comma, a quote or a line break is quoted, its quotes doubled. */
function csvField(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

function csvOf(rows: Row[]): string {
  const grid = gridOf(rows);
  return [grid.header, ...rows.map((row) => plainCells(row, grid))].map((cells) => cells.map(csvField).join(",")).join("\r\n") + "\r\n";
}

/** Tab-separated, which a spreadsheet pastes into cells; a tab or line break in a field becomes a space. */
function tsvOf(rows: Row[]): string {
  const grid = gridOf(rows);
  return [grid.header, ...rows.map((row) => plainCells(row, grid))].map((cells) => cells.map((cell) => cell.replace(/[\t\r\n]+/g, " ")).join("\t")).join("\n");
}

/** budget_variance_pct-by-program.csv: the metric, and what it is broken down by. */
function csvName(rows: Row[]): string {
  const keys = gridOf(rows).keys.filter((key) => new Set(rows.map((row) => dimensionsOf(row)[key])).size > 1);
  return `${[rows[0].metric ?? "numbers", ...(keys.length ? ["by", keys.join("-and-")] : [])].join("-")}.csv`;
}

function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  link.click();
  // the click has started the download by the time the next task runs
  setTimeout(() => URL.revokeObjectURL(url));
}

/** A longer table shows its first rows until asked for the rest: the chart above already shows them all. */
const ROWS_SHOWN = 12;
const ROWS_FOLDED = 15;

/** One metric's numbers, each column in one precision, the unit in the value's heading, with copy and CSV download. */
export function NumbersTable({ rows }: { rows: Row[] }) {
  const grid = gridOf(rows);
  const [copied, setCopied] = useState<string | null>(null);
  const [all, setAll] = useState(false);
  const folded = !all && rows.length > ROWS_FOLDED;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(tsvOf(rows));
      setCopied("Copied");
    } catch {
      setCopied("Copying is blocked: use the CSV");
    }
  };
  return (
    <div className="table-block">
      <div className="table-head">
        <span className="table-title">{sentence(metricLabel(rows[0]))}</span>
        {copied && (
          <span className="kept" role="status">
            {copied}
          </span>
        )}
        <button type="button" onClick={copy} title="Copy the table, to paste into a spreadsheet">
          Copy
        </button>
        <button type="button" onClick={() => download(csvName(rows), csvOf(rows))} title="Download the table as CSV">
          CSV
        </button>
      </div>
      <div className="table-wrap">
        <table data-testid="numbers">
          <caption className="visually-hidden">{sentence(metricLabel(rows[0]))}</caption>
          <thead>
            <tr>
              {grid.header.map((heading, i) => (
                <th key={heading} scope="col" className={i === grid.keys.length ? "num" : undefined}>
                  {sentence(heading)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {(folded ? rows.slice(0, ROWS_SHOWN) : rows).map((row) => (
              <tr key={row.seq}>
                {grid.keys.map((key) => (
                  <td key={key}>{dimensionsOf(row)[key] ?? ""}</td>
                ))}
                <td className="num">{formatValue(row.value, row.unit, grid.digits, true)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {folded && (
        <button type="button" className="more" onClick={() => setAll(true)}>
          Show all {rows.length} rows
        </button>
      )}
    </div>
  );
}
