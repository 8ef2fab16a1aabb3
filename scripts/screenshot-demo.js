// Takes the README's screenshot of the demo (docs/images/demo.png): starts the demo like
// `npm start`, buys the offer in the success scenario, waits for "Offer registered" and shoots.
//   node scripts/screenshot-demo.js [--query "theme=dark&lang=fr"] [--out file.png] [--no-buy] [--forced-colors] [--width 320]
// Run `npm run build:ts` first (`npm start` does it through prestart).
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from './chromium.js';
import { startDemo } from './demo-server.js';

const { values } = parseArgs({
  options: {
    query: { type: 'string', default: 'scenario=success' },
    out: { type: 'string', default: 'docs/images/demo.png' },
    'no-buy': { type: 'boolean', default: false },
    'forced-colors': { type: 'boolean', default: false },
    width: { type: 'string', default: '1280' },
  },
});

const demo = await startDemo();
const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
try {
  const page = await browser.newPage({ viewport: { width: Number(values.width), height: 900 }, deviceScaleFactor: 1 });
  if (values['forced-colors']) await page.emulateMedia({ forcedColors: 'active' });
  await page.goto(`${demo.url}?${values.query}`);
  const banner = page.locator('store-offer-banner');
  if (values['no-buy']) {
    await page.waitForTimeout(2500);
  } else {
    await banner.locator('[part~="price"]').waitFor();
    await banner.locator('store-purchase-button').click();
    await page.locator('store-claim-status [part~="label"]').filter({ hasText: /Offer registered|Offre enregistrée/ }).waitFor();
    // Let the banner's impression timer and the log's last poll land.
    await page.waitForTimeout(1200);
  }
  mkdirSync(dirname(values.out), { recursive: true });
  await page.screenshot({ path: values.out, fullPage: Number(values.width) < 900 });
  console.log(`saved ${values.out}`);
} finally {
  await browser.close();
  await demo.stop();
}
