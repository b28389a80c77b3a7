//! `score_lines`: `BatchScorer::run` on a thread of its own, its output
//! handed to Python line by line.
//!
//! The batch reads a file (or a workbook, as `ocop score` does) or pulls
//! items from a Python iterator, scores on all cores in the library's
//! bounded memory, and sends each chunk of output lines through a channel
//! of two chunks. Python takes the lines one at a time with the GIL
//! released while it waits, so the batch never runs further ahead of the
//! reader than those chunks. Dropping the iterator closes the channel and
//! stops the batch.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::path::Path;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::sync::{Arc, Mutex};

use ocop::workbook::{self, Format};
use ocop::{BatchStats, ErrorKind};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyIterator, PyString};

use crate::options::{Failure, Options, Resolved};

/// What the batch's thread sends: output lines, then how it ended.
enum Msg {
    Chunk(Vec<u8>),
    Done(Result<BatchStats, Failure>),
}

/// A Python exception raised while pulling input, kept for the reader.
pub type Slot = Arc<Mutex<Option<PyErr>>>;

/// Iterates over the lines `ocop score` writes, each with its newline.
#[pyclass(module = "ocop._ocop")]
pub struct Lines {
    rx: Mutex<Receiver<Msg>>,
    /// The chunk being handed out, and how far.
    chunk: String,
    at: usize,
    done: bool,
    stats: Option<BatchStats>,
    failed: Slot,
}

#[pymethods]
impl Lines {
    /// `source` is a path (a `str`) or an iterator of `bytes`, one
    /// evaluation each.
    #[new]
    fn new(
        py: Python<'_>,
        source: &Bound<'_, PyAny>,
        options: &str,
    ) -> PyResult<Lines> {
        let r = Options::parse(options)
            .and_then(Options::resolve)
            .map_err(|f| crate::raise(py, f))?;
        let (input, failed) = Input::of(source)?;
        let (tx, rx) = sync_channel(2);
        std::thread::Builder::new()
            .name("ocop-score-lines".into())
            .spawn(move || {
                let result = batch(&r, input, Chunks(tx.clone()));
                let _ = tx.send(Msg::Done(result));
            })
            .map_err(|e| {
                let kind = ErrorKind::Io {
                    path: "thread".into(),
                    message: e.to_string(),
                };
                crate::raise(py, Failure::error(&kind.into()))
            })?;
        Ok(Lines {
            rx: Mutex::new(rx),
            chunk: String::new(),
            at: 0,
            done: false,
            stats: None,
            failed,
        })
    }

    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__<'py>(
        mut slf: PyRefMut<'_, Self>,
        py: Python<'py>,
    ) -> PyResult<Option<Bound<'py, PyString>>> {
        loop {
            // Each line straight from the chunk into a Python string.
            let rest = &slf.chunk[slf.at..];
            if !rest.is_empty() {
                let end = rest.find('\n').map_or(rest.len(), |i| i + 1);
                let line = PyString::new(py, &rest[..end]);
                slf.at += end;
                return Ok(Some(line));
            }
            if slf.done {
                return Ok(None);
            }
            let rx = &slf.rx;
            let msg = py
                .detach(|| rx.lock().map(|rx| rx.recv().ok()).ok().flatten());
            match msg {
                Some(Msg::Chunk(bytes)) => {
                    slf.chunk = crate::text(bytes);
                    slf.at = 0;
                }
                Some(Msg::Done(Ok(stats))) => {
                    slf.done = true;
                    slf.stats = Some(stats);
                    let own =
                        slf.failed.lock().ok().and_then(|mut s| s.take());
                    if let Some(e) = own {
                        return Err(e);
                    }
                }
                Some(Msg::Done(Err(f))) => {
                    slf.done = true;
                    // The input's own exception (a TypeError, a read
                    // error) before the batch's I/O error it caused.
                    let own =
                        slf.failed.lock().ok().and_then(|mut s| s.take());
                    return Err(own.unwrap_or_else(|| crate::raise(py, f)));
                }
                None => slf.done = true,
            }
        }
    }

    /// `(lines, scored, rejected)` once every line has been taken.
    #[getter]
    fn stats(&self) -> Option<(u64, u64, u64)> {
        self.stats.map(|s| (s.lines, s.scored, s.rejected))
    }
}

