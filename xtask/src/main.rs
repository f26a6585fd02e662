//! `cargo xtask serve | test | dist`: the README's commands.
//!
//! Each installs what it needs when it is missing (the wasm target, trunk, wasm-bindgen-cli,
//! wasm-opt from npm, Chromium, tshark), printing one line per step, and never downloads a
//! binary from anywhere but the package registries.

mod app_files;
mod bench;
mod csp;
mod offline;
mod tools;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::Instant;

const USAGE: &str = "\
usage: cargo xtask <command>

commands:
  serve [--addr HOST:PORT] [--release]   build the web app into target/serve-dist and serve it (default 127.0.0.1:8080)
  test                                   install test tools, then run every check and test
  dist                                   release build of the static site into dist/
  bench                                  run the criterion benchmarks and write docs/PERFORMANCE.md
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = project_root();
    let result = match args.first().map(String::as_str) {
        Some("serve") => serve(&root, &args[1..]),
        Some("test") => test(&root),
        Some("dist") => dist(&root),
        Some("bench") => bench::bench(&root),
        Some("-h" | "--help") | None => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Some(other) => Err(format!("unknown command `{other}`\n\n{USAGE}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}

/// The workspace root: the parent of this crate's directory.
fn project_root() -> PathBuf {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    here.parent().unwrap_or(here).to_path_buf()
}

/// Runs `cmd` to completion with inherited output.
fn run(cmd: &mut Command) -> Result<(), String> {
    let status = cmd
        .status()
        .map_err(|e| format!("could not start {cmd:?}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{cmd:?} failed ({status})"))
    }
}

fn trunk(root: &Path, env_path: &str) -> Command {
    let mut cmd = Command::new("trunk");
    cmd.current_dir(root)
        .env("PATH", env_path)
        .env("TRUNK_OFFLINE", "true")
        .env("TRUNK_SKIP_VERSION_CHECK", "true");
    cmd
}

fn serve(root: &Path, args: &[String]) -> Result<(), String> {
    let mut addr = String::from("127.0.0.1:8080");
    let mut release = false;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--addr" => addr = it.next().cloned().ok_or("--addr needs HOST:PORT")?,
            "--release" => release = true,
            other => return Err(format!("serve: unknown argument `{other}`\n\n{USAGE}")),
        }
    }
    let (host, port) = addr
        .rsplit_once(':')
        .filter(|(h, p)| !h.is_empty() && p.parse::<u16>().is_ok())
        .ok_or_else(|| format!("--addr must look like 127.0.0.1:8080, got `{addr}`"))?;
    let path = tools::ensure_build_tools(root)?;
    println!("==> serving mTLS Lab at http://{addr}/ (Ctrl-C to stop)");
    let mut cmd = trunk(root, &path);
    // Built elsewhere than dist/: serving must never replace the release build that
    // `cargo xtask dist` made (and that someone may be about to deploy) with a debug one.
    let served = root.join("target").join("serve-dist");
    cmd.args(["serve", "--address", host, "--port", port, "--dist"])
        .arg(&served);
    if release {
        cmd.arg("--release");
    }
    run(&mut cmd)
}

fn dist(root: &Path) -> Result<(), String> {
    let path = tools::ensure_build_tools(root)?;
    println!("==> release build of the static site into dist/");
    run(trunk(root, &path).args(["build", "--release", "--dist", "dist"]))?;
    for (js, wasm) in app_files::apply(&root.join("dist"))? {
        println!("==> a module the page loads itself: dist/{js}, dist/{wasm}");
    }
    let policy = csp::apply(&root.join("dist").join("index.html"))?;
    println!("==> Content-Security-Policy in dist/index.html: {policy}");
    let (version, files) = offline::apply(&root.join("dist"), &root.join("web").join("sw.js"))?;
    println!("==> dist/sw.js: version {version}, {files} files cached for offline use");
    println!("==> dist/ is ready: copy it to any static host");
    Ok(())
}

/// What a step is: a test runner, whose tests are counted (at least `min` must pass, and none
/// may be skipped), or a check (formatting, lints, a build), which passes or fails as a whole
/// and is not a test.
#[derive(Clone, Copy)]
enum Kind {
    Tests { min: u64 },
    Check,
}

/// Test counts over the whole run, and the checks beside them.
#[derive(Default)]
struct Tally {
    counts: Counts,
    checks_ok: u64,
    checks: u64,
    failures: Vec<String>,
}

/// What a runner reported: passed, failed, and skipped (cargo's ignored; node's skipped, todo
/// and cancelled).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Counts {
    passed: u64,
    failed: u64,
    skipped: u64,
}

