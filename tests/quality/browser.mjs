// Drives headless Chromium (Debian's /usr/bin/chromium through playwright-core) over the built site
// for tests/quality/test_browser.py. One run per test session: reads a JSON job from the file named
// on argv (or from stdin), prints one JSON object with raw measurements; Python does the asserting.
//
// Job: {base, pages: [path...], register: path, chromium, tools, shots, phone_width}
//   base   http://127.0.0.1:PORT/ serving the built site
//   tools  tests/tools (where node_modules lives)
//   shots  directory for a full-page screenshot of every visited page (desktop and phone); Python
//          copies the ones of failing pages to the CI artifacts directory.
import { createRequire } from "node:module";
import { readFileSync, mkdirSync } from "node:fs";
import path from "node:path";

const job = JSON.parse(readFileSync(process.argv[2] || 0, "utf-8"));
const require = createRequire(path.join(job.tools, "package.json"));
const { chromium } = require("playwright-core");
const AXE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf-8");
const ORIGIN = new URL(job.base).origin;
const PHONE = job.phone_width || 390;

// Flags that keep Chromium from calling home: on a closed network those connections fail, many at a time.
const FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync"];

function slug(page) {
  return (page.replace(/[^a-z0-9]+/gi, "-").replace(/^-|-$/g, "") || "home");
}

// A context that records every request for another origin (and aborts it: tests stay offline),
// and every console error and uncaught exception, per page.
async function context(browser, options) {
  const ctx = await browser.newContext(options);
  ctx.secsite = { external: [], console: [] };
  await ctx.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith("data:") || url.startsWith("blob:") || new URL(url).origin === ORIGIN) {
      return route.continue();
    }
    ctx.secsite.external.push(url);
    return route.abort("blockedbyclient");
  });
  ctx.on("page", (page) => watch(ctx, page));
  return ctx;
}

function watch(ctx, page) {
  page.on("console", (message) => {
    if (message.type() === "error") {
      const where = message.location();
      ctx.secsite.console.push(`${message.text()}${where && where.url ? ` (${where.url}:${where.lineNumber})` : ""}`);
    }
  });
  page.on("pageerror", (error) => ctx.secsite.console.push(`uncaught: ${error.message}`));
  page.on("requestfailed", (request) => {
    if (new URL(request.url()).origin === ORIGIN) {
      ctx.secsite.console.push(`request failed: ${request.url()} ${request.failure()?.errorText}`);
    }
  });
  page.on("response", (response) => {
    if (response.status() >= 400) ctx.secsite.console.push(`HTTP ${response.status()}: ${response.url()}`);
  });
}

// Collects what happened on one page load: console errors, other-origin requests, status.
async function visit(ctx, url, action) {
  ctx.secsite.external = [];
  ctx.secsite.console = [];
  const page = await ctx.newPage();
  const response = await page.goto(url, { waitUntil: "load" });
  // Material's bundle and the search worker start after load: let the network settle.
  await page.waitForLoadState("networkidle").catch(() => {});
  const result = { status: response ? response.status() : null };
  if (action) Object.assign(result, await action(page));
  await page.waitForLoadState("networkidle").catch(() => {});
  result.console = ctx.secsite.console.slice();
  result.external = ctx.secsite.external.slice();
  return { page, result };
}

async function axe(page) {
  await page.addScriptTag({ content: AXE });
  const results = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
    resultTypes: ["violations"],
  }));
  return results.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help, tags: v.tags,
    nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target.join(" "), summary: n.failureSummary })),
    count: v.nodes.length,
  }));
}

// How far the page is wider than the viewport (0 when nothing overflows sideways).
async function overflow(page) {
  return page.evaluate(() => {
    const root = document.documentElement;
    const wide = [];
    // Inside a box that scrolls (or clips) sideways, a wide element does not widen the page.
    const clipped = (el) => {
      for (let a = el.parentElement; a && a !== root; a = a.parentElement) {
        if (getComputedStyle(a).overflowX !== "visible") return true;
      }
      return false;
    };
    for (const el of document.querySelectorAll("article *")) {
      const box = el.getBoundingClientRect();
      if (box.right > root.clientWidth + 1 && !clipped(el)) {
        wide.push(`${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}${el.className && typeof el.className === "string" ? "." + el.className.split(" ").join(".") : ""}`);
        if (wide.length >= 5) break;
      }
    }
    return { excess: root.scrollWidth - root.clientWidth, wide };
  });
}

