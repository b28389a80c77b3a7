//! Batch scoring of JSON Lines.
//!
//! Provinces rescore whole archives: one evaluation per line in, one line
//! out per line in, in the same order. A line that cannot be scored (not
//! JSON, an unknown set, a bad answer) yields an error record in its place,
//! `{"line": 7, "id": "P7", "error": {"kind": "missing_answer", ...}}`, and
//! the batch goes on, so a run over a whole country never loses a record
//! and the output can be zipped with the input line by line.
//!
//! Each line first goes through the fast path of [`crate::fast`] and, if
//! that gives up, through the general path ([`Catalog::score_with`]); both
//! write the same bytes.
//!
//! Its rooms: `lines` reads lines in bounded chunks and holds the text
//! rules of a line (CR, byte-order mark, UTF-8, blank); `pipeline` is an
//! ordered worker pool over any per-line function, in bounded memory.
//! This file gives the per-line functions: a scorecard written
//! ([`BatchScorer::run`]), a scorecard as a value
//! ([`BatchScorer::for_each`]), or any operation on the evaluation
//! ([`BatchScorer::map_each`], which plans and explanations use).

pub(crate) mod lines;
mod pipeline;

use std::io::{BufRead, Write};

use serde::Serialize;

use crate::catalog::Catalog;
use crate::error::{Error, ErrorKind, Result};
use crate::evaluation::{self, Evaluation};
use crate::fast::{self, Style};
use crate::options::ScoreOptions;
use crate::score;
use crate::scorecard::Scorecard;
use lines::{Line, text};
use pipeline::{Pipeline, each_value, io};

/// Counts of a batch run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct BatchStats {
    /// Lines read (and written).
    pub lines: u64,
    /// Lines that produced a scorecard.
    pub scored: u64,
    /// Lines that produced an error record.
    pub rejected: u64,
}

impl BatchStats {
    fn add(&mut self, o: BatchStats) {
        self.lines += o.lines;
        self.scored += o.scored;
        self.rejected += o.rejected;
    }
}

/// The most worker threads a [`BatchScorer`] runs, whatever it is asked:
/// far more cores than a machine that scores councils has, and few enough
/// that their buffers stay small. `ocop --threads` above it is a usage
/// error.
pub const MAX_THREADS: usize = 256;

/// Scores JSON Lines.
///
/// # Example
///
/// ```
/// let input = format!("{}\n{}\n", ocop::samples::EVALUATION_2026.trim_end(), "not json");
/// let mut output = Vec::new();
/// let stats = ocop::BatchScorer::new(ocop::Catalog::official())
///     .run(input.as_bytes(), &mut output)?;
/// assert_eq!((stats.lines, stats.scored, stats.rejected), (2, 1, 1));
/// let out = String::from_utf8(output).unwrap();
/// assert_eq!(out.lines().count(), 2);
/// assert!(out.lines().nth(1).unwrap().starts_with(r#"{"line":2,"#));
/// # Ok::<(), ocop::Error>(())
/// ```
pub struct BatchScorer<'c> {
    catalog: &'c Catalog,
    options: ScoreOptions,
    // None: every available core, asked only when a batch runs (the
    // question reads cgroup files, tens of µs, which a binding's single
    // `score_line` call would otherwise pay each time).
    threads: Option<usize>,
    chunk_bytes: usize,
    max_line: usize,
    style: Style,
    messages: bool,
    progress: Option<&'c (dyn Fn(BatchStats) + Sync)>,
}

impl std::fmt::Debug for BatchScorer<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BatchScorer")
            .field("options", &self.options)
            .field("threads", &self.thread_count())
            .field("chunk_bytes", &self.chunk_bytes)
            .field("max_line_bytes", &self.max_line)
            .field("points", &self.style.points)
            .field("messages", &self.messages)
            .finish_non_exhaustive()
    }
}

/// A worker's buffers, kept from line to line.
#[derive(Default)]
struct Scratch {
    fast: fast::Scratch,
    slow: score::Scratch,
}

impl<'c> BatchScorer<'c> {
    /// A scorer over `catalog` using every available core.
    pub fn new(catalog: &'c Catalog) -> Self {
        BatchScorer {
            catalog,
            options: ScoreOptions::default(),
            threads: None,
            chunk_bytes: 256 << 10,
            max_line: 1 << 20,
            style: Style::new(false),
            messages: false,
            progress: None,
        }
    }

    /// Scoring options for every line.
    pub fn options(mut self, options: ScoreOptions) -> Self {
        self.options = options;
        self
    }

