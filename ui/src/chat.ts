// The proxy's conversations: POST /api/chat read by useChat (the AI SDK's UI message stream, docs/chat.md), and
// /api/conversations for the history and the feedback. The token goes as a bearer header with every request.
import { DefaultChatTransport, type UIMessage } from "ai";

export type Kind = "number" | "citation" | "answer" | "sql" | "notice" | "suggestion";

/**
 * A row of ai.system.ask, as the data of a data-number, data-citation, data-sql, data-notice or data-suggestion part.
 * A number's text is its metric's label as the semantic model names it; a citation's dimensions hold its record's
 * fields and title; a suggestion's text is a question to ask next.
 */
export interface Row {
  kind: Kind;
  seq: number;
  text: string | null;
  metric: string | null;
  value: number | null;
  unit: string | null;
  dimensions: Record<string, string> | string | null;
  source: string | null;
  score: number | null;
  /** a number's metric's direction in the semantic model; null when it has none (absent in answers kept before it was sent) */
  higher_is_better?: boolean | null;
}

export interface Failure {
  code: number;
  name: string;
  message: string;
  queryId?: string;
}

export type Rating = "up" | "down";

export interface Feedback {
  rating: Rating;
  comment?: string | null;
}

/** How an answer ended (the finish chunk's metadata), and its feedback once rated. */
export interface AnswerMetadata {
  status?: "done" | "error" | "stopped";
  rows?: number;
  firstRowMs?: number | null;
  totalMs?: number;
  queryId?: string;
  feedback?: Feedback;
}

export type AnswerData = {
  restatement: { text: string };
  number: Row;
  citation: Row;
  sql: Row;
  notice: Row;
  suggestion: Row;
  failure: Failure;
};

export type ChatMessage = UIMessage<AnswerMetadata, AnswerData>;

export interface ConversationSummary {
  id: string;
  title: string;
  updatedAt: string;
  questions: number;
}

/** What Trino is given of the conversation: the question and at most ten earlier ones. */
const QUESTIONS_SENT = 11;

/**
 * useChat's transport to /api/chat. Only the latest user messages are sent: the proxy reads nothing else, and the
 * answers would soon make a long conversation's request larger than the proxy takes.
 */
export function chatTransport(token: () => string) {
  return new DefaultChatTransport<ChatMessage>({
    api: "/api/chat",
    headers: () => ({ Authorization: `Bearer ${token()}` }),
    prepareSendMessagesRequest: ({ id, messages, trigger, messageId }) => ({
      body: { id, trigger, messageId, messages: messages.filter((message) => message.role === "user").slice(-QUESTIONS_SENT) },
    }),
  });
}

/** A request the proxy refused before answering (401, 429, 400, 503), as its JSON body says. */
export interface Refusal {
  error: string;
  message: string;
  retryAfterSeconds?: number;
}

/** useChat reports a refused request as an Error whose message is the response body. */
export function refusalOf(error: Error): Refusal | null {
  try {
    const body = JSON.parse(error.message);
    return typeof body?.error === "string" && typeof body?.message === "string" ? body : null;
  } catch {
    return null;
  }
}

async function api<T>(path: string, token: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(path, { ...init, headers: { ...init.headers, Authorization: `Bearer ${token}`, "Content-Type": "application/json" } });
  if (!response.ok) throw new Error(`${response.status} ${await response.text()}`);
  return response.json();
}

export async function listConversations(token: string): Promise<ConversationSummary[]> {
  return (await api<{ conversations: ConversationSummary[] }>("/api/conversations", token)).conversations;
}

/** The conversation's messages, or null when the caller has none with this id. */
export async function loadConversation(id: string, token: string): Promise<ChatMessage[] | null> {
  const response = await fetch(`/api/conversations/${encodeURIComponent(id)}`, { headers: { Authorization: `Bearer ${token}` } });
  if (response.status === 404) return null;
  if (!response.ok) throw new Error(`${response.status} ${await response.text()}`);
  return (await response.json()).messages;
}

export async function sendFeedback(conversationId: string, messageId: string, feedback: Feedback, token: string): Promise<void> {
  await api(`/api/conversations/${encodeURIComponent(conversationId)}/messages/${encodeURIComponent(messageId)}/feedback`, token, {
    method: "POST",
    body: JSON.stringify(feedback),
  });
}
