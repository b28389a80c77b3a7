//! Lines: reading them in bounded chunks, and the text rules of a line.
//!
//! A line over the length limit is skipped as it is read, never held, so
//! a file without newlines costs no more memory than a short one.

use std::io::{BufRead, Read};

use crate::error::{Error, ErrorKind, Result};
use crate::input::strip_bom;

/// Whole lines of input, read together.
#[derive(Debug, Default)]
pub(crate) struct Lines {
    /// The number of the first line, from 1.
    pub first: u64,
    /// The lines, each followed by a newline.
    input: Vec<u8>,
    /// Where each line ends in `input`.
    ends: Vec<usize>,
    /// Lines over the length limit: index, and length in bytes.
    long: Vec<(usize, u64)>,
}

/// One line as read: its bytes, or the length of a line too long to keep.
pub(crate) enum Line<'a> {
    Text(&'a [u8]),
    TooLong(u64),
}

impl Lines {
    /// Reads whole lines until about `target` bytes. Returns false at end
    /// of input with nothing read. A final line without a newline counts.
    /// A line longer than `max_line` is skipped, not stored.
    pub fn fill<R: BufRead>(
        &mut self,
        r: &mut R,
        target: usize,
        max_line: usize,
        first: u64,
    ) -> std::io::Result<bool> {
        self.input.clear();
        self.ends.clear();
        self.long.clear();
        self.first = first;
        let limit = u64::try_from(max_line).unwrap_or(u64::MAX);
        while self.input.len() < target {
            let start = self.input.len();
            let n = (&mut *r)
                .take(limit.saturating_add(1))
                .read_until(b'\n', &mut self.input)?;
            if n == 0 {
                break;
            }
            if self.input.last() == Some(&b'\n') {
                self.input.pop();
            } else if n as u64 > limit {
                // Too long: drop what was read and skip to the next line.
                self.input.truncate(start);
                let rest = skip_line(r)?;
                self.long.push((self.ends.len(), n as u64 + rest));
            }
            self.ends.push(self.input.len());
            self.input.push(b'\n');
        }
        Ok(!self.ends.is_empty())
    }

    /// How many lines were read.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Each line with its number.
    pub fn iter(&self) -> impl Iterator<Item = (u64, Line<'_>)> {
        let mut start = 0;
        let mut long = self.long.iter().peekable();
        self.ends.iter().enumerate().map(move |(i, &end)| {
            let line = match long.next_if(|(at, _)| *at == i) {
                Some(&(_, bytes)) => Line::TooLong(bytes),
                None => Line::Text(&self.input[start..end]),
            };
            start = end + 1;
            (self.first + i as u64, line)
        })
    }
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

/// The text of a line, or the error that takes its place: a CR before the
/// newline is dropped, and line 1 may start with a byte-order mark; the
/// rest must be UTF-8 and not blank.
pub(crate) fn text(line: &[u8], line_no: u64) -> Result<&str> {
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    let line = if line_no == 1 { strip_bom(line) } else { line };
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