    /// Worker threads; 1 scores on the calling thread. Held to 1 to
    /// [`MAX_THREADS`]: each thread holds a chunk of input and of output,
    /// and more threads than cores only add memory.
    ///
    /// ```
    /// let s = ocop::BatchScorer::new(ocop::Catalog::official()).threads(100_000);
    /// assert!(format!("{s:?}").contains(&format!("threads: {}", ocop::MAX_THREADS)));
    /// ```
    pub fn threads(mut self, n: usize) -> Self {
        self.threads = Some(n.clamp(1, MAX_THREADS));
        self
    }

    /// The threads a batch runs on: those set, else every available core
    /// (at most [`MAX_THREADS`]).
    fn thread_count(&self) -> usize {
        self.threads.unwrap_or_else(|| {
            let cores =
                std::thread::available_parallelism().map_or(1, |n| n.get());
            cores.min(MAX_THREADS)
        })
    }

    /// Whether each member's points per criterion and per section are
    /// written (and kept in [`BatchScorer::for_each`]'s scorecards). Off by
    /// default: they restate the sheet's own table, and they make a
    /// scorecard about 3.4 times as long. Totals, parts, means, gates and
    /// the star decision are always given.
    pub fn points(mut self, on: bool) -> Self {
        self.style.points = on;
        self
    }

    /// Whether each error record also carries the error's sentence, as
    /// `"message"` after `"error"`: what a reader without the library
    /// (PHP, a shell script) shows a person. Off by default, so records
    /// stay the data alone; `ocop --json-errors` turns it on.
    ///
    /// ```
    /// let catalog = ocop::Catalog::official();
    /// let mut out = Vec::new();
    /// ocop::BatchScorer::new(catalog).messages(true).run(&b"{\n"[..], &mut out)?;
    /// let record: serde_json::Value = serde_json::from_slice(&out).unwrap();
    /// assert_eq!(record["error"]["kind"], "json");
    /// assert!(record["message"].as_str().unwrap().starts_with("invalid evaluation JSON"));
    /// # Ok::<(), ocop::Error>(())
    /// ```
    pub fn messages(mut self, on: bool) -> Self {
        self.messages = on;
        self
    }

    /// Approximate input bytes per chunk handed to a worker.
    pub fn chunk_bytes(mut self, n: usize) -> Self {
        self.chunk_bytes = n.max(1);
        self
    }

    /// The longest line scored, in bytes (default 1 MiB, a few hundred
    /// times a large council's evaluation). A longer line is not held in
    /// memory: it becomes a [`ErrorKind::LineTooLong`] record. This keeps
    /// memory bounded even on a file with no newlines.
    pub fn max_line_bytes(mut self, n: usize) -> Self {
        self.max_line = n;
        self
    }

    /// Called with running totals after each chunk is written.
    pub fn progress(mut self, f: &'c (dyn Fn(BatchStats) + Sync)) -> Self {
        self.progress = Some(f);
        self
    }

