// One answer per input: the same bad inputs through the command, the
// WebAssembly package and the PHP client give the same error kind and the
// same sentence, because all three call the same library function
// (issue #24). The cases are cases.json; PHP answers through php.php.
//   node --test bindings/parity/    (needs bindings/wasm/pkg and php)
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { spawnSync, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const ocop = require('../wasm/pkg');
const { cli, root } = require('../wasm/test/cli');

const cases = JSON.parse(fs.readFileSync(path.join(__dirname, 'cases.json'), 'utf8'));

/** The command's answer: a rejected line's record, or the error it stopped on. */
function command(c) {
  const args = ['--json-errors', c.command];
  const o = c.options;
  if (o.edition) args.push('--edition', o.edition);
  if (o.target !== undefined) args.push('--target', String(o.target));
  let costs;
  if (o.costs !== undefined) {
    costs = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ocop-')), 'costs.json');
    fs.writeFileSync(costs, JSON.stringify(o.costs));
    args.push('--costs', costs);
  }
  if (c.command === 'explain') args.push('--json');
  args.push('-');
  const r = spawnSync(cli(), args, { cwd: root, input: c.evaluation + '\n', encoding: 'utf8' });
  if (r.status === 2) {
    const last = r.stderr.trim().split('\n').pop();
    const e = JSON.parse(last);
    return { kind: e.error.kind, message: e.message };
  }
  assert.equal(r.status, 1, `${c.name}: the command rejects the line (${r.stderr})`);
  const record = JSON.parse(r.stdout.split('\n')[0]);
  return { kind: record.error.kind, message: record.message };
}

/** The WebAssembly package's answer: the OcopError it throws. */
function wasm(c) {
  try {
    ocop[c.command](c.evaluation, JSON.stringify(c.options));
  } catch (e) {
    assert.equal(e.name, 'OcopError', `${c.name}: ${e}`);
    return { kind: e.kind, message: e.message };
  }
  assert.fail(`${c.name}: the package accepted it`);
}

test('the command, WebAssembly and PHP agree on kind and sentence', () => {
  const php = spawnSync('php', [path.join(__dirname, 'php.php'), cli()], { encoding: 'utf8' });
  assert.equal(php.status, 0, `php ran: ${php.error || php.stderr}`);
  const fromPhp = JSON.parse(php.stdout);
  assert.equal(fromPhp.length, cases.length);
  cases.forEach((c, i) => {
    const want = command(c);
    assert.equal(want.kind, c.kind, `${c.name}: the command's kind`);
    assert.ok(typeof want.message === 'string' && want.message.length > 0, c.name);
    assert.deepEqual(wasm(c), want, `${c.name}: WebAssembly`);
    assert.deepEqual(fromPhp[i], want, `${c.name}: PHP`);
  });
});

test('without --json-errors the command still says the sentence', () => {
  const c = cases.find((x) => x.kind === 'invalid_target');
  const r = spawnSync(cli(), ['plan', '--target', '9', '-'], { cwd: root, input: c.evaluation + '\n', encoding: 'utf8' });
  assert.equal(r.status, 2);
  assert.equal(r.stderr.trim(), `ocop: ${command(c).message}`);
});
