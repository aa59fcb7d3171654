import { useState } from "react";
import type { Done, Failure, Row } from "./stream";
import { Chart } from "./Chart";
import { dimensionsOf, formatValue, metricLabel } from "./format";

export interface TurnState {
  id: number;
  question: string;
  status: "streaming" | "done" | "error" | "stopped";
  restatement: Row[];
  numbers: Row[];
  citations: Row[];
  answer: Row[];
  sql: Row[];
  notices: Row[];
  done?: Done;
  failure?: Failure;
}

function byMetric(rows: Row[]): Map<string, Row[]> {
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    const key = row.metric ?? "";
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  return groups;
}

function NumbersTable({ rows }: { rows: Row[] }) {
  const keys = [...new Set(rows.flatMap((row) => Object.keys(dimensionsOf(row))))];
  return (
    <div className="table-wrap">
      <table data-testid="numbers">
        <caption>{metricLabel(rows[0].metric)}</caption>
        <thead>
          <tr>
            {keys.map((key) => (
              <th key={key} scope="col">
                {key.replace(/_/g, " ")}
              </th>
            ))}
            <th scope="col" className="num">
              value
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.seq}>
              {keys.map((key) => (
                <td key={key}>{dimensionsOf(row)[key] ?? ""}</td>
              ))}
              <td className="num">{formatValue(row.value, row.unit)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Citation({ row, index, open, onToggle }: { row: Row; index: number; open: boolean; onToggle: () => void }) {
  const meta = Object.entries(dimensionsOf(row));
  return (
    <li className={open ? "citation open" : "citation"} id={`cite-${row.seq}`} data-testid="citation">
      <button type="button" aria-expanded={open} onClick={onToggle}>
        <span className="cite-number">[{index}]</span>
        <span className="cite-source">{row.source}</span>
        {row.score !== null && <span className="cite-score">{row.score.toFixed(2)}</span>}
      </button>
      {open && (
        <div className="cite-body" data-testid="citation-snippet">
          <p>{row.text}</p>
          <p className="cite-meta">
            source row <code>{row.source}</code>
            {meta.map(([key, value]) => ` · ${key}: ${value}`).join("")}
          </p>
        </div>
      )}
    </li>
  );
}

/** Answer text with its [n] markers as links that open citation n. */
function AnswerText({ rows, onCite }: { rows: Row[]; onCite: (n: number) => void }) {
  // a model streams fragments that carry their own spaces; the offline answer streams whole sentences
  const text = rows.map((row) => row.text ?? "").reduce((joined, next) => (/[.!?:]$/.test(joined) && /^\S/.test(next) ? `${joined} ${next}` : joined + next), "");
  const parts = text.split(/(\[\d+\])/);
  return (
    <div className="answer" data-testid="answer" aria-live="polite">
      {parts.map((part, i) => {
        const cite = /^\[(\d+)\]$/.exec(part);
        return cite ? (
          <button key={i} type="button" className="cite-link" onClick={() => onCite(Number(cite[1]))}>
            {part}
          </button>
        ) : (
          <span key={i}>{part}</span>
        );
      })}
    </div>
  );
}

/** onRetry asks the turn's question again; absent while another answer streams. */
export function Turn({ turn, onRetry }: { turn: TurnState; onRetry?: () => void }) {
  const [open, setOpen] = useState<Set<number>>(new Set());
  const toggle = (n: number) =>
    setOpen((current) => {
      const next = new Set(current);
      if (next.has(n)) next.delete(n);
      else next.add(n);
      return next;
    });
  const openCitation = (n: number) => {
    setOpen((current) => new Set(current).add(n));
    document.getElementById(`cite-${turn.citations[n - 1]?.seq}`)?.scrollIntoView({ block: "nearest" });
  };

  return (
    <article className="turn" data-testid="turn" data-status={turn.status}>
      <h2 className="question">{turn.question}</h2>
      {turn.notices.map((row) => (
        <p key={row.seq} className="notice" role="status" data-testid="notice">
          {row.text}
        </p>
      ))}
      {turn.restatement.length > 0 && (
        <p className="restatement" data-testid="restatement">
          {turn.restatement.map((row) => row.text).join(" ")}
        </p>
      )}
      {turn.answer.length > 0 && <AnswerText rows={turn.answer} onCite={openCitation} />}
      {[...byMetric(turn.numbers)].map(([metric, rows]) => (
        <section key={metric} className="numbers">
          <Chart rows={rows} />
          <NumbersTable rows={rows} />
        </section>
      ))}
      {turn.citations.length > 0 && (
        <section>
          <h3>Sources</h3>
          <ol className="citations">
            {turn.citations.map((row, i) => (
              <Citation key={row.seq} row={row} index={i + 1} open={open.has(i + 1)} onToggle={() => toggle(i + 1)} />
            ))}
          </ol>
        </section>
      )}
      {turn.sql.length > 0 && (
        <details className="sql" data-testid="sql">
          <summary>SQL behind the numbers</summary>
          {turn.sql.map((row) => (
            <pre key={row.seq}>{row.text}</pre>
          ))}
        </details>
      )}
      {turn.failure && (
        <p className="error" role="alert" data-testid="error">
          <strong>{turn.failure.name}</strong> {turn.failure.message}
          {onRetry && (
            <button type="button" className="retry" onClick={onRetry}>
              Ask again
            </button>
          )}
        </p>
      )}
      <footer className="status">
        {turn.status === "streaming" && <span className="spinner" aria-label="answering" />}
        {turn.status === "stopped" && <span data-testid="stopped">Stopped.</span>}
        {turn.done && (
          <span data-testid="timings">
            {turn.done.rows} rows · first after {turn.done.firstRowMs ?? "–"} ms · done in {turn.done.totalMs} ms
          </span>
        )}
      </footer>
    </article>
  );
}
