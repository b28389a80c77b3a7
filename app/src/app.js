// The self-assessment page (Mẫu số 02, Phần III) over the `ocop` package.
// Every figure shown comes from the engine: `check` for what is missing,
// `score` for points, band, star, minimums and knock-outs, `plan` for the
// way to the next star. This file only draws, remembers and exports.

import { WORDS, fill } from './i18n.js';
import { EVIDENCE, REEVALUATION, PART_III_ASK, fold, evidenceFor } from './evidence.js';
import { council } from './council.js';

const STORE = 'ocop-app-v1';
/** The one member of a self-assessment, as the export names it. */
const MEMBER = 'Chủ thể (tự đánh giá)';

let api; // the package's functions
let editions = []; // sets() output
let sheetData = null; // the chosen set's blank sheet
let leaves = []; // answerable criteria, in sheet order
let state = null; // what the producer typed, saved on every change
let lastCard = null; // the scorecard before the latest change
let t; // the words of the current language

const $ = (id) => document.getElementById(id);

function el(tag, props = {}, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (k in e && typeof v !== 'string') e[k] = v;
    else e.setAttribute(k, v);
  }
  e.append(...kids.filter((k) => k != null && k !== false));
  return e;
}

function load() {
  try {
    const s = JSON.parse(localStorage.getItem(STORE));
    if (s && typeof s === 'object' && s.bySet) return s;
  } catch {
    // A broken store starts afresh.
  }
  return { lang: 'vi', edition: '', set: '', producer: '', product: '', bySet: {} };
}

function save() {
  try {
    localStorage.setItem(STORE, JSON.stringify(state));
    $('saved').textContent = t.saved;
  } catch {
    $('saved').textContent = '';
  }
}

/** The typed answers, knock-outs and descriptions of the chosen set. */
function entry() {
  const key = `${state.edition}/${state.set}`;
  if (!state.bySet[key]) state.bySet[key] = { answers: {}, knockouts: [], descriptions: {} };
  return state.bySet[key];
}

const stars = (n) => (n ? `${'★'.repeat(n)}${'☆'.repeat(5 - n)} ${n}★` : t.noStar);
const num = (x) => (typeof x === 'number' ? x.toFixed(2) : String(x));

// ---- the sheet's rules, read from the criteria data -----------------------

/** Whether a criterion applies, given the answers: its `applies_if`. */
function applies(c, answers) {
  if (!c.applies_if) return true;
  return c.applies_if.options.includes(answers[c.applies_if.criterion]);
}

/** The gates of a criterion: `[{stars, points}]` from its options. */
function gatesOf(c) {
  return c.options.filter((o) => o.gate).map((o) => ({ stars: o.gate.stars, points: o.points }));
}

/**
 * The evaluation the form holds: `ocop score`'s input with one member.
 * `descriptions` (criterion code → text) and the producer's names are
 * fields the engine carries to the scorecard's `meta` and does not score.
 */
function evaluation(answers = entry().answers) {
  const e = entry();
  const given = {};
  for (const c of leaves) {
    if (answers[c.code] !== undefined && applies(c, answers)) given[c.code] = answers[c.code];
  }
  const ev = {
    edition: state.edition,
    set: state.set,
    members: [{ member: MEMBER, answers: given }],
    knockouts: [...e.knockouts],
  };
  if (state.producer) ev.producer = state.producer;
  if (state.product) ev.product = state.product;
  const descriptions = {};
  for (const c of leaves) if (e.descriptions[c.code]) descriptions[c.code] = e.descriptions[c.code];
  if (Object.keys(descriptions).length) ev.descriptions = descriptions;
  return ev;
}

/** The scorecard of `ev` when it scores, else null. */
function tryScore(ev) {
  try {
    return JSON.parse(api.score(ev, { points: true }));
  } catch {
    return null;
  }
}

// ---- drawing ----------------------------------------------------------------

