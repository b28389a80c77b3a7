//! Why a command stopped: a library error (with the file or flag it came
//! from), or a usage or I/O problem of the command's own. With
//! `--json-errors` a library error is written as its record, so that a
//! client of the command (PHP) gets the kind and the sentence that the
//! library and the WebAssembly package give for the same input.

use std::fmt::Display;

/// A reason the command stopped (exit 2).
pub enum Fail {
    /// The library refused: its error, and where it came from (a path),
    /// which the sentence for a person starts with.
    Library { at: Option<String>, error: ocop::Error },
    /// The command's own: a file that cannot be opened or written.
    Command(String),
}

impl From<String> for Fail {
    fn from(s: String) -> Fail {
        Fail::Command(s)
    }
}

impl From<ocop::Error> for Fail {
    fn from(error: ocop::Error) -> Fail {
        Fail::Library { at: None, error }
    }
}

/// A library error placed at a file or a flag.
pub trait At<T> {
    fn at(self, place: impl Display) -> Result<T, Fail>;
}

impl<T> At<T> for ocop::Result<T> {
    fn at(self, place: impl Display) -> Result<T, Fail> {
        self.map_err(|error| Fail::Library {
            at: Some(place.to_string()),
            error,
        })
    }
}

impl Fail {
    /// Writes the reason to standard error: `ocop: …` for a person, or
    /// with `json` a library error as `{"error": {"kind": …}, "message":
    /// …}` (the sentence alone, without the place, as the bindings give
    /// it).
    pub fn report(&self, json: bool) {
        match self {
            Fail::Library { error, .. } if json => {
                let record = serde_json::json!({
                    "error": error.kind(),
                    "message": error.to_string(),
                });
                eprintln!("{record}");
            }
            Fail::Library { at: Some(at), error } => {
                eprintln!("ocop: {at}: {error}")
            }
            Fail::Library { at: None, error } => eprintln!("ocop: {error}"),
            Fail::Command(msg) => eprintln!("ocop: {msg}"),
        }
    }
}
