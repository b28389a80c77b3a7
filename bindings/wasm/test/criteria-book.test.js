// A criteria set typed in a workbook (`ocop criteria build`) scores the
// same through the package, given the built file's text, as through the
// CLI with `--criteria DIR`; both scorecards say the set is the user's.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const ocop = require('../pkg');
const { cli, run, root } = require('./cli');

// The README's worked example: the 26/2026 template of set 1 with the
// 4★ minimum of criterion 8 cleared and the source typed in.
const book = path.join(root, 'examples', 'data', 'rau-cu-qua-hat-tuoi-tinh.xlsx');
const sample = fs.readFileSync(path.join(root, 'examples', 'data', 'sample-2026.json'), 'utf8');

test('a set built from a workbook scores alike in the CLI and the package, marked as the user\'s', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ocop-book-'));
  const written = execFileSync(cli(), ['criteria', 'build', book, '-o', dir], { encoding: 'utf8' });
  const file = path.join(dir, 'qd26-2026', 'rau-cu-qua-hat-tuoi.json');
  assert.equal(written.trim(), file);
  const text = fs.readFileSync(file, 'utf8');

  const want = run(['--criteria', dir, 'score', '-'], sample).trim();
  const got = ocop.score(sample, { criteria: { 'qd26-2026/rau-cu-qua-hat-tuoi.json': text } });
  assert.equal(got, want, 'the same scorecard, byte for byte');

  const card = JSON.parse(got);
  assert.equal(card.provenance, 'user');
  assert.match(card.fingerprint, /^fnv1a64:[0-9a-f]{16}$/);
  assert.deepEqual(card.warnings.filter((w) => w.kind === 'user_supplied'), [
    { kind: 'user_supplied', set: 'rau-cu-qua-hat-tuoi', fingerprint: card.fingerprint },
  ]);
  // The typed change took: no 4★ minimum holds the sample at 3★.
  assert.equal(card.rating.stars, 4);
  const bundled = JSON.parse(ocop.score(sample));
  assert.equal(bundled.rating.stars, 3);
  assert.equal(bundled.provenance, undefined, 'a bundled set has no provenance field');
  fs.rmSync(dir, { recursive: true });
});