async function shot(page, name) {
  const file = path.join(job.shots, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

async function pages(browser) {
  const out = {};
  const desktop = await context(browser, { viewport: { width: 1280, height: 900 } });
  const phone = await context(browser, { viewport: { width: PHONE, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1 });
  for (const p of job.pages) {
    const { page, result } = await visit(desktop, job.base + p, async (page) => ({ axe: await axe(page) }));
    result.screenshots = [await shot(page, `${slug(p)}-desktop`)];
    await page.close();
    const small = await visit(phone, job.base + p, async (page) => ({ overflow: await overflow(page), axe: await axe(page) }));
    result.phone = small.result;
    result.screenshots.push(await shot(small.page, `${slug(p)}-phone`));
    await small.page.close();
    out[p] = result;
  }
  await desktop.close();
  await phone.close();
  return out;
}

// The register: filter by stage, URL state, reload, sort by a column.
async function register(browser) {
  const ctx = await context(browser, { viewport: { width: 1280, height: 900 } });
  const url = job.base + job.register;
  const { page, result } = await visit(ctx, url, async (page) => {
    const r = {};
    r.form_visible = await page.locator("#sec-filters").isVisible();
    const rows = page.locator("#sec-register tbody tr");
    r.total = await rows.count();
    // The stage with the most rows that is not every row, so the filter visibly changes the table.
    const stages = await rows.evaluateAll((trs) => trs.map((tr) => tr.dataset.stage));
    const counts = {};
    stages.forEach((s) => { counts[s] = (counts[s] || 0) + 1; });
    const options = await page.locator("#sec-filters select[name=stage] option").evaluateAll((os) => os.map((o) => o.value).filter(Boolean));
    const stage = options.filter((s) => counts[s] && counts[s] < r.total).sort((a, b) => counts[b] - counts[a])[0];
    r.stage = stage;
    r.expected = counts[stage] || 0;
    r.options = options;
    await page.selectOption("#sec-filters select[name=stage]", stage);
    r.visible = await rows.filter({ visible: true }).count();
    r.visible_stages = [...new Set(await page.locator("#sec-register tbody tr:not([hidden])").evaluateAll((trs) => trs.map((tr) => tr.dataset.stage)))];
    r.count_text = await page.locator("#sec-filters output").textContent();
    r.url = page.url();
    r.screenshot_filtered = await shot(page, "register-filtered");
    // Reload the shared URL: the filter comes back from the query.
    await page.goto(r.url, { waitUntil: "load" });
    r.restored = {
      value: await page.locator("#sec-filters select[name=stage]").inputValue(),
      visible: await rows.filter({ visible: true }).count(),
    };
    // Sort: clear the filter, click the Title header (twice), then the Implementation date header.
    await page.selectOption("#sec-filters select[name=stage]", "");
    const header = (name) => page.locator("#sec-register thead th", { hasText: name }).locator("button");
    const titles = () => page.locator("#sec-register tbody tr:not([hidden]) td:nth-child(2)").allTextContents();
    r.titles_before = await titles();
    await header("Title").click();
    r.titles_asc = await titles();
    r.aria_sort_asc = await page.locator("#sec-register thead th", { hasText: "Title" }).getAttribute("aria-sort");
    r.url_sorted = page.url();
    await header("Title").click();
    r.titles_desc = await titles();
    r.aria_sort_desc = await page.locator("#sec-register thead th", { hasText: "Title" }).getAttribute("aria-sort");
    await header("Implementation date").click();
    r.dates_asc = await page.locator("#sec-register tbody tr:not([hidden]) td:nth-child(6)").evaluateAll((tds) => tds.map((td) => td.dataset.sort));
    r.sort_focusable = await header("Stage").evaluate((b) => { b.focus(); return document.activeElement === b; });
    // Sorting is in the URL too: reload keeps the order.
    const sortedUrl = page.url();
    r.url_date_sorted = sortedUrl;
    await page.goto(sortedUrl, { waitUntil: "load" });
    r.dates_after_reload = await page.locator("#sec-register tbody tr:not([hidden]) td:nth-child(6)").evaluateAll((tds) => tds.map((td) => td.dataset.sort));
    return r;
  });
  result.screenshots = [result.screenshot_filtered, await shot(page, "register-sorted")];
  delete result.screenshot_filtered;
  await page.close();
  await ctx.close();
  return result;
}

// The register without JavaScript: every row shown, the (useless) form hidden, links work.
async function nojs(browser) {
  const ctx = await context(browser, { viewport: { width: 1280, height: 900 }, javaScriptEnabled: false });
  const url = job.base + job.register;
  const { page, result } = await visit(ctx, url, async (page) => {
    const r = {};
    const rows = page.locator("#sec-register tbody tr");
    r.total = await rows.count();
    r.visible = await rows.filter({ visible: true }).count();
    r.form_visible = await page.locator("#sec-filters").isVisible();
    r.screenshot = await shot(page, "register-nojs");
    const link = rows.last().locator("td:first-child a");
    r.link_text = (await link.textContent()).trim();
    await Promise.all([page.waitForURL((u) => u.href !== url), link.click()]);
    r.followed = page.url();
    r.followed_h1 = (await page.locator("h1").first().textContent()).trim();
    // Back on the register, a release link in the table works too.
    await page.goBack();
    const release = page.locator("#sec-register tbody td:nth-child(5) a").first();
    r.release_text = (await release.textContent()).trim();
    await Promise.all([page.waitForURL((u) => u.href !== url), release.click()]);
    r.release_followed = page.url();
    r.release_h1 = (await page.locator("h1").first().textContent()).trim();
    return r;
  });
  result.screenshots = [result.screenshot];
  delete result.screenshot;
  await page.close();
  await ctx.close();
  return result;
}

mkdirSync(job.shots, { recursive: true });
// launch() gives Chromium a fresh temporary profile (--user-data-dir) of its own and removes it on
// close; Playwright refuses an explicit --user-data-dir here (that is launchPersistentContext's).
const browser = await chromium.launch({ executablePath: job.chromium, args: FLAGS });
const output = {};
try {
  output.version = browser.version();
  output.pages = await pages(browser);
  output.register = await register(browser).catch((e) => ({ error: String(e.stack || e) }));
  output.nojs = await nojs(browser).catch((e) => ({ error: String(e.stack || e) }));
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(output));