/// What a batch reads: a file, or a Python iterator's items.
pub enum Input {
    Path(String),
    Items(Items),
}

impl Input {
    /// A `str` is a path; anything else an iterator of `bytes`. The slot
    /// keeps the exception an item raises.
    pub fn of(source: &Bound<'_, PyAny>) -> PyResult<(Input, Slot)> {
        let failed: Slot = Arc::default();
        let input = if let Ok(path) = source.cast::<PyString>() {
            Input::Path(path.to_cow()?.into_owned())
        } else {
            let iter = PyIterator::from_object(source)?.unbind();
            Input::Items(Items::new(iter, Arc::clone(&failed)))
        };
        Ok((input, failed))
    }
}

/// The batch, as `ocop score FILE` runs it.
fn batch(
    r: &Resolved,
    input: Input,
    out: Chunks,
) -> Result<BatchStats, Failure> {
    let scorer = r.scorer();
    let result = match input {
        Input::Items(items) => scorer.run(items, out),
        Input::Path(path) => {
            let p = Path::new(&path);
            if Format::of(p).is_some() {
                workbook::read_file(p, &r.catalog, &r.score).and_then(
                    |products| {
                        workbook::score_products(&scorer, &products, out)
                    },
                )
            } else {
                match File::open(p) {
                    Ok(f) => {
                        scorer.run(BufReader::with_capacity(1 << 16, f), out)
                    }
                    Err(e) => {
                        Err(ErrorKind::Io { path, message: e.to_string() }
                            .into())
                    }
                }
            }
        }
    };
    result.map_err(|e| Failure::error(&e))
}

/// The batch's output, a chunk per write, to the channel.
struct Chunks(SyncSender<Msg>);

impl Write for Chunks {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0
            .send(Msg::Chunk(buf.to_vec()))
            .map_err(|_| io::Error::other("the reader stopped"))?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// A Python iterator of `bytes` as JSON Lines: each item one line. A
/// final newline of an item is dropped and newlines inside it become
/// spaces (JSON allows neither inside a string), so that one item gives
/// one result.
pub struct Items {
    iter: Py<PyIterator>,
    buf: Vec<u8>,
    pos: usize,
    end: bool,
    failed: Slot,
}

impl Items {
    fn new(iter: Py<PyIterator>, failed: Slot) -> Items {
        Items { iter, buf: Vec::new(), pos: 0, end: false, failed }
    }

    /// Takes items until 64 KiB are buffered or the iterator ends. An
    /// item that raises, or is not `bytes`, ends the input before it: the
    /// batch finishes the lines before it, and the reader then raises its
    /// exception.
    fn refill(&mut self) {
        self.buf.clear();
        self.pos = 0;
        Python::attach(|py| {
            let mut it = self.iter.bind(py).clone();
            while self.buf.len() < 64 << 10 {
                let Some(item) = it.next() else {
                    self.end = true;
                    return;
                };
                match item.and_then(|i| Ok(i.cast_into::<PyBytes>()?)) {
                    Ok(b) => {
                        let b = b.as_bytes();
                        let b = b.strip_suffix(b"\n").unwrap_or(b);
                        self.buf.extend(
                            b.iter()
                                .map(|&c| if c == b'\n' { b' ' } else { c }),
                        );
                        self.buf.push(b'\n');
                    }
                    Err(e) => {
                        if let Ok(mut slot) = self.failed.lock() {
                            *slot = Some(e);
                        }
                        self.end = true;
                        return;
                    }
                }
            }
        })
    }
}

impl Read for Items {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let have = self.fill_buf()?;
        let n = have.len().min(out.len());
        out[..n].copy_from_slice(&have[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl BufRead for Items {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.pos >= self.buf.len() && !self.end {
            self.refill();
        }
        Ok(&self.buf[self.pos..])
    }

    fn consume(&mut self, n: usize) {
        self.pos = (self.pos + n).min(self.buf.len());
    }
}
