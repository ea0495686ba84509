// Drives headless Chromium (Debian's /usr/bin/chromium through playwright-core) over the built site
// for tests/quality/test_browser.py. One run per test session: reads a JSON job from the file named
// on argv (or from stdin), prints one JSON object with raw measurements; Python does the asserting.
//
// Job: {base, sites: [{name, base, pages: [path...], axe}], register: path, print: path, chromium, tools, shots,
//       widths: [px...], shot_widths: [px...]}
//   base         http://127.0.0.1:PORT/ serving the built example site (the register's tests)
//   sites        the sites whose pages are checked at every width (layout; axe-core when `axe`)
//   widths       viewport widths for layout and axe-core; shot_widths add a full-page screenshot
//   tools        tests/tools (where node_modules lives)
//   shots        directory for the screenshots (tests/quality/artifacts/: CI uploads it)
import { createRequire } from "node:module";
import { readFileSync, mkdirSync } from "node:fs";
import path from "node:path";

const job = JSON.parse(readFileSync(process.argv[2] || 0, "utf-8"));
const require = createRequire(path.join(job.tools, "package.json"));
const { chromium } = require("playwright-core");
const AXE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf-8");
const ORIGINS = new Set([job.base, ...job.sites.map((s) => s.base)].map((u) => new URL(u).origin));

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
    if (url.startsWith("data:") || url.startsWith("blob:") || ORIGINS.has(new URL(url).origin)) {
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
    // net::ERR_ABORTED is the browser dropping a request because the page navigated away (a click
    // while the favicon loads); a missing file shows up as an HTTP status below instead.
    const aborted = request.failure()?.errorText === "net::ERR_ABORTED";
    if (!aborted && ORIGINS.has(new URL(request.url()).origin)) {
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
  result.console = ctx.secsite.console.slice();
  result.external = ctx.secsite.external.slice();
  return { page, result };
}

// One page in a context of its own (``options``), closed after ``action``.
async function onePage(browser, options, url, action) {
  const ctx = await context(browser, options);
  const { page, result } = await visit(ctx, url, action);
  await page.close();
  await ctx.close();
  return result;
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

// The layout of one page at the current width, as raw measurements (Python asserts):
//   excess     how far the document is wider than the viewport (document.scrollWidth - innerWidth)
//   wide       article elements reaching past the viewport's right edge outside any scroll box
//   spills     article elements whose content is wider than their own box (scrollWidth > clientWidth)
//              while they do not scroll: text or children running over a border, or cut by a clip
//   scrollers  boxes inside the article that scroll sideways now (what scrolls, whether it is a
//              table wrapper, i.e. a deliberate one, and whether it is inside a .sec-stack box, whose
//              tables show their rows as cards on a phone and must not scroll there)
//   small_text table cells set smaller than 14 px
//   wrapped_dates  <time> elements in tables that break over more than one line
//   broken_words  words of 4 to 20 letters in table cells broken over two lines ("Document / ation")
//   num_align  the text-align of money cells (.sec-num) in a column of a table (not in a card)
//   timelines  for every SVG timeline: labels outside the drawing, labels overlapping each other or
//              crossed by a line, the smallest rendered label size, how many month marks
async function layout(page) {
  return page.evaluate(() => {
    const root = document.documentElement;
    const article = document.querySelector("article.md-content__inner") || document.querySelector("article");
    const name = (el) => {
      let s = el.tagName.toLowerCase();
      if (el.id) s += "#" + el.id;
      const c = typeof el.className === "string" ? el.className.trim() : (el.className && el.className.baseVal) || "";
      if (c) s += "." + c.split(/\s+/).join(".");
      const text = (el.textContent || "").trim().replace(/\s+/g, " ").slice(0, 60);
      return text ? `${s} "${text}"` : s;
    };
    const scrolls = (el) => ["auto", "scroll"].includes(getComputedStyle(el).overflowX);
    const inScroller = (el) => {
      for (let a = el.parentElement; a && a !== root; a = a.parentElement) if (scrolls(a)) return a;
      return null;
    };
    const visible = (el) => {
      const cs = getComputedStyle(el);
      if (cs.display === "none" || cs.visibility === "hidden") return false;
      const r = el.getBoundingClientRect();
      return r.width > 0 || r.height > 0;
    };
    const out = { excess: root.scrollWidth - window.innerWidth, wide: [], spills: [], scrollers: [],
      small_text: [], wrapped_dates: [], broken_words: [], num_align: [], timelines: [] };
    if (!article) return out;
    // Inline code's padding repeats on each line fragment (box-decoration-break: clone) and may reach
    // a few pixels past the line's end: not content over a border.
    const SLACK = 4;
    const limit = (list, item) => { if (list.length < 8) list.push(item); };
    for (const el of article.querySelectorAll("*")) {
      if (el.closest("svg") && el.tagName.toLowerCase() !== "svg") continue;
      if (!visible(el)) continue;
      const cs = getComputedStyle(el);
      const box = el.getBoundingClientRect();
      const scroller = inScroller(el);
      if (scrolls(el)) {
        if (el.scrollWidth > el.clientWidth + 1) {
          out.scrollers.push({ el: name(el).slice(0, 80), table: !!el.querySelector("table") && !el.querySelector("svg"),
            stack: !!el.closest(".sec-stack") || !!el.querySelector(".sec-stack"), scroll: el.scrollWidth, client: el.clientWidth });
        }
        continue;
      }
      if (scroller) continue;  // measured as its scroll box
      if (box.right > window.innerWidth + 1) limit(out.wide, name(el));
      // Inline boxes have no clientWidth; a sr-only clip (1 px) is not content.
      // Form fields scroll their own text by nature.
      if (cs.display !== "inline" && el.clientWidth > 1 && el.scrollWidth > el.clientWidth + SLACK && !el.matches("input, select, textarea")) {
        limit(out.spills, { el: name(el), scroll: el.scrollWidth, client: el.clientWidth, overflow: cs.overflowX });
      }
    }
    for (const cell of article.querySelectorAll("td, th")) {
      if (!visible(cell)) continue;
      const size = parseFloat(getComputedStyle(cell).fontSize);
      if (size < 14) limit(out.small_text, `${name(cell)}: ${size}px`);
    }
    // A word split by the line break has two boxes. Only words of letters: a hyphen or a code
    // identifier may break where it is meant to.
    const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT, {
      acceptNode: (n) => n.parentElement.closest("td, th") && !n.parentElement.closest("code") ? 1 : 2 });
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (!visible(n.parentElement)) continue;
      for (const m of n.data.matchAll(/\b[A-Za-z]{4,20}\b/g)) {  // longer ones may not fit any column
        const range = document.createRange();
        range.setStart(n, m.index);
        range.setEnd(n, m.index + m[0].length);
        if (range.getClientRects().length > 1) limit(out.broken_words, `${m[0]} in ${name(n.parentElement).slice(0, 60)}`);
      }
    }
    for (const t of article.querySelectorAll("td time, th time")) {
      if (visible(t) && t.getClientRects().length > 1) limit(out.wrapped_dates, name(t));
    }
    for (const cell of article.querySelectorAll(".sec-num")) {
      // A table shown as cards (a phone) has no column of figures to line up: "Forecast: £1,000".
      if (visible(cell) && getComputedStyle(cell).display === "table-cell") out.num_align.push(getComputedStyle(cell).textAlign);
    }
    out.timeline_list = [...article.querySelectorAll(".sec-timeline-list")].some(visible);
    for (const svg of article.querySelectorAll("svg.sec-timeline")) {
      if (!visible(svg)) { out.timelines.push({ hidden: true }); continue; }
      const vb = svg.viewBox.baseVal;
      const scale = svg.getBoundingClientRect().width / vb.width;
      const t = { hidden: false, cut: [], overlaps: [], crossed: [], min_px: Infinity, months: svg.querySelectorAll(".sec-month").length, labels: 0 };
      const boxes = [...svg.querySelectorAll("text")].map((el) => ({ el, b: el.getBBox() }));
      t.labels = boxes.length;
      for (const { el, b } of boxes) {
        t.min_px = Math.min(t.min_px, parseFloat(getComputedStyle(el).fontSize) * scale);
        if (b.x < vb.x - 0.5 || b.y < vb.y - 0.5 || b.x + b.width > vb.x + vb.width + 0.5 || b.y + b.height > vb.y + vb.height + 0.5) {
          t.cut.push(`${el.textContent} [${b.x.toFixed(0)},${b.y.toFixed(0)} ${b.width.toFixed(0)}×${b.height.toFixed(0)}] in ${vb.width}×${vb.height}`);
        }
      }
      const meets = (a, b) => a.x < b.x + b.width - 0.5 && b.x < a.x + a.width - 0.5 && a.y < b.y + b.height - 0.5 && b.y < a.y + a.height - 0.5;
      for (let i = 0; i < boxes.length; i++) {
        for (let j = i + 1; j < boxes.length; j++) {
          if (meets(boxes[i].b, boxes[j].b)) t.overlaps.push(`${boxes[i].el.textContent} / ${boxes[j].el.textContent}`);
        }
      }
      // Lines and shapes (bars, points, ticks) through a label: compare bounding boxes, with the
      // descenders' half-pixel of slack.
      for (const shape of svg.querySelectorAll("line, rect, circle, path, polyline")) {
        const s = shape.getBBox();
        const sb = { x: s.x, y: s.y, width: Math.max(s.width, 0.01), height: Math.max(s.height, 0.01) };
        for (const { el, b } of boxes) {
          if (meets(sb, b)) t.crossed.push(`${shape.tagName} ${shape.getAttribute("class") || ""} through "${el.textContent}"`);
        }
      }
      t.crossed = t.crossed.slice(0, 8);
      t.overlaps = t.overlaps.slice(0, 8);
      out.timelines.push(t);
    }
    return out;
  });
}