function drawChrome() {
  document.documentElement.lang = state.lang;
  document.title = t.title;
  $('title').textContent = t.title;
  $('tagline').textContent = t.tagline;
  $('lang').textContent = t.lang;
  $('lang').setAttribute('aria-label', t.langTitle);
  $('lang').setAttribute('lang', state.lang === 'vi' ? 'en' : 'vi');
  for (const n of document.querySelectorAll('.notice')) n.textContent = t.notice;
  $('privacy').textContent = t.privacy;
  $('skip').textContent = t.skip;
  for (const [id, key] of [['l-edition', 'edition'], ['l-search', 'search'], ['l-set', 'set'],
    ['l-producer', 'producer'], ['l-product', 'product'], ['details-title', 'details'],
    ['export', 'export'], ['l-import', 'import'], ['docx', 'docx'], ['print', 'print'], ['reset', 'reset']]) {
    $(id).textContent = t[key];
  }
  $('search').placeholder = t.searchHint;
  $('producer').value = state.producer;
  $('product').value = state.product;
  const today = editions.today;
  $('edition').replaceChildren(...editions.filter((e) => e.sets.length).map((e) =>
    el('option', { value: e.edition.id, text: e.edition.id === today ? `${e.edition.name} (${t.inForce})` : e.edition.name })));
  $('edition').value = state.edition;
  drawSets();
  drawEvidenceTable();
}

function drawSets() {
  const ed = editions.find((e) => e.edition.id === state.edition);
  const q = fold($('search').value.trim());
  const shown = ed.sets.filter((s) => !q || fold(s.name).includes(q) || s.id.includes(q));
  const opts = shown.map((s) => el('option', { value: s.id, text: s.name }));
  $('set').replaceChildren(el('option', { value: '', text: shown.length ? t.chooseSet : t.noMatch }), ...opts);
  $('set').value = shown.some((s) => s.id === state.set) ? state.set : '';
}

function drawEvidenceTable() {
  $('evidence').replaceChildren(
    el('summary', { text: t.evidenceTable }),
    el('table', {},
      el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: t.topic }), el('th', { scope: 'col', text: t.need }))),
      el('tbody', {}, ...EVIDENCE.map((r) => el('tr', {}, el('td', { text: r.topic }), el('td', { text: r.need }))))),
    el('p', { class: 'muted', lang: 'vi', text: REEVALUATION }));
}

function optionRow(c, o, value, label, gates) {
  const e = entry();
  const id = `o-${c.code}-${value}`;
  const met = gates.filter((g) => typeof o.points === 'number' && o.points >= g.points);
  const own = o.gate ? o.gate.stars : null;
  const input = el('input', { type: 'radio', name: `c-${c.code}`, id, value: String(value) });
  input.checked = e.answers[c.code] === value;
  input.addEventListener('change', () => choose(c.code, value));
  input.addEventListener('focus', () => preview(c.code, value));
  const row = el('label', { class: 'option', for: id },
    input,
    el('span', { class: 'otext', lang: 'vi', text: label }),
    el('span', { class: 'opoints', text: `${o.points ?? '—'} ${t.points}` }),
    met.length ? el('span', { class: 'ogates', text: `${t.meets} ${met.map((g) => `${g.stars}★`).join(', ')}` }) : null,
    own ? el('span', { class: 'ominimum', text: `${t.minimumFor} ${own}★` }) : null);
  row.addEventListener('mouseenter', () => preview(c.code, value));
  return row;
}

