// Drives headless Chromium over the built site for tests/quality/test_register.py: the register's
// default (active) view and its switch to all, the search over every visible column (proposer
// included), blank dates last either way, the impact level of a chosen Party Category, the card
// layout on a phone, the copy buttons of the Subscribe page, and the Party remembered on the home
// page. Reads a JSON job {base, chromium, tools} from the file named on argv; prints raw
// measurements as one JSON object (Python asserts).
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import path from "node:path";

const job = JSON.parse(readFileSync(process.argv[2], "utf-8"));
const require = createRequire(path.join(job.tools, "package.json"));
const { chromium } = require("playwright-core");
const ORIGIN = new URL(job.base).origin;
const FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync"];

async function open(browser, options) {
  const ctx = await browser.newContext(options);
  const problems = [];
  await ctx.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith("data:") || url.startsWith("blob:") || new URL(url).origin === ORIGIN) return route.continue();
    problems.push(`external: ${url}`);
    return route.abort("blockedbyclient");
  });
  const page = await ctx.newPage();
  page.on("console", (m) => { if (m.type() === "error") problems.push(`console: ${m.text()}`); });
  page.on("pageerror", (e) => problems.push(`uncaught: ${e.message}`));
  return { ctx, page, problems };
}

const ids = (page) => page.locator("#sec-register tbody tr:not([hidden]) td:nth-child(1)").allTextContents()
  .then((t) => t.map((s) => s.trim()));
const column = (page, n, attr) => page.locator(`#sec-register tbody tr:not([hidden]) td:nth-child(${n})`)
  .evaluateAll((tds, a) => tds.map((td) => (a ? td.getAttribute(a) : td.textContent.trim())), attr);

async function register(browser) {
  const { ctx, page, problems } = await open(browser, { viewport: { width: 1280, height: 900 } });
  const r = {};
  await page.goto(job.base + "modifications/", { waitUntil: "load" });
  r.all_rows = await page.locator("#sec-register tbody tr").evaluateAll((trs) => trs.map((tr) => ({
    id: tr.cells[0].textContent.trim(), active: tr.dataset.active, next: tr.cells[9].getAttribute("data-sort") })));
  r.default_ids = await ids(page);
  r.default_count = await page.locator("#sec-filters output").textContent();
  r.default_url = page.url();
  await page.selectOption("#sec-filters select[name=show]", "all");
  r.all_ids = await ids(page);
  r.all_url = page.url();
  r.all_count = await page.locator("#sec-filters output").textContent();
  // Search by proposer, then by a word only in the Route column.
  await page.fill("#sec-filters input[name=q]", "Brightwater");
  r.proposer_ids = await ids(page);
  await page.fill("#sec-filters input[name=q]", "fast-track");
  r.route_ids = await ids(page);
  await page.fill("#sec-filters input[name=q]", "");
  // Sort by Next key date both ways: blank dates stay last.
  const header = (name) => page.locator("#sec-register thead th", { hasText: name }).locator("button");
  await header("Next key date").click();
  r.next_asc = await column(page, 10, "data-sort");
  await header("Next key date").click();
  r.next_desc = await column(page, 10, "data-sort");
  // A Party Category chosen: its own impact level.
  await page.selectOption("#sec-filters select[name=party]", "other_parties");
  r.party_url = page.url();
  r.party_impacts = await page.locator("#sec-register tbody tr:not([hidden])").evaluateAll((trs) =>
    trs.map((tr) => [tr.cells[0].textContent.trim(), tr.cells[7].textContent.trim()]));
  await page.goto(page.url(), { waitUntil: "load" });
  r.party_after_reload = await page.locator("#sec-filters select[name=party]").inputValue();
  r.problems = problems;
  await ctx.close();
  return r;
}

async function phone(browser) {
  const { ctx, page, problems } = await open(browser, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await page.goto(job.base + "modifications/", { waitUntil: "load" });
  const r = await page.evaluate(() => {
    const row = document.querySelector("#sec-register tbody tr:not([hidden])");
    const cell = row.cells[2];
    return {
      row_display: getComputedStyle(row).display,
      cell_display: getComputedStyle(cell).display,
      label: getComputedStyle(cell, "::before").content,
      row_width: row.getBoundingClientRect().width,
      page_excess: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      hidden_display: getComputedStyle(document.querySelector("#sec-register tbody tr[hidden]")).display,
    };
  });
  r.problems = problems;
  await ctx.close();
  return r;
}

async function copy(browser) {
  const { ctx, page, problems } = await open(browser, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await ctx.grantPermissions(["clipboard-read", "clipboard-write"], { origin: ORIGIN });
  await page.goto(job.base + "subscribe/", { waitUntil: "load" });
  const box = page.locator(".sec-copy").nth(2);  // the first Party Category's https:// address
  const r = { buttons: await page.locator(".sec-copy-button:visible").count() };
  r.value = (await box.locator("code.sec-address").textContent()).trim();
  await box.locator("button").click();
  await page.waitForTimeout(200);
  r.status = await box.locator(".sec-copy-status").textContent();
  r.clipboard = await page.evaluate(() => navigator.clipboard.readText()).catch((e) => `error: ${e}`);
  r.problems = problems;
  await ctx.close();
  return r;
}

async function remembered(browser) {
  const { ctx, page, problems } = await open(browser, { viewport: { width: 1280, height: 900 } });
  await page.goto(job.base, { waitUntil: "load" });
  const r = { before: await page.locator(".sec-party-remembered").isVisible() };
  await page.locator("#sec-parties a[data-party=gas_networks]").click();
  await page.waitForLoadState("load");
  r.followed = page.url();
  await page.goto(job.base, { waitUntil: "load" });
  r.after = await page.locator(".sec-party-remembered").textContent();
  r.after_href = await page.locator(".sec-party-remembered a").getAttribute("href");
  r.problems = problems;
  await ctx.close();
  return r;
}

const browser = await chromium.launch({ executablePath: job.chromium, args: FLAGS });
const out = {};
for (const [name, fn] of Object.entries({ register, phone, copy, remembered })) {
  out[name] = await fn(browser).catch((e) => ({ error: String(e.stack || e) }));
}
await browser.close();
process.stdout.write(JSON.stringify(out));
