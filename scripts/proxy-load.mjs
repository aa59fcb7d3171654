// Virtual users for the SSE proxy, shared by the load benchmark (bench-proxy.mjs) and the soak (soak.mjs): each user
// has a token of its own and asks one question after another; the time to the first event and to `done` is measured
// from the moment the request is sent.

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
