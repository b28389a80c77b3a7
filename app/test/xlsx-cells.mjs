// What a workbook holds, for comparing two writers of it: each sheet by
// name with its cells (reference, style, value), the sheet's XML outside
// its cells (columns, panes, filters), and the workbook's styles. Strings
// count the same whether shared or inline: the library writes the results
// workbook with inline strings where there are files (constant memory)
// and shared strings in WebAssembly, so the two files differ in bytes and
// must not differ in anything a reader sees.
import { inflateRawSync } from 'node:zlib';

/** The files of a zip archive, by name (stored or deflated). */
function unzip(buf) {
  let end = buf.length - 22;
  while (end >= 0 && buf.readUInt32LE(end) !== 0x06054b50) end--;
  if (end < 0) throw new Error('not a zip archive');
  const count = buf.readUInt16LE(end + 10);
  let p = buf.readUInt32LE(end + 16);
  const files = new Map();
  for (let i = 0; i < count; i++) {
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extra = buf.readUInt16LE(p + 30);
    const comment = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + size);
    files.set(name, (method === 0 ? data : inflateRawSync(data)).toString('utf8'));
    p += 46 + nameLen + extra + comment;
  }
  return files;
}

const unescape = (s) => s.replace(/&(lt|gt|quot|apos|amp);/g,
  (_, e) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[e]);

/** The text of an `<si>` or `<is>`: its `<t>` runs joined. */
const runs = (xml) => [...xml.matchAll(/<t(?: [^>]*)?>([^<]*)<\/t>/g)].map((m) => unescape(m[1])).join('');

const attr = (tag, name) => (tag.match(new RegExp(` ${name}="([^"]*)"`)) || [])[1];

/** `{ styles, sheets: [{ name, layout, cells: { A1: [style, kind, value] } }] }` */
export function cells(buf) {
  const files = unzip(buf);
  const shared = [...(files.get('xl/sharedStrings.xml') || '').matchAll(/<si>(.*?)<\/si>/gs)].map((m) => runs(m[1]));
  const rels = new Map([...files.get('xl/_rels/workbook.xml.rels').matchAll(/<Relationship [^>]*>/g)]
    .map((m) => [attr(m[0], 'Id'), attr(m[0], 'Target')]));
  const sheets = [...files.get('xl/workbook.xml').matchAll(/<sheet [^>]*>/g)].map((m) => {
    const xml = files.get(`xl/${rels.get(attr(m[0], 'r:id'))}`);
    const out = {};
    for (const c of xml.matchAll(/<c ([^>]*?)(?:\/>|>(.*?)<\/c>)/gs)) {
      const tag = ` ${c[1]}`;
      const body = c[2] || '';
      const t = attr(tag, 't');
      const v = (body.match(/<v>([^<]*)<\/v>/) || [])[1];
      const f = (body.match(/<f(?: [^>]*)?>([^<]*)<\/f>/) || [])[1];
      let kind = t || 'n';
      let value = v == null ? null : unescape(v);
      if (t === 's') value = shared[Number(v)];
      if (t === 's' || t === 'inlineStr' || t === 'str') kind = 'string';
      if (t === 'inlineStr') value = runs(body);
      out[attr(tag, 'r')] = [attr(tag, 's') || '0', kind, value, f == null ? null : unescape(f)];
    }
    const layout = xml.replace(/<sheetData>.*<\/sheetData>|<sheetData\/>/s, '<sheetData/>');
    return { name: unescape(attr(m[0], 'name')), layout, cells: out };
  });
  return { styles: files.get('xl/styles.xml'), sheets };
}
