//! Everything the command prints goes through [`Out`] (standard output) or [`warn`]
//! (standard error). A closed pipe ends the command quietly with exit 0, as `head` and
//! `grep -q` expect; any other write error (a full disk) is exit 3 with a message — never
//! a panic.
//!
//! Human-readable lines are escaped: control characters, bidirectional-text controls and
//! line separators become `\u{…}`, so a value taken from input (a case id) cannot forge a
//! line, move the cursor or clear the terminal. JSON output is left as serde writes it.

use crate::Failure;
use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::{self, BufWriter, StdoutLock, Write};

/// Standard output, buffered.
pub(crate) struct Out {
    w: BufWriter<StdoutLock<'static>>,
}

impl Out {
    pub(crate) fn new() -> Out {
        Out { w: BufWriter::new(io::stdout().lock()) }
    }

    /// One human-readable line, escaped.
    pub(crate) fn line(&mut self, s: &str) -> Result<(), Failure> {
        let s = escape(s);
        self.write(s.as_bytes())?;
        self.write(b"\n")
    }

    /// A block of human-readable lines, each escaped.
    pub(crate) fn text(&mut self, s: &str) -> Result<(), Failure> {
        for line in s.strip_suffix('\n').unwrap_or(s).split('\n') {
            self.line(line)?;
        }
        Ok(())
    }

    /// One line of machine-readable output (JSON), as it is.
    pub(crate) fn raw(&mut self, s: &str) -> Result<(), Failure> {
        self.write(s.as_bytes())?;
        self.write(b"\n")
    }

    /// Bytes the command generated itself (a completion script, a manual page), as they are.
    pub(crate) fn bytes(&mut self, bytes: &[u8]) -> Result<(), Failure> {
        self.write(bytes)
    }

    /// Writes what is buffered; call before returning success.
    pub(crate) fn finish(mut self) -> Result<(), Failure> {
        self.w.flush().map_err(failure)
    }

    fn write(&mut self, bytes: &[u8]) -> Result<(), Failure> {
        self.w.write_all(bytes).map_err(failure)
    }
}

impl Drop for Out {
    fn drop(&mut self) {
        // `finish` reports errors; a drop after a failure must not panic or print.
        let _ = self.w.flush();
    }
}

fn failure(e: io::Error) -> Failure {
    if e.kind() == io::ErrorKind::BrokenPipe {
        Failure::Closed
    } else {
        Failure::Io(format!("cannot write to standard output: {e}"))
    }
}

/// A line on standard error, escaped; if standard error is gone there is no one to tell.
pub(crate) fn warn(s: &str) {
    let mut e = io::stderr().lock();
    for line in s.strip_suffix('\n').unwrap_or(s).split('\n') {
        let _ = writeln!(e, "{}", escape(line));
    }
}

/// `s` with every character that could forge or hide terminal output written as
/// `\u{…}`. Tabs stay.
pub(crate) fn escape(s: &str) -> Cow<'_, str> {
    if !s.chars().any(hidden) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        if hidden(c) {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

fn hidden(c: char) -> bool {
    (c.is_control() && c != '\t')
        || matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{2028}' | '\u{2029}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn controls_are_shown_not_obeyed() {
        assert_eq!(escape("JJ-2026\t014"), "JJ-2026\t014");
        assert_eq!(escape("x\u{1b}[2J\r\nLevel: NONE"), "x\\u{1b}[2J\\u{d}\\u{a}Level: NONE");
        assert_eq!(escape("a\u{202e}b\u{85}c\u{7f}"), "a\\u{202e}b\\u{85}c\\u{7f}");
        assert_eq!(escape("Modriča"), "Modriča");
    }
}
