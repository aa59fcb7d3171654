// The SQL row as the engine writes it (CompiledQuery.display): the statement with ? placeholders, then
// "-- period: ..." and one "-- $n = value" line per parameter. For display only: it is never run.

export interface ShownSql {
  /** the statement with each placeholder replaced by its parameter as a SQL literal */
  sql: string;
  /** the period the statement covers, in words, as the engine put it */
  period?: string;
}

const PARAMETER = /^-- \$(\d+) = (.*)$/;

/** A parameter as a literal: numbers as they are, a day as DATE '...', a list as ARRAY[...], text quoted. */
function literal(value: string): string {
  const list = /^\{(.*)\}$/.exec(value);
  if (list) return `ARRAY[${list[1] === "" ? "" : list[1].split(", ").map(quoted).join(", ")}]`;
  if (/^-?\d+(\.\d+)?(E-?\d+)?$/i.test(value) || value === "true" || value === "false") return value;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return `DATE ${quoted(value)}`;
  return quoted(value);
}

function quoted(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

export function shownSql(text: string): ShownSql {
  const lines = text.split("\n");
  const parameters = new Map<number, string>();
  let period: string | undefined;
  const statement: string[] = [];
  for (const line of lines) {
    const parameter = PARAMETER.exec(line);
    if (parameter) parameters.set(Number(parameter[1]), parameter[2]);
    else if (line.startsWith("-- period: ")) period = line.slice("-- period: ".length);
    else statement.push(line);
  }
  // placeholders outside quoted text, in order; a quoted '?' (a format string) stays
  let n = 0;
  const sql = statement.join("\n").replace(/'(?:[^']|'')*'|\?/g, (match) => {
    if (match !== "?") return match;
    n += 1;
    const value = parameters.get(n);
    return value === undefined ? match : literal(value);
  });
  return { sql, period };
}

/**
 * What a statement computed, in one line of words: "Budget variance % per program from star.fact_budget, this
 * quarter (2026-10-01 to 2026-12-31), largest first."
 *
 * @param label the metric's label, when it is known which metric the statement computes
 */
export function explanation(shown: ShownSql, label: string | undefined): string {
  const select = /^SELECT ([\s\S]*?) AS value\b/.exec(shown.sql)?.[1] ?? "";
  const groups = [...select.matchAll(/ AS ([a-z_]+)\s*(?:,|$)/g)].map((match) => match[1].replace(/_/g, " "));
  const table = /\bFROM (\S+) AS f\b/.exec(shown.sql)?.[1];
  const order = /ORDER BY value (DESC|ASC)/.exec(shown.sql)?.[1];
  const what = label ? label.charAt(0).toUpperCase() + label.slice(1) : "The value";
  return (
    [
      `${what}${groups.length ? ` per ${groups.join(" and ")}` : ""}${table ? ` from ${table}` : ""}`,
      shown.period,
      order === "DESC" ? "largest first" : order === "ASC" ? "smallest first" : undefined,
    ]
      .filter(Boolean)
      .join(", ") + "."
  );
}
