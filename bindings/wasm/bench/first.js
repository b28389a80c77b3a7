// The cold path: `require` of the package, then its first `score`, each in a
// fresh Node process, as a form does when a producer opens it.
//
//   node bench/first.js [PKG_DIR ...]     (default: ../pkg)
//
// Runs 20 fresh processes per package, taking the packages in turn so that
// a busy machine weighs on each alike (give a baseline's pkg/ beside this
// one to measure both in the same run), and prints the medians in ms.
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const RUNS = 20;
const root = path.resolve(__dirname, '../../..');
const sample = path.join(root, 'examples/data/sample-2026.json');
const pkgs = (process.argv.length > 2 ? process.argv.slice(2) : [path.join(__dirname, '../pkg')])
  .map((p) => path.resolve(p));

// What each fresh process runs: times in ms, as JSON.
const child = `
const { performance } = require('node:perf_hooks');
const text = require('node:fs').readFileSync(process.argv[2], 'utf8');
const t0 = performance.now();
const ocop = require(process.argv[1]);
const t1 = performance.now();
const card = JSON.parse(ocop.score(text));
const t2 = performance.now();
ocop.score(text);
const t3 = performance.now();
if (card.rating.stars !== 3) process.exit(1);
console.log(JSON.stringify({ require: t1 - t0, first: t2 - t1, second: t3 - t2 }));
`;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

const times = pkgs.map(() => []);
for (let i = 0; i < RUNS; i++) {
  pkgs.forEach((pkg, k) => {
    const out = execFileSync(process.execPath, ['-e', child, pkg, sample], { encoding: 'utf8' });
    times[k].push(JSON.parse(out));
  });
}
const rows = pkgs.map((pkg, k) => ({
  package: path.relative(process.cwd(), pkg) || '.',
  require_ms: median(times[k].map((t) => t.require)).toFixed(2),
  first_score_ms: median(times[k].map((t) => t.first)).toFixed(2),
  second_score_ms: median(times[k].map((t) => t.second)).toFixed(3),
  wasm_gz_bytes: require('node:zlib')
    .gzipSync(fs.readFileSync(path.join(pkg, 'node/ocop_wasm_bg.wasm')), { level: 9 }).length,
}));
console.log(`medians of ${RUNS} fresh processes each (Node ${process.version})`);
console.table(rows);