function criterionBlock(c) {
  const e = entry();
  const title = state.lang === 'en' && c.label ? c.label : c.title;
  if (c.header) {
    return el('h4', { class: 'header', id: `c-${c.code}` }, `${c.code}. `, el('span', { lang: state.lang === 'en' ? 'en' : 'vi', text: title }), ` (${t.max} ${c.max})`);
  }
  const gates = gatesOf(c);
  const legend = el('legend', {}, el('span', { class: 'code', text: c.code }), ' ',
    el('span', { text: title }), el('span', { class: 'muted', text: ` (${t.max} ${c.max} ${t.points})` }));
  const box = el('fieldset', { class: 'criterion', id: `c-${c.code}` }, legend);
  if (state.lang === 'en' && c.label) box.append(el('p', { class: 'muted', lang: 'vi', text: c.title }));
  for (const n of c.notes || []) box.append(el('p', { class: 'note', lang: 'vi', text: n }));
  const ok = applies(c, e.answers);
  if (!ok) box.append(el('p', { class: 'na', text: fill(t.notApplicable, { code: c.applies_if.criterion }) }));
  const list = el('div', { class: 'options' });
  legend.id = `lg-${c.code}`;
  if (c.yes_no) {
    list.append(optionRow(c, { points: c.max }, true, t.yes, gates), optionRow(c, { points: 0 }, false, t.no, gates));
  } else {
    let lastCase = null;
    c.options.forEach((o, i) => {
      if (c.cases && o.case && o.case !== lastCase) {
        lastCase = o.case;
        list.append(el('p', { class: 'case', lang: 'vi', text: c.cases[o.case - 1] || `${t.caseOf} ${o.case}` }));
      }
      list.append(optionRow(c, o, i + 1, `${i + 1}. ${o.text}`, gates));
    });
  }
  box.append(list);
  box.disabled = !ok;
  if (c.knockout) {
    const id = `k-${c.code}`;
    const k = el('input', { type: 'checkbox', id });
    k.checked = e.knockouts.includes(c.code);
    k.addEventListener('change', () => knock(c.code, k.checked));
    box.append(el('div', { class: 'knockout' },
      el('p', {}, el('strong', { text: `${t.knockout}: ` }), el('span', { lang: 'vi', text: c.knockout.text })),
      el('label', { for: id }, k, ` ${t.knockoutApplies}`)));
  }
  const hints = evidenceFor(c.title);
  const did = `d-${c.code}`;
  const area = el('textarea', { id: did, rows: 2 });
  area.value = e.descriptions[c.code] || '';
  area.addEventListener('input', () => describe(c.code, area.value));
  box.append(el('div', { class: 'describe' },
    el('label', { for: did, text: `${t.describe} (${c.code})` }),
    area,
    hints.length ? el('details', { class: 'hint' }, el('summary', { text: t.hint }),
      el('ul', {}, ...hints.map((h) => el('li', { lang: 'vi' }, el('strong', { text: `${h.topic}: ` }), h.need)))) : null));
  return box;
}

function drawSheet() {
  const root = $('sheet');
  leaves = [];
  if (!state.set) {
    sheetData = null;
    root.replaceChildren();
    return;
  }
  sheetData = JSON.parse(api.sheet(state.edition, state.set));
  const e = entry();
  const kids = [el('p', { class: 'ask', lang: 'vi', text: PART_III_ASK })];
  if (sheetData.disqualified_when) {
    const k = el('input', { type: 'checkbox', id: 'k-dossier' });
    k.checked = e.knockouts.includes('dossier');
    k.addEventListener('change', () => knock('dossier', k.checked));
    kids.push(el('div', { class: 'knockout dossier' },
      el('p', {}, el('strong', { text: `${t.knockout} (${t.dossier}): ` }), el('span', { lang: 'vi', text: sheetData.disqualified_when })),
      el('label', { for: 'k-dossier' }, k, ` ${t.dossierApplies}`)));
  }
  for (const part of sheetData.parts) {
    const sec = el('section', { class: 'part', 'aria-labelledby': `p-${part.part}` },
      el('h2', { id: `p-${part.part}`, text: `${t.part} ${part.part}. ${part.title} (${t.max} ${part.max})` }));
    for (const s of part.sections) {
      sec.append(el('h3', { text: `${s.code}. ${state.lang === 'en' && s.label ? s.label : s.title} (${t.max} ${s.max})` }));
      for (const c of s.criteria) {
        if (!c.header) leaves.push(c);
        sec.append(criterionBlock(c));
      }
    }
    kids.push(sec);
  }
  root.replaceChildren(...kids);
}

function link(code, text) {
  return el('a', { href: `#c-${code}`, text });
}

