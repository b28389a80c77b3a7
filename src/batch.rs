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
//! Input is read in chunks of lines that worker threads score while the
//! next chunk is read; a writer puts the chunks back in order. A fixed pool
//! of chunk buffers circulates between reader, workers and writer, and a
//! line over the length limit is skipped as it is read, so memory stays
//! bounded whatever the input's length. Threads are plain
//! `std::thread`s: the work is coarse (one chunk per hand-off), so a
//! work-stealing pool would add a dependency and nothing measurable.

use std::collections::BTreeMap;
use std::io::{BufRead, Read, Write};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::sync::{Arc, Mutex};

use serde::Serialize;

use crate::advice::{Explanation, Plan, PlanOptions};
use crate::catalog::Catalog;
use crate::error::{Error, ErrorKind, Result};
use crate::evaluation::{self, Evaluation};
use crate::fast::{self, Buffers, Style};
use crate::options::ScoreOptions;
use crate::score::Scratch;
use crate::scorecard::Scorecard;

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
    threads: usize,
    chunk_bytes: usize,
    max_line: usize,
    style: Style,
    progress: Option<&'c (dyn Fn(BatchStats) + Sync)>,
}

impl std::fmt::Debug for BatchScorer<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BatchScorer")
            .field("options", &self.options)
            .field("threads", &self.threads)
            .field("chunk_bytes", &self.chunk_bytes)
            .field("max_line_bytes", &self.max_line)
            .field("points", &self.style.points)
            .finish_non_exhaustive()
    }
}

/// A worker's buffers, kept from line to line.
#[derive(Default)]
struct Bufs {
    fast: Buffers,
    slow: Scratch,
}

