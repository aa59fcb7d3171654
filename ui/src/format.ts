import type { Row } from "./chat";

export function dimensionsOf(row: Row): Record<string, string> {
  if (row.dimensions && typeof row.dimensions === "object") return row.dimensions;
  return {};
}

/** A dimension's name as a column heading or an axis title: "fiscal_quarter" reads "fiscal quarter". */
export function dimensionLabel(key: string): string {
  return key.replace(/_/g, " ");
}

/** A label as the start of a heading or a sentence: "budget variance %" reads "Budget variance %". */
export function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The metric's label as the semantic model names it (a number row's text); from its name in answers kept before rows carried it. */
export function metricLabel(row: Row): string {
  return row.text ?? (row.metric ?? "").replace(/_/g, " ");
}

/**
 * The digits after the point that one column of values is shown with, so the column reads alike: none for whole
 * numbers, money, or values of 100 and more; one for percentages or values of 10 and more; else two.
 */
export function precisionOf(values: (number | null)[], unit: string | null): number {
  const present = values.filter((value): value is number => value !== null);
  if (present.every(Number.isInteger)) return 0;
  const largest = Math.max(...present.map(Math.abs));
  if (largest >= 100 || unit === "USD" || unit === "USD/month") return 0;
  return unit === "%" || largest >= 10 ? 1 : 2;
}

/** A unit after a count of one: "1 milestone", "1 point/sprint"; a symbol stays as it is. */
function unitFor(number: string, unit: string): string {
  return number === "1" ? unit.replace(/^([a-z]+)s\b/, "$1") : unit;
}

/**
 * A value as the page shows it: "$1,234", "-$20", "15.2%", "1 milestone", "87.50 hours"; with bare, a unit that is
 * no symbol is left out ("87.50"), for a column whose heading names it.
 */
export function formatValue(value: number | null, unit: string | null, digits: number, bare = false): string {
  if (value === null) return "";
  const number = Math.abs(value).toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
  const sign = value < 0 && Number(number.replace(/,/g, "")) !== 0 ? "-" : "";
  if (unit?.startsWith("USD")) return `${sign}$${number}${unit.slice(3)}`;
  if (unit === "%") return `${sign}${number}%`;
  return unit && !bare ? `${sign}${number} ${unitFor(number, unit)}` : `${sign}${number}`;
}

const COMPACT = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });

/** A value on an axis, short enough for a phone: "$1.2M", "15%", "87". */
export function formatTick(value: number, unit: string | null): string {
  const number = COMPACT.format(Math.abs(value));
  const sign = value < 0 ? "-" : "";
  if (unit?.startsWith("USD")) return `${sign}$${number}`;
  if (unit === "%") return `${sign}${number}%`;
  return `${sign}${number}`;
}

const TIME_KEYS = /^(date|day|week|month|quarter|year|fiscal_year|fiscal_quarter|sprint)$/i;
const TIME_VALUE = /^(FY)?\d{4}(-(Q[1-4]|W\d{2}|\d{2}(-\d{2})?))?$/;

/** The dimensions whose value changes from row to row, the time one first: what a chart can draw. */
export function varyingDimensions(rows: Row[]): { key: string; time: boolean }[] {
  if (rows.length < 2) return [];
  const keys = [...new Set(rows.flatMap((row) => Object.keys(dimensionsOf(row))))];
  return keys
    .filter((key) => new Set(rows.map((row) => dimensionsOf(row)[key])).size > 1)
    .map((key) => ({ key, time: TIME_KEYS.test(key) || rows.every((row) => TIME_VALUE.test(dimensionsOf(row)[key] ?? "")) }))
    .sort((a, b) => Number(b.time) - Number(a.time));
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** A time label short enough for an axis: 2026-03 reads "Mar 26", 2026-03-14 "14 Mar"; others stay. */
export function shortTime(label: string): string {
  const month = /^(\d{4})-(\d{2})$/.exec(label);
  if (month) return `${MONTHS[Number(month[2]) - 1]} ${month[1].slice(2)}`;
  const day = /^\d{4}-(\d{2})-(\d{2})$/.exec(label);
  if (day) return `${Number(day[2])} ${MONTHS[Number(day[1]) - 1]}`;
  return label;
}

/** A category label at most `max` characters long, cut with an ellipsis. */
export function shortLabel(label: string, max: number): string {
  return label.length > max ? `${label.slice(0, max - 1)}…` : label;
}
