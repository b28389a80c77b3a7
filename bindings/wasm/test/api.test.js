// The functions a form uses, on the README's sample.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const ocop = require('../pkg');
const { root } = require('./cli');

const sample = fs.readFileSync(path.join(root, 'examples/data/sample-2026.json'), 'utf8');

test("the README's sample: 3★ at 74.33, a 4★ minimum failed", () => {
  const text = ocop.score(sample);
  assert.ok(text.includes('"total":74.33'), 'the exact decimal, as written');
  const card = JSON.parse(text);
  assert.equal(card.rating.stars, 3);
  assert.equal(card.rating.band, 4);
  assert.deepEqual(card.rating.failed_gates.map((g) => [g.stars, g.criterion]), [[4, '8']]);
  assert.equal(card.members[0].points, undefined, 'points only when asked');
  assert.equal(JSON.parse(ocop.score(sample, { points: true })).members[0].points['1.1'], 3);
});

test('plan to the next star, tried with whatIf', () => {
  const plan = JSON.parse(ocop.plan(sample));
  assert.equal(plan.target, 4);
  assert.equal(plan.changes, 1);
  const steps = plan.steps.map(({ criterion, option }) => ({ criterion, option }));
  const w = JSON.parse(ocop.whatIf(sample, steps));
  assert.equal(w.before.rating.stars, 3);
  assert.equal(w.after.rating.stars, 4);
  assert.equal(w.stars_changed, true);
});

test('sets and sheet: the blank sheet as data', () => {
  const all = JSON.parse(ocop.sets());
  assert.deepEqual(all.map((e) => e.edition.id), ['qd1048-2019', 'qd1048-781', 'qd148-2023', 'qd26-2026']);
  const ed = JSON.parse(ocop.sets('QD26-2026'));
  assert.equal(ed.length, 1);
  assert.equal(ed[0].sets.length, 26);
  const s = JSON.parse(ocop.sheet('qd26-2026', 'Rau, củ, quả, hạt tươi'));
  assert.equal(s.id, 'rau-cu-qua-hat-tuoi');
  assert.equal(s.parts.map((p) => p.max).reduce((a, b) => a + b), 100);
  // Every set of every edition has a sheet.
  for (const e of all) {
    for (const set of e.sets) {
      assert.equal(JSON.parse(ocop.sheet(e.edition.id, set.id)).id, set.id);
    }
  }
  assert.match(ocop.dataVersion(), /^\d{4}\.\d+\.\d+$/);
});

test('explain names what holds the product back', () => {
  const x = JSON.parse(ocop.explain(sample));
  assert.equal(x.card.stars, 3);
  assert.deepEqual(x.criteria.filter((c) => c.holds_back).map((c) => c.code), ['8']);
});

test('ES module entry for Node', async () => {
  const m = await import('../pkg/index.node.mjs');
  assert.equal(m.score(sample), ocop.score(sample));
  await m.load();
});

test("the package README's example runs as written", () => {
  const readme = fs.readFileSync(path.join(__dirname, '../js/README.md'), 'utf8');
  const code = readme.split('```js\n')[1].split('```')[0].replace("require('ocop')", "require('../pkg')");
  assert.equal(code.trim().split('\n').length, 10, 'a 10-line example');
  const logged = [];
  new Function('require', 'console', code)(require, { log: (...a) => logged.push(a) });
  assert.deepEqual(logged[0], [100, 5]);
  assert.equal(logged[1][0], 'unknown_set');
});

test("editionInForce: the day in Vietnam and the edition a dossier filed that day falls under", () => {
  const at = (iso) => JSON.parse(ocop.editionInForce(Date.parse(iso) / 1000));
  // 23:30 UTC on 21 May 2026 is already the 22nd in Vietnam (UTC+7).
  assert.deepEqual(at('2026-05-21T23:30:00Z'), { edition: 'qd26-2026', date: '2026-05-22' });
  assert.deepEqual(at('2026-05-21T16:59:00Z'), { edition: 'qd148-2023', date: '2026-05-21' });
  assert.equal(at('2021-01-01T00:00:00Z').edition, 'qd1048-781');
  assert.throws(() => ocop.editionInForce(0), (e) => e.kind === 'before_criteria');
});

test("sheet without an edition: the one in force today, by the page's clock", () => {
  const today = JSON.parse(ocop.editionInForce(Date.now() / 1000)).edition;
  assert.equal(ocop.sheet('', 'hoa'), ocop.sheet(today, 'hoa'));
});
