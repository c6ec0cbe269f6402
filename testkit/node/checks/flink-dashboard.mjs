// Looks at a running job in the Flink web dashboard as a person would, in headless Chromium
// (Debian's /usr/bin/chromium, driven by playwright-core): the running jobs list, the job's graph
// with its operators, and one metric of one operator in its metrics tab; saves a screenshot of
// that tab. Prints one JSON line of what it saw; the calling test asserts on it.
//
//   node checks/flink-dashboard.mjs --url http://127.0.0.1:8081 --job <job id> \
//       --vertex <vertex id> --metric <metric name, e.g. 0.Writer.qdrant.pointsWritten> --screenshot out.png
import { chromium } from 'playwright-core';

function options(argv) {
    const result = {};
    for (let i = 2; i < argv.length; i += 2) {
        if (!argv[i].startsWith('--') || i + 1 >= argv.length) {
            throw new Error(`usage: --url U --job J --vertex V --metric M --screenshot FILE (at '${argv[i]}')`);
        }
        result[argv[i].slice(2)] = argv[i + 1];
    }
    for (const name of ['url', 'job', 'vertex', 'metric', 'screenshot']) {
        if (!result[name]) {
            throw new Error(`--${name} is required`);
        }
    }
    return result;
}

const TIMEOUT = 30_000;
const opts = options(process.argv);
const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    // the flags a root user's headless Chromium needs on a machine without a network
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const seen = {};
let page;
try {
    page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });

    // the running jobs list names the job
    await page.goto(`${opts.url}/#/job/running`, { timeout: TIMEOUT });
    const jobLink = page.locator('nz-table tbody tr', { hasText: 'RUNNING' }).first();
    await jobLink.waitFor({ timeout: TIMEOUT });
    seen.runningJobs = (await page.locator('nz-table tbody tr').allInnerTexts()).map(t => t.replace(/\s+/g, ' ').trim());

    // the job's overview: its graph (one node per chained task, its operators named inside)
    await page.goto(`${opts.url}/#/job/running/${opts.job}/overview`, { timeout: TIMEOUT });
    const graph = page.locator('flink-dagre svg g.node');
    await graph.first().waitFor({ timeout: TIMEOUT });
    seen.graphNodes = (await graph.allTextContents()).map(t => t.replace(/\s+/g, ' ').trim());

    // one operator's metrics tab: add a metric, as a person would, and read its value
    await page.goto(`${opts.url}/#/job/running/${opts.job}/overview/${opts.vertex}/metrics`, { timeout: TIMEOUT });
    const picker = page.locator('nz-select').first();
    await picker.waitFor({ timeout: TIMEOUT });
    await picker.click();
    await page.keyboard.type(opts.metric, { delay: 10 });
    const option = page.locator('nz-option-item', { hasText: opts.metric }).first();
    await option.waitFor({ timeout: TIMEOUT });
    await option.click();
    await page.keyboard.press('Escape');
    // the metric's card: a chart, or its latest value in numeric view
    const card = page.locator('flink-job-chart', { hasText: opts.metric }).first();
    await card.waitFor({ timeout: TIMEOUT });
    await card.getByRole('button', { name: 'Numeric' }).click();
    const numeric = card.locator('.numeric');
    await page.waitForFunction((el) => /\d/.test(el.innerText), await numeric.elementHandle(), { timeout: TIMEOUT });
    seen.metric = opts.metric;
    seen.metricValue = (await numeric.innerText()).trim();
    await card.getByRole('button', { name: 'Chart' }).click();
    await page.waitForTimeout(3000); // the chart draws a few more points for the screenshot
    await page.screenshot({ path: opts.screenshot, fullPage: false });
    seen.screenshot = opts.screenshot;
    console.log(JSON.stringify(seen));
} catch (e) {
    // what the page showed, for the reader of a failure
    if (page) {
        await page.screenshot({ path: `${opts.screenshot}.failed.png` }).catch(() => {});
        seen.failedPage = `${opts.screenshot}.failed.png`;
        seen.pageText = (await page.locator('body').innerText().catch(() => '')).replace(/\s+/g, ' ').slice(0, 3000);
        await import('node:fs').then(fs => page.content().then(html => fs.writeFileSync(`${opts.screenshot}.failed.html`, html))).catch(() => {});
    }
    console.log(JSON.stringify({ ...seen, error: String(e && e.message || e) }));
    process.exitCode = 1;
} finally {
    await browser.close();
}
