import { useChat } from "@ai-sdk/react";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { chatTransport, refusalOf, sendFeedback, type ChatMessage, type Failure } from "./chat";
import { textOf, Turn, turnOf, type TurnState } from "./Turn";

const EXAMPLES = [
  "Which programs are over budget this quarter, and why?",
  "What is the budget variance by program this quarter?",
  "How is velocity trending by month this year?",
  "What is the MTTR by team this quarter?",
  "Which milestones are overdue, by program?",
];

interface Props {
  id: string;
  initial: ChatMessage[];
  token: string;
  onToken: (token: string) => void;
  /** a question was sent: the conversation now exists on the server */
  onAsked: () => void;
  /** an answer ended, however */
  onAnswered: () => void;
}

/** One conversation on useChat: its turns, and the box to ask the next question in. */
export function Conversation({ id, initial, token, onToken, onAsked, onAnswered }: Props) {
  const tokenRef = useRef(token);
  tokenRef.current = token;
  const transport = useMemo(() => chatTransport(() => tokenRef.current), []);
  const { messages, setMessages, sendMessage, regenerate, stop, status, error, clearError } = useChat<ChatMessage>({
    id,
    messages: initial,
    transport,
    onFinish: onAnswered,
  });
  const [question, setQuestion] = useState("");
  const [refusal, setRefusal] = useState<string | null>(null);
  const end = useRef<HTMLDivElement>(null);
  const busy = status === "submitted" || status === "streaming";

  const send = useCallback(
    (text: string) => {
      const asked = text.trim();
      if (!asked || busy) return;
      setRefusal(null);
      setQuestion("");
      onAsked();
      sendMessage({ text: asked });
    },
    [busy, onAsked, sendMessage],
  );

  // A refused request (401, 429, ...) leaves no answer: the question goes back into the box, with the reason.
  useEffect(() => {
    const refused = error && refusalOf(error);
    if (!refused) return;
    const last = messages.at(-1);
    if (last?.role === "user") {
      setMessages(messages.slice(0, -1));
      setQuestion(textOf(last));
    }
    setRefusal(
      refused.error === "unauthorized"
        ? "Your access token was not accepted: paste a valid one below."
        : refused.message + (refused.retryAfterSeconds ? ` Try again in ${refused.retryAfterSeconds} s.` : ""),
    );
    clearError();
  }, [error, messages, setMessages, clearError]);

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
  }, [messages]);

  const lastQuestion = messages.findLastIndex((message) => message.role === "user");
  // A stream that broke off without the proxy's failure part (the connection went) fails the last answer.
  const lost: Failure | undefined = status === "error" && error && !refusalOf(error) ? { code: 0, name: "NETWORK", message: error.message } : undefined;
  const turns: TurnState[] = messages.flatMap((message, i) => {
    if (message.role !== "user") return [];
    const next = messages[i + 1];
    const last = i === lastQuestion;
    return [turnOf(message, next?.role === "assistant" ? next : undefined, last && busy, last ? lost : undefined)];
  });

  return (
    <>
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
        {turns.map((turn, i) => (
          <Turn
            key={turn.id}
            turn={turn}
            // The last answer is asked again in its place; an earlier one as a new question, which keeps what followed.
            onRetry={turn.status === "error" && !busy ? () => (i === turns.length - 1 ? regenerate() : send(turn.question)) : undefined}
            // only a finished answer is kept at once: a stopped one is kept when the proxy notices the client has gone
            onRate={turn.status === "done" && turn.answerId ? (feedback) => sendFeedback(id, turn.answerId!, feedback, token) : undefined}
            onAsk={busy ? undefined : send}
          />
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
          <input className="token" type="password" placeholder="Access token" aria-label="Access token" value={token} onChange={(event) => onToken(event.target.value)} />
        )}
        <div className="row">
          <textarea
            aria-label="Your question"
            placeholder={
              turns.length === 0
                ? "Ask about budgets, velocity, incidents, milestones… (Enter to send, Shift+Enter for a new line, Esc to stop)"
                : "Ask a follow-up, such as “and last quarter?” or “by team instead”"
            }
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
          {busy ? (
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
    </>
  );
}
