// The province report page: the bytes `ocop report --as-of` writes for the
// same lines, in both languages; the results workbook is not in this
// package (it needs the `workbook` feature).
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const ocop = require('../pkg');
const { cli, root } = require('./cli');
const { execFileSync } = require('node:child_process');

const file = path.join(root, 'examples/data/dong-thap-2021-2023.jsonl');

test('report: the page `ocop report --as-of` writes, byte for byte', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ocop-wasm-report-'));
  try {
    const lines = fs.readFileSync(file, 'utf8');
    for (const lang of ['vi', 'en']) {
      const out = path.join(dir, `${lang}.html`);
      execFileSync(cli(), ['report', file, '--as-of', '2026-01-20', '--lang', lang, '-o', out], { stdio: 'ignore' });
      const page = ocop.report(lines, '2026-01-20', lang, 'html');
      assert.ok(page instanceof Uint8Array);
      assert.ok(Buffer.from(page).equals(fs.readFileSync(out)), `the ${lang} page is the CLI's`);
    }
    // Another day is another page: the day is the caller's, not a clock's.
    const later = ocop.report(lines, '2027-06-01', 'vi', 'html');
    assert.ok(!Buffer.from(later).equals(fs.readFileSync(path.join(dir, 'vi.html'))));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('report: bad arguments throw the library\'s kinds', () => {
  assert.throws(() => ocop.report('', '2026-13-01', 'vi', 'html'), { kind: 'invalid_date' });
  assert.throws(() => ocop.report('', '2026-01-20', 'fr', 'html'), { kind: 'invalid_argument' });
  assert.throws(() => ocop.report('', '2026-01-20', 'vi', 'xlsx'), { kind: 'invalid_argument' });
});
