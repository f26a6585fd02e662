//! Standard output and standard error that never panic: a reader who closes the pipe early
//! (`mtls-lab run mutual --json | head`) ends the program quietly, as `cat` does, instead of
//! the panic that `println!` raises.

use std::io::{ErrorKind, Write};

/// The exit status of a program whose standard output was closed: 128 + SIGPIPE, what a shell
/// reports for `cat` in the same place.
pub const CLOSED_PIPE: i32 = 141;

/// Writes `text` to standard output and flushes it. If the reader has gone away, exits at once
/// with [`CLOSED_PIPE`] and no message; on any other write error, says so on standard error and
/// exits with 1.
pub fn print(text: &str) {
    let mut stdout = std::io::stdout().lock();
    if let Err(e) = stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        if e.kind() == ErrorKind::BrokenPipe {
            std::process::exit(CLOSED_PIPE);
        }
        error(&format!("cannot write to standard output: {e}"));
        std::process::exit(1);
    }
}

/// [`print`] with a newline.
pub fn line(text: &str) {
    print(&format!("{text}\n"));
}

/// Writes `mtls-lab: {message}` to standard error; a closed standard error is ignored.
pub fn error(message: &str) {
    let _ = writeln!(std::io::stderr().lock(), "mtls-lab: {message}");
}

/// Writes a warning line to standard error; a closed standard error is ignored.
pub fn warn(message: &str) {
    let _ = writeln!(std::io::stderr().lock(), "mtls-lab: warning: {message}");
}
