// The chat page in headless Chromium (Debian's, driven by playwright-core) against a running proxy and Trino.
// PROXY_URL and PROXY_TOKEN (required; scripts/ui-test.sh passes the analyst's development token), ARTIFACTS (test-artifacts/ui: screenshots),
// AI_PG_DATABASE (the stack's database: the stop check holds a table lock there so an answer stays in flight),
// ONLY (run only the checks whose name contains it).
// Prints "ui: N passed, N failed, N skipped" and exits non-zero on a failure.
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
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
  if (process.env.ONLY && !name.includes(process.env.ONLY)) return;
  const context = await browser.newContext({ viewport, acceptDownloads: true });
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
  const before = await page.getByTestId("turn").count();
  await page.getByRole("button", { name: question }).click();
  return finished(page, before);
}

async function askByTyping(page, question) {
  const before = await page.getByTestId("turn").count();
  await page.getByLabel("Your question").fill(question);
  await page.keyboard.press("Enter");
  return finished(page, before);
}

/** The turn at this index once its answer has ended, however. */
async function finished(page, index) {
  const turn = page.getByTestId("turn").nth(index);
  await turn.and(page.locator('[data-status="done"], [data-status="error"], [data-status="stopped"]')).waitFor({ timeout: 60_000 });
  return turn;
}

/** The rows of a turn's numbers table (all of them, unfolded), each row's cells joined by " | ". */
async function tableRows(turn) {
  const more = turn.getByRole("button", { name: /^Show all \d+ rows$/ });
  if (await more.count()) await more.first().click();
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

/** A number as the table shows it ("-$1,234", "15.2%", "37.50 points/sprint") as a number. */
function shownNumber(text) {
  return Number(text.replace(/[$,%]/g, "").replace(/\s.*$/, ""));
}

/** RFC 4180 fields of a CSV text, row by row. */
function parseCsv(text) {
  const rows = [];
  let row = [], field = "", quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") row.push(field), (field = "");
    else if (c === "\n") row.push(field), rows.push(row), (row = []), (field = "");
    else if (c !== "\r") field += c;
  }
  return rows;
}

/** A turn's first chart once drawn: it loads with the first chart and is drawn when the numbers are all in. */
async function drawn(turn) {
  const chart = turn.getByTestId("chart").first();
  await chart.locator(".recharts-surface").first().waitFor();
  return chart;
}