    /// The catalog lines are scored against.
    pub fn catalog(&self) -> &'c Catalog {
        self.catalog
    }

    /// The scoring options of every line.
    pub fn score_options(&self) -> &ScoreOptions {
        &self.options
    }

    fn pipeline(&self) -> Pipeline<'c> {
        Pipeline {
            threads: self.thread_count(),
            chunk_bytes: self.chunk_bytes,
            max_line: self.max_line,
            progress: self.progress,
        }
    }

    /// A line over the length limit.
    fn too_long(&self, bytes: u64) -> Error {
        ErrorKind::LineTooLong { bytes, limit: self.max_line }.into()
    }

    /// Scores one line into `out`, followed by a newline. Returns whether
    /// it produced a scorecard. Line 1 may start with a byte-order mark.
    ///
    /// Each call starts with fresh buffers; [`BatchScorer::run`] keeps
    /// them from line to line, so loop over `run` rather than over this.
    ///
    /// A line longer than [`BatchScorer::max_line_bytes`] gets the
    /// [`ErrorKind::LineTooLong`] record that [`BatchScorer::run`] writes
    /// for it as the last line of its input.
    ///
    /// ```
    /// let scorer = ocop::BatchScorer::new(ocop::Catalog::official()).max_line_bytes(10);
    /// let mut out = Vec::new();
    /// let line = br#"{"id": "P1", "set": "hoa"}"#;
    /// assert!(!scorer.score_line(line, 4, &mut out));
    /// let want = format!(r#"{{"line":4,"error":{{"kind":"line_too_long","bytes":{},"#, line.len());
    /// assert!(out.starts_with(want.as_bytes()));
    /// ```
    pub fn score_line(
        &self,
        line: &[u8],
        line_no: u64,
        out: &mut Vec<u8>,
    ) -> bool {
        if line.len() > self.max_line {
            self.too_long_record(out, line_no, line.len() as u64);
            return false;
        }
        self.line(line, line_no, &mut Scratch::default(), out)
    }

    /// Writes the record of a line over the length limit, and a newline.
    fn too_long_record(&self, out: &mut Vec<u8>, line_no: u64, bytes: u64) {
        let err = self.too_long(bytes);
        let message = self.messages.then(|| err.to_string());
        error_record(out, line_no, None, err.kind(), message.as_deref());
        out.push(b'\n');
    }

    /// The general path: parse with serde and score. Errors carry the
    /// line's id when it could be read.
    fn general(&self, text: &str, scratch: &mut Scratch) -> Result<Scorecard> {
        match Evaluation::from_line(text) {
            Err(e) => {
                Err(e.for_product(evaluation::probe_id(text).as_deref()))
            }
            Ok(ev) => {
                self.catalog.score_inner(&ev, &self.options, &mut scratch.slow)
            }
        }
    }

    /// Writes one line's scorecard or error record, and a newline.
    fn line(
        &self,
        line: &[u8],
        line_no: u64,
        scratch: &mut Scratch,
        out: &mut Vec<u8>,
    ) -> bool {
        let result = text(line, line_no).and_then(|text| {
            let fast = fast::score_line(
                self.catalog,
                &self.options,
                self.style,
                &mut scratch.fast,
                text,
                out,
            );
            match fast {
                Some(()) => Ok(None),
                None => self.general(text, scratch).map(Some),
            }
        });
        let ok = match result {
            Ok(None) => true,
            Ok(Some(card)) => {
                card.write_json(out, self.style.points);
                true
            }
            Err(err) => {
                let message = self.messages.then(|| err.to_string());
                let (id, kind) = (err.product(), err.kind());
                error_record(out, line_no, id, kind, message.as_deref());
                false
            }
        };
        out.push(b'\n');
        ok
    }

    /// One line as a value: what [`BatchScorer::line`] writes, unwritten.
    fn value(
        &self,
        line: &[u8],
        line_no: u64,
        scratch: &mut Scratch,
    ) -> Result<Scorecard> {
        let text = text(line, line_no)?;
        let fast = fast::score_card(
            self.catalog,
            &self.options,
            self.style,
            &mut scratch.fast,
            text,
        );
        let card = match fast {
            Some(card) => return Ok(card),
            None => self.general(text, scratch)?,
        };
        Ok(if self.style.points { card } else { card.without_points() })
    }

    /// Reads JSON Lines from `input` and writes one line per input line to
    /// `output`, in order: a scorecard, or an error record
    /// `{"line": N, "id": ..., "error": {"kind": ..., ...}}` (see the
    /// README's "Error records").
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Io`] when reading or writing fails. Lines that cannot
    /// be scored are not errors: they become error records.
    pub fn run<R: BufRead + Send, W: Write>(
        &self,
        input: R,
        mut output: W,
    ) -> Result<BatchStats> {
        let per_line =
            |n, line: Line<'_>, s: &mut Scratch, out: &mut Vec<u8>| match line
            {
                Line::Text(line) => self.line(line, n, s, out),
                Line::TooLong(bytes) => {
                    self.too_long_record(out, n, bytes);
                    false
                }
            };
        let stats = self.pipeline().run(input, &per_line, |c| {
            output.write_all(&c.output).map_err(|e| io("output", e))
        })?;
        output.flush().map_err(|e| io("output", e))?;
        Ok(stats)
    }

    /// Reads JSON Lines from `input` and calls `f` once per input line, in
    /// order, on the calling thread, with the line's number (from 1) and
    /// its scorecard or error: exactly what [`BatchScorer::run`] would
    /// write for the line, as values. Scoring runs on the configured
    /// threads in the same bounded memory as `run`.
    ///
    /// An error's [`Error::product`] is the line's id when it could be
    /// read (an error record's `id`).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Io`] when reading fails.
    ///
    /// # Example
    ///
    /// ```
    /// use std::collections::BTreeMap;
    ///
    /// let input = format!("{}\nnot json\n", ocop::samples::EVALUATION_2026.trim_end());
    /// let mut stars = BTreeMap::new();
    /// let mut errors = Vec::new();
    /// let stats = ocop::BatchScorer::new(ocop::Catalog::official())
    ///     .for_each(input.as_bytes(), |line, result| match result {
    ///         Ok(card) => *stars.entry(card.rating.stars).or_insert(0) += 1,
    ///         Err(e) => errors.push((line, e.tag())),
    ///     })?;
    /// assert_eq!(stats.lines, 2);
    /// assert_eq!(stars[&Some(3)], 1);
    /// assert_eq!(errors, [(2, "json")]);
    /// # Ok::<(), ocop::Error>(())
    /// ```
    pub fn for_each<R: BufRead + Send>(
        &self,
        input: R,
        f: impl FnMut(u64, Result<Scorecard>),
    ) -> Result<BatchStats> {
        let per_line =
            |n, line: Line<'_>, s: &mut Scratch, _: &mut Vec<u8>| match line {
                Line::Text(line) => self.value(line, n, s),
                Line::TooLong(bytes) => Err(self.too_long(bytes)),
            };
        self.pipeline().run(input, &per_line, each_value(f))
    }

    /// Reads JSON Lines from `input`, applies `op` to each line's
    /// evaluation on the configured threads, and calls `f` once per input
    /// line, in order, on the calling thread, with the line's number and
    /// the result, or the error that takes its place (a line that is not
    /// an evaluation, with the line's id when it could be read). Plans and
    /// explanations of a batch are this with [`Catalog::plan`] or
    /// [`Catalog::explain`] as `op`.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Io`] when reading fails.
    ///
    /// # Example
    ///
    /// ```
    /// let catalog = ocop::Catalog::official();
    /// let input = format!("{}\n{{\n", ocop::samples::EVALUATION_2026.trim_end());
    /// let mut sets = Vec::new();
    /// ocop::BatchScorer::new(catalog).map_each(
    ///     input.as_bytes(),
    ///     |ev| Ok(ev.set.to_string()),
    ///     |line, set| sets.push((line, set.map_err(|e| e.tag()))),
    /// )?;
    /// assert_eq!(sets, [(1, Ok("rau-cu-qua-hat-tuoi".to_owned())), (2, Err("json"))]);
    /// # Ok::<(), ocop::Error>(())
    /// ```
    pub fn map_each<R, T>(
        &self,
        input: R,
        op: impl Fn(&Evaluation<'_>) -> Result<T> + Sync,
        f: impl FnMut(u64, Result<T>),
    ) -> Result<BatchStats>
    where
        R: BufRead + Send,
        T: Send,
    {
        let per_line =
            |n, line: Line<'_>, _: &mut (), _: &mut Vec<u8>| match line {
                Line::Text(line) => self.map_line(line, n, &op),
                Line::TooLong(bytes) => Err(self.too_long(bytes)),
            };
        self.pipeline().run(input, &per_line, each_value(f))
    }

    /// One line as [`BatchScorer::map_each`] takes it: `op` applied to the
    /// line's evaluation, or the error that takes its place (a line over
    /// [`BatchScorer::max_line_bytes`], a line that is not an evaluation,
    /// with the line's id when it could be read). For a caller that holds
    /// one evaluation's text, such as a binding to another language.
    ///
    /// # Errors
    ///
    /// What `op` returns, and the errors of a line: [`ErrorKind::Json`],
    /// [`ErrorKind::LineTooLong`] and those of
    /// [`Evaluation::from_json`].
    ///
    /// ```
    /// let catalog = ocop::Catalog::official();
    /// let scorer = ocop::BatchScorer::new(catalog);
    /// let line = ocop::samples::EVALUATION_2026.trim_end().as_bytes();
    /// let card = scorer.map_line(line, 1, |ev| catalog.score(ev))?;
    /// assert_eq!(card.rating.stars, Some(3));
    /// let err = scorer.map_line(br#"{"id": "P9", "set": 5}"#, 1, |ev| catalog.score(ev));
    /// assert_eq!(err.unwrap_err().product(), Some("P9"));
    /// # Ok::<(), ocop::Error>(())
    /// ```
    pub fn map_line<T>(
        &self,
        line: &[u8],
        line_no: u64,
        op: impl FnOnce(&Evaluation<'_>) -> Result<T>,
    ) -> Result<T> {
        if line.len() > self.max_line {
            return Err(self.too_long(line.len() as u64));
        }
        Self::evaluation(line, line_no).and_then(|ev| op(&ev))
    }

    /// One line as an evaluation, or the error that takes its place (with
    /// the line's id when it could be read).
    fn evaluation(line: &[u8], line_no: u64) -> Result<Evaluation<'_>> {
        let text = text(line, line_no)?;
        Evaluation::from_line(text)
            .map_err(|e| e.for_product(evaluation::probe_id(text).as_deref()))
    }

    /// Writes the error record of `err` for input line `line` (without a
    /// newline), as [`BatchScorer::run`] writes it: `{"line": …, "id": …,
    /// "error": {"kind": …, …}}`, the id being the error's product.
    ///
    /// ```
    /// let err = ocop::Evaluation::from_json("{").unwrap_err();
    /// let mut out = Vec::new();
    /// ocop::BatchScorer::error_record(&mut out, 3, &err);
    /// assert!(out.starts_with(br#"{"line":3,"error":{"kind":"json","#));
    /// ```
    pub fn error_record(out: &mut Vec<u8>, line: u64, err: &Error) {
        Self::error_record_as(out, line, err, false);
    }

    /// [`BatchScorer::error_record`], with the error's sentence as
    /// `"message"` when `message` is set: the record this scorer writes
    /// (see [`BatchScorer::messages`]).
    ///
    /// ```
    /// let err = ocop::Evaluation::from_json("{").unwrap_err();
    /// let mut out = Vec::new();
    /// ocop::BatchScorer::error_record_as(&mut out, 3, &err, true);
    /// let text = String::from_utf8(out).unwrap();
    /// assert!(text.contains(&format!(r#","message":"{err}"}}"#)), "{text}");
    /// ```
    pub fn error_record_as(
        out: &mut Vec<u8>,
        line: u64,
        err: &Error,
        message: bool,
    ) {
        let mut kind = err.kind().clone();
        // One line of input: the record gives the line.
        if let ErrorKind::Json { line, .. } = &mut kind {
            *line = None;
        }
        let message = message.then(|| err.to_string());
        error_record(out, line, err.product(), &kind, message.as_deref());
    }

    /// The error record of `err` as this scorer writes it, with or without
    /// its sentence (see [`BatchScorer::messages`]).
    pub fn record(&self, out: &mut Vec<u8>, line: u64, err: &Error) {
        Self::error_record_as(out, line, err, self.messages);
    }

    /// Writes the problems [`Catalog::check_with`] found in one evaluation
    /// (without a newline), as `ocop check` writes them: a list of
    /// `{"message": …, "error": {"kind": …, …}}` in the order found, `[]`
    /// when there are none.
    ///
    /// ```
    /// use ocop::{Answer, BatchScorer, Catalog, Evaluation, samples};
    ///
    /// let mut ev = Evaluation::from_json(samples::EVALUATION_2026)?;
    /// ev.set_answer(Some("m1"), "1.1", Answer::Option(9))?;
    /// let mut out = Vec::new();
    /// BatchScorer::problems_record(&mut out, &Catalog::official().check(&ev));
    /// let text = String::from_utf8(out).unwrap();
    /// assert!(text.starts_with(r#"[{"message":"#), "{text}");
    /// assert!(text.contains(r#""error":{"kind":"option_out_of_range","#), "{text}");
    /// # Ok::<(), ocop::Error>(())
    /// ```
    pub fn problems_record(out: &mut Vec<u8>, problems: &[Error]) {
        #[derive(Serialize)]
        struct Problem<'a> {
            message: String,
            error: &'a ErrorKind,
        }
        let list: Vec<Problem<'_>> = problems
            .iter()
            .map(|e| Problem { message: e.to_string(), error: e.kind() })
            .collect();
        // Writing to a Vec only fails on a serializer bug.
        let _ = serde_json::to_writer(&mut *out, &list);
    }
}

/// Writes `{"line": N, "id": ..., "error": {"kind": ..., ...}}` (without
/// the newline): the input line, the product's id when it could be read,
/// and the error's kind with that kind's fields. The id is not repeated
/// inside `error`. Every command that reads evaluations writes errors so.
fn error_record(
    out: &mut Vec<u8>,
    line: u64,
    id: Option<&str>,
    error: &ErrorKind,
    message: Option<&str>,
) {
    #[derive(Serialize)]
    struct Record<'a> {
        line: u64,
        #[serde(skip_serializing_if = "Option::is_none")]
        id: Option<&'a str>,
        error: &'a ErrorKind,
        #[serde(skip_serializing_if = "Option::is_none")]
        message: Option<&'a str>,
    }
    let record = Record { line, id, error, message };
    // Writing to a Vec only fails on a serializer bug.
    let _ = serde_json::to_writer(&mut *out, &record);
}
