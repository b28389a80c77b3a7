// Node timings of the package against the native CLI on the same input,
// one thread each: `node bench/bench.js` after build.sh (figures go to
// BENCHMARKS.md). The native side is the release CLI with --threads 1,
// over the same line repeated, so process start-up is spread thin.
'use strict';
const { execFileSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { performance } = require('node:perf_hooks');

const root = path.resolve(__dirname, '../../..');
execFileSync('cargo', ['build', '-q', '--release', '--features', 'cli', '--bin', 'ocop'], { cwd: root, stdio: 'inherit' });
const meta = JSON.parse(execFileSync('cargo', ['metadata', '--no-deps', '--format-version', '1'], { cwd: root }));
const cli = path.join(meta.target_directory, 'release', 'ocop');

const t0 = performance.now();
const ocop = require('../pkg');
const sample = fs.readFileSync(path.join(root, 'examples/data/sample-2026.json'), 'utf8').trim();
ocop.score(sample);
const cold = performance.now() - t0;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ocop-bench-'));
const gen = path.join(dir, 'gen.jsonl');
fs.writeFileSync(gen, execFileSync('cargo', ['run', '-q', '--release', '--example', 'generate', '--', '10000', 'all'], { cwd: root, maxBuffer: 1 << 30 }));
const genText = fs.readFileSync(gen, 'utf8');

/** Best of `runs` wall times of `f`, in ms. */
function best(runs, f) {
  let b = Infinity;
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    f();
    b = Math.min(b, performance.now() - s);
  }
  return b;
}

function native(args, file) {
  return best(5, () => {
    const r = spawnSync(cli, [...args, '--threads', '1', file], { stdio: ['ignore', 'ignore', 'ignore'] });
    if (r.status > 1) throw new Error(`ocop ${args} failed`);
  });
}

const N = 1000;
const repeated = path.join(dir, 'repeated.jsonl');
// 10,000 copies, so the CLI's start-up is a small share of each line.
const M = 10000;
fs.writeFileSync(repeated, (sample + '\n').repeat(M));
const rows = [];
const row = (what, node, cliMs) => rows.push({ what, node_ms: node.toFixed(4), cli_ms: cliMs.toFixed(4), ratio: (node / cliMs).toFixed(2) });

row('one score (per call; CLI per line of 10,000)', best(5, () => { for (let i = 0; i < N; i++) ocop.score(sample); }) / N, native(['score'], repeated) / M);
row('one plan (per call; CLI per line of 10,000)', best(5, () => { for (let i = 0; i < N; i++) ocop.plan(sample); }) / N, native(['plan'], repeated) / M);
row('scoreLines, 10,000 generated lines', best(5, () => ocop.scoreLines(genText)), native(['score'], gen));
console.table(rows);
console.log(`first call, module load and catalog included: ${cold.toFixed(1)} ms`);
const wasm = path.join(__dirname, '../pkg/node/ocop_wasm_bg.wasm');
const gz = require('node:zlib').gzipSync(fs.readFileSync(wasm), { level: 9 }).length;
console.log(`.wasm: ${fs.statSync(wasm).size} bytes, ${gz} gzipped (zlib level 9)`);
fs.rmSync(dir, { recursive: true });
