import { useState } from "react";
import type { AnswerMetadata, ChatMessage, Failure, Feedback, Rating, Row } from "./chat";
import { Chart } from "./Chart";
import { dimensionsOf, formatValue, metricLabel } from "./format";

export interface TurnState {
  /** the question's message id */
  id: string;
  question: string;
  /** the answer's message id, once it has begun */
  answerId?: string;
  status: "streaming" | "done" | "error" | "stopped";
  restatement: string;
  numbers: Row[];
  citations: Row[];
  answer: string;
  sql: Row[];
  notices: Row[];
  done?: AnswerMetadata;
  failure?: Failure;
  feedback?: Feedback;
}

/**
 * A question and its answer as the page shows them, from the user message and the assistant message after it.
 *
 * @param streaming whether this answer is still arriving
 * @param lost why the answer ended without the stream saying so (the connection broke), if it did
 */
export function turnOf(question: ChatMessage, answer: ChatMessage | undefined, streaming: boolean, lost?: Failure): TurnState {
  const parts = answer?.parts ?? [];
  const rows = (type: "data-number" | "data-citation" | "data-sql" | "data-notice") => parts.flatMap((part) => (part.type === type ? [part.data] : []));
  const failure = parts.flatMap((part) => (part.type === "data-failure" ? [part.data] : []))[0] ?? lost;
  const metadata = answer?.metadata;
  const status = streaming ? "streaming" : failure || metadata?.status === "error" ? "error" : metadata?.status === "done" ? "done" : "stopped";
  return {
    id: question.id,
    question: textOf(question),
    answerId: answer?.id,
    status,
    restatement: parts.flatMap((part) => (part.type === "data-restatement" ? [part.data.text] : [])).join(" "),
    numbers: rows("data-number"),
    citations: rows("data-citation"),
    answer: answer ? textOf(answer) : "",
    sql: rows("data-sql"),
    notices: rows("data-notice"),
    done: metadata?.status === "done" ? metadata : undefined,
    failure,
    feedback: metadata?.feedback,
  };
}

export function textOf(message: ChatMessage): string {
  return message.parts.map((part) => (part.type === "text" ? part.text : "")).join("");
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

function Citation({ anchor, row, index, open, onToggle }: { anchor: string; row: Row; index: number; open: boolean; onToggle: () => void }) {
  const meta = Object.entries(dimensionsOf(row));
  return (
    <li className={open ? "citation open" : "citation"} id={anchor} data-testid="citation">
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
function AnswerText({ text, onCite }: { text: string; onCite: (n: number) => void }) {
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

/** A thumb drawn as a path, as the browser may have no emoji font; the style sheet turns it down. */
function Thumb() {
  return (
    <svg viewBox="0 0 24 24" aria-hidden="true">
      <path d="M7 10v11H3V10h4zm0 0 4-8c1.7 0 3 1.3 3 3v4h5.5c1.2 0 2.1 1.1 1.9 2.3l-1.4 8A2 2 0 0 1 18 21H7" />
    </svg>
  );
}

/** Thumbs up or down on an answer; down asks what was wrong, which is optional. */
function FeedbackButtons({ given, onRate }: { given?: Feedback; onRate: (feedback: Feedback) => Promise<void> }) {
  const [rating, setRating] = useState<Rating | undefined>(given?.rating);
  const [comment, setComment] = useState(given?.comment ?? "");
  const [asking, setAsking] = useState(false);
  const [kept, setKept] = useState<string | null>(null);
  const rate = async (next: Rating) => {
    setRating(next);
    setAsking(next === "down");
    try {
      await onRate({ rating: next });
      setKept(next === "up" ? "Thanks, noted." : null);
    } catch (e) {
      setKept(`Not kept: ${String(e)}`);
    }
  };
  const sendComment = async () => {
    try {
      await onRate({ rating: "down", comment });
      setAsking(false);
      setKept("Thanks, your comment is kept with the answer.");
    } catch (e) {
      setKept(`Not kept: ${String(e)}`);
    }
  };
  return (
    <div className={asking ? "feedback asking" : "feedback"} data-testid="feedback">
      <button type="button" className="thumb" aria-label="Good answer" title="Good answer" aria-pressed={rating === "up"} onClick={() => rate("up")}>
        <Thumb />
      </button>
      <button type="button" className="thumb down" aria-label="Bad answer" title="Bad answer" aria-pressed={rating === "down"} onClick={() => rate("down")}>
        <Thumb />
      </button>
      {asking && (
        <form
          className="comment"
          onSubmit={(event) => {
            event.preventDefault();
            sendComment();
          }}
        >
          <input aria-label="What was wrong?" placeholder="What was wrong? (optional)" value={comment} maxLength={2000} onChange={(event) => setComment(event.target.value)} />
          <button type="submit">Send</button>
        </form>
      )}
      {kept && (
        <span className="kept" role="status">
          {kept}
        </span>
      )}
    </div>
  );
}

/** onRetry asks the turn's question again; absent while another answer streams. onRate is absent unless the answer finished. */
export function Turn({ turn, onRetry, onRate }: { turn: TurnState; onRetry?: () => void; onRate?: (feedback: Feedback) => Promise<void> }) {
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
    document.getElementById(`cite-${turn.id}-${turn.citations[n - 1]?.seq}`)?.scrollIntoView({ block: "nearest" });
  };

  return (
    <article className="turn" data-testid="turn" data-status={turn.status}>
      <h2 className="question">{turn.question}</h2>
      {turn.notices.map((row) => (
        <p key={row.seq} className="notice" role="status" data-testid="notice">
          {row.text}
        </p>
      ))}
      {turn.restatement && (
        <p className="restatement" data-testid="restatement">
          {turn.restatement}
        </p>
      )}
      {turn.answer && <AnswerText text={turn.answer} onCite={openCitation} />}
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
              <Citation key={row.seq} anchor={`cite-${turn.id}-${row.seq}`} row={row} index={i + 1} open={open.has(i + 1)} onToggle={() => toggle(i + 1)} />
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
        {onRate && turn.answerId && <FeedbackButtons given={turn.feedback} onRate={onRate} />}
      </footer>
    </article>
  );
}
