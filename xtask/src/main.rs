//! `cargo xtask serve | test | dist`: the README's commands.
//!
//! Each installs what it needs when it is missing (the wasm target, trunk, wasm-bindgen-cli,
//! wasm-opt from npm, Chromium, tshark), printing one line per step, and never downloads a
//! binary from anywhere but the package registries.

mod app_files;
mod bench;
mod csp;
mod tools;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::Instant;

const USAGE: &str = "\
usage: cargo xtask <command>

commands:
  serve [--addr HOST:PORT] [--release]   build the web app and serve it (default 127.0.0.1:8080)
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
    cmd.args(["serve", "--address", host, "--port", port]);
    if release {
        cmd.arg("--release");
    }
    run(&mut cmd)
}

fn dist(root: &Path) -> Result<(), String> {
    let path = tools::ensure_build_tools(root)?;
    println!("==> release build of the static site into dist/");
    run(trunk(root, &path).args(["build", "--release", "--dist", "dist"]))?;
    let (js, wasm) = app_files::apply(&root.join("dist"))?;
    println!("==> the app's module: dist/{js}, dist/{wasm}");
    let policy = csp::apply(&root.join("dist").join("index.html"))?;
    println!("==> Content-Security-Policy in dist/index.html: {policy}");
    println!("==> dist/ is ready: copy it to any static host");
    Ok(())
}

/// Pass and fail counts over the whole run.
#[derive(Default)]
struct Tally {
    passed: u64,
    failed: u64,
    failures: Vec<String>,
}

impl Tally {
    /// Runs one step, streaming its output, and adds the tests it reports (cargo's and node's
    /// closing lines), or one pass or fail for a step that is not a test runner.
    fn step(&mut self, name: &str, cmd: &mut Command) {
        println!("\n==> {name}");
        let started = Instant::now();
        let mut counted = (0u64, 0u64);
        let mut saw_counts = false;
        let status = cmd.stdout(Stdio::piped()).spawn().and_then(|mut child| {
            if let Some(out) = child.stdout.take() {
                for line in BufReader::new(out).lines().map_while(Result::ok) {
                    println!("{line}");
                    if let Some((p, f)) = parse_counts(&line) {
                        counted.0 += p;
                        counted.1 += f;
                        saw_counts = true;
                    }
                }
            }
            child.wait()
        });
        let ok = matches!(&status, Ok(s) if s.success());
        if let Err(e) = &status {
            println!("could not start: {e}");
        }
        if saw_counts {
            self.passed += counted.0;
            self.failed += counted.1;
            if !ok && counted.1 == 0 {
                // The runner failed outside any test (a build error): count the step.
                self.failed += 1;
            }
        } else if ok {
            self.passed += 1;
        } else {
            self.failed += 1;
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

/// Reads `test result: ok. 3 passed; 0 failed; …` (cargo) or `# pass 3` / `# fail 0` (node's
/// TAP reporter).
fn parse_counts(line: &str) -> Option<(u64, u64)> {
    let line = line.trim();
    if let Some(rest) = line.strip_prefix("test result: ") {
        let number_before = |word: &str| {
            rest.split(';')
                .find_map(|part| part.trim().strip_suffix(word))
                .and_then(|n| n.trim().rsplit(' ').next())
                .and_then(|n| n.parse::<u64>().ok())
        };
        return Some((number_before("passed")?, number_before("failed")?));
    }
    if let Some(n) = line.strip_prefix("# pass ") {
        return n.trim().parse().ok().map(|n| (n, 0));
    }
    if let Some(n) = line.strip_prefix("# fail ") {
        return n.trim().parse().ok().map(|n| (0, n));
    }
    None
}

fn cargo(root: &Path) -> Command {
    let mut cmd = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    cmd.current_dir(root);
    cmd
}

fn test(root: &Path) -> Result<(), String> {
    let started = Instant::now();
    let path = tools::ensure_build_tools(root)?;
    tools::ensure_test_tools(root)?;
    let mut tally = Tally::default();
    let wasm = "wasm32-unknown-unknown";

    tally.step("rustfmt", cargo(root).args(["fmt", "--all", "--check"]));
    tally.step(
        "clippy (native)",
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
        "native tests",
        cargo(root).args(["test", "--workspace"]).env("PATH", &path),
    );
    tally.step(
        "wasm tests in headless Chromium",
        cargo(root)
            .args(["test", "--target", wasm, "-p", "mtls-lab-web"])
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
        cargo(root).args(["xtask", "dist"]),
    );
    tally.step(
        "browser tests (Playwright, Debian Chromium)",
        Command::new("node")
            .current_dir(root)
            .args(["--test", "--test-reporter=tap", "--test-concurrency=1"])
            .arg("tests/browser/")
            .env("NODE_PATH", root.join("tests/node_modules")),
    );

    let minutes = started.elapsed().as_secs_f64() / 60.0;
    if !tally.failures.is_empty() {
        println!("\nfailed steps: {}", tally.failures.join(", "));
    }
    println!("\nall steps took {minutes:.1} min");
    println!("{} passed, {} failed", tally.passed, tally.failed);
    if tally.failures.is_empty() && tally.failed == 0 {
        Ok(())
    } else {
        Err(format!("{} step(s) failed", tally.failures.len()))
    }
}

#[cfg(test)]
mod tests {
    use super::parse_counts;

    #[test]
    fn reads_cargo_and_node_closing_lines() {
        assert_eq!(
            parse_counts(
                "test result: ok. 12 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.01s"
            ),
            Some((12, 0))
        );
        assert_eq!(
            parse_counts("test result: FAILED. 3 passed; 2 failed; 0 ignored"),
            Some((3, 2))
        );
        assert_eq!(parse_counts("# pass 4"), Some((4, 0)));
        assert_eq!(parse_counts("# fail 1"), Some((0, 1)));
        assert_eq!(parse_counts("running 3 tests"), None);
    }
}