impl std::ops::AddAssign for Counts {
    fn add_assign(&mut self, other: Self) {
        self.passed += other.passed;
        self.failed += other.failed;
        self.skipped += other.skipped;
    }
}

impl Tally {
    /// Runs one step, streaming its output. A test runner's closing lines (cargo's, node's
    /// TAP summary) are added up; the step fails if the runner fails, reports no counts,
    /// skips a test or passes fewer tests than its minimum (an emptied test folder, a file
    /// that no longer runs).
    fn step(&mut self, name: &str, kind: Kind, cmd: &mut Command) {
        println!("\n==> {name}");
        let started = Instant::now();
        let mut counted = Counts::default();
        let mut saw_counts = false;
        let status = cmd.stdout(Stdio::piped()).spawn().and_then(|mut child| {
            if let Some(out) = child.stdout.take() {
                for line in BufReader::new(out).lines().map_while(Result::ok) {
                    println!("{line}");
                    if let Some(c) = parse_counts(&line) {
                        counted += c;
                        saw_counts = true;
                    }
                }
            }
            child.wait()
        });
        let mut ok = matches!(&status, Ok(s) if s.success());
        if let Err(e) = &status {
            println!("could not start: {e}");
        }
        match kind {
            Kind::Check => {
                self.checks += 1;
                self.checks_ok += u64::from(ok);
            }
            Kind::Tests { min } => {
                let mut problems = Vec::new();
                if !saw_counts {
                    problems.push("the runner reported no test counts".to_string());
                }
                if counted.skipped > 0 {
                    problems.push(format!(
                        "{} test(s) skipped, ignored, todo or cancelled",
                        counted.skipped
                    ));
                }
                if counted.passed < min {
                    problems.push(format!(
                        "{} passed, fewer than the {min} this step must run",
                        counted.passed
                    ));
                }
                if !ok && counted.failed == 0 {
                    problems.push("the runner failed outside any test (a build error?)".into());
                }
                for p in &problems {
                    println!("xtask: {name}: {p}");
                }
                ok &= problems.is_empty();
                self.counts += counted;
            }
        }
        if !ok {
            self.failures.push(name.to_string());
        }
        println!(
            "<== {name}: {} in {:.0?}",
            if ok { "ok" } else { "FAILED" },
            started.elapsed()
        );
    }
}

/// Reads a test runner's closing lines: `test result: ok. 3 passed; 0 failed; 1 ignored; …`
/// (cargo) or `# pass 3`, `# fail 0`, `# skipped 0`, `# todo 0`, `# cancelled 0` (node's TAP
/// reporter).
fn parse_counts(line: &str) -> Option<Counts> {
    let line = line.trim();
    if let Some(rest) = line.strip_prefix("test result: ") {
        let number_before = |word: &str| {
            rest.split(';')
                .find_map(|part| part.trim().strip_suffix(word))
                .and_then(|n| n.trim().rsplit(' ').next())
                .and_then(|n| n.parse::<u64>().ok())
        };
        return Some(Counts {
            passed: number_before("passed")?,
            failed: number_before("failed")?,
            skipped: number_before("ignored").unwrap_or(0),
        });
    }
    let (key, n) = line.strip_prefix("# ")?.split_once(' ')?;
    let n: u64 = n.trim().parse().ok()?;
    let mut c = Counts::default();
    match key {
        "pass" => c.passed = n,
        "fail" => c.failed = n,
        "skipped" | "todo" | "cancelled" => c.skipped = n,
        _ => return None,
    }
    Some(c)
}

fn cargo(root: &Path) -> Command {
    let mut cmd = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    cmd.current_dir(root);
    cmd
}

/// The fewest tests each runner may report: what it runs today (242 native, 3 wasm, 54
/// browser on 2026-12-03), so that losing a test binary, a test file or a folder fails the
/// run. Raise them as tests are added.
const MIN_NATIVE_TESTS: u64 = 265;
const MIN_WASM_TESTS: u64 = 3;
const MIN_BROWSER_TESTS: u64 = 57;
/// The longest a browser test may take (the budgets test measures up to 60 runs and two
/// playbacks: about a minute here).
const BROWSER_TEST_TIMEOUT_MS: u64 = 300_000;

