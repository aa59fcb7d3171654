// ./dev ask's answer for a terminal. Reads the rows of ai.system.ask as the Trino CLI prints them with
// --output-format JSON (one object per line, in the row contract's order) and prints the notices, what was computed,
// the answer, the numbers as one table per grouping (a column per measure, its unit in the values or the heading, one
// precision per column), the sources, numbered as the answer cites them, and the suggested follow-ups as "Ask next:"
// lines; with --sql the SQL too.
// Usage: scripts/trino.sh cli --output-format JSON --execute "SELECT * FROM TABLE(ai.system.ask(...))" | node scripts/answer.mjs [--sql]
// Colour only on a terminal, and never with NO_COLOR; the width is the terminal's (COLUMNS), at most 100.
import { createInterface } from "node:readline";

const showSql = process.argv.includes("--sql");
const colour = process.stdout.isTTY && !process.env.NO_COLOR;
const width = Math.min(100, Number(process.env.COLUMNS) || process.stdout.columns || 100);
const style = (code) => (text) => (colour ? `\x1b[${code}m${text}\x1b[0m` : text);
const dim = style("2");
const bold = style("1");
const warn = style("33");

/** The offline answer streams whole sentences, a model fragments with their own spaces. */
function joinSentences(texts) {
  return texts.reduce((joined, next) => (/[.!?:]$/.test(joined) && /^\S/.test(next) ? `${joined} ${next}` : joined + next), "");
}

function wrap(text, indent = "") {
  const lines = [];
  for (const paragraph of text.split("\n")) {
    let line = indent;
    let words = 0;
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      if (words > 0 && line.length + 1 + word.length > width) {
        lines.push(line);
        line = " ".repeat(indent.length);
        words = 0;
      }
      line += (words++ > 0 ? " " : "") + word;
    }
    lines.push(line);
  }
  return lines;
}

function dimensionsOf(row) {
  if (!row.dimensions) return {};
  try {
    const parsed = JSON.parse(row.dimensions);
    return parsed && typeof parsed === "object" ? parsed : {};
  } catch {
    return {};
  }
}

function label(name) {
  return name.replace(/_pct$/, " %").replace(/_/g, " ").replace(/\bmttr\b/i, "MTTR");
}

/** Numbers grouped by their dimensions, a column per measure, each table's lines. */
function tables(numbers) {
  const groups = new Map();
  for (const row of numbers) {
    const keys = Object.keys(dimensionsOf(row));
    const group = groups.get(keys.join(",")) ?? { keys, metrics: new Map(), lines: new Map() };
    groups.set(keys.join(","), group);
    // a number's text is its metric's label as the semantic model names it
    if (!group.metrics.has(row.metric)) group.metrics.set(row.metric, { unit: row.unit, values: [], name: row.text ?? label(row.metric) });
    group.metrics.get(row.metric).values.push(row.value);
    const at = keys.map((key) => dimensionsOf(row)[key] ?? "").join("\u0000");
    if (!group.lines.has(at)) group.lines.set(at, { labels: keys.map((key) => String(dimensionsOf(row)[key] ?? "")), values: {} });
    group.lines.get(at).values[row.metric] = row.value;
  }
  return [...groups.values()].map(({ keys, metrics, lines }) => {
    const pivoted = keys.length === 2 && metrics.size === 1 ? pivot(keys, [...metrics][0], [...lines.values()]) : null;
    if (pivoted) return pivoted;
    const columns = [...metrics].map(([metric, { unit, values, name }]) => ({ metric, ...formatter(unit, values), heading: name + (unit && unit !== "USD" && unit !== "%" ? ` (${unit})` : "") }));
    const header = [...keys.map(label), ...columns.map((column) => column.heading)];
    const body = [...lines.values()].map((line) => [...line.labels, ...columns.map((column) => (line.values[column.metric] == null ? "" : column.format(line.values[column.metric])))]);
    const widths = header.map((_, i) => Math.max(header[i].length, ...body.map((cells) => cells[i].length)));
    const render = (cells) => `  ${cells.map((cell, i) => (i < keys.length ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join("  ")}`.trimEnd();
    return [bold(render(header)), ...body.map(render)];
  });
}

const TIME = /^(date|day|week|month|quarter|year|fiscal_year|fiscal_quarter|sprint)$/i;

/**
 * One measure over two dimensions as a grid, the time (or else the dimension with fewer values) across, when that fits
 * the width: a line per team instead of a line per team and month.
 */
