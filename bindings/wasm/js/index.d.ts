// Types of the `ocop` package. Every function takes JSON text or a value
// (which it stringifies) and returns JSON text: exactly what the `ocop`
// command writes for the same input. `JSON.parse` of it has the types
// below. Decimals (means, council points) are JSON numbers with two
// places; `JSON.parse` makes them doubles, so read the text where every
// digit matters.

/** A criterion's answer: a 1-based option position, or yes/no. */
export type Answer = number | boolean;

/** One council member's sheet. */
export interface MemberSheet {
  member: string;
  /** Criterion code → answer. */
  answers: Record<string, Answer>;
}

/** An evaluation: one line of `ocop score`'s input (README "JSON forms"). */
export interface Evaluation {
  id?: string;
  /** `qd1048-2019`, `qd1048-781`, `qd148-2023`, `qd26-2026`. */
  edition?: string;
  /** Set id or phân nhóm name, any case, with or without diacritics. */
  set: string;
  /** The council's meeting day, YYYY-MM-DD; chooses the edition. */
  date?: string;
  submitted?: string;
  reevaluation?: boolean;
  members: MemberSheet[];
  /** Criterion codes whose knock-out note applies, or "dossier". */
  knockouts?: string[];
  /** Other fields are carried to the scorecard's `meta`. */
  [field: string]: unknown;
}

/** Options: the `ocop` command's flags. */
export interface Options {
  /** `--edition`: for evaluations that name none and give no date. */
  edition?: string;
  /** `--inferred`: use inferred data. */
  inferred?: boolean;
  /** `--weak-sources`: use sets from a source of low trust. */
  weakSources?: boolean;
  /** `--points` (score, scoreLines): each member's points per criterion. */
  points?: boolean;
  /**
   * `--criteria DIR` as files: path under the data directory
   * (`qd26-2026/hoa.json`) → the file's JSON, or its text. Overlays the
   * embedded criteria; the last set given is kept loaded.
   */
  criteria?: Record<string, unknown>;
}

/** Options of `plan`: `--target` and the `--costs` file. */
export interface PlanOptions extends Options {
  target?: 1 | 2 | 3 | 4 | 5;
  costs?: Costs | string;
}

export interface Costs {
  default?: number;
  criteria?: Record<string, number | Record<string, number>>;
}

export type Status = 'rated' | 'not_rated' | 'eliminated' | 'halted';

export interface Parts { A: number; B: number; C: number; }

export interface MemberResult {
  member: string;
  total: number;
  parts: Parts;
  /** With `points` only. */
  sections?: Record<string, number>;
  /** With `points` only; null where the criterion does not apply. */
  points?: Record<string, number | null>;
}

export interface FailedGate {
  stars: number;
  criterion: string;
  title: string;
  required_option: number;
  required_text: string;
  required_points: number;
  council_points: number;
  inferred: boolean;
}

export interface KnockoutHit {
  knockout: string;
  kind: string;
  text: string;
  zero_points?: boolean;
}

export interface Rating {
  band: number;
  stars: number | null;
  status: Status;
  failed_gates: FailedGate[];
  knockouts: KnockoutHit[];
}

/** A scorecard: the line `ocop score` writes. */
export interface Scorecard {
  id?: string;
  edition: string;
  edition_basis: 'named' | 'date' | 'transition' | 'default';
  set: string;
  set_name: string;
  fingerprint: string;
  /** Present, as `'user'`, when the set is criteria the caller gave rather than a bundled table. */
  provenance?: 'user';
  inferred: boolean;
  members: MemberResult[];
  mean: Parts & { total: number };
  spread: { highest: number; lowest: number; points: number; limit: number; exceeded: boolean };
  rating: Rating;
  warnings: Array<Record<string, unknown> & { kind: string }>;
  meta?: Record<string, unknown>;
}

/** An error's kind and that kind's fields (README "Error records"). */
export interface ErrorDetail {
  /** `json`, `blank_line`, `line_too_long`, `unknown_set`, `missing_answer`,
   * `invalid_answer`, …; `invalid_argument` for malformed options. */
  kind: string;
  [field: string]: unknown;
}

/** The record `ocop score` writes for a line it cannot score. */
export interface ErrorRecord {
  line: number;
  id?: string;
  error: ErrorDetail;
}

/** What every function throws. */
export interface OcopError extends Error {
  name: 'OcopError';
  /** The error's kind, as `error.kind`. */
  kind: string;
  error: ErrorDetail;
  /** For an evaluation: the record the CLI writes for it (line 1). */
  record?: ErrorRecord;
}

export interface Standing { total: number; band: number; stars: number | null; status: Status; }

export interface PlanStep {
  criterion: string;
  title: string;
  option: Answer;
  points: number;
  council_points_before: number;
  council_points_after: number;
  gates: number[];
}

/** A plan: the line `ocop plan` writes. */
export interface Plan {
  id: string | null;
  edition: string;
  set: string;
  from: Standing;
  target: number;
  reachable: boolean;
  reason: ({ kind: string } & Record<string, unknown>) | null;
  steps: PlanStep[];
  changes: number;
  cost: number | null;
  after: Standing | null;
}

export interface Step { criterion: string; option: Answer; }

export interface WhatIf {
  before: Scorecard;
  after: Scorecard;
  stars_changed: boolean;
  band_changed: boolean;
  total_change: number;
  gates_met: FailedGate[];
  gates_failed: FailedGate[];
}

