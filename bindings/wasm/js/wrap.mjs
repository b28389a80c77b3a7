// The package's face over the raw wasm-bindgen exports: takes objects or
// JSON text, returns the JSON text the `ocop` command writes, and turns a
// failure into an Error that carries the CLI's `{kind, …}` record.
// build.sh writes a CommonJS copy of this file for `require`.

/** JSON text of a value given as text or as an object. */
function json(value) {
  if (typeof value === 'string') return value;
  const text = JSON.stringify(value);
  return text === undefined ? '' : text;
}

/** Options as JSON text; none is the empty text. */
function opts(options) {
  return options == null ? '' : json(options);
}

/** A failure thrown by the module as JSON text, made an Error. */
function failure(thrown) {
  if (typeof thrown !== 'string') return thrown;
  let f;
  try {
    f = JSON.parse(thrown);
  } catch {
    return new Error(thrown);
  }
  const err = new Error(f.message);
  err.name = 'OcopError';
  if (f.record) err.record = f.record;
  err.error = f.error || (f.record && f.record.error) || undefined;
  err.kind = err.error && err.error.kind;
  return err;
}

function call(f) {
  try {
    return f();
  } catch (e) {
    throw failure(e);
  }
}

export function wrap(raw) {
  return {
    score: (evaluation, options) =>
      call(() => raw.score(json(evaluation), opts(options))),
    scoreLines: (jsonl, options) =>
      call(() => raw.scoreLines(String(jsonl), opts(options))),
    check: (evaluation, options) =>
      call(() => raw.check(json(evaluation), opts(options))),
    explain: (evaluation, options) =>
      call(() => raw.explain(json(evaluation), opts(options))),
    plan: (evaluation, options) =>
      call(() => raw.plan(json(evaluation), opts(options))),
    whatIf: (evaluation, steps, options) =>
      call(() => raw.whatIf(json(evaluation), json(steps), opts(options))),
    sets: (edition, options) =>
      call(() => raw.sets(edition == null ? undefined : String(edition), opts(options))),
    sheet: (edition, set, options) =>
      call(() => raw.sheet(String(edition), String(set), opts(options))),
    editionInForce: (unixSeconds, options) =>
      call(() => raw.editionInForce(Number(unixSeconds), opts(options))),
    // Only in a module built with the `docx` feature (app/build.sh).
    partIIIDocx: raw.partIIIDocx
      ? (evaluation, options) =>
        call(() => raw.partIIIDocx(json(evaluation), opts(options)))
      : undefined,
    // Only in a module built with the `workbook` feature (app/build.sh).
    scoreWorkbook: raw.scoreWorkbook
      ? (bytes, name, options) =>
        call(() => raw.scoreWorkbook(bytes, String(name), opts(options)))
      : undefined,
    template: raw.template
      ? (edition, set, members, products, options) =>
        call(() => raw.template(edition == null ? '' : String(edition), String(set),
          Number(members), Number(products), opts(options)))
      : undefined,
    importWorkbook: raw.importWorkbook
      ? (bytes, name, options) =>
        call(() => raw.importWorkbook(bytes, String(name), opts(options)))
      : undefined,
    // With the `report` feature (the package; 'xlsx' also needs
    // `workbook`): the bytes `ocop report --as-of AS_OF --lang LANG -o
    // report.OUTPUT` writes; OUTPUT is 'html' or 'xlsx'.
    report: raw.report
      ? (lines, asOf, lang, output, options) =>
        call(() => raw.report(String(lines), asOf == null ? '' : String(asOf),
          String(lang || 'vi'), String(output || 'html'), opts(options)))
      : undefined,
    dataVersion: () => raw.dataVersion(),
  };
}
