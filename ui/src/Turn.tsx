import { lazy, Suspense, useState } from "react";
import type { AnswerMetadata, ChatMessage, Failure, Feedback, Rating, Row } from "./chat";
import { dimensionLabel, dimensionsOf, metricLabel } from "./format";
import { NumbersTable } from "./Numbers";
import { explanation, shownSql } from "./sql";

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
  /** questions to ask next: after an answer, or what can be asked instead of a declined one */
  suggestions: Row[];
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
  const rows = (type: "data-number" | "data-citation" | "data-sql" | "data-notice" | "data-suggestion") => parts.flatMap((part) => (part.type === type ? [part.data] : []));
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
    suggestions: rows("data-suggestion").slice(0, SUGGESTIONS_SHOWN),
    done: metadata?.status === "done" ? metadata : undefined,
    failure,
    feedback: metadata?.feedback,
  };
}

/** The charting library is most of the page's weight: it loads with the first chart, not before the first answer. */
const Chart = lazy(() => import("./Chart").then((module) => ({ default: module.Chart })));

/** The engine sends up to three; the page never shows more, whatever a newer engine sends. */
const SUGGESTIONS_SHOWN = 3;

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

/** A record's fields as the card shows them, in this order; the rest follow as they come. */
const CARD_FIELDS = ["project", "program", "team", "date"];

function Citation({ anchor, row, index, open, onToggle }: { anchor: string; row: Row; index: number; open: boolean; onToggle: () => void }) {
  const { title, ...fields } = dimensionsOf(row);
  const [kind, id] = (row.source ?? "").split(":", 2);
  // the snippet of a record whose text begins with its title would say it twice
  const body = title && row.text?.startsWith(title) ? row.text.slice(title.length).trimStart() : (row.text ?? "");
  const line = CARD_FIELDS.flatMap((key) => (fields[key] ? [fields[key]] : []));
  const rest = Object.entries(fields).filter(([key]) => !CARD_FIELDS.includes(key));
  return (
    <li className={open ? "citation open" : "citation"} id={anchor} data-testid="citation">
      <button type="button" aria-expanded={open} onClick={onToggle}>
        <span className="cite-number">[{index}]</span>
        <span className="cite-card">
          <span className="cite-head">
            <span className="cite-kind">{dimensionLabel(kind)}</span>
            <span className="cite-title">{title ?? row.source}</span>
          </span>
          {line.length > 0 && <span className="cite-line">{line.join(" · ")}</span>}
        </span>
      </button>
      {open && (
        <div className="cite-body" data-testid="citation-snippet">
          <p>{body}</p>
          <dl className="cite-fields">
            <div className="cite-field">
              <dt>{dimensionLabel(kind)}</dt>
              <dd>
                <code>{id}</code>
              </dd>
            </div>
            {[...CARD_FIELDS.flatMap((key): [string, string][] => (fields[key] ? [[key, fields[key]]] : [])), ...rest].map(([key, value]) => (
              <div key={key} className="cite-field">
                <dt>{dimensionLabel(key)}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
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

/** The statements behind the numbers, their parameters in place, each with what it computed in words. */
function SqlDisclosure({ sql, numbers }: { sql: Row[]; numbers: Map<string, Row[]> }) {
  // a statement per metric query, in the order of their numbers, when every query gave some
  const labels = numbers.size === sql.length ? [...numbers.values()].map((rows) => metricLabel(rows[0])) : [];
  return (
    <details className="sql" data-testid="sql">
      <summary>SQL behind the numbers</summary>
      {sql.map((row, i) => {
        const shown = shownSql(row.text ?? "");
        return (
          <div key={row.seq}>
            <p className="sql-explained" data-testid="sql-explained">
              {explanation(shown, labels[i])}
            </p>
            <pre>{shown.sql}</pre>
          </div>
        );
      })}
    </details>
  );
}

/** Questions to ask next, as buttons; a click asks one in this conversation. */
function Suggestions({ rows, onAsk }: { rows: Row[]; onAsk?: (question: string) => void }) {
  return (
    <section className="suggestions" aria-label="Suggested questions" data-testid="suggestions">
      {rows.map((row) => (
        <button key={row.seq} type="button" className="example" disabled={!onAsk} onClick={() => onAsk?.(row.text ?? "")}>
          {row.text}
        </button>
      ))}
    </section>
  );
}

/**
 * onRetry asks the turn's question again; absent while another answer streams. onRate is absent unless the answer
 * finished. onAsk asks a suggested question next; absent while an answer streams.
 */
export function Turn({
  turn,
  onRetry,
  onRate,
  onAsk,
}: {
  turn: TurnState;
  onRetry?: () => void;
  onRate?: (feedback: Feedback) => Promise<void>;
  onAsk?: (question: string) => void;
}) {
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

  const numbers = byMetric(turn.numbers);

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
      {[...numbers].map(([metric, rows]) => (
        <section key={metric} className="numbers">
          {/* drawn once the numbers are all in: a chart redrawn for every arriving number would move under the reader */}
          {turn.status !== "streaming" && (
            <Suspense fallback={<div className="chart-loading" />}>
              <Chart rows={rows} />
            </Suspense>
          )}
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
      {turn.sql.length > 0 && <SqlDisclosure sql={turn.sql} numbers={numbers} />}
      {turn.suggestions.length > 0 && turn.status !== "streaming" && <Suggestions rows={turn.suggestions} onAsk={onAsk} />}
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