/// What a chunk's lines become: bytes to write, or values to hand over.
#[derive(Clone, Copy)]
enum Mode<'p> {
    Write,
    Values,
    Plans(&'p PlanOptions),
    Explain,
    Report(&'p PlanOptions),
}

struct Chunk {
    seq: u64,
    first_line: u64,
    input: Vec<u8>,
    ends: Vec<usize>,
    /// Lines over the length limit: index in the chunk, and length.
    long: Vec<(usize, u64)>,
    output: Vec<u8>,
    values: Vec<Result<Scorecard>>,
    plans: Vec<Result<Plan>>,
    explanations: Vec<Result<Explanation>>,
    reports: Vec<Result<(Scorecard, Plan)>>,
    stats: BatchStats,
}

impl<'c> BatchScorer<'c> {
    /// A scorer over `catalog` using every available core.
    pub fn new(catalog: &'c Catalog) -> Self {
        let threads =
            std::thread::available_parallelism().map_or(1, |n| n.get());
        BatchScorer {
            catalog,
            options: ScoreOptions::default(),
            threads,
            chunk_bytes: 256 << 10,
            max_line: 1 << 20,
            style: Style::new(false),
            progress: None,
        }
    }

    /// Scoring options for every line.
    pub fn options(mut self, options: ScoreOptions) -> Self {
        self.options = options;
        self
    }

    /// Worker threads; 1 scores on the calling thread.
    pub fn threads(mut self, n: usize) -> Self {
        self.threads = n.max(1);
        self
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

    /// Scores one line into `out`, followed by a newline. Returns whether
    /// it produced a scorecard. Line 1 may start with a byte-order mark.
    pub fn score_line(
        &self,
        line: &[u8],
        line_no: u64,
        out: &mut Vec<u8>,
    ) -> bool {
        self.line(line, line_no, &mut Bufs::default(), out)
    }

    /// The text of a line, or the error that takes its place.
    fn text(line: &[u8], line_no: u64) -> Result<&str> {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        // Spreadsheet exports start their files with a byte-order mark.
        let line = match line_no {
            1 => line.strip_prefix("\u{feff}".as_bytes()).unwrap_or(line),
            _ => line,
        };
        match std::str::from_utf8(line) {
            Err(e) => Err(Error::new(ErrorKind::Json {
                line: None,
                column: e.valid_up_to() + 1,
                message: "invalid UTF-8".into(),
            })),
            Ok(text) if text.trim_ascii().is_empty() => {
                Err(ErrorKind::BlankLine.into())
            }
            Ok(text) => Ok(text),
        }
    }

    /// The general path: parse with serde and score. Errors carry the
    /// line's id when it could be read.
    fn general(&self, text: &str, scratch: &mut Bufs) -> Result<Scorecard> {
        match Evaluation::from_line(text) {
            Err(e) => {
                Err(e.for_product(evaluation::probe_id(text).as_deref()))
            }
            Ok(ev) => {
                self.catalog.score_inner(&ev, &self.options, &mut scratch.slow)
            }
        }
    }

    fn line(
        &self,
        line: &[u8],
        line_no: u64,
        scratch: &mut Bufs,
        out: &mut Vec<u8>,
    ) -> bool {
        let result = Self::text(line, line_no).and_then(|text| {
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
                error_record(out, line_no, err.product(), err.kind());
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
        scratch: &mut Bufs,
    ) -> Result<Scorecard> {
        let text = Self::text(line, line_no)?;
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

    /// One line as an evaluation, or the error that takes its place (with
    /// the line's id when it could be read).
    fn evaluation<'l>(line: &'l [u8], line_no: u64) -> Result<Evaluation<'l>> {
        let text = Self::text(line, line_no)?;
        Evaluation::from_line(text)
            .map_err(|e| e.for_product(evaluation::probe_id(text).as_deref()))
    }

    fn score_chunk(&self, c: &mut Chunk, scratch: &mut Bufs, mode: Mode<'_>) {
        c.output.clear();
        c.values.clear();
        c.plans.clear();
        c.explanations.clear();
        c.reports.clear();
        c.stats = BatchStats::default();
        let mut start = 0;
        let mut long = c.long.iter().peekable();
        for (i, &end) in c.ends.iter().enumerate() {
            let line_no = c.first_line + i as u64;
            let too_long =
                long.next_if(|(at, _)| *at == i).map(|&(_, bytes)| {
                    Error::from(ErrorKind::LineTooLong {
                        bytes,
                        limit: self.max_line,
                    })
                });
            let line = &c.input[start..end];
            let ok =
                match (mode, too_long) {
                    (Mode::Write, Some(e)) => {
                        error_record(&mut c.output, line_no, None, e.kind());
                        c.output.push(b'\n');
                        false
                    }
                    (Mode::Write, None) => {
                        self.line(line, line_no, scratch, &mut c.output)
                    }
                    (Mode::Values, v) => {
                        let v = match v {
                            Some(e) => Err(e),
                            None => self.value(line, line_no, scratch),
                        };
                        let ok = v.is_ok();
                        c.values.push(v);
                        ok
                    }
                    (Mode::Plans(opts), v) => {
                        let v = match v {
                            Some(e) => Err(e),
                            None => Self::evaluation(line, line_no)
                                .and_then(|ev| self.catalog.plan(&ev, opts)),
                        };
                        let ok = v.is_ok();
                        c.plans.push(v);
                        ok
                    }
                    (Mode::Report(opts), v) => {
                        let v = match v {
                            Some(e) => Err(e),
                            None => Self::evaluation(line, line_no).and_then(
                                |ev| self.catalog.score_and_plan(&ev, opts),
                            ),
                        };
                        let ok = v.is_ok();
                        c.reports.push(v);
                        ok
                    }
                    (Mode::Explain, v) => {
                        let v = match v {
                            Some(e) => Err(e),
                            None => Self::evaluation(line, line_no).and_then(
                                |ev| self.catalog.explain(&ev, &self.options),
                            ),
                        };
                        let ok = v.is_ok();
                        c.explanations.push(v);
                        ok
                    }
                };
            start = end + 1;
            c.stats.lines += 1;
            if ok {
                c.stats.scored += 1;
            } else {
                c.stats.rejected += 1;
            }
        }
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
        let stats = self.pipeline(input, Mode::Write, |c| {
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
        mut f: impl FnMut(u64, Result<Scorecard>),
    ) -> Result<BatchStats> {
        self.pipeline(input, Mode::Values, |c| {
            for (i, v) in c.values.drain(..).enumerate() {
                f(c.first_line + i as u64, v);
            }
            Ok(())
        })
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
        let mut kind = err.kind().clone();
        // One line of input: the record gives the line.
        if let ErrorKind::Json { line, .. } = &mut kind {
            *line = None;
        }
        error_record(out, line, err.product(), &kind);
    }

    /// Reads JSON Lines from `input` and calls `f` once per input line, in
    /// order, on the calling thread, with the line's number and its
    /// [`Plan`] (see [`Catalog::plan`]) or the error that takes its place.
    /// Plans are worked out on the configured threads; `opts.score` is
    /// used, not [`BatchScorer::options`].
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Io`] when reading fails.
    ///
    /// # Example
    ///
    /// ```
    /// let input = ocop::samples::EVALUATION_2026.trim_end();
    /// let mut plans = Vec::new();
    /// ocop::BatchScorer::new(ocop::Catalog::official())
    ///     .plan_each(input.as_bytes(), &Default::default(), |_, p| plans.push(p))?;
    /// let plan = plans.remove(0)?;
    /// assert_eq!((plan.target, plan.changes), (4, 1));
    /// # Ok::<(), ocop::Error>(())
    /// ```
    pub fn plan_each<R: BufRead + Send>(
        &self,
        input: R,
        opts: &PlanOptions,
        mut f: impl FnMut(u64, Result<Plan>),
    ) -> Result<BatchStats> {
        self.pipeline(input, Mode::Plans(opts), |c| {
            for (i, v) in c.plans.drain(..).enumerate() {
                f(c.first_line + i as u64, v);
            }
            Ok(())
        })
    }

    /// [`BatchScorer::plan_each`] with each line's scorecard as well
    /// ([`Catalog::score_and_plan`]): what a report needs.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Io`] when reading fails.
    pub fn score_and_plan_each<R: BufRead + Send>(
        &self,
        input: R,
        opts: &PlanOptions,
        mut f: impl FnMut(u64, Result<(Scorecard, Plan)>),
    ) -> Result<BatchStats> {
        self.pipeline(input, Mode::Report(opts), |c| {
            for (i, v) in c.reports.drain(..).enumerate() {
                f(c.first_line + i as u64, v);
            }
            Ok(())
        })
    }

    /// [`BatchScorer::plan_each`] for explanations ([`Catalog::explain`]).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Io`] when reading fails.
    pub fn explain_each<R: BufRead + Send>(
        &self,
        input: R,
        mut f: impl FnMut(u64, Result<Explanation>),
    ) -> Result<BatchStats> {
        self.pipeline(input, Mode::Explain, |c| {
            for (i, v) in c.explanations.drain(..).enumerate() {
                f(c.first_line + i as u64, v);
            }
            Ok(())
        })
    }

    /// Reads chunks of lines, scores them on the worker threads, and hands
    /// each scored chunk to `sink` on the calling thread, in input order.
    fn pipeline<R: BufRead + Send>(
        &self,
        mut input: R,
        mode: Mode<'_>,
        mut sink: impl FnMut(&mut Chunk) -> Result<()>,
    ) -> Result<BatchStats> {
        // Hands a chunk over; returns the running totals.
        let mut running = BatchStats::default();
        let mut done = move |c: &mut Chunk| -> Result<BatchStats> {
            sink(c)?;
            running.add(c.stats);
            if let Some(p) = self.progress {
                p(running);
            }
            Ok(running)
        };
        let mut total = BatchStats::default();
        if self.threads == 1 {
            let mut c = new_chunk();
            let mut scratch = Bufs::default();
            let mut next_line = 1;
            while fill(
                &mut input,
                &mut c,
                self.chunk_bytes,
                self.max_line,
                next_line,
            )
            .map_err(|e| io("input", e))?
            {
                next_line += c.ends.len() as u64;
                self.score_chunk(&mut c, &mut scratch, mode);
                total = done(&mut c)?;
            }
            return Ok(total);
        }

        // A fixed pool of chunks bounds memory: the reader blocks until a
        // scored chunk has been handed over and comes back.
        let pool = 2 * self.threads + 2;
        let (free_tx, free_rx) = sync_channel::<Chunk>(pool);
        for _ in 0..pool {
            free_tx
                .send(new_chunk())
                .expect("the pool channel has room for every chunk");
        }
        let (work_tx, work_rx) = sync_channel::<Chunk>(pool);
        let (done_tx, done_rx) = sync_channel::<Chunk>(pool);
        let work_rx = Arc::new(Mutex::new(work_rx));

        std::thread::scope(|s| {
            for _ in 0..self.threads {
                let rx = Arc::clone(&work_rx);
                let tx = done_tx.clone();
                s.spawn(move || self.worker(&rx, &tx, mode));
            }
            drop(done_tx);
            let (chunk_bytes, max_line) = (self.chunk_bytes, self.max_line);
            let reader = s.spawn(move || -> std::io::Result<()> {
                let mut next_line = 1;
                // Ends when the consumer stops handing chunks back.
                for (seq, mut c) in free_rx.iter().enumerate() {
                    if !fill(
                        &mut input,
                        &mut c,
                        chunk_bytes,
                        max_line,
                        next_line,
                    )? {
                        break;
                    }
                    c.seq = seq as u64;
                    next_line += c.ends.len() as u64;
                    if work_tx.send(c).is_err() {
                        break;
                    }
                }
                Ok(())
            });

            let mut consume = || -> Result<()> {
                let mut pending = BTreeMap::new();
                let mut next = 0;
                for c in &done_rx {
                    pending.insert(c.seq, c);
                    while let Some(mut c) = pending.remove(&next) {
                        total = done(&mut c)?;
                        next += 1;
                        // The reader may have stopped; then nobody needs it.
                        let _ = free_tx.send(c);
                    }
                }
                Ok(())
            };
            let consumed = consume();
            // On a failed sink, dropping these lets the reader and the
            // workers stop.
            drop(done_rx);
            drop(free_tx);
            let read =
                reader.join().unwrap_or_else(|p| std::panic::resume_unwind(p));
            consumed?;
            read.map_err(|e| io("input", e))?;
            Ok(total)
        })
    }

    fn worker(
        &self,
        rx: &Mutex<Receiver<Chunk>>,
        tx: &SyncSender<Chunk>,
        mode: Mode<'_>,
    ) {
        let mut scratch = Bufs::default();
        loop {
            // A poisoned lock means another worker panicked; stop too.
            let next = match rx.lock() {
                Ok(r) => r.recv(),
                Err(_) => return,
            };
            let Ok(mut c) = next else { return };
            self.score_chunk(&mut c, &mut scratch, mode);
            if tx.send(c).is_err() {
                return;
            }
        }
    }
}

fn io(what: &str, e: std::io::Error) -> Error {
    ErrorKind::io(std::path::Path::new(what), e)
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
) {
    #[derive(Serialize)]
    struct Record<'a> {
        line: u64,
        #[serde(skip_serializing_if = "Option::is_none")]
        id: Option<&'a str>,
        error: &'a ErrorKind,
    }
    // Writing to a Vec only fails on a serializer bug.
    let _ = serde_json::to_writer(&mut *out, &Record { line, id, error });
}

fn new_chunk() -> Chunk {
    Chunk {
        seq: 0,
        first_line: 0,
        input: Vec::new(),
        ends: Vec::new(),
        long: Vec::new(),
        output: Vec::new(),
        values: Vec::new(),
        plans: Vec::new(),
        explanations: Vec::new(),
        reports: Vec::new(),
        stats: BatchStats::default(),
    }
}

/// Reads whole lines into `c` until about `target` bytes. Returns false at
/// end of input with nothing read. A final line without a newline counts.
/// A line longer than `max_line` is skipped, not stored, and noted in
/// `c.long`.
fn fill<R: BufRead>(
    r: &mut R,
    c: &mut Chunk,
    target: usize,
    max_line: usize,
    first_line: u64,
) -> std::io::Result<bool> {
    c.input.clear();
    c.ends.clear();
    c.long.clear();
    c.first_line = first_line;
    let limit = u64::try_from(max_line).unwrap_or(u64::MAX);
    while c.input.len() < target {
        let start = c.input.len();
        let n = (&mut *r)
            .take(limit.saturating_add(1))
            .read_until(b'\n', &mut c.input)?;
        if n == 0 {
            break;
        }
        if c.input.last() == Some(&b'\n') {
            c.input.pop();
        } else if n as u64 > limit {
            // Too long: drop what was read and skip to the next line.
            c.input.truncate(start);
            let rest = skip_line(r)?;
            c.long.push((c.ends.len(), n as u64 + rest));
        }
        c.ends.push(c.input.len());
        c.input.push(b'\n');
    }
    Ok(!c.ends.is_empty())
}

/// Skips to just past the next newline, or to the end of input; returns
/// the bytes skipped before the newline.
fn skip_line<R: BufRead>(r: &mut R) -> std::io::Result<u64> {
    let mut skipped = 0u64;
    loop {
        let buf = match r.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if buf.is_empty() {
            return Ok(skipped);
        }
        match buf.iter().position(|&b| b == b'\n') {
            Some(i) => {
                r.consume(i + 1);
                return Ok(skipped + i as u64);
            }
            None => {
                let n = buf.len();
                r.consume(n);
                skipped += n as u64;
            }
        }
    }
}