function drawResult() {
  const box = $('result-body');
  if (!sheetData) {
    box.replaceChildren(el('p', { class: 'muted', text: t.chooseSet }));
    $('mini').textContent = '';
    lastCard = null;
    drawPrint(null);
    return null;
  }
  const ev = evaluation();
  let problems;
  try {
    problems = JSON.parse(api.check(ev));
  } catch (err) {
    problems = [{ message: err.message, error: { kind: err.kind } }];
  }
  if (problems.length) {
    const missing = problems.filter((p) => p.error.kind === 'missing_answer').map((p) => p.error.criterion);
    const other = problems.filter((p) => p.error.kind !== 'missing_answer');
    // replaceChildren would write a null as the text "null".
    box.replaceChildren(...[
      missing.length ? el('p', { text: fill(t.left, { n: missing.length }) }) : null,
      missing.length ? el('ul', { class: 'missing' }, ...missing.map((code) => el('li', {}, link(code, code)))) : null,
      other.length ? el('p', { class: 'bad', text: t.problems }) : null,
      other.length ? el('ul', {}, ...other.map((p) => el('li', { text: p.message }))) : null,
    ].filter(Boolean));
    $('stars').textContent = '';
    $('mini').textContent = missing.length ? `${fill(t.left, { n: missing.length }).replace(/:$/, '')} ↓` : `${t.problems} ↓`;
    lastCard = null;
    drawPrint(null);
    return null;
  }
  const card = JSON.parse(api.score(ev, { points: true }));
  const r = card.rating;
  $('stars').textContent = stars(r.stars);
  $('stars').dataset.stars = r.stars ?? 0;
  $('mini').textContent = `${stars(r.stars)} · ${t.total} ${num(card.mean.total)} ↓`;
  const kids = [
    el('p', { class: 'total' }, el('span', { text: `${t.total}: ` }), el('strong', { id: 'total', text: num(card.mean.total) })),
    el('p', { class: 'muted', text: `A ${num(card.mean.A)} · B ${num(card.mean.B)} · C ${num(card.mean.C)} · ${t.band} ${r.band}★ · ${t.status[r.status]}` }),
    el('h3', { text: t.gates }),
    r.failed_gates.length
      ? el('ul', { id: 'gates' }, ...r.failed_gates.map((g) => el('li', {}, link(g.criterion,
        fill(t.gateLine, { stars: g.stars, code: g.criterion, title: g.title, option: g.required_option, points: g.required_points, have: num(g.council_points) })))))
      : el('p', { class: 'good', text: t.none }),
  ];
  if (r.knockouts.length) {
    kids.push(el('h3', { text: t.knockouts }),
      el('ul', {}, ...r.knockouts.map((k) => el('li', { class: 'bad', lang: 'vi', text: `${k.knockout}: ${k.text}` }))));
  }
  const p = JSON.parse(api.plan(ev));
  const planBox = el('div', { id: 'plan' });
  if (r.stars === 5 || p.target > 5) {
    planBox.append(el('p', { text: t.planNone }));
  } else {
    planBox.append(el('h3', { text: fill(t.plan, { target: p.target }) }));
    if (!p.reachable) {
      const reason = p.reason ? Object.entries(p.reason).map(([k, v]) => (k === 'kind' ? v : `${k} ${JSON.stringify(v)}`)).join(', ') : '';
      planBox.append(el('p', { class: 'bad', text: fill(t.unreachable, { target: p.target, reason }) }));
    } else if (p.steps.length) {
      planBox.append(el('p', { text: fill(t.planSteps, { n: p.changes }) }),
        el('ol', {}, ...p.steps.map((s) => el('li', {}, link(s.criterion,
          fill(t.planStep, { code: s.criterion, title: s.title, option: s.option === true ? t.yes : s.option, points: s.points }))))),
        el('p', { class: 'good', text: fill(t.planAfter, { total: num(p.after.total), stars: stars(p.after.stars) }) }));
    }
  }
  kids.push(planBox);
  box.replaceChildren(...kids);
  drawPrint(card);
  return card;
}

