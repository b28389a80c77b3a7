// Node (ES modules): `import { score } from 'ocop'`, the CommonJS build.
import { createRequire } from 'node:module';
const ocop = createRequire(import.meta.url)('./index.cjs');
export const { score, scoreLines, check, explain, plan, whatIf, sets, sheet, editionInForce, dataVersion, load } = ocop;
export default ocop;
