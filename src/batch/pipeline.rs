//! An ordered pipeline: chunks of lines read on one thread, worked on by
//! several, handed back in input order. It knows nothing of scoring: a
//! per-line function gives each line a value, and `Chunk<T>` carries the
//! values (and any bytes written) back.
//!
//! A fixed pool of chunks circulates between the reader, the workers and
//! the consumer, so memory is bounded whatever the input's length.
//! Threads are plain `std::thread`s: the work is coarse (one chunk per
//! hand-off), so a work-stealing pool would add a dependency and nothing
//! measurable.

use std::collections::BTreeMap;
use std::io::BufRead;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::sync::{Arc, Mutex};

use super::BatchStats;
use super::lines::{Line, Lines};
use crate::error::{ErrorKind, Result};

/// A value that says whether its line was handled.
pub(crate) trait Handled {
    fn handled(&self) -> bool;
}

impl Handled for bool {
    fn handled(&self) -> bool {
        *self
    }
}

impl<T> Handled for Result<T> {
    fn handled(&self) -> bool {
        self.is_ok()
    }
}

/// Lines, and what the work made of them.
pub(crate) struct Chunk<T> {
    seq: u64,
    pub lines: Lines,
    /// Bytes written for the lines, in order.
    pub output: Vec<u8>,
    /// One value per line, in order.
    pub values: Vec<T>,
    pub stats: BatchStats,
}

impl<T> Chunk<T> {
    fn new() -> Chunk<T> {
        Chunk {
            seq: 0,
            lines: Lines::default(),
            output: Vec::new(),
            values: Vec::new(),
            stats: BatchStats::default(),
        }
    }

    /// Runs `per_line` on every line, keeping its values and counts.
    fn work<S>(
        &mut self,
        scratch: &mut S,
        per_line: &impl Fn(u64, Line<'_>, &mut S, &mut Vec<u8>) -> T,
    ) where
        T: Handled,
    {
        self.output.clear();
        self.values.clear();
        self.stats = BatchStats::default();
        for (n, line) in self.lines.iter() {
            let v = per_line(n, line, scratch, &mut self.output);
            self.stats.lines += 1;
            if v.handled() {
                self.stats.scored += 1;
            } else {
                self.stats.rejected += 1;
            }
            self.values.push(v);
        }
    }
}

/// A sink that hands each line's value to `f` with the line's number,
/// in input order.
pub(crate) fn each_value<T>(
    mut f: impl FnMut(u64, T),
) -> impl FnMut(&mut Chunk<T>) -> Result<()> {
    move |c| {
        let first = c.lines.first;
        for (i, v) in c.values.drain(..).enumerate() {
            f(first + i as u64, v);
        }
        Ok(())
    }
}

/// How a pipeline reads and how many threads work.
#[derive(Clone, Copy)]
pub(crate) struct Pipeline<'p> {
    pub threads: usize,
    pub chunk_bytes: usize,
    pub max_line: usize,
    pub progress: Option<&'p (dyn Fn(BatchStats) + Sync)>,
}

impl Pipeline<'_> {
    /// Reads chunks of lines, gives every line a value with `per_line` on
    /// the worker threads (each with its own scratch `S`), and hands each
    /// chunk to `sink` on the calling thread, in input order.
    pub fn run<R, T, S>(
        &self,
        mut input: R,
        per_line: &(impl Fn(u64, Line<'_>, &mut S, &mut Vec<u8>) -> T + Sync),
        mut sink: impl FnMut(&mut Chunk<T>) -> Result<()>,
    ) -> Result<BatchStats>
    where
        R: BufRead + Send,
        T: Handled + Send,
        S: Default,
    {
        let mut running = BatchStats::default();
        let mut done = move |c: &mut Chunk<T>| -> Result<BatchStats> {
            sink(c)?;
            running.add(c.stats);
            if let Some(p) = self.progress {
                p(running);
            }
            Ok(running)
        };
        let mut total = BatchStats::default();
        if self.threads <= 1 {
            let mut c = Chunk::new();
            let mut scratch = S::default();
            let mut next_line = 1;
            while c
                .lines
                .fill(&mut input, self.chunk_bytes, self.max_line, next_line)
                .map_err(|e| io("input", e))?
            {
                next_line += c.lines.len() as u64;
                c.work(&mut scratch, per_line);
                total = done(&mut c)?;
            }
            return Ok(total);
        }

        // A fixed pool of chunks bounds memory: the reader blocks until a
        // worked chunk has been handed over and comes back.
        let pool = 2 * self.threads + 2;
        let (free_tx, free_rx) = sync_channel::<Chunk<T>>(pool);
        for _ in 0..pool {
            free_tx
                .send(Chunk::new())
                .expect("the pool channel has room for every chunk");
        }
        let (work_tx, work_rx) = sync_channel::<Chunk<T>>(pool);
        let (done_tx, done_rx) = sync_channel::<Chunk<T>>(pool);
        let work_rx = Arc::new(Mutex::new(work_rx));

        std::thread::scope(|s| {
            for _ in 0..self.threads {
                let rx = Arc::clone(&work_rx);
                let tx = done_tx.clone();
                s.spawn(move || worker(&rx, &tx, per_line));
            }
            drop(done_tx);
            let (chunk_bytes, max_line) = (self.chunk_bytes, self.max_line);
            let reader = s.spawn(move || -> std::io::Result<()> {
                let mut next_line = 1;
                // Ends when the consumer stops handing chunks back.
                for (seq, mut c) in free_rx.iter().enumerate() {
                    if !c.lines.fill(
                        &mut input,
                        chunk_bytes,
                        max_line,
                        next_line,
                    )? {
                        break;
                    }
                    c.seq = seq as u64;
                    next_line += c.lines.len() as u64;
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
}

fn worker<T: Handled, S: Default>(
    rx: &Mutex<Receiver<Chunk<T>>>,
    tx: &SyncSender<Chunk<T>>,
    per_line: &impl Fn(u64, Line<'_>, &mut S, &mut Vec<u8>) -> T,
) {
    let mut scratch = S::default();
    loop {
        // A poisoned lock means another worker panicked; stop too.
        let next = match rx.lock() {
            Ok(r) => r.recv(),
            Err(_) => return,
        };
        let Ok(mut c) = next else { return };
        c.work(&mut scratch, per_line);
        if tx.send(c).is_err() {
            return;
        }
    }
}

pub(crate) fn io(what: &str, e: std::io::Error) -> crate::error::Error {
    ErrorKind::io(std::path::Path::new(what), e)
}
