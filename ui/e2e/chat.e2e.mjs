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

function expect(condition, message) {
  if (!condition) throw new Error(message);
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
  // The first question gets what the proxy sends while Trino restarts; asking again reaches the real proxy.
  const failure = { code: 0, name: "TRINO_UNAVAILABLE", message: "Trino did not answer: Error fetching next (Connection refused). It may be restarting: ask again in a minute." };
  await page.route("**/ask", (route) => route.fulfill({ status: 200, contentType: "text/event-stream; charset=utf-8", body: `event: error\nid: 1\ndata: ${JSON.stringify(failure)}\n\n` }), { times: 1 });
  const failed = await askByExample(page, "What is the budget variance by program this quarter?");
  expect((await failed.getAttribute("data-status")) === "error", `the first answer ended with ${await failed.getAttribute("data-status")}`);
  const error = await failed.getByTestId("error").innerText();
  expect(error.includes("TRINO_UNAVAILABLE") && error.includes("Trino did not answer"), `the error reads: ${error}`);
  expect(await page.getByLabel("Your question").isEditable(), "the question box is not editable after the error");
  expect(await page.getByRole("button", { name: "Ask", exact: true }).isVisible(), "no Ask button after the error");
  await failed.getByRole("button", { name: "Ask again" }).click();
  await page.locator('[data-testid="turn"]').nth(1).waitFor();
  const retried = await finished(page);
  expect((await retried.getAttribute("data-status")) === "done", `asking again ended with ${await retried.getAttribute("data-status")}`);
  expect((await retried.locator('[data-testid="numbers"] tbody tr').count()) >= 2, "asking again gave no numbers");
});

await check("a narrow screen keeps everything in view", { width: 390, height: 844 }, async (page) => {
  await askByExample(page, "What is the budget variance by program this quarter?");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow <= 0, `the page is ${overflow}px wider than the screen`);
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