/** The star if `code` took `value`, shown beside the current one. */
function preview(code, value) {
  if (!sheetData) return;
  const answers = { ...entry().answers, [code]: value };
  const before = lastCard;
  const after = tryScore(evaluation(answers));
  if (!before || !after) {
    $('whatif').textContent = '';
    return;
  }
  $('whatif').textContent = `${t.whatIf} ${fill(t.whatIfLine, {
    code, before: `${num(before.mean.total)} · ${stars(before.rating.stars)}`,
    after: `${num(after.mean.total)} · ${stars(after.rating.stars)}` })}`;
}

function drawPrint(card) {
  const e = entry();
  const pts = card ? card.members[0].points || {} : {};
  const rows = leaves.map((c) => {
    const a = e.answers[c.code];
    let chosen = '';
    if (!applies(c, e.answers)) chosen = '—';
    else if (a === true) chosen = t.yes;
    else if (a === false) chosen = t.no;
    else if (typeof a === 'number' && c.options[a - 1]) chosen = `${a}. ${c.options[a - 1].text}`;
    const p = pts[c.code];
    return el('tr', {}, el('td', { text: c.code }), el('td', { text: c.title }), el('td', { text: chosen }),
      el('td', { class: 'num', text: p == null ? '—' : String(p) }), el('td', { class: 'desc', text: e.descriptions[c.code] || '' }));
  });
  const ed = editions.find((x) => x.edition.id === state.edition);
  $('printout').replaceChildren(
    el('h2', { text: t.partIII }),
    el('p', { text: `${t.producer}: ${state.producer || '……………'} · ${t.product}: ${state.product || '……………'}` }),
    el('p', { text: `${ed ? ed.edition.name : ''} · ${sheetData ? sheetData.name : ''}` }),
    el('table', {},
      el('thead', {}, el('tr', {}, ...[t.code, t.criterion, t.chosen, t.points, t.description].map((h) => el('th', { text: h })))),
      el('tbody', {}, ...rows)),
    card ? el('p', { class: 'total', text: `${t.total}: ${num(card.mean.total)} (A ${num(card.mean.A)} · B ${num(card.mean.B)} · C ${num(card.mean.C)}) · ${t.star}: ${stars(card.rating.stars)}` }) : '',
    el('p', { class: 'muted', text: fill(t.printNote, { version: api.dataVersion() }) }));
}

function update() {
  const card = drawResult();
  lastCard = card;
}

// ---- what the producer does ------------------------------------------------

function choose(code, value) {
  const before = lastCard;
  const e = entry();
  e.answers[code] = value;
  // A criterion that stops applying loses its answer, as the engine asks.
  let redraw = false;
  for (const c of leaves) {
    if (c.applies_if && c.applies_if.criterion === code) {
      redraw = true;
      if (!applies(c, e.answers)) delete e.answers[c.code];
    }
  }
  save();
  if (redraw) {
    for (const c of leaves) {
      if (c.applies_if && c.applies_if.criterion === code) {
        const old = $(`c-${c.code}`);
        old.replaceWith(criterionBlock(c));
      }
    }
  }
  update();
  const after = lastCard;
  $('whatif').textContent = before && after
    ? `${t.lastChange} ${fill(t.whatIfLine, { code, before: stars(before.rating.stars), after: stars(after.rating.stars) })}`
    : '';
}

function knock(code, on) {
  const e = entry();
  e.knockouts = e.knockouts.filter((k) => k !== code);
  if (on) e.knockouts.push(code);
  save();
  update();
}

function describe(code, text) {
  const e = entry();
  if (text) e.descriptions[code] = text;
  else delete e.descriptions[code];
  save();
  drawPrint(lastCard);
}

