// Load generator for the SSE proxy, on loopback: N virtual users, each with a token of its own, ask questions one
// after another for a fixed time; the time to the first event and to `done` is measured from the moment the request
// is sent. Usage: node scripts/bench-proxy.mjs URL TOKENS_JSON SECONDS USERS...   (writes a Markdown table to stdout)
const [url, tokensJson, secondsText, ...levels] = process.argv.slice(2);
const tokens = JSON.parse(tokensJson);
const seconds = Number(secondsText);
// Questions with numbers only: those with citations need the embed job's vector table.
const questions = [
  "What is the budget variance by program this quarter?",
  "How is velocity trending by month this year?",
  "What is the MTTR by team this quarter?",
  "How many open risks are there by severity?",
  "What is the burn rate by program this quarter?",
  "What is the say do ratio by team this quarter?",
];

async function askOnce(token, question) {
  const start = performance.now();
  let first = null;
  try {
    const response = await fetch(`${url}/ask`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
      body: JSON.stringify({ question }),
    });
    if (response.status !== 200) return { error: `HTTP ${response.status}` };
    const decoder = new TextDecoder();
    let text = "";
    for await (const chunk of response.body) {
      text += decoder.decode(chunk, { stream: true });
      // Any event line counts as the first event; heartbeats are comments and do not.
      if (first === null && /^event: /m.test(text)) first = performance.now() - start;
      if (/^event: done$/m.test(text)) return { first, done: performance.now() - start };
      const error = /^event: error\nid: \d+\ndata: (.*)$/m.exec(text);
      if (error) return { error: JSON.parse(error[1]).name };
    }
    return { error: "stream ended without done" };
  } catch (e) {
    return { error: String(e.cause?.code ?? e.message) };
  }
}

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function level(users) {
  const deadline = performance.now() + seconds * 1000;
  const results = [];
  await Promise.all(
    Array.from({ length: users }, async (_, user) => {
      for (let i = user; performance.now() < deadline; i++) {
        results.push(await askOnce(tokens[user], questions[i % questions.length]));
      }
    }),
  );
  const ok = results.filter((r) => !r.error);
  const first = ok.map((r) => r.first).sort((a, b) => a - b);
  const done = ok.map((r) => r.done).sort((a, b) => a - b);
  const errors = results.filter((r) => r.error);
  const kinds = [...new Set(errors.map((r) => r.error))].join(", ");
  const ms = (v) => (Number.isNaN(v) ? "–" : Math.round(v).toString());
  return `| ${users} | ${results.length} | ${(results.length / seconds).toFixed(1)} | ${ms(percentile(first, 50))} | ${ms(percentile(first, 95))} | ${ms(percentile(first, 99))} | ${ms(percentile(done, 50))} | ${ms(percentile(done, 95))} | ${ms(percentile(done, 99))} | ${errors.length}${kinds ? ` (${kinds})` : ""} |`;
}

// Warm-up: the first questions load the engine's vocabulary and JIT-compile both servers.
for (let i = 0; i < 2 * questions.length; i++) await askOnce(tokens[0], questions[i % questions.length]);

console.log("| users | questions | questions/s | first event p50 ms | p95 | p99 | done p50 ms | p95 | p99 | errors |");
console.log("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
for (const users of levels.map(Number)) console.log(await level(users));