function pivot(keys, [metric, { unit, values, name }], lines) {
  const distinct = keys.map((_, i) => [...new Set(lines.map((line) => line.labels[i]))]);
  const across = TIME.test(keys[1]) || (!TIME.test(keys[0]) && distinct[1].length <= distinct[0].length) ? 1 : 0;
  const down = 1 - across;
  const columns = distinct[across].sort();
  const { format } = formatter(unit, values);
  const cell = new Map(lines.map((line) => [`${line.labels[down]}\u0000${line.labels[across]}`, line.values[metric]]));
  const body = distinct[down].map((name) => [name, ...columns.map((column) => (cell.get(`${name}\u0000${column}`) == null ? "" : format(cell.get(`${name}\u0000${column}`))))]);
  const header = [label(keys[down]), ...columns];
  const widths = header.map((_, i) => Math.max(header[i].length, ...body.map((cells) => cells[i].length)));
  const render = (cells) => `  ${cells.map((text, i) => (i === 0 ? text.padEnd(widths[i]) : text.padStart(widths[i]))).join("  ")}`.trimEnd();
  if (render(header).length > width) return null;
  const title = `${name}${unit && unit !== "USD" && unit !== "%" ? ` (${unit})` : ""} by ${label(keys[down])} and ${label(keys[across])}`;
  return [bold(title), bold(render(header)), ...body.map(render)];
}

/** One precision for a whole column: whole numbers stay whole, large ones lose their cents. */
function formatter(unit, values) {
  const present = values.filter((value) => value != null);
  const largest = Math.max(0, ...present.map(Math.abs));
  const digits = present.every(Number.isInteger) || largest >= 1000 ? 0 : largest >= 100 ? 1 : 2;
  const number = (value) => Math.abs(value).toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
  const sign = (value) => (value < 0 && number(value) !== number(0) ? "-" : "");
  if (unit === "USD") return { format: (value) => `${sign(value)}$${number(value)}` };
  if (unit === "%") return { format: (value) => `${sign(value)}${number(value)}%` };
  return { format: (value) => `${sign(value)}${number(value)}` };
}

/** [n] Title · source, what it is about, and the start of its text. */
function source(row, n) {
  const { title: titled, ...dimensions } = dimensionsOf(row);
  const paragraphs = (row.text ?? "").split("\n").filter((line) => line.trim());
  // the title is one of the record's fields; the snippet of a record whose text begins with it would say it twice
  const [title, ...body] = titled ? [titled, ...(paragraphs[0] === titled ? paragraphs.slice(1) : paragraphs)] : paragraphs;
  // the names first, broadest first, then the rest by their name, the date last
  const named = ["program", "project", "team", "service"];
  const about = [
    ...named.filter((key) => key in dimensions).map((key) => dimensions[key]),
    ...Object.keys(dimensions).filter((key) => !named.includes(key) && key !== "date").map((key) => `${label(key)} ${dimensions[key]}`),
    ...("date" in dimensions ? [dimensions.date] : []),
  ];
  const text = body.join(" ");
  const lines = [`  [${n}] ${bold(title ?? row.source)}${title ? dim(` · ${row.source}`) : ""}`];
  if (about.length) lines.push(...wrap(about.join(" · "), "      ").map(dim));
  if (text) lines.push(...wrap(text.length > 240 ? `${text.slice(0, 239)}…` : text, "      "));
  return lines;
}

const rows = [];
for await (const line of createInterface({ input: process.stdin })) {
  if (line.trim()) rows.push(JSON.parse(line));
}

// Answer rows before any number or citation restate what was computed (the row contract's first line), as on the page.
const firstFact = rows.findIndex((row) => row.kind === "number" || row.kind === "citation");
const restatement = rows.filter((row, i) => row.kind === "answer" && (firstFact < 0 || i < firstFact)).map((row) => row.text ?? "");
const answer = rows.filter((row, i) => row.kind === "answer" && firstFact >= 0 && i > firstFact).map((row) => row.text ?? "");
const ofKind = (kind) => rows.filter((row) => row.kind === kind);

const out = [];
for (const notice of ofKind("notice")) out.push(...wrap(notice.text ?? "", "! ").map(warn), "");
if (restatement.length) out.push(...wrap(restatement.join(" ")).map(dim), "");
if (answer.length) out.push(...wrap(joinSentences(answer)), "");
for (const table of tables(ofKind("number"))) out.push(...table, "");
const citations = ofKind("citation");
if (citations.length) {
  out.push(bold("Sources"));
  citations.forEach((row, i) => out.push(...source(row, i + 1)));
  out.push("");
}
if (showSql) {
  for (const sql of ofKind("sql")) out.push(bold("SQL"), ...(sql.text ?? "").split("\n").map((line) => `  ${line}`), "");
}
// what to ask next, as a follow-up: ./dev ask --previous "<this question>" "<one of these>"
const suggestions = ofKind("suggestion");
if (suggestions.length) out.push(...suggestions.map((row) => `Ask next: ${row.text ?? ""}`), "");
while (out.at(-1) === "") out.pop();
console.log(out.join("\n"));