async function shot(page, name) {
  mkdirSync(job.shots, { recursive: true });
  const file = path.join(job.shots, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

// Every page of every site at every width, in one context per width: layout always, axe at the
// widths asked for, a full-page screenshot at the screenshot widths.
async function pages(browser) {
  const out = {};
  const widths = [...new Set([...job.widths, ...job.shot_widths])].sort((a, b) => a - b);
  const one = async (width) => {
    const mobile = width < 768;
    const ctx = await context(browser, { viewport: { width, height: mobile ? 844 : 900 }, isMobile: mobile, hasTouch: mobile, deviceScaleFactor: 1 });
    for (const site of job.sites) {
      for (const p of site.pages) {
        const key = site.name + ":" + p;
        const entry = out[key] ||= { site: site.name, page: p, widths: {}, screenshots: [] };
        const { page, result } = await visit(ctx, site.base + p, async (page) => {
          const r = { layout: await layout(page) };
          if (site.axe && job.widths.includes(width)) r.axe = await axe(page);
          return r;
        });
        entry.status = entry.status || result.status;
        entry.widths[width] = result;
        if (job.shot_widths.includes(width)) entry.screenshots.push(await shot(page, `${site.name}-${slug(p)}-${width}`));
        await page.close();
      }
    }
    await ctx.close();
  };
  // Two widths at a time (one context each: console and requests are recorded per context).
  const queue = widths.slice();
  const worker = async () => { while (queue.length) await one(queue.shift()); };
  await Promise.all([worker(), worker()]);
  for (const entry of Object.values(out)) entry.screenshots.sort();
  return out;
}

// A release page printed (its Release Implementation Document): print media on an A4 page's width
// (210 mm less Chromium's default 10 mm margins: 190 mm, 718 CSS px). The layout as on screen, and
// whether the timeline's "Today" mark shows, on screen first (so the check is not vacuous).
async function print(browser) {
  return onePage(browser, { viewport: { width: 718, height: 1000 }, deviceScaleFactor: 1 }, job.base + job.print, async (page) => {
    const today = () => page.evaluate(() => [...document.querySelectorAll(".sec-today, .sec-today-label")]
      .filter((el) => getComputedStyle(el).display !== "none").length);
    const r = { today_on_screen: await today() };
    await page.emulateMedia({ media: "print" });
    r.today_printed = await today();
    r.layout = await layout(page);
    r.screenshots = [await shot(page, "release-print")];
    return r;
  });
}

// The register: filter by stage, URL state, reload, sort by a column.
async function register(browser) {
  return onePage(browser, { viewport: { width: 1280, height: 900 } }, job.base + job.register, async (page) => {
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
    const filtered = await shot(page, "register-filtered");
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
    r.shown_before_sort = await rows.filter({ visible: true }).count();
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
    r.screenshots = [filtered, await shot(page, "register-sorted")];
    return r;
  });
}

// The register on a phone: its column headers are the sort buttons above the cards; what labels
// them, and whether each looks like a button (a border) rather than a loose word.
async function registerPhone(browser) {
  const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
  return onePage(browser, phone, job.base + job.register, async (page) => page.evaluate(() => {
    const row = document.querySelector("#sec-register thead tr");
    const buttons = [...row.querySelectorAll("button.sec-sort")];
    return {
      label: getComputedStyle(row, "::before").content,
      buttons: buttons.length,
      bordered: buttons.filter((b) => parseFloat(getComputedStyle(b).borderTopWidth) >= 1).length,
    };
  }));
}

// The register without JavaScript: every row shown, the (useless) form hidden, links work.
async function nojs(browser) {
  const url = job.base + job.register;
  return onePage(browser, { viewport: { width: 1280, height: 900 }, javaScriptEnabled: false }, url, async (page) => {
    const r = {};
    const rows = page.locator("#sec-register tbody tr");
    r.total = await rows.count();
    r.visible = await rows.filter({ visible: true }).count();
    r.form_visible = await page.locator("#sec-filters").isVisible();
    r.screenshots = [await shot(page, "register-nojs")];
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
  output.register_phone = await registerPhone(browser).catch((e) => ({ error: String(e.stack || e) }));
  output.print = await print(browser).catch((e) => ({ error: String(e.stack || e) }));
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(output));
