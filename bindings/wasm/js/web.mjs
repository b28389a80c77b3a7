// Browsers and bundlers: `await load()` once (it fetches the .wasm beside
// this file, or what you pass), then call the functions.
import init, * as raw from './web/ocop_wasm.js';
import { wrap } from './wrap.mjs';

let api;

/** Loads the module; resolves to the functions. Safe to call again. */
export async function load(wasm) {
  if (!api) {
    await init(wasm === undefined ? undefined : { module_or_path: wasm });
    api = wrap(raw);
  }
  return api;
}

function loaded() {
  if (!api) throw new Error('ocop: call `await load()` before scoring');
  return api;
}

export const score = (...a) => loaded().score(...a);
export const scoreLines = (...a) => loaded().scoreLines(...a);
export const check = (...a) => loaded().check(...a);
export const explain = (...a) => loaded().explain(...a);
export const plan = (...a) => loaded().plan(...a);
export const whatIf = (...a) => loaded().whatIf(...a);
export const sets = (...a) => loaded().sets(...a);
export const sheet = (...a) => loaded().sheet(...a);
export const editionInForce = (...a) => loaded().editionInForce(...a);
export const dataVersion = () => loaded().dataVersion();
export default load;
