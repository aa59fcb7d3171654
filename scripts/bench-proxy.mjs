// Load generator for the SSE proxy, on loopback: for each level, that many users ask number questions for a fixed
// time (the figures of BENCHMARKS.md were taken with these; the soak adds questions with citations).
// Usage: node scripts/bench-proxy.mjs URL TOKENS_JSON SECONDS USERS...   (writes a Markdown table to stdout)
import { QUESTIONS, TABLE_HEADER, runUsers, tableRow, warmUp } from "./proxy-load.mjs";

const [url, tokensJson, secondsText, ...levels] = process.argv.slice(2);
const tokens = JSON.parse(tokensJson);
const seconds = Number(secondsText);

await warmUp(url, tokens[0], QUESTIONS);
console.log(`| users ${TABLE_HEADER.replace("\n", "\n|---:")}`);
for (const users of levels.map(Number)) console.log(`| ${users} | ${tableRow(await runUsers(url, tokens, users, seconds, QUESTIONS), seconds)}`);
