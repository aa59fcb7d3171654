// The chat page in headless Chromium (Debian's, driven by playwright-core) against a running proxy and Trino.
// PROXY_URL and PROXY_TOKEN (required; scripts/ui-test.sh passes the analyst's development token), ARTIFACTS (test-artifacts/ui: screenshots),
// AI_PG_DATABASE (the stack's database: the stop check holds a table lock there so an answer stays in flight).
// Prints "ui: N passed, N failed, N skipped" and exits non-zero on a failure.
import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import { chromium } from "playwright-core";

const base = process.env.PROXY_URL;
const token = process.env.PROXY_TOKEN;
const artifacts = process.env.ARTIFACTS ?? "test-artifacts/ui";
const database = process.env.AI_PG_DATABASE;
if (!base) throw new Error("PROXY_URL is not set");
if (!token) throw new Error("PROXY_TOKEN is not set: ./dev token analyst prints the local stack's");
mkdirSync(artifacts, { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});
const results = { passed: 0, failed: 0, skipped: 0 };

class Skip extends Error {}

async function check(name, viewport, body) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const pageErrors = [];
  page.on("pageerror", (error) => pageErrors.push(error.message));
  // The proxy's Content-Security-Policy must not block anything the built page does.
  const blocked = [];
  page.on("console", (message) => {
    if (message.type() === "error" && message.text().includes("Content Security Policy")) blocked.push(message.text());
  });
  const file = `${artifacts}/${name.replace(/[^a-z0-9]+/gi, "-").toLowerCase()}.png`;
  try {
    const response = await page.goto(`${base}/#token=${token}`);
    const policy = response.headers()["content-security-policy"] ?? "";
    expect(policy.includes("frame-ancestors 'none'"), `the page's Content-Security-Policy is: ${policy}`);
    await body(page);
    expect(pageErrors.length === 0, `the page threw: ${pageErrors.join("; ")}`);
    expect(blocked.length === 0, `the Content-Security-Policy blocked: ${blocked.join("; ")}`);
    results.passed++;
    console.log(`  ok    ${name}`);
  } catch (e) {
    if (e instanceof Skip) {
      results.skipped++;
      console.log(`  skip  ${name}: ${e.message}`);
    } else {
      results.failed++;
      console.log(`  FAIL  ${name}\n    ${String(e.stack ?? e).split("\n").slice(0, 4).join("\n    ")}`);
      if (pageErrors.length > 0) console.log(`    the page threw: ${pageErrors.join("; ")}`);
    }
  } finally {
    await page.screenshot({ path: file, fullPage: true }).catch(() => {});
    await context.close();
  }
}

/** A screenshot of the page as it is now, besides the one each check takes at its end. */
async function shot(page, name) {
  await page.screenshot({ path: `${artifacts}/${name}.png`, fullPage: true });
}

function expect(condition, message) {
  if (!condition) throw new Error(message);
}

function deepEqual(actual, expected, what) {
  expect(JSON.stringify(actual) === JSON.stringify(expected), `${what} differ: ${JSON.stringify(actual)} and ${JSON.stringify(expected)}`);
}

async function askByExample(page, question) {
  await page.getByRole("button", { name: question }).click();
  return finished(page);
}

async function askByTyping(page, question) {
  await page.getByLabel("Your question").fill(question);
  await page.keyboard.press("Enter");
  return finished(page);
}

async function finished(page) {
  const turn = page.locator('[data-testid="turn"]').last();
  await turn.and(page.locator('[data-status="done"], [data-status="error"], [data-status="stopped"]')).waitFor({ timeout: 60_000 });
  return turn;
}

/** The rows of a turn's numbers table, each row's cells joined by " | ". */
async function tableRows(turn) {
  return turn.locator('[data-testid="numbers"] tbody tr').evaluateAll((rows) => rows.map((row) => [...row.cells].map((cell) => cell.innerText).join(" | ")));
}

