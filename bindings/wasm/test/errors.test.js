// Bad input: each gives the CLI's error record, thrown as an Error by a
// single call and written as a line by scoreLines; never a crash or an
// `undefined`.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const ocop = require('../pkg');
const { run, lines, root } = require('./cli');

const sample = fs.readFileSync(path.join(root, 'examples/data/sample-2026.json'), 'utf8').trim();
const ev = () => JSON.parse(sample);

const wrongType = ev();
wrongType.members[1].answers['1.2'] = '3';
const unknownSet = { ...ev(), set: 'khong-co-bo-nay' };
const longLine = JSON.stringify({ ...ev(), padding: 'x'.repeat(1 << 20) });

const bad = {
  json: '{"id": "P1", "set": ',
  unknown_set: JSON.stringify(unknownSet),
  invalid_answer: JSON.stringify(wrongType),
  line_too_long: longLine,
  blank_line: '   ',
  option_out_of_range: sample.replace('"1.1": 3', '"1.1": 9'),
};

test('each bad line: the CLI record, thrown with its kind', () => {
  for (const [kind, line] of Object.entries(bad)) {
    const want = JSON.parse(lines(run(['score', '-'], line + '\n'))[0]);
    assert.equal(want.error.kind, kind, `the CLI's kind for ${kind}`);
    for (const call of [ocop.score, ocop.plan, ocop.explain]) {
      assert.throws(
        () => call(line),
        (e) => {
          assert.ok(e instanceof Error);
          assert.equal(e.name, 'OcopError');
          assert.equal(e.kind, kind);
          assert.deepEqual(e.record, want);
          assert.deepEqual(e.error, want.error);
          assert.ok(e.message && e.message !== 'undefined', e.message);
          return true;
        },
        `${call.name || 'call'} on ${kind}`,
      );
    }
  }
});

test('scoreLines writes each bad line as its record, in place', () => {
  const input = [sample, ...Object.values(bad), sample].join('\n') + '\n';
  const want = run(['score', '-'], input);
  const got = ocop.scoreLines(input);
  assert.ok(got === want, 'scoreLines differs from the CLI');
  const out = lines(got).map((l) => JSON.parse(l));
  assert.equal(out.length, Object.keys(bad).length + 2);
  assert.deepEqual(out.slice(1, -1).map((r) => r.error.kind), Object.keys(bad));
  assert.equal(out[0].rating.stars, 3);
});

test('check lists every problem; whatIf and sets name unknown things', () => {
  const two = ev();
  two.members[0].answers['1.1'] = 9;
  delete two.members[2].answers['6.3'];
  const problems = JSON.parse(ocop.check(two));
  assert.deepEqual(problems.map((p) => p.error.kind), ['option_out_of_range', 'missing_answer']);
  assert.ok(problems.every((p) => typeof p.message === 'string' && p.message.length > 0));
  assert.deepEqual(JSON.parse(ocop.check(sample)), []);
  assert.throws(() => ocop.check('not json'), { name: 'OcopError', kind: 'json' });
  assert.throws(() => ocop.sets('qd9999'), { kind: 'unknown_edition' });
  assert.throws(() => ocop.sheet('qd26-2026', 'khong-co'), { kind: 'unknown_set' });
  assert.throws(() => ocop.sheet('qd148-2023', 'hoa'), { kind: 'tables_not_bundled' });
  assert.throws(() => ocop.whatIf(sample, [{ criterion: '8' }]), { kind: 'invalid_argument' });
});

test('bad options are errors, not defaults', () => {
  assert.throws(() => ocop.score(sample, { edition: 'nope' }), { kind: 'unknown_edition' });
  assert.throws(() => ocop.score(sample, { inferd: true }), { kind: 'invalid_argument' });
  assert.throws(() => ocop.score(sample, '{'), { kind: 'invalid_argument' });
  assert.throws(() => ocop.plan(sample, { target: 7 }), { kind: 'invalid_target' });
  assert.throws(() => ocop.plan(sample, { costs: { criteria: { '99.9': 1 } } }), { kind: 'invalid_costs' });
  assert.throws(() => ocop.score(sample, { criteria: { 'qd26-2026/hoa.json': '{' } }), { kind: 'invalid_data' });
  // The module still works after each.
  assert.equal(JSON.parse(ocop.score(sample)).rating.stars, 3);
});

test('a value that is not an evaluation', () => {
  for (const v of [undefined, null, 42, [], 'null']) {
    assert.throws(() => ocop.score(v), (e) => e.name === 'OcopError' && typeof e.kind === 'string');
  }
});
