// The native `ocop` command, the reference the package is held to.
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '../../..');
const data = path.join(__dirname, 'data');

let bin;
/** The CLI binary, built once (debug, as `cargo test` builds it). */
function cli() {
  if (!bin) {
    bin = process.env.OCOP_CLI;
    if (!bin) {
      execFileSync('cargo', ['build', '-q', '--features', 'cli', '--bin', 'ocop'], {
        cwd: root,
        stdio: ['ignore', 'inherit', 'inherit'],
      });
      const meta = JSON.parse(
        execFileSync('cargo', ['metadata', '--no-deps', '--format-version', '1'], { cwd: root }),
      );
      bin = path.join(meta.target_directory, 'debug', 'ocop');
    }
  }
  return bin;
}

/** What `ocop ARGS` writes to stdout; a nonzero exit (rejected lines) is fine. */
function run(args, input) {
  try {
    return execFileSync(cli(), args, {
      cwd: root,
      input,
      maxBuffer: 1 << 30,
      encoding: 'utf8',
      stdio: ['pipe', 'pipe', 'ignore'],
    });
  } catch (e) {
    if (e.status === 1 && typeof e.stdout === 'string') return e.stdout;
    throw e;
  }
}

/** A generated file over every set of every edition (examples/generate.rs). */
function generated(lines) {
  fs.mkdirSync(data, { recursive: true });
  const file = path.join(data, `all-${lines}.jsonl`);
  if (!fs.existsSync(file)) {
    const text = execFileSync(
      'cargo',
      ['run', '-q', '--example', 'generate', '--', String(lines), 'all'],
      { cwd: root, maxBuffer: 1 << 30, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
    );
    fs.writeFileSync(file, text);
  }
  return file;
}

/** The bundled example inputs. */
function examples() {
  const dir = path.join(root, 'examples', 'data');
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl') || f.endsWith('.json'))
    .map((f) => path.join(dir, f));
}

/** Lines of a JSON Lines text, without the final empty one. */
function lines(text) {
  const all = text.split('\n');
  if (all[all.length - 1] === '') all.pop();
  return all;
}

module.exports = { cli, run, generated, examples, lines, root, data };
