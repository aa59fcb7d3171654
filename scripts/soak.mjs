// The soak's load and its timeline: USERS users ask without pause for SECONDS; the resources of both servers are
// sampled (by running SAMPLE_COMMAND, which prints one JSON object) after the warm-up, every SAMPLE_EVERY seconds
// under load, and SETTLE seconds after the load has stopped. Prints Markdown; exits 1 when a question failed or a
// resource grew. Usage: node scripts/soak.mjs URL TOKENS_JSON SECONDS USERS SAMPLE_EVERY SETTLE SAMPLE_COMMAND
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { QUESTIONS, QUESTIONS_WITH_CITATIONS, TABLE_HEADER, runUsers, tableRow, warmUp } from "./proxy-load.mjs";

const [url, tokensJson, secondsText, usersText, sampleEveryText, settleText, sampleCommand] = process.argv.slice(2);
const tokens = JSON.parse(tokensJson);
const seconds = Number(secondsText);
const users = Number(usersText);
const sampleEvery = Number(sampleEveryText);
const settle = Number(settleText);
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
// Trino keeps finished queries for query.min-expire-age, idle pool threads end after a minute and idle connections
// are let go: the last look comes once all that has passed, so what is left is what the load left behind.
await new Promise((resolve) => setTimeout(resolve, settle * 1000));
samples.push(await sample(`${settle} s after the load`));

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

// A heap must come back to within 32 MB of where it was after the warm-up (a leak of 3 kB per question would
// show after 10,000 questions); threads, file descriptors and connections to where they were in the first minute
// under load, since the warm-up's single user needed fewer.
const errors = results.filter((r) => r.error).length;
const [warm, firstMinute] = samples;
const last = samples[samples.length - 1];
const problems = [];
if (errors > 0) problems.push(`${errors} of ${results.length} questions failed`);
for (const column of columns) {
  const [base, bound] = column.endsWith("heap MB") ? [warm, warm[column] + 32] : [firstMinute, firstMinute[column]];
  if (last[column] > bound) problems.push(`${column} grew from ${base[column]} (${base.label}) to ${last[column]}`);
}
console.log(problems.length === 0
  ? `\nResult: ${results.length} questions, 0 errors; after the load, both heaps are within 32 MB of where they were after the warm-up, and no thread, file-descriptor or connection count is above its first minute under load.`
  : `\nResult: FAILED: ${problems.join("; ")}.`);
process.exitCode = problems.length === 0 ? 0 : 1;
