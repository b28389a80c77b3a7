// Section 2, Hội đồng: a council's workbooks. The blank workbook is the
// one `ocop template` writes; a dropped file is scored as `ocop score
// FILE --json-errors` scores it, each product's problems at their cells.
// Nothing is sent anywhere: the files are read in the page.

import { fill } from './i18n.js';

/** Draws the council section into `root`; `ctx` gives the page's state. */
export function council(root, ctx) {
  const { api, t, el, download } = ctx;
  if (!api.scoreWorkbook || !api.template) {
    root.hidden = true;
    return;
  }
  const members = el('input', { type: 'number', id: 'w-members', min: '1', max: '11', value: '5' });
  const products = el('input', { type: 'number', id: 'w-products', min: '1', max: '300', value: '1' });
  const message = el('p', { class: 'bad', role: 'alert', id: 'w-message' });
  const get = el('button', { type: 'button', id: 'w-template', text: t.wTemplate });
  get.addEventListener('click', () => {
    const s = ctx.state();
    if (!s.set) {
      message.textContent = t.wChooseSet;
      return;
    }
    try {
      const bytes = api.template(s.edition, s.set, Number(members.value), Number(products.value));
      message.textContent = '';
      download(`ocop-so-diem-${s.set}.xlsx`, bytes,
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    } catch (err) {
      message.textContent = err.message;
    }
  });
  const files = el('input', { type: 'file', id: 'w-files', multiple: true, accept: '.xlsx,.xlsm,.xls,.ods,.csv' });
  const results = el('div', { id: 'w-results', 'aria-live': 'polite' });
  const report = el('section', { id: 'w-report', class: 'report', hidden: true });
  async function take(list) {
    const out = [];
    let lines = '';
    for (const f of list) {
      const bytes = new Uint8Array(await f.arrayBuffer());
      out.push(book(f.name, bytes));
      if (api.importWorkbook) {
        try {
          lines += api.importWorkbook(bytes, f.name);
        } catch {
          // The file's own box says why it does not read.
        }
      }
    }
    results.replaceChildren(...out);
    province(lines);
  }
  files.addEventListener('change', () => take([...files.files]));
  const drop = el('label', { class: 'drop', for: 'w-files' }, el('span', { text: t.wDrop }), files);
  drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    take([...e.dataTransfer.files]);
  });

  /** One file's products: a row per scorecard, the problems at cells. */
  function book(name, bytes) {
    const box = el('section', { class: 'book' }, el('h3', { text: name }));
    let text;
    try {
      text = api.scoreWorkbook(bytes, name);
    } catch (err) {
      box.append(el('p', { class: 'bad', text: err.message }));
      return box;
    }
    box.dataset.records = text;
    const rows = [];
    const problems = [];
    for (const line of text.split('\n').filter(Boolean)) {
      const r = JSON.parse(line);
      if (r.error) {
        const cells = r.error.problems || [];
        problems.push(el('li', {}, el('strong', { text: `${r.id || `#${r.line}`}: ` }),
          cells.length ? el('ul', {}, ...cells.map((p) => el('li', { class: 'cell' },
            el('code', { text: p.cell }), ` ${p.message}`))) : r.message));
        continue;
      }
      rows.push(el('tr', {}, el('td', { text: r.id || '' }), el('td', { text: r.set_name }),
        el('td', { class: 'num', text: r.mean.total.toFixed(2) }),
        el('td', { text: r.rating.stars ? `${r.rating.stars}★` : t.noStar }),
        el('td', { text: t.status[r.rating.status] })));
    }
    box.append(el('p', { text: fill(t.wCounts, { ok: rows.length, bad: problems.length }) }));
    if (rows.length) {
      box.append(el('table', { class: 'cards' },
        el('thead', {}, el('tr', {}, ...[t.wProduct, t.set, t.total, t.star, t.wStatus].map((h) => el('th', { scope: 'col', text: h })))),
        el('tbody', {}, ...rows)));
    }
    if (problems.length) box.append(el('h4', { text: t.wProblems }), el('ul', { class: 'problems' }, ...problems));
    return box;
  }

  /**
   * The province report of `lines` (the evaluations `ocop import` reads
   * from the files): the page shown, and the page and results workbook
   * offered as files. Bytes from the module's `report`, as `ocop report`.
   */
  function province(lines) {
    if (!api.report || !lines) {
      report.hidden = true;
      return;
    }
    const today = JSON.parse(api.editionInForce(Date.now() / 1000)).date;
    const asOf = el('input', { type: 'date', id: 'w-asof', value: today, required: true });
    const lang = () => ctx.state().lang;
    const msg = el('p', { class: 'bad', role: 'alert', id: 'w-report-message' });
    const frame = el('iframe', { id: 'w-report-page', title: t.wReport, sandbox: '' });
    const make = (output) => api.report(lines, asOf.value, lang(), output);
    const show = () => {
      try {
        frame.srcdoc = new TextDecoder().decode(make('html'));
        msg.textContent = '';
      } catch (err) {
        msg.textContent = err.message;
      }
    };
    const save = (output, type) => {
      try {
        download(`ocop-bao-cao-${asOf.value}.${output}`, make(output), type);
        msg.textContent = '';
      } catch (err) {
        msg.textContent = err.message;
      }
    };
    const html = el('button', { type: 'button', id: 'w-report-html', text: t.wReportHtml });
    html.addEventListener('click', () => save('html', 'text/html'));
    const xlsx = el('button', { type: 'button', id: 'w-report-xlsx', text: t.wReportXlsx });
    xlsx.addEventListener('click', () => save('xlsx',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'));
    asOf.addEventListener('change', show);
    report.replaceChildren(
      el('h3', { text: t.wReport }),
      el('p', { class: 'muted', text: t.wReportIntro }),
      el('div', { class: 'controls' },
        el('label', { for: 'w-asof' }, el('span', { text: t.wAsOf }), asOf),
        el('div', { class: 'buttons' }, html, xlsx)),
      msg,
      frame);
    report.dataset.lines = lines;
    report.hidden = false;
    show();
  }

  root.replaceChildren(
    el('h2', { id: 'council-title', text: t.wTitle }),
    el('p', { class: 'muted', text: t.wIntro }),
    el('div', { class: 'controls' },
      el('label', { for: 'w-members' }, el('span', { text: t.wMembers }), members),
      el('label', { for: 'w-products' }, el('span', { text: t.wProducts }), products),
      el('div', { class: 'buttons' }, get)),
    message,
    drop,
    results,
    report);
}
