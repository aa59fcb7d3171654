import { useCallback, useEffect, useRef, useState } from "react";
import { ask, Refused, type Row } from "./stream";
import { Turn, type TurnState } from "./Turn";

const EXAMPLES = [
  "Which programs are over budget this quarter, and why?",
  "What is the budget variance by program this quarter?",
  "How is velocity trending by month this year?",
  "What is the MTTR by team this quarter?",
  "Which milestones are overdue, by program?",
];

const TOKEN_KEY = "trino-ai-token";

/** The answer rows before any number or citation restate what was computed (the row contract's first line). */
function isRestatement(turn: TurnState, row: Row): boolean {
  return row.kind === "answer" && turn.answer.length === 0 && turn.numbers.length === 0 && turn.citations.length === 0;
}

/** The token comes once in the URL (#token=..., as ./dev up prints it), then from local storage. */
function initialToken(): string {
  const fromUrl = new URLSearchParams(window.location.hash.slice(1)).get("token");
  if (fromUrl) {
    localStorage.setItem(TOKEN_KEY, fromUrl);
    history.replaceState(null, "", window.location.pathname);
    return fromUrl;
  }
  return localStorage.getItem(TOKEN_KEY) ?? "";
}

const GROUPS = { number: "numbers", citation: "citations", answer: "answer", sql: "sql", notice: "notices" } as const;

export function App() {
  const [token, setToken] = useState(initialToken);
  const [question, setQuestion] = useState("");
  const [turns, setTurns] = useState<TurnState[]>([]);
  const [refusal, setRefusal] = useState<string | null>(null);
  const controller = useRef<AbortController | null>(null);
  const nextId = useRef(1);
  const end = useRef<HTMLDivElement>(null);
  const streaming = turns.some((turn) => turn.status === "streaming");

  const update = useCallback((id: number, change: (turn: TurnState) => TurnState) => {
    setTurns((current) => current.map((turn) => (turn.id === id ? change(turn) : turn)));
  }, []);

  const stop = useCallback(() => controller.current?.abort(), []);

  const send = useCallback(
    async (text: string) => {
      const asked = text.trim();
      if (!asked || streaming) return;
      const id = nextId.current++;
      const abort = new AbortController();
      controller.current = abort;
      setRefusal(null);
      setQuestion("");
      setTurns((current) => [...current, { id, question: asked, status: "streaming", restatement: [], numbers: [], citations: [], answer: [], sql: [], notices: [] }]);
      try {
        await ask(
          asked,
          token,
          {
            row: (row: Row) => update(id, (turn) => (isRestatement(turn, row) ? { ...turn, restatement: [...turn.restatement, row] } : { ...turn, [GROUPS[row.kind]]: [...turn[GROUPS[row.kind]], row] })),
            done: (done) => update(id, (turn) => ({ ...turn, status: "done", done })),
            error: (failure) => update(id, (turn) => ({ ...turn, status: "error", failure })),
          },
          abort.signal,
        );
      } catch (e) {
        if (abort.signal.aborted) {
          update(id, (turn) => ({ ...turn, status: "stopped" }));
        } else if (e instanceof Refused) {
          setTurns((current) => current.filter((turn) => turn.id !== id));
          setQuestion(asked);
          setRefusal(e.status === 401 ? "Your access token was not accepted: paste a valid one below." : e.message + (e.retryAfterSeconds ? ` Try again in ${e.retryAfterSeconds} s.` : ""));
        } else {
          update(id, (turn) => ({ ...turn, status: "error", failure: { code: 0, name: "NETWORK", message: String(e) } }));
        }
      } finally {
        if (controller.current === abort) controller.current = null;
      }
    },
    [streaming, token, update],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") stop();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [stop]);

  // A block body: newer browsers return a promise from scrollIntoView, which React would take for a cleanup.
  useEffect(() => {
    end.current?.scrollIntoView({ block: "end" });
  }, [turns]);

  return (
    <div className="app">
      <header className="top">
        <h1>Ask the PMO data</h1>
        <p>Numbers come from SQL over the warehouse; the narrative cites the risks, milestones and OKRs behind them.</p>
      </header>

      <main className="turns">
        {turns.length === 0 && (
          <section className="examples" aria-label="Example questions">
            {EXAMPLES.map((example) => (
              <button key={example} type="button" className="example" onClick={() => send(example)}>
                {example}
              </button>
            ))}
          </section>
        )}
        {turns.map((turn) => (
          <Turn key={turn.id} turn={turn} onRetry={turn.status === "error" && !streaming ? () => send(turn.question) : undefined} />
        ))}
        <div ref={end} />
      </main>

      <form
        className="composer"
        onSubmit={(event) => {
          event.preventDefault();
          send(question);
        }}
      >
        {refusal && (
          <p className="error" role="alert" data-testid="refusal">
            {refusal}
          </p>
        )}
        {(!token || refusal?.includes("token")) && (
          <input
            className="token"
            type="password"
            placeholder="Access token"
            aria-label="Access token"
            value={token}
            onChange={(event) => {
              setToken(event.target.value);
              localStorage.setItem(TOKEN_KEY, event.target.value);
            }}
          />
        )}
        <div className="row">
          <textarea
            aria-label="Your question"
            placeholder="Ask about budgets, velocity, incidents, milestones… (Enter to send, Shift+Enter for a new line, Esc to stop)"
            value={question}
            rows={2}
            onChange={(event) => setQuestion(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === "Enter" && !event.shiftKey) {
                event.preventDefault();
                send(question);
              }
            }}
          />
          {streaming ? (
            <button type="button" className="stop" onClick={stop}>
              Stop
            </button>
          ) : (
            <button type="submit" className="send" disabled={!question.trim()}>
              Ask
            </button>
          )}
        </div>
      </form>
    </div>
  );
}
