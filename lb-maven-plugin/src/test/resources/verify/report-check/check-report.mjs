// Opens an lb:verify report in this machine's Chromium (headless) and writes what a test needs to
// judge it, as JSON: at several page widths and as printed on A4, the bounding box of every
// timeline picture and of each of its texts; axe-core's violations; screenshots and a PDF.
// Usage: node check-report.mjs REPORT.html OUTPUT_DIRECTORY NAME
import { chromium } from 'playwright-core';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';

const [report, outputDirectory, name] = process.argv.slice(2);
const axe = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
// A4 is 210 x 297 mm; the page's @page margins are 12 mm: 186 x 273 mm at 96 px per inch.
const A4 = { width: Math.floor((186 / 25.4) * 96), height: Math.floor((273 / 25.4) * 96) };

async function measure(page) {
  return page.evaluate(() => {
    const box = (element) => {
      const r = element.getBoundingClientRect();
      return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
    };
    return {
      viewportWidth: document.documentElement.clientWidth,
      scrollWidth: document.documentElement.scrollWidth,
      pictures: [...document.querySelectorAll('svg.timeline')].map((svg) => ({
        id: svg.closest('figure') ? svg.closest('figure').id : '',
        box: box(svg),
        figure: svg.closest('figure') ? box(svg.closest('figure')) : box(svg),
        texts: [...svg.querySelectorAll('text')].map((text) => ({
          text: text.textContent,
          kind: text.getAttribute('class') || '',
          box: box(text),
        })),
      })),
    };
  });
}

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const result = { screen: {}, print: null, violations: [] };
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto('file://' + path.resolve(report));
  for (const width of [1280, 800, 480]) {
    await page.setViewportSize({ width, height: 900 });
    result.screen[width] = await measure(page);
    await page.screenshot({ path: path.join(outputDirectory, `${name}-${width}.png`), fullPage: true });
  }
  await page.addScriptTag({ path: axe });
  result.violations = await page.evaluate(async () => {
    const found = await window.axe.run(document, { resultTypes: ['violations'] });
    return found.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
    }));
  });
  await page.emulateMedia({ media: 'print' });
  await page.setViewportSize(A4);
  result.print = await measure(page);
  result.print.pageHeight = A4.height;
  await page.pdf({ path: path.join(outputDirectory, `${name}.pdf`), format: 'A4', printBackground: true });
} finally {
  await browser.close();
}
fs.writeFileSync(path.join(outputDirectory, `${name}.json`), JSON.stringify(result, null, 1));
