// Node (CommonJS): `require('ocop')`. The module is loaded once, when
// this file is first required, and holds the embedded criteria from its
// first call on.
'use strict';
const raw = require('./node/ocop_wasm.js');
const { wrap } = require('./wrap.cjs');
module.exports = wrap(raw);
// Node needs no loading; the same call as in a browser.
module.exports.load = async () => {};
