import type { Row } from "./chat";

export function dimensionsOf(row: Row): Record<string, string> {
  if (row.dimensions && typeof row.dimensions === "object") return row.dimensions;
  return {};
}

export function formatValue(value: number | null, unit: string | null): string {
  if (value === null) return "";
  const digits = Math.abs(value) >= 100 || Number.isInteger(value) ? 0 : 2;
  const number = value.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
  if (unit === "USD") return `${value < 0 ? "-" : ""}$${number.replace("-", "")}`;
  if (unit === "%") return `${number}%`;
  return unit ? `${number} ${unit}` : number;
}

export function metricLabel(metric: string | null): string {
  return (metric ?? "").replace(/_/g, " ").replace(/\bpct\b/, "%").replace(/\bmttr\b/i, "MTTR");
}

const TIME_KEYS = /^(date|day|week|month|quarter|year|fiscal_year|fiscal_quarter|sprint)$/i;
const TIME_VALUE = /^(FY)?\d{4}(-(Q[1-4]|W\d{2}|\d{2}(-\d{2})?))?$/;

/** The dimension the chart puts on its x axis: the one whose value changes from row to row. */
export function axisOf(rows: Row[]): { key: string; time: boolean } | null {
  if (rows.length < 2) return null;
  const keys = Object.keys(dimensionsOf(rows[0]));
  const varying = keys.filter((key) => new Set(rows.map((row) => dimensionsOf(row)[key])).size > 1);
  if (varying.length === 0) return null;
  const key = varying.find((candidate) => TIME_KEYS.test(candidate)) ?? varying[0];
  const time = TIME_KEYS.test(key) || rows.every((row) => TIME_VALUE.test(dimensionsOf(row)[key] ?? ""));
  return { key, time };
}