/** The open conversation as the proxy keeps it, read with the page's token. */
async function keptConversation(page) {
  const id = new URL(page.url()).pathname.replace(/^\/c\//, "");
  return page.evaluate(async (id) => {
    const response = await fetch(`/api/conversations/${id}`, { headers: { Authorization: `Bearer ${localStorage.getItem("trino-ai-token")}` } });
    return { status: response.status, body: await response.json() };
  }, id);
}

const APOLLO = "What is the budget variance % for Apollo this quarter?";
const FALCON = "What is the budget variance % for Falcon this quarter?";

const desktop = { width: 1280, height: 900 };

await check("numbers, chart, streamed answer and SQL", desktop, async (page) => {
  const turn = await askByExample(page, "What is the budget variance by program this quarter?");
  expect((await turn.getAttribute("data-status")) === "done", `the answer ended with ${await turn.getAttribute("data-status")}`);
  const rows = await turn.locator('[data-testid="numbers"] tbody tr').count();
  expect(rows >= 2, `the numbers table has ${rows} rows`);
  const bars = await turn.locator('[data-testid="chart"] svg[data-chart="bar"] rect').count();
  expect(bars === rows, `the bar chart has ${bars} bars for ${rows} rows`);
  const answer = await turn.getByTestId("answer").innerText();
  expect(answer.includes("$"), `the answer text is: ${answer}`);
  expect(!/[.!?][A-Z]/.test(answer), `sentences run into each other: ${answer}`);
  const restatement = await turn.getByTestId("restatement").innerText();
  expect(restatement.startsWith("Budget variance by program, this quarter"), `what was computed reads: ${restatement}`);
  expect(!answer.includes(restatement), "the restatement is repeated in the answer");
  await turn.getByText("SQL behind the numbers").click();
  const sql = await turn.locator('[data-testid="sql"] pre').first().innerText();
  expect(/SELECT[\s\S]*FROM star\./.test(sql), `the SQL is: ${sql}`);
  expect(/first after \d+ ms/.test(await turn.getByTestId("timings").innerText()), "no timings");
});

await check("a time axis is drawn as a line", desktop, async (page) => {
  const turn = await askByTyping(page, "How is velocity trending by month this year?");
  const points = await turn.locator('[data-testid="chart"] svg[data-chart="line"] circle').count();
  expect(points >= 2, `the line chart has ${points} points`);
});

await check("a citation opens to its snippet and source row", desktop, async (page) => {
  const turn = await askByExample(page, "Which programs are over budget this quarter, and why?");
  const citations = turn.getByTestId("citation");
  if ((await citations.count()) === 0) {
    const error = (await turn.getByTestId("error").count()) ? await turn.getByTestId("error").innerText() : "no citations";
    // The error is shown plainly, which is what this page promises when Trino fails.
    expect(error.length > 0, "neither citations nor an error");
    throw new Skip(`no citations in this database (${error.slice(0, 120)})`);
  }
  await citations.first().getByRole("button").click();
  const snippet = await citations.first().getByTestId("citation-snippet").innerText();
  expect(/source row/.test(snippet) && snippet.length > 40, `the snippet is: ${snippet}`);
});

await check("a declined question shows the notice", desktop, async (page) => {
  const turn = await askByTyping(page, "What will the weather be tomorrow?");
  const notice = await turn.getByTestId("notice").innerText();
  expect(notice.includes("did not answer"), `the notice is: ${notice}`);
  expect((await turn.locator('[data-testid="numbers"]').count()) === 0, "numbers for a declined question");
});

await check("Esc stops an answer mid-stream", desktop, async (page) => {
  if (!database) throw new Skip("AI_PG_DATABASE is not set, so no answer can be held in flight");
  // Holding this lock keeps the incident question's SQL waiting after its first row (the verified-answer notice).
  // psql keeps the transaction open until it reads ROLLBACK; a killed psql would leave the server holding the lock.
  const lock = spawn("psql", ["-X", "-q", "-d", database], { stdio: ["pipe", "ignore", "inherit"] });
  lock.stdin.write("BEGIN;\nLOCK TABLE star.fact_incident IN ACCESS EXCLUSIVE MODE;\n");
  try {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await page.getByLabel("Your question").fill("What is the MTTR by team this quarter?");
    await page.keyboard.press("Enter");
    const turn = page.locator('[data-testid="turn"]').last();
    await turn.getByTestId("notice").waitFor({ timeout: 30_000 });
    expect((await turn.getAttribute("data-status")) === "streaming", "the answer was not in flight");
    await page.getByRole("button", { name: "Stop" }).waitFor();
    await page.keyboard.press("Escape");
    await turn.getByTestId("stopped").waitFor({ timeout: 5_000 });
    expect(await page.getByRole("button", { name: "Ask" }).isVisible(), "no Ask button after stopping");
  } finally {
    lock.stdin.end("ROLLBACK;\n");
  }
});

await check("after an error event the question can be asked again", desktop, async (page) => {
  // The first question gets what the proxy sends while Trino restarts, in the UI message stream; asking again
  // reaches the real proxy and answers in the failed answer's place.
  const failure = { code: 0, name: "TRINO_UNAVAILABLE", message: "Trino did not answer: Error fetching next (Connection refused). It may be restarting: ask again in a minute." };
  const chunks = [
    { type: "start", messageId: "answer-intercepted" },
    { type: "data-failure", data: failure },
    { type: "error", errorText: `${failure.name}: ${failure.message}` },
    { type: "finish", finishReason: "error", messageMetadata: { status: "error" } },
  ];
  const body = [...chunks.map((chunk) => JSON.stringify(chunk)), "[DONE]"].map((data) => `data: ${data}\n\n`).join("");
  await page.route("**/api/chat", (route) => route.fulfill({ status: 200, headers: { "content-type": "text/event-stream; charset=utf-8", "x-vercel-ai-ui-message-stream": "v1" }, body }), { times: 1 });
  const failed = await askByExample(page, "What is the budget variance by program this quarter?");
  expect((await failed.getAttribute("data-status")) === "error", `the first answer ended with ${await failed.getAttribute("data-status")}`);
  const error = await failed.getByTestId("error").innerText();
  expect(error.includes("TRINO_UNAVAILABLE") && error.includes("Trino did not answer"), `the error reads: ${error}`);
  expect(await page.getByLabel("Your question").isEditable(), "the question box is not editable after the error");
  expect(await page.getByRole("button", { name: "Ask", exact: true }).isVisible(), "no Ask button after the error");
  await shot(page, "after-an-error-event-the-error");
  await failed.getByRole("button", { name: "Ask again" }).click();
  await failed.and(page.locator('[data-status="done"]')).waitFor({ timeout: 60_000 });
  expect((await page.getByTestId("turn").count()) === 1, "asking again added a turn instead of answering in the failed one's place");
  expect((await failed.locator('[data-testid="numbers"] tbody tr').count()) >= 2, "asking again gave no numbers");
  expect((await failed.getByTestId("error").count()) === 0, "the error is still shown after the answer");
});

await check("a follow-up in the same conversation", desktop, async (page) => {
  const first = await askByTyping(page, APOLLO);
  expect((await first.getAttribute("data-status")) === "done", `the first answer ended with ${await first.getAttribute("data-status")}`);
  const apollo = await tableRows(first);
  expect(apollo.length === 1 && apollo[0].startsWith("Apollo | "), `the first answer's numbers are ${JSON.stringify(apollo)}`);

  const followUp = await askByTyping(page, "and for Falcon?");
  expect((await followUp.getAttribute("data-status")) === "done", `the follow-up ended with ${await followUp.getAttribute("data-status")}`);
  const falcon = await tableRows(followUp);
  expect(falcon.length === 1 && falcon[0].startsWith("Falcon | "), `the follow-up's numbers are ${JSON.stringify(falcon)}`);
  const restatement = await followUp.getByTestId("restatement").innerText();
  expect(restatement.includes(`Follow-up to "${APOLLO}"`) && restatement.includes("Falcon instead of Apollo"), `what was computed reads: ${restatement}`);
  expect((await page.getByTestId("turn").count()) === 2, "the follow-up is not in the same conversation");
  await shot(page, "a-follow-up-the-conversation");

  // Falcon's number is the one the question asked in full gives, in a conversation of its own
  await page.getByRole("button", { name: "New conversation" }).click();
  const alone = await askByTyping(page, FALCON);
  deepEqual(await tableRows(alone), falcon, "the follow-up's numbers and the full question's");
});

await check("the conversation and its history after a reload", desktop, async (page) => {
  const turn = await askByExample(page, "What is the budget variance by program this quarter?");
  const rows = await tableRows(turn);
  const answer = await turn.getByTestId("answer").innerText();
  expect(/^\/c\/[A-Za-z0-9_-]+$/.test(new URL(page.url()).pathname), `the URL is ${page.url()}`);
  await page.getByTestId("conversation-link").first().waitFor();

  await page.reload();
  const reloaded = page.getByTestId("turn");
  await reloaded.first().waitFor();
  expect((await reloaded.count()) === 1, `${await reloaded.count()} turns after the reload`);
  expect((await reloaded.first().getAttribute("data-status")) === "done", `the kept answer shows as ${await reloaded.first().getAttribute("data-status")}`);
  deepEqual(await tableRows(reloaded.first()), rows, "the numbers before and after the reload");
  expect((await reloaded.first().getByTestId("answer").innerText()) === answer, "the answer text changed with the reload");
  expect((await reloaded.first().locator('[data-testid="chart"] svg rect').count()) === rows.length, "no chart after the reload");
  const current = page.locator('[data-testid="conversation-link"][aria-current="page"]');
  expect((await current.innerText()).includes("What is the budget variance by program this quarter?"), `the history marks: ${await current.innerText()}`);

  // another conversation, then back through the history
  const path = new URL(page.url()).pathname;
  await page.getByRole("button", { name: "New conversation" }).click();
  await page.getByRole("region", { name: "Example questions" }).waitFor();
  await page.locator(`[data-testid="conversation-link"][href="${path}"]`).click();
  await page.getByTestId("turn").first().waitFor();
  expect(new URL(page.url()).pathname === path, `the history opened ${page.url()}`);
  deepEqual(await tableRows(page.getByTestId("turn").first()), rows, "the numbers reopened from the history");
});

await check("a thumbs-down is stored with its comment", desktop, async (page) => {
  const turn = await askByTyping(page, APOLLO);
  await turn.getByRole("button", { name: "Bad answer" }).click();
  await turn.getByLabel("What was wrong?").fill("I meant the forecast, not the actuals");
  await shot(page, "a-thumbs-down-the-comment");
  await turn.getByRole("button", { name: "Send" }).click();
  await turn.getByText("your comment is kept").waitFor({ timeout: 10_000 });

  const kept = await keptConversation(page);
  expect(kept.status === 200, `loading the conversation gave ${kept.status}`);
  deepEqual(kept.body.messages[1].metadata.feedback, { rating: "down", comment: "I meant the forecast, not the actuals" }, "the kept feedback");
  await page.reload();
  const reloaded = page.getByTestId("turn").first();
  await reloaded.waitFor();
  expect((await reloaded.getByRole("button", { name: "Bad answer" }).getAttribute("aria-pressed")) === "true", "the thumbs-down is not shown after a reload");
});

await check("a narrow screen keeps everything in view", { width: 390, height: 844 }, async (page) => {
  await askByExample(page, "What is the budget variance by program this quarter?");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow <= 0, `the page is ${overflow}px wider than the screen`);
  expect(!(await page.getByTestId("history").isVisible()), "the history takes the narrow screen before it is asked for");
  await shot(page, "a-narrow-screen-the-answer");
  await page.getByRole("button", { name: "History" }).click();
  const current = page.locator('[data-testid="conversation-link"][aria-current="page"]');
  await current.waitFor();
  expect((await current.innerText()).includes("What is the budget variance by program this quarter?"), `the history marks: ${await current.innerText()}`);
  const withHistory = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(withHistory <= 0, `with the history open the page is ${withHistory}px wider than the screen`);
});

await check("a wrong token is refused with a way to fix it", desktop, async (page) => {
  await page.evaluate(() => localStorage.setItem("trino-ai-token", "not-a-token"));
  await page.reload();
  await page.getByLabel("Your question").fill("How is Apollo doing?");
  await page.keyboard.press("Enter");
  const refusal = await page.getByTestId("refusal").innerText();
  expect(refusal.includes("token"), `the refusal is: ${refusal}`);
  expect(await page.getByLabel("Access token").isVisible(), "no token field");
});

await browser.close();
console.log(`ui: ${results.passed} passed, ${results.failed} failed, ${results.skipped} skipped (screenshots in ${artifacts})`);
process.exit(results.failed === 0 ? 0 : 1);