function download(name, text, type) {
  const a = el('a', { href: URL.createObjectURL(new Blob([text], { type })), download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

function exportJson() {
  if (!state.set) return;
  download(`ocop-tu-danh-gia-${state.set}.json`, `${JSON.stringify(evaluation())}\n`, 'application/json');
}

/** Phần III as Word: the library's document, as `ocop docx` writes it. */
function exportDocx() {
  if (!state.set) return;
  try {
    const bytes = api.partIIIDocx(evaluation());
    $('message').textContent = '';
    download(`ocop-phan-III-${state.set}.docx`, bytes,
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  } catch (err) {
    $('message').textContent = err.kind === 'missing_answer' ? t.docxNeeds : err.message;
  }
}

async function importJson(file) {
  try {
    const text = (await file.text()).trim().split('\n')[0];
    const ev = JSON.parse(text);
    // The edition named (any case), else today's; the set by id or name,
    // as the engine finds it. A half-filled export imports too.
    const named = typeof ev.edition === 'string'
      ? editions.find((e) => e.edition.id === ev.edition.toLowerCase()) : null;
    if (ev.edition != null && !named) throw new Error(`edition ${JSON.stringify(ev.edition)}`);
    const edition = named ? named.edition.id : editions.today;
    const set = JSON.parse(api.sheet(edition, String(ev.set))).id;
    const m = (Array.isArray(ev.members) && ev.members[0]) || { answers: {} };
    state.edition = edition;
    state.set = set;
    state.producer = typeof ev.producer === 'string' ? ev.producer : state.producer;
    state.product = typeof ev.product === 'string' ? ev.product : state.product;
    const e = entry();
    e.answers = m.answers && typeof m.answers === 'object' ? { ...m.answers } : {};
    e.knockouts = Array.isArray(ev.knockouts) ? ev.knockouts.filter((k) => typeof k === 'string') : [];
    e.descriptions = {};
    if (ev.descriptions && typeof ev.descriptions === 'object') {
      for (const [k, v] of Object.entries(ev.descriptions)) if (typeof v === 'string') e.descriptions[k] = v;
    }
    save();
    $('search').value = '';
    drawAll();
    $('message').textContent = '';
  } catch (err) {
    $('message').textContent = fill(t.importBad, { message: err.message });
  }
}

function drawAll() {
  t = WORDS[state.lang] || WORDS.vi;
  drawChrome();
  drawSheet();
  update();
  council($('council'), { api, t, el, download, state: () => state });
}

/** Starts the page once the module is loaded; `ocop` is the package's face. */
export function start(ocop) {
  api = ocop;
  editions = JSON.parse(api.sets());
  try {
    editions.today = JSON.parse(api.editionInForce(Date.now() / 1000)).edition;
  } catch {
    editions.today = editions[editions.length - 1].edition.id;
  }
  state = load();
  if (!editions.some((e) => e.edition.id === state.edition && e.sets.length)) {
    state.edition = editions.today;
    state.set = '';
  }
  $('lang').addEventListener('click', () => {
    state.lang = state.lang === 'vi' ? 'en' : 'vi';
    save();
    drawAll();
  });
  $('edition').addEventListener('change', () => {
    state.edition = $('edition').value;
    state.set = '';
    save();
    drawSets();
    drawSheet();
    update();
  });
  $('search').addEventListener('input', drawSets);
  $('set').addEventListener('change', () => {
    state.set = $('set').value;
    save();
    drawSheet();
    update();
  });
  $('producer').addEventListener('input', () => { state.producer = $('producer').value; save(); drawPrint(lastCard); });
  $('product').addEventListener('input', () => { state.product = $('product').value; save(); drawPrint(lastCard); });
  $('export').addEventListener('click', exportJson);
  $('import').addEventListener('change', () => {
    const f = $('import').files[0];
    if (f) importJson(f);
    $('import').value = '';
  });
  $('print').addEventListener('click', () => window.print());
  if (api.partIIIDocx) $('docx').addEventListener('click', exportDocx);
  else $('docx').hidden = true;
  $('reset').addEventListener('click', () => {
    if (!state.set || !window.confirm(t.resetAsk)) return;
    delete state.bySet[`${state.edition}/${state.set}`];
    save();
    drawSheet();
    update();
  });
  drawAll();
  document.body.dataset.ready = 'true';
}
