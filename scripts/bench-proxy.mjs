// Load generator for the SSE proxy, on loopback: for each level, that many users ask number questions for a fixed
// time through /ask (the figures of BENCHMARKS.md were taken with these; the soak adds questions with citations), and
// with "chat", hold conversations of follow-ups through /api/chat.
// Usage: node scripts/bench-proxy.mjs URL TOKENS_JSON SECONDS ENDPOINTS USERS...   (ENDPOINTS: ask, chat or ask,chat;
// writes a Markdown table per endpoint to stdout)
import { CONVERSATIONS, QUESTIONS, TABLE_HEADER, chatOnce, runConversations, runUsers, tableRow, warmUp } from "./proxy-load.mjs";

const [url, tokensJson, secondsText, endpointsText, ...levels] = process.argv.slice(2);
const tokens = JSON.parse(tokensJson);
const seconds = Number(secondsText);
const endpoints = endpointsText.split(",");
const unknown = endpoints.filter((endpoint) => endpoint !== "ask" && endpoint !== "chat");
if (unknown.length) throw new Error(`unknown endpoint ${unknown.join(", ")}: use ask, chat or ask,chat`);

await warmUp(url, tokens[0], QUESTIONS);
if (endpoints.includes("ask")) {
  console.log("POST /ask, number questions; first = the first event:\n");
  console.log(`| users ${TABLE_HEADER.replace("\n", "\n|---:")}`);
  for (const users of levels.map(Number)) console.log(`| ${users} | ${tableRow(await runUsers(url, tokens, users, seconds, QUESTIONS), seconds)}`);
}
if (endpoints.includes("chat")) {
  for (const [i, conversation] of CONVERSATIONS.entries()) {
    for (let turn = 1; turn <= conversation.length; turn++) await chatOnce(url, tokens[0], `bench-warm-${process.pid}-${i}`, conversation.slice(0, turn));
  }
  if (endpoints.includes("ask")) console.log("");
  console.log("POST /api/chat, conversations of follow-ups (every turn counted); first = the first visible content (text-delta or data-number):\n");
  console.log(`| users ${TABLE_HEADER.replace("first event", "first visible").replace("done p50", "[DONE] p50").replace("questions |", "turns |").replace("questions/s", "turns/s").replace("\n", "\n|---:")}`);
  for (const users of levels.map(Number)) console.log(`| ${users} | ${tableRow(await runConversations(url, tokens, users, seconds), seconds)}`);
}