/** Whether two boxes share any area (touching edges do not overlap). */
function overlap(a, b) {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** The tick labels of a chart's axis ("x" or "y") as the browser laid them out, with their text. */
async function ticks(chart, axis) {
  return chart.locator(`.recharts-${axis}Axis-tick-labels .recharts-cartesian-axis-tick-value`).evaluateAll((nodes) =>
    nodes.map((node) => {
      const box = node.getBoundingClientRect();
      return { text: node.textContent, x: box.x, y: box.y, width: box.width, height: box.height };
    }),
  );
}

async function expectReadableTicks(chart, axis, viewportWidth) {
  const labels = await ticks(chart, axis);
  const box = await chart.boundingBox();
  expect(labels.length >= 2, `the ${axis} axis has ${labels.length} labels`);
  for (let i = 0; i < labels.length; i++) {
    expect(labels[i].text.trim().length > 0, `an empty ${axis} label`);
    expect(labels[i].x >= 0 && labels[i].x + labels[i].width <= viewportWidth, `the ${axis} label ${labels[i].text} is cut off the screen: ${JSON.stringify(labels[i])}`);
    expect(labels[i].x >= box.x && labels[i].x + labels[i].width <= box.x + box.width, `the ${axis} label ${labels[i].text} is cut off the chart: ${JSON.stringify(labels[i])} in ${JSON.stringify(box)}`);
    for (let j = i + 1; j < labels.length; j++) {
      expect(!overlap(labels[i], labels[j]), `the ${axis} labels ${labels[i].text} and ${labels[j].text} overlap: ${JSON.stringify([labels[i], labels[j]])}`);
    }
  }
  return labels;
}

const BY_PROGRAM = "What is the budget variance by program this quarter?";

await check("numbers, chart, streamed answer and SQL", desktop, async (page) => {
  const turn = await askByExample(page, BY_PROGRAM);
  expect((await turn.getAttribute("data-status")) === "done", `the answer ended with ${await turn.getAttribute("data-status")}`);
  const rows = await turn.locator('[data-testid="numbers"] tbody tr').count();
  expect(rows >= 2, `the numbers table has ${rows} rows`);
  const chart = await drawn(turn);
  expect((await chart.getAttribute("data-chart")) === "bar", `the chart is ${await chart.getAttribute("data-chart")}`);
  const bars = await chart.locator(".recharts-bar-rectangle").count();
  expect(bars === rows, `the bar chart has ${bars} bars for ${rows} rows`);
  const heading = await turn.locator('[data-testid="numbers"] thead th').last().innerText();
  expect(heading.toLowerCase() === "budget variance (usd)", `the value column is headed ${heading}`);
  const answer = await turn.getByTestId("answer").innerText();
  expect(answer.includes("$"), `the answer text is: ${answer}`);
  expect(!/[.!?][A-Z]/.test(answer), `sentences run into each other: ${answer}`);
  const restatement = await turn.getByTestId("restatement").innerText();
  expect(restatement.startsWith("Budget variance by program, this quarter"), `what was computed reads: ${restatement}`);
  expect(!answer.includes(restatement), "the restatement is repeated in the answer");
  await turn.getByText("SQL behind the numbers").click();
  const sql = await turn.locator('[data-testid="sql"] pre').first().innerText();
  expect(/SELECT[\s\S]*FROM star\./.test(sql), `the SQL is: ${sql}`);
  expect(!sql.replace(/'(?:[^']|'')*'/g, "").includes("?"), `a placeholder is left in the SQL: ${sql}`);
  expect(/BETWEEN DATE '\d{4}-\d{2}-\d{2}' AND DATE '\d{4}-\d{2}-\d{2}'/.test(sql), `the period's days are not inlined as dates: ${sql}`);
  const explained = await turn.getByTestId("sql-explained").first().innerText();
  expect(explained.startsWith("Budget variance per program from star.fact_budget, this quarter ("), `what the SQL computed reads: ${explained}`);
  await shot(page, "numbers-chart-the-sql-explained");
  expect(/first after \d+ ms/.test(await turn.getByTestId("timings").innerText()), "no timings");
});

await check("bars are coloured better or worse by the metric's direction", desktop, async (page) => {
  // projects both over and under budget this quarter: a variance over budget is worse, under budget better
  const turn = await askByTyping(page, "What is the budget variance by project this quarter?");
  const values = (await tableRows(turn)).map((row) => shownNumber(row.split(" | ").at(-1)));
  expect(values.some((value) => value < 0) && values.some((value) => value > 0), `this quarter's variances are not of both signs: ${values}`);
  const fills = await (await drawn(turn)).locator(".recharts-bar-rectangle path").evaluateAll((paths) => paths.map((path) => path.getAttribute("fill")));
  expect(fills.length === values.length, `${fills.length} bars for ${values.length} rows`);
  const RED = "#c23b3b";
  values.forEach((value, i) => {
    if (value < 0) expect(fills[i] !== RED, `the bar of ${value} (under budget) is red`);
    if (value > 0) expect(fills[i] === RED, `the bar of ${value} (over budget) is ${fills[i]}, not red`);
  });
  expect((await turn.getByTestId("chart").innerText()).includes("better than the plan"), "the chart does not say what its colours mean");
  await expectReadableTicks(await drawn(turn), "y", desktop.width);
  await shot(page, "bars-over-and-under-budget");
});

await check("a time axis is drawn as a line", desktop, async (page) => {
  const turn = await askByTyping(page, "How is velocity trending by month this year?");
  const rows = await turn.locator('[data-testid="numbers"] tbody tr').count();
  const chart = await drawn(turn);
  expect((await chart.getAttribute("data-chart")) === "line", `the chart is ${await chart.getAttribute("data-chart")}`);
  const points = await chart.locator(".recharts-line-dot").count();
  expect(points === rows, `the line chart has ${points} points for ${rows} rows`);
});

await check("a two-dimension chart has a series per value and a legend", desktop, async (page) => {
  const turn = await askByTyping(page, "Velocity by portfolio by month this year");
  const portfolios = [...new Set((await tableRows(turn)).map((row) => row.split(" | ")[0]))].sort();
  expect(portfolios.length >= 2, `the numbers have ${portfolios.length} portfolios`);
  const chart = await drawn(turn);
  expect((await chart.getAttribute("data-chart")) === "line", `the chart is ${await chart.getAttribute("data-chart")}`);
  expect((await chart.locator(".recharts-line").count()) === portfolios.length, `${await chart.locator(".recharts-line").count()} lines for ${portfolios.length} portfolios`);
  const legend = (await chart.locator(".recharts-legend-item-text").allInnerTexts()).sort();
  deepEqual(legend, portfolios, "the legend and the portfolios of the numbers");
  await expectReadableTicks(chart, "x", desktop.width);
  await shot(page, "a-two-dimension-chart-the-legend");

  // more series than colours stay apart: one small chart each, on one scale
  const teams = await askByTyping(page, "Velocity by team by month this year");
  const names = new Set((await tableRows(teams)).map((row) => row.split(" | ")[0]));
  const multiples = await drawn(teams);
  expect((await multiples.getAttribute("data-chart")) === "multiples", `the chart of ${names.size} teams is ${await multiples.getAttribute("data-chart")}`);
  deepEqual(new Set(await multiples.locator(".multiple-title").allInnerTexts()).size, names.size, "the small charts and the teams");
});

await check("a phone-width chart has readable labels", { width: 390, height: 844 }, async (page) => {
  const line = await askByTyping(page, "How is velocity trending by month this year?");
  const chart = await drawn(line);
  await chart.scrollIntoViewIfNeeded();
  await expectReadableTicks(chart, "x", 390);
  await expectReadableTicks(chart, "y", 390);
  const bars = await askByTyping(page, BY_PROGRAM);
  const barChart = await drawn(bars);
  const names = await expectReadableTicks(barChart, "y", 390);
  const programs = (await tableRows(bars)).map((row) => row.split(" | ")[0]);
  expect(names.length === programs.length, `${names.length} program labels for ${programs.length} programs on a phone`);
  await expectReadableTicks(barChart, "x", 390);
  await barChart.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${artifacts}/a-phone-width-chart-the-bars.png` });
});

await check("a numbers table downloads as CSV and copies", desktop, async (page) => {
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  const turn = await askByExample(page, BY_PROGRAM);
  const shown = await tableRows(turn);
  const [download] = await Promise.all([page.waitForEvent("download"), turn.getByRole("button", { name: "CSV" }).click()]);
  expect(download.suggestedFilename() === "budget_variance-by-program.csv", `the file is named ${download.suggestedFilename()}`);
  const csv = parseCsv(readFileSync(await download.path(), "utf8"));
  deepEqual(csv[0], ["program", "budget variance (USD)"], "the CSV's header");
  expect(csv.length - 1 === shown.length, `${csv.length - 1} CSV rows for ${shown.length} in the table`);
  shown.forEach((row, i) => {
    const [program, value] = row.split(" | ");
    expect(csv[i + 1][0] === program, `CSV row ${i + 1} is ${csv[i + 1]}, the table's ${row}`);
    expect(/^-?\d+$/.test(csv[i + 1][1]) && Number(csv[i + 1][1]) === shownNumber(value), `CSV row ${i + 1} is ${csv[i + 1]}, the table's ${row}`);
  });
  await turn.getByRole("button", { name: "Copy" }).click();
  await turn.getByText("Copied").waitFor();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  deepEqual(copied.split("\n").map((line) => line.split("\t")), csv, "the copied table and the CSV");
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
  const card = await citations.first().getByRole("button").innerText();
  expect(/^\[1\]\s*[a-z][a-z ]+\s/i.test(card), `the card does not lead with its kind: ${card}`);
  expect(/ · \d{4}-\d{2}-\d{2}/.test(card), `the card has no project, program and date: ${card}`);
  expect(!/0\.\d{2}/.test(card) && !/:[A-Z]+-\d+/.test(card), `the card shows a source id or a score: ${card}`);
  const title = await citations.first().locator(".cite-title").innerText();
  await citations.first().getByRole("button").click();
  const snippet = await citations.first().getByTestId("citation-snippet").innerText();
  expect(snippet.length > 40 && !snippet.startsWith(title), `the snippet repeats the title or is short: ${snippet}`);
  expect(/\bprogram\s+\S/.test(snippet) && /\bdate\s+\d{4}-/.test(snippet), `the record's fields are not shown: ${snippet}`);
  await shot(page, "a-citation-the-card-opened");
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

await check("a suggested follow-up is asked in the same conversation", desktop, async (page) => {
  const turn = await askByExample(page, BY_PROGRAM);
  const suggestions = turn.getByTestId("suggestions").getByRole("button");
  const count = await suggestions.count();
  if (count === 0) throw new Skip("the stack's engine sends no suggestion rows: this check waits for the suggestions of branch chat17");
  expect(count <= 3, `${count} suggestions under the answer`);
  const suggested = await suggestions.first().innerText();
  const path = new URL(page.url()).pathname;
  await suggestions.first().click();
  const next = await finished(page, 1);
  expect((await next.locator(".question").innerText()) === suggested, `the suggestion "${suggested}" asked ${await next.locator(".question").innerText()}`);
  expect((await next.getAttribute("data-status")) === "done", `the suggested question ended with ${await next.getAttribute("data-status")}`);
  expect(new URL(page.url()).pathname === path, `the suggestion opened another conversation: ${page.url()}`);
  expect((await keptConversation(page)).body.messages.length === 4, "the suggested question is not kept in the conversation");
  await shot(page, "a-suggested-follow-up-asked");

  // a declined question offers what can be asked instead
  const declined = await askByTyping(page, "What will the weather be tomorrow?");
  const instead = await declined.getByTestId("suggestions").getByRole("button").count();
  expect(instead >= 1 && instead <= 3, `${instead} suggestions under the decline`);
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
  expect((await (await drawn(reloaded.first())).locator(".recharts-bar-rectangle").count()) === rows.length, "no chart after the reload");
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
