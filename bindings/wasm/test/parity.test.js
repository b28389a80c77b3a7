// The package against the native CLI on the same input, byte for byte:
// every bundled example and a generated file over every set of every
// edition, under the CLI's options.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const ocop = require('../pkg');
const { run, generated, examples, lines } = require('./cli');

/** Lines compared with the CLI, over the whole suite. */
let compared = 0;

/** Option sets as the CLI's flags and as the package's options. */
const modes = [
  { flags: [], options: {} },
  { flags: ['--points'], options: { points: true } },
  { flags: ['--inferred', '--weak-sources', '--points'], options: { inferred: true, weakSources: true, points: true } },
  { flags: ['--edition', 'QD1048-781'], options: { edition: 'QD1048-781' } },
];

/** One evaluation scored alone: the scorecard, or the thrown error's record. */
function single(f) {
  try {
    return f();
  } catch (e) {
    assert.equal(e.name, 'OcopError', String(e));
    assert.ok(e.record, 'an evaluation error carries its record');
    assert.equal(e.kind, e.record.error.kind);
    assert.ok(e.message.length > 0);
    return e.record;
  }
}

/** Compares single calls with the CLI's lines (records at line 1). */
function sameLines(cliText, input, call, what) {
  const want = lines(cliText);
  const given = lines(input);
  assert.equal(want.length, given.length, `${what}: one line out per line in`);
  for (let i = 0; i < given.length; i++) {
    const got = single(() => call(given[i]));
    if (typeof got === 'string') {
      assert.equal(got, want[i], `${what}, line ${i + 1}`);
    } else {
      // An error record: the CLI numbers the line; a single call is line 1.
      const rec = JSON.parse(want[i]);
      assert.equal(JSON.stringify(got), JSON.stringify({ ...rec, line: 1 }), `${what}, line ${i + 1}`);
    }
    compared++;
  }
}

const inputs = () => [...examples(), generated(6000)];

test('scoreLines writes what `ocop score` writes', () => {
  for (const file of inputs()) {
    const input = fs.readFileSync(file, 'utf8');
    for (const m of modes) {
      const want = run(['score', ...m.flags, file]);
      const got = ocop.scoreLines(input, m.options);
      assert.ok(got === want, `${path.basename(file)} ${m.flags.join(' ')}: outputs differ`);
      compared += lines(want).length;
    }
  }
});

test('score, one evaluation at a time, gives the CLI line', () => {
  for (const file of inputs()) {
    const input = fs.readFileSync(file, 'utf8');
    for (const m of modes.slice(0, 3)) {
      const want = run(['score', ...m.flags, file]);
      sameLines(want, input, (l) => ocop.score(l, m.options), `score ${path.basename(file)} ${m.flags}`);
    }
  }
});

test('score takes an object as its JSON', () => {
  const text = fs.readFileSync(path.join(__dirname, '../../../examples/data/sample-2026.json'), 'utf8');
  assert.equal(ocop.score(JSON.parse(text)), ocop.score(text.trim()));
});

test('plan and explain give the CLI lines', () => {
  const gen = lines(fs.readFileSync(generated(6000), 'utf8')).slice(0, 400).join('\n') + '\n';
  const files = examples().map((f) => fs.readFileSync(f, 'utf8'));
  for (const input of [...files, gen]) {
    sameLines(run(['plan', '-'], input), input, (l) => ocop.plan(l), 'plan');
    sameLines(run(['explain', '--json', '-'], input), input, (l) => ocop.explain(l), 'explain');
  }
});

test('check gives the CLI lines, on whole and on broken evaluations', () => {
  const gen = lines(fs.readFileSync(generated(6000), 'utf8')).slice(0, 300);
  // Each broken line loses one answer and has another out of range.
  const broken = gen.map((l, i) => {
    const ev = JSON.parse(l);
    const answers = ev.members[i % ev.members.length].answers;
    const codes = Object.keys(answers);
    delete answers[codes[i % codes.length]];
    answers[codes[(i + 1) % codes.length]] = 99;
    return JSON.stringify(ev);
  });
  const files = examples().map((f) => fs.readFileSync(f, 'utf8'));
  let found = 0;
  for (const input of [...files, gen.join('\n') + '\n', broken.join('\n') + '\n']) {
    const want = run(['check', '-'], input);
    found += lines(want).filter((l) => l.startsWith('[{')).length;
    sameLines(want, input, (l) => ocop.check(l), 'check');
  }
  assert.ok(found >= broken.length, `${found} lines with problems`);
});

test('plan with --target and --costs', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ocop-costs-'));
  const costs = { default: 2, criteria: { '1.2': 5, '8': { 3: 1, 4: 9 } } };
  const file = path.join(dir, 'costs.json');
  fs.writeFileSync(file, JSON.stringify(costs));
  const input = fs.readFileSync(path.join(__dirname, '../../../examples/data/tan-hong-2021.jsonl'), 'utf8');
  for (const target of [3, 4, 5]) {
    const want = run(['plan', '--target', String(target), '--costs', file, '-'], input);
    sameLines(want, input, (l) => ocop.plan(l, { target, costs }), `plan --target ${target}`);
  }
  fs.rmSync(dir, { recursive: true });
});

test('criteria given as files score as `--criteria DIR` does', () => {
  const hoa = JSON.parse(ocop.sheet('qd26-2026', 'hoa'));
  hoa.source = "a province's corrected copy";
  hoa.parts[0].sections[0].criteria[0].options[0].text += ' (sửa)';
  const text = JSON.stringify(hoa, null, 1);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ocop-criteria-'));
  fs.mkdirSync(path.join(dir, 'qd26-2026'));
  fs.writeFileSync(path.join(dir, 'qd26-2026', 'hoa.json'), text);
  const input = lines(fs.readFileSync(generated(6000), 'utf8'))
    .filter((l) => JSON.parse(l).edition === 'qd26-2026')
    .join('\n') + '\n';
  const want = run(['--criteria', dir, 'score', '-'], input);
  const criteria = { 'qd26-2026/hoa.json': text };
  assert.ok(ocop.scoreLines(input, { criteria }) === want, 'scoreLines with criteria');
  sameLines(want, input, (l) => ocop.score(l, { criteria }), 'score with criteria');
  assert.ok(want.includes(JSON.parse(ocop.sets('qd26-2026', { criteria }))[0].sets.find((s) => s.id === 'hoa').fingerprint));
  fs.rmSync(dir, { recursive: true });
});

test('at least 5,000 lines were compared with the CLI', () => {
  assert.ok(compared >= 5000, `${compared} lines compared`);
  console.log(`# ${compared} lines compared with the CLI, no difference`);
});
