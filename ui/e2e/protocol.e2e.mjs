// POST /api/chat read by the AI SDK itself: the `ai` package's DefaultChatTransport (what useChat sends and how it
// parses the response, with its own schema of every chunk) and readUIMessageStream (how it builds the message), against
// a running proxy and Trino. PROXY_URL and PROXY_TOKEN as for chat.e2e.mjs.
// Prints "protocol: N passed, N failed" and exits non-zero on a failure.
import { deepStrictEqual } from "node:assert/strict";
import { DefaultChatTransport, readUIMessageStream } from "ai";

const base = process.env.PROXY_URL;
const token = process.env.PROXY_TOKEN;
if (!base) throw new Error("PROXY_URL is not set");
if (!token) throw new Error("PROXY_TOKEN is not set: ./dev token analyst prints the local stack's");

const APOLLO = "What is the budget variance % for Apollo this quarter?";
const FALCON = "What is the budget variance % for Falcon this quarter?";
const results = { passed: 0, failed: 0 };

async function check(name, body) {
  try {
    await body();
    results.passed++;
    console.log(`  ok    ${name}`);
  } catch (e) {
    results.failed++;
    console.log(`  FAIL  ${name}\n    ${String(e.stack ?? e).split("\n").slice(0, 6).join("\n    ")}`);
  }
}

function expect(condition, message) {
  if (!condition) throw new Error(message);
}

function transport(bearer = token) {
  return new DefaultChatTransport({ api: `${base}/api/chat`, headers: { Authorization: `Bearer ${bearer}` } });
}

const userMessage = (id, text) => ({ id, role: "user", parts: [{ type: "text", text }] });

/** Sends the conversation as useChat does and returns the assistant message as the SDK builds it from the stream. */
async function answer(chatId, messages) {
  const stream = await transport().sendMessages({ chatId, messages, trigger: "submit-message", messageId: undefined, abortSignal: undefined });
  let message;
  for await (const snapshot of readUIMessageStream({ stream, terminateOnError: true })) message = snapshot;
  expect(message, "the stream built no message");
  // what the message is once it has gone through JSON, as it is kept and loaded again
  return JSON.parse(JSON.stringify(message));
}

const partsOf = (message, type) => message.parts.filter((part) => part.type === type);
const programs = (message) => Object.fromEntries(partsOf(message, "data-number").map((part) => [part.data.dimensions.program, part.data.value]));
const conversationId = () => `protocol-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;

await check("an answer read by the AI SDK's transport and readUIMessageStream", async () => {
  const message = await answer(conversationId(), [userMessage("q1", APOLLO)]);
  expect(message.role === "assistant" && message.id.startsWith("answer-"), `the message is ${message.role} ${message.id}`);
  const types = message.parts.map((part) => part.type);
  expect(types[0] === "data-restatement", `the parts are ${types.join(", ")}`);
  expect(types.indexOf("data-restatement") < types.indexOf("data-number") && types.indexOf("data-number") < types.indexOf("text"), `the parts are ${types.join(", ")}`);
  expect(partsOf(message, "data-restatement").length === 1, "the restatement is more than one part");
  expect(/^Budget variance % for program Apollo, this quarter/.test(partsOf(message, "data-restatement")[0].data.text), `the restatement is ${partsOf(message, "data-restatement")[0].data.text}`);
  deepStrictEqual(Object.keys(programs(message)), ["Apollo"]);
  const [text] = partsOf(message, "text");
  expect(text.state === "done" && text.text.includes("%"), `the text part is ${JSON.stringify(text)}`);
  expect(/FROM star\./.test(partsOf(message, "data-sql")[0]?.data.text ?? ""), "no SQL part");
  expect(message.metadata.status === "done" && message.metadata.rows > 0 && message.metadata.queryId, `the metadata is ${JSON.stringify(message.metadata)}`);
});

await check("a follow-up in the same conversation, and the conversation as kept is what the SDK built", async () => {
  const id = conversationId();
  const first = await answer(id, [userMessage("q1", APOLLO)]);
  const second = await answer(id, [userMessage("q1", APOLLO), first, userMessage("q2", "and for Falcon?")]);
  const alone = await answer(conversationId(), [userMessage("q1", FALCON)]);
  deepStrictEqual(programs(second), programs(alone));
  deepStrictEqual(Object.keys(programs(second)), ["Falcon"]);
  const restatement = partsOf(second, "data-restatement")[0].data.text;
  expect(restatement.includes(`Follow-up to "${APOLLO}"`), `the restatement is ${restatement}`);

  const response = await fetch(`${base}/api/conversations/${id}`, { headers: { Authorization: `Bearer ${token}` } });
  expect(response.ok, `loading the conversation gave ${response.status}`);
  const kept = await response.json();
  deepStrictEqual(kept.messages, [userMessage("q1", APOLLO), first, userMessage("q2", "and for Falcon?"), second]);
});

await check("suggested follow-ups are data-suggestion parts the SDK accepts, each answered when asked next", async () => {
  const id = conversationId();
  const first = await answer(id, [userMessage("q1", APOLLO)]);
  const suggestions = partsOf(first, "data-suggestion");
  expect(suggestions.length >= 1 && suggestions.length <= 3, `the parts are ${first.parts.map((part) => part.type).join(", ")}`);
  suggestions.forEach((part, i) => {
    expect(part.data.kind === "suggestion" && part.data.seq === i + 1 && part.data.text, `suggestion ${i + 1} is ${JSON.stringify(part.data)}`);
  });
  const types = first.parts.map((part) => part.type);
  expect(types.slice(-suggestions.length).every((type) => type === "data-suggestion"), `the parts are ${types.join(", ")}`);
  for (const [i, part] of suggestions.entries()) {
    const next = await answer(id, [userMessage("q1", APOLLO), first, userMessage(`s${i + 1}`, part.data.text)]);
    expect(partsOf(next, "data-number").length > 0, `"${part.data.text}" gave no numbers: ${JSON.stringify(next.parts.map((p) => p.data?.text ?? p.text))}`);
    const restatement = partsOf(next, "data-restatement")[0]?.data.text ?? "";
    expect(restatement.includes(`Follow-up to "${APOLLO}"`), `"${part.data.text}" is restated as ${restatement}`);
  }
});

await check("a wrong token is refused before any stream", async () => {
  const refused = await transport("not-a-token")
    .sendMessages({ chatId: conversationId(), messages: [userMessage("q1", APOLLO)], trigger: "submit-message", messageId: undefined, abortSignal: undefined })
    .then(() => null, (error) => error);
  expect(refused instanceof Error && refused.message.includes("unauthorized"), `the transport gave ${refused}`);
});

console.log(`protocol: ${results.passed} passed, ${results.failed} failed`);
process.exit(results.failed === 0 ? 0 : 1);
