// The soak's load and its timeline: USERS users ask without pause for SECONDS; the resources of both servers are
// sampled (by running SAMPLE_COMMAND, which prints one JSON object) after the warm-up, every SAMPLE_EVERY seconds
// under load, and once the load has stopped. Prints Markdown; exits 1 when a question failed or a resource grew.
// Usage: node scripts/soak.mjs URL TOKENS_JSON SECONDS USERS SAMPLE_EVERY SAMPLE_COMMAND
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { QUESTIONS, QUESTIONS_WITH_CITATIONS, TABLE_HEADER, runUsers, tableRow, warmUp } from "./proxy-load.mjs";

const [url, tokensJson, secondsText, usersText, sampleEveryText, sampleCommand] = process.argv.slice(2);
const tokens = JSON.parse(tokensJson);
const seconds = Number(secondsText);
const users = Number(usersText);
const sampleEvery = Number(sampleEveryText);
const questions = [...QUESTIONS, ...QUESTIONS_WITH_CITATIONS];
const run = promisify(execFile);

async function sample(label) {
  const { stdout } = await run("bash", ["-c", sampleCommand]);
  return { label, ...JSON.parse(stdout) };
}

await warmUp(url, tokens[0], questions);
const samples = [await sample("after warm-up")];
const loadStart = performance.now();
const sampler = (async () => {
  for (let at = sampleEvery; at < seconds; at += sampleEvery) {
    await new Promise((resolve) => setTimeout(resolve, loadStart + at * 1000 - performance.now()));
    samples.push(await sample(`${Math.round(at / 60)} min under load`));
  }
})();
const results = await runUsers(url, tokens, users, seconds, questions);
await sampler;
// Idle connections are let go and in-flight work ends before the last look.
await new Promise((resolve) => setTimeout(resolve, 5000));
samples.push(await sample("after the load"));

console.log(`### Questions per minute (${users} users without pause)\n`);
console.log(`| minute ${TABLE_HEADER.replace("\n", "\n|---:")}`);
const minutes = Math.ceil(seconds / 60);
for (let m = 0; m < minutes; m++) {
  const inMinute = results.filter((r) => Math.floor((r.start - loadStart) / 60000) === m);
  console.log(`| ${m + 1} | ${tableRow(inMinute, Math.min(60, seconds - m * 60))}`);
}
console.log(`| all | ${tableRow(results, seconds)}`);

const columns = Object.keys(samples[0]).filter((key) => key !== "label");
console.log(`\n### Resources (heaps are the live bytes after a full GC)\n`);
console.log(`| when | ${columns.join(" | ")} |`);
console.log(`|---|${columns.map(() => "---:").join("|")}|`);
for (const s of samples) console.log(`| ${s.label} | ${columns.map((c) => s[c]).join(" | ")} |`);

// Growth is judged between the sample halfway through the load and the last: the first half fills the caches, the
// pools and Trino's query history (query.min-expire-age) to their bounds. Counts may move a little as idle pool
// threads time out and new ones start; connections are pooled and must not grow at all.
const errors = results.filter((r) => r.error).length;
const middle = samples[Math.ceil((samples.length - 1) / 2)];
const last = samples[samples.length - 1];
const problems = [];
if (errors > 0) problems.push(`${errors} of ${results.length} questions failed`);
for (const column of columns) {
  const bound = column.endsWith("connections") ? middle[column] : Math.round(middle[column] * 1.1 + 16);
  if (last[column] > bound) problems.push(`${column} grew from ${middle[column]} (${middle.label}) to ${last[column]}`);
}
console.log(problems.length === 0
  ? `\nResult: ${results.length} questions, 0 errors; from ${middle.label} to the end, no heap, thread or file-descriptor count grew by more than 10% + 16 and no connection count grew.`
  : `\nResult: FAILED: ${problems.join("; ")}.`);
process.exitCode = problems.length === 0 ? 0 : 1;
