// POST /ask and its Server-Sent Events, read with fetch and a ReadableStream: EventSource cannot POST or send an
// Authorization header.

export type Kind = "number" | "citation" | "answer" | "sql" | "notice";

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
}

export interface Done {
  rows: number;
  firstRowMs: number | null;
  totalMs: number;
  queryId?: string;
}

export interface Failure {
  code: number;
  name: string;
  message: string;
  queryId?: string;
}

export interface Handlers {
  row(row: Row): void;
  done(done: Done): void;
  error(failure: Failure): void;
}

/** A refusal before the stream started: 401, 429, 400. */
export class Refused extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

export interface SseEvent {
  event: string;
  data: string;
  id?: string;
}

/** Splits a growing text buffer into complete events; returns the events and the unfinished rest. */
export function parseEvents(buffer: string): { events: SseEvent[]; rest: string } {
  const events: SseEvent[] = [];
  const normalized = buffer.replace(/\r\n?/g, "\n");
  const blocks = normalized.split("\n\n");
  const rest = blocks.pop() ?? "";
  for (const block of blocks) {
    let event = "message";
    let id: string | undefined;
    const data: string[] = [];
    for (const line of block.split("\n")) {
      if (line === "" || line.startsWith(":")) continue; // comments are heartbeats
      const colon = line.indexOf(":");
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
      if (field === "event") event = value;
      else if (field === "data") data.push(value);
      else if (field === "id") id = value;
    }
    if (data.length > 0) events.push({ event, data: data.join("\n"), id });
  }
  return { events, rest };
}

const ROW_KINDS = new Set(["number", "citation", "answer", "sql", "notice"]);

export async function ask(question: string, token: string, handlers: Handlers, signal: AbortSignal): Promise<void> {
  const response = await fetch("/ask", {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
    body: JSON.stringify({ question }),
    signal,
  });
  if (!response.ok || !response.body) {
    let message = `${response.status} ${response.statusText}`;
    try {
      message = (await response.json()).message ?? message;
    } catch {
      // not JSON: keep the status line
    }
    const retry = Number(response.headers.get("Retry-After"));
    throw new Refused(response.status, message, Number.isFinite(retry) && retry > 0 ? retry : undefined);
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  let finished = false;
  while (!finished) {
    const { value, done } = await reader.read();
    if (done) break;
    const parsed = parseEvents(buffer + value);
    buffer = parsed.rest;
    for (const event of parsed.events) {
      const data = JSON.parse(event.data);
      if (event.event === "done") {
        handlers.done(data as Done);
        finished = true;
      } else if (event.event === "error") {
        handlers.error(data as Failure);
        finished = true;
      } else if (ROW_KINDS.has(event.event)) {
        // The event name decides where a row goes: the proxy sends a kind it does not know as a notice.
        handlers.row({ ...(data as Row), kind: event.event as Kind });
      }
    }
  }
  if (!finished) {
    handlers.error({ code: 0, name: "STREAM_ENDED", message: "The connection to the proxy ended before the answer was complete." });
  }
}