/** The line `ocop explain --json` writes. */
export interface Explanation {
  card: Standing;
  id: string | null;
  edition: string;
  set: string;
  set_name: string;
  criteria: Array<{
    part: 'A' | 'B' | 'C';
    section: string;
    code: string;
    title: string;
    label: string;
    council_points: number;
    max: number;
    points_left: number;
    above: Array<{ option: Answer; text: string; points: number }>;
    gates: Array<{ stars: number; option: number; points: number; met: boolean }>;
    holds_back: boolean;
  }>;
}

/** One problem `check` lists. */
export interface Problem { message: string; error: ErrorDetail; }

/** An option of a criterion as printed. */
export interface Choice {
  text: string;
  points: number;
  gate?: { stars: number; [field: string]: unknown };
  [field: string]: unknown;
}

export interface Criterion {
  code: string;
  title: string;
  label: string;
  max: number;
  /** Groups sub-criteria; not answered itself. */
  header?: boolean;
  parent?: string;
  yes_no?: boolean;
  notes?: string[];
  knockout?: { kind: string; text: string; zero_points?: boolean };
  applies_if?: { criterion: string; options: number[] };
  options: Choice[];
  [field: string]: unknown;
}

/** A blank sheet: a criteria file (README "Criteria files"). */
export interface Sheet {
  id: string;
  name: string;
  nganh: string;
  nhom: string;
  status: 'cross-checked' | 'transcribed' | 'inferred' | 'weak-source';
  source: string;
  parts: Array<{
    part: 'A' | 'B' | 'C';
    title: string;
    max: number;
    sections: Array<{ code: string; title: string; label: string; max: number; criteria: Criterion[] }>;
  }>;
  [field: string]: unknown;
}

export interface EditionSets {
  /** The edition's `edition.json`. */
  edition: { id: string; name: string; in_force: { from: string; until?: string | null }; [field: string]: unknown };
  sets: Array<{ id: string; name: string; status: Sheet['status']; fingerprint: string; has_inferred: boolean }>;
}

type Json<T> = string & { readonly __json?: T };

/** The line `ocop score` writes for one evaluation: a `Scorecard`. */
export function score(evaluation: Evaluation | string, options?: Options | string): Json<Scorecard>;
/** `ocop score` over JSON Lines: one `Scorecard` or `ErrorRecord` line per input line. */
export function scoreLines(jsonl: string, options?: Options | string): string;
/** Every problem of an evaluation; `[]` when it scores. */
export function check(evaluation: Evaluation | string, options?: Options | string): Json<Problem[]>;
/** The line `ocop explain --json` writes. */
export function explain(evaluation: Evaluation | string, options?: Options | string): Json<Explanation>;
/** The line `ocop plan` writes: the fewest changes to the next star (or `target`). */
export function plan(evaluation: Evaluation | string, options?: PlanOptions | string): Json<Plan>;
/** The scorecard before and after the steps. */
export function whatIf(evaluation: Evaluation | string, steps: Step[] | string, options?: Options | string): Json<WhatIf>;
/** The editions (or one) and their sets. */
export function sets(edition?: string | null, options?: Options | string): Json<EditionSets[]>;
/** A set's blank sheet as data. */
export function sheet(edition: string, set: string, options?: Options | string): Json<Sheet>;
/**
 * The edition in force on the day `unixSeconds` falls on in Vietnam (UTC+7),
 * as `ocop show` takes it for today: pass `Date.now() / 1000`.
 */
export function editionInForce(unixSeconds: number, options?: Options | string): Json<{ edition: string; date: string }>;
/**
 * Phần III of Mẫu số 02 (the producer's self-assessment) as the bytes of a
 * `.docx` file: what `ocop docx` writes for the same evaluation. The
 * evaluation's `descriptions` (criterion code → text), `producer` and
 * `product` fill the document. Only in a module built with the crate's
 * `docx` feature (as app/build.sh builds it); `undefined` in this package.
 */
export const partIIIDocx: undefined | ((evaluation: Evaluation | string, options?: Options | string) => Uint8Array);
/**
 * What `ocop score FILE --json-errors` writes for a workbook's bytes (`name`
 * is the file's name: `.xlsx`, `.xls`, `.ods` or `.csv`). Only in a module
 * built with the crate's `workbook` feature (app/build.sh); `undefined` here.
 */
export const scoreWorkbook: undefined | ((bytes: Uint8Array, name: string, options?: Options | string) => string);
/** The blank `.xlsx` `ocop template` writes; as `scoreWorkbook`, only with `workbook`. */
export const template: undefined | ((edition: string | null, set: string, members: number, products: number, options?: Options | string) => Uint8Array);
/**
 * What `ocop import FILE` writes for a workbook's bytes: one evaluation a
 * line (the lines `report` takes). As `scoreWorkbook`, only with `workbook`.
 */
export const importWorkbook: undefined | ((bytes: Uint8Array, name: string, options?: Options | string) => string);
/**
 * The province report `ocop report --as-of AS_OF --lang LANG -o report.OUTPUT`
 * writes for JSON Lines of evaluations: `output` 'html' (the page) or 'xlsx'
 * (the results workbook); `asOf` is `YYYY-MM-DD`, empty for today in Vietnam.
 * This package writes the page; `'xlsx'` needs the `workbook` feature too
 * (app/build.sh), and throws `invalid_argument` here.
 */
export const report: ((lines: string, asOf: string | null, lang: 'vi' | 'en', output: 'html' | 'xlsx', options?: Options | string) => Uint8Array);
/** The version of the embedded criteria data. */
export function dataVersion(): string;
/** Browsers: loads the module (fetches the .wasm); Node needs no call. */
export function load(wasm?: string | URL | Response | BufferSource | WebAssembly.Module): Promise<void>;