fn test(root: &Path) -> Result<(), String> {
    let started = Instant::now();
    let path = tools::ensure_build_tools(root)?;
    tools::ensure_test_tools(root)?;
    let mut tally = Tally::default();
    let wasm = "wasm32-unknown-unknown";

    tally.step(
        "rustfmt",
        Kind::Check,
        cargo(root).args(["fmt", "--all", "--check"]),
    );
    tally.step(
        "clippy (native)",
        Kind::Check,
        cargo(root).args([
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ]),
    );
    tally.step(
        "clippy (wasm32)",
        Kind::Check,
        cargo(root).args([
            "clippy",
            "-p",
            "mtls-lab-engine",
            "-p",
            "mtls-lab-web",
            "--all-targets",
            "--target",
            wasm,
            "--",
            "-D",
            "warnings",
        ]),
    );
    tally.step(
        "clippy (wasm32, the app as Trunk builds it: feature bridge)",
        Kind::Check,
        cargo(root).args([
            "clippy",
            "-p",
            "mtls-lab-web",
            "--bins",
            "--features",
            "bridge",
            "--target",
            wasm,
            "--",
            "-D",
            "warnings",
        ]),
    );
    tally.step(
        "fuzz targets compile (cargo check on stable; fuzzing itself needs nightly)",
        Kind::Check,
        cargo(root).args(["check", "--manifest-path", "fuzz/Cargo.toml", "--bins"]),
    );
    tally.step(
        "native tests",
        Kind::Tests {
            min: MIN_NATIVE_TESTS,
        },
        // --no-fail-fast: every test binary runs, so the failures are all counted.
        cargo(root)
            .args(["test", "--workspace", "--no-fail-fast"])
            .env("PATH", &path),
    );
    tally.step(
        "wasm tests in headless Chromium",
        Kind::Tests {
            min: MIN_WASM_TESTS,
        },
        cargo(root)
            .args([
                "test",
                "--no-fail-fast",
                "--target",
                wasm,
                "-p",
                "mtls-lab-web",
            ])
            .env("PATH", &path)
            .env(
                "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER",
                "wasm-bindgen-test-runner",
            )
            .env("CHROMEDRIVER", "/usr/bin/chromedriver")
            .env("WASM_BINDGEN_TEST_TIMEOUT", "120"),
    );
    tally.step(
        "release web build (dist/)",
        Kind::Check,
        cargo(root).args(["xtask", "dist"]),
    );
    tally.step(
        "browser tests (Playwright, Debian Chromium)",
        Kind::Tests {
            min: MIN_BROWSER_TESTS,
        },
        Command::new("node")
            .current_dir(root)
            .args([
                "--test",
                "--test-reporter=tap",
                "--test-concurrency=1",
                // No browser test may hang the suite: each gets at most this long.
                &format!("--test-timeout={BROWSER_TEST_TIMEOUT_MS}"),
            ])
            .arg("tests/browser/")
            .env("NODE_PATH", root.join("tests/node_modules")),
    );

    let minutes = started.elapsed().as_secs_f64() / 60.0;
    if !tally.failures.is_empty() {
        println!("\nfailed steps: {}", tally.failures.join(", "));
    }
    println!("\nall steps took {minutes:.1} min");
    let Counts {
        passed,
        failed,
        skipped,
    } = tally.counts;
    println!(
        "{passed} tests passed, {failed} failed, {skipped} skipped; {} of {} checks ok (rustfmt, clippy, the fuzz targets, the release build)",
        tally.checks_ok, tally.checks
    );
    if tally.failures.is_empty() && failed == 0 {
        Ok(())
    } else {
        Err(format!("{} step(s) failed", tally.failures.len()))
    }
}

#[cfg(test)]
mod tests {
    use super::{Counts, parse_counts};

    fn counts(passed: u64, failed: u64, skipped: u64) -> Option<Counts> {
        Some(Counts {
            passed,
            failed,
            skipped,
        })
    }

    #[test]
    fn reads_cargo_and_node_closing_lines() {
        assert_eq!(
            parse_counts(
                "test result: ok. 12 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.01s"
            ),
            counts(12, 0, 0)
        );
        assert_eq!(
            parse_counts("test result: FAILED. 3 passed; 2 failed; 1 ignored"),
            counts(3, 2, 1)
        );
        assert_eq!(parse_counts("# pass 4"), counts(4, 0, 0));
        assert_eq!(parse_counts("# fail 1"), counts(0, 1, 0));
        assert_eq!(parse_counts("# skipped 2"), counts(0, 0, 2));
        assert_eq!(parse_counts("# todo 1"), counts(0, 0, 1));
        assert_eq!(parse_counts("# cancelled 1"), counts(0, 0, 1));
        assert_eq!(parse_counts("# tests 7"), None);
        assert_eq!(parse_counts("# Subtest: a test"), None);
        assert_eq!(parse_counts("running 3 tests"), None);
    }
}
