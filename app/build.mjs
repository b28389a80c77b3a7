// Builds the app from app/src, the package's face (bindings/wasm/js/wrap.mjs)
// and the module app/build.sh compiles with the `docx` feature (app/.wasm/):
//   app/dist/ocop.html   one file: styles, scripts and the WebAssembly
//                        (gzip, base64; the page unpacks it with the
//                        browser's DecompressionStream) inlined;
//   app/dist/static/     the same app as separate files, for a web server.
// Run by app/build.sh. No bundler: the app's
// modules are small and each becomes a function scope in the one file.
import { readFileSync, writeFileSync, mkdirSync, rmSync, copyFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const src = join(here, 'src');
const face = join(here, '..', 'bindings', 'wasm', 'js', 'wrap.mjs');
const mod = join(here, '.wasm');
const dist = join(here, 'dist');
const read = (p) => readFileSync(p, 'utf8');
const MODULES = ['i18n.js', 'evidence.js', 'council.js', 'app.js']; // in dependency order
const BUDGET = 3 * 1024 * 1024;

const html = read(join(src, 'index.html'));
const css = read(join(src, 'app.css'));
for (const mark of ['<!--STYLE-->', '<!--SCRIPT-->']) {
  if (!html.includes(mark)) throw new Error(`index.html lacks ${mark}`);
}

// ---- static files ---------------------------------------------------------
rmSync(dist, { recursive: true, force: true });
const stat = join(dist, 'static');
mkdirSync(join(stat, 'ocop'), { recursive: true });
writeFileSync(join(stat, 'index.html'), html
  .replace('<!--STYLE-->', '<link rel="stylesheet" href="app.css">')
  .replace('<!--SCRIPT-->', '<script type="module" src="boot.js"></script>'));
writeFileSync(join(stat, 'app.css'), css);
for (const m of MODULES) copyFileSync(join(src, m), join(stat, m));
copyFileSync(face, join(stat, 'ocop', 'wrap.mjs'));
copyFileSync(join(mod, 'ocop_wasm.js'), join(stat, 'ocop', 'ocop_wasm.js'));
copyFileSync(join(mod, 'ocop_wasm_bg.wasm'), join(stat, 'ocop', 'ocop_wasm_bg.wasm'));
writeFileSync(join(stat, 'boot.js'), `// Loads the module beside this file, then starts the page.
import init, * as raw from './ocop/ocop_wasm.js';
import { wrap } from './ocop/wrap.mjs';
import { start } from './app.js';

await init({ module_or_path: new URL('./ocop/ocop_wasm_bg.wasm', import.meta.url) });
start(wrap(raw));
`);

// ---- one file ---------------------------------------------------------------
/**
 * An ES module's text as a function scope that returns its exports:
 * `import` lines dropped (their names are in the outer scope already),
 * `export` keywords removed, `export default X` and `export { … }` turned
 * into the returned object.
 */
function scope(name, text) {
  const names = new Set();
  let defaultName = null;
  let body = text.replace(/^import [^\n]*\n/gm, '');
  body = body.replace(/^export default ([A-Za-z_$][\w$]*);?\s*$/gm, (m, n) => {
    defaultName = n;
    return '';
  });
  body = body.replace(/^export \{([^}]*)\};?\s*$/gm, (m, list) => {
    for (const item of list.split(',')) {
      const [from, as] = item.trim().split(/\s+as\s+/);
      if (!from) continue;
      if (as === 'default') defaultName = from;
      else names.add(`${as || from}: ${from}`);
    }
    return '';
  });
  body = body.replace(/^export (async function|function\*?|const|let|class) ([A-Za-z_$][\w$]*)/gm, (m, kind, n) => {
    names.add(n);
    return `${kind} ${n}`;
  });
  if (/^(import|export)[\s{*]/m.test(body)) throw new Error(`${name}: an import or export this build cannot inline`);
  if (defaultName) names.add(`default: ${defaultName}`);
  return `(() => {\n${body}\nreturn { ${[...names].join(', ')} };\n})()`;
}

const wasm = readFileSync(join(mod, 'ocop_wasm_bg.wasm'));
const packed = gzipSync(wasm, { level: 9 }).toString('base64');
const parts = [
  `const raw = ${scope('ocop_wasm.js', read(join(mod, 'ocop_wasm.js')))};`,
  `const { wrap } = ${scope('wrap.mjs', read(face))};`,
];
const exported = { 'i18n.js': 'WORDS, fill', 'evidence.js': 'EVIDENCE, REEVALUATION, PART_III_ASK, fold, evidenceFor', 'council.js': 'council', 'app.js': 'start' };
for (const m of MODULES) parts.push(`const { ${exported[m]} } = ${scope(m, read(join(src, m)))};`);
parts.push(`// The module, gzip-compressed, as base64.
const WASM_GZ = '${packed}';
try {
  const gz = Uint8Array.from(atob(WASM_GZ), (c) => c.charCodeAt(0));
  const stream = new Blob([gz]).stream().pipeThrough(new DecompressionStream('gzip'));
  await raw.default({ module_or_path: await new Response(stream).arrayBuffer() });
  start(wrap(raw));
} catch (err) {
  document.getElementById('sheet').textContent = 'ocop: ' + (err && err.message ? err.message : err);
  throw err;
}`);
let script = parts.join('\n\n');
// Nothing in the script may close the element early.
script = script.replace(/<\/(script)/gi, '<\\/$1');
const one = html
  .replace('<!--STYLE-->', () => `<style>\n${css}</style>`)
  .replace('<!--SCRIPT-->', () => `<script type="module">\n${script}\n</script>`);
writeFileSync(join(dist, 'ocop.html'), one);
const size = Buffer.byteLength(one);
console.error(`app/build.mjs: dist/ocop.html ${size} bytes (.wasm ${wasm.length} bytes, gzip+base64 ${packed.length}); dist/static/`);
if (size > BUDGET) {
  console.error(`app/build.mjs: ocop.html is over its budget of ${BUDGET} bytes`);
  process.exit(1);
}
