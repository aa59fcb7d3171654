// Virtual users for the SSE proxy, shared by the load benchmark (bench-proxy.mjs) and the soak (soak.mjs): each user
// has a token of its own and asks one question after another (/ask), or holds one conversation after another
// (/api/chat); the time to the first event (the first visible content for /api/chat) and to the end is measured from
// the moment the request is sent.

// Number questions, and questions whose answers cite the text the embed job put in pgvector.
export const QUESTIONS = [
  "What is the budget variance by program this quarter?",
  "How is velocity trending by month this year?",
  "What is the MTTR by team this quarter?",
  "How many open risks are there by severity?",
  "What is the burn rate by program this quarter?",
  "What is the say do ratio by team this quarter?",
];
export const QUESTIONS_WITH_CITATIONS = [
  "Which programs are over budget this quarter, and why?",
  "What are the biggest risks to Apollo?",
];

export async function askOnce(url, token, question) {
  const start = performance.now();
  let first = null;
  try {
    const response = await fetch(`${url}/ask`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
      body: JSON.stringify({ question }),
    });
    if (response.status !== 200) return { start, error: `HTTP ${response.status}` };
    const decoder = new TextDecoder();
    let text = "";
    for await (const chunk of response.body) {
      text += decoder.decode(chunk, { stream: true });
      // Any event line counts as the first event; heartbeats are comments and do not.
      if (first === null && /^event: /m.test(text)) first = performance.now() - start;
      if (/^event: done$/m.test(text)) return { start, first, done: performance.now() - start };
      const error = /^event: error\nid: \d+\ndata: (.*)$/m.exec(text);
      if (error) return { start, error: JSON.parse(error[1]).name };
    }
    return { start, error: "stream ended without done" };
  } catch (e) {
    return { start, error: String(e.cause?.code ?? e.message) };
  }
}

// Conversations for POST /api/chat: a question, then follow-ups that are read with it ("and for Falcon?").
export const CONVERSATIONS = [
  ["What is the budget variance % for Apollo this quarter?", "and for Falcon?", "and last quarter?"],
  ["What is the MTTR by program this quarter?", "by team instead", "show the top 3"],
  ["What is the budget variance by program this quarter?", "and last quarter?"],
  ["How is velocity trending by month this year?", "by team instead"],
  ["What is the burn rate by program this quarter?", "and for Apollo, by project?"],
];

let conversations = 0;

// One turn of a conversation through /api/chat, as useChat's transport posts it (the user messages, the last the
// question). First visible content is the first part the page draws from: a text-delta or a data-number.
export async function chatOnce(url, token, id, questions) {
  const start = performance.now();
  let first = null;
  const messages = questions.map((text, i) => ({ id: `q${i + 1}`, role: "user", parts: [{ type: "text", text }] }));
  try {
    const response = await fetch(`${url}/api/chat`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
      body: JSON.stringify({ id, trigger: "submit-message", messages }),
    });
    if (response.status !== 200) return { start, error: `HTTP ${response.status}` };
    const decoder = new TextDecoder();
    let buffer = "";
    for await (const bytes of response.body) {
      buffer += decoder.decode(bytes, { stream: true });
      let end;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const event = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = /^data: (.*)$/m.exec(event)?.[1];
        if (data === undefined) continue;
        if (data === "[DONE]") return { start, first, done: performance.now() - start };
        const chunk = JSON.parse(data);
        if (first === null && (chunk.type === "text-delta" || chunk.type === "data-number")) first = performance.now() - start;
        if (chunk.type === "error") return { start, error: chunk.errorText.split(":")[0] };
      }
    }
    return { start, error: "stream ended without [DONE]" };
  } catch (e) {
    return { start, error: String(e.cause?.code ?? e.message) };
  }
}

// `users` users each hold one conversation after another (each starting at its own), asking its questions in turn,
// every one a request of its own with the earlier questions, until `seconds` have passed. Only complete turns count;
// an answer with no visible content counts as an error.
export async function runConversations(url, tokens, users, seconds, conversationList = CONVERSATIONS) {
  const deadline = performance.now() + seconds * 1000;
  const results = [];
  await Promise.all(
    Array.from({ length: users }, async (_, user) => {
      for (let i = user; performance.now() < deadline; i++) {
        const conversation = conversationList[i % conversationList.length];
        const id = `bench-${process.pid}-${++conversations}`;
        for (let turn = 1; turn <= conversation.length && performance.now() < deadline; turn++) {
          const result = await chatOnce(url, tokens[user], id, conversation.slice(0, turn));
          results.push(result.error || result.first !== null ? result : { start: result.start, error: "no visible content" });
        }
      }
    }),
  );
  return results;
}

// `users` users ask `questions` round-robin (each starting at its own offset) until `seconds` have passed.
export async function runUsers(url, tokens, users, seconds, questions) {
  const deadline = performance.now() + seconds * 1000;
  const results = [];
  await Promise.all(
    Array.from({ length: users }, async (_, user) => {
      for (let i = user; performance.now() < deadline; i++) {
        results.push(await askOnce(url, tokens[user], questions[i % questions.length]));
      }
    }),
  );
  return results;
}

// The first questions load the engine's vocabulary and JIT-compile both servers.
export async function warmUp(url, token, questions) {
  for (let i = 0; i < 2 * questions.length; i++) await askOnce(url, token, questions[i % questions.length]);
}

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export const TABLE_HEADER =
  "| questions | questions/s | first event p50 ms | p95 | p99 | done p50 ms | p95 | p99 | errors |\n" +
  "|---:|---:|---:|---:|---:|---:|---:|---:|---|";

// One Markdown row (without the leading "| ") over `results` answered in `seconds`.
export function tableRow(results, seconds) {
  const ok = results.filter((r) => !r.error);
  const first = ok.map((r) => r.first).sort((a, b) => a - b);
  const done = ok.map((r) => r.done).sort((a, b) => a - b);
  const errors = results.filter((r) => r.error);
  const kinds = [...new Set(errors.map((r) => r.error))].join(", ");
  const ms = (v) => (Number.isNaN(v) ? "–" : Math.round(v).toString());
  return `${results.length} | ${(results.length / seconds).toFixed(1)} | ${ms(percentile(first, 50))} | ${ms(percentile(first, 95))} | ${ms(percentile(first, 99))} | ${ms(percentile(done, 50))} | ${ms(percentile(done, 95))} | ${ms(percentile(done, 99))} | ${errors.length}${kinds ? ` (${kinds})` : ""} |`;
}
