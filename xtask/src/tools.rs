//! Installs what the build and the tests need, when it is missing, from package registries only.

use std::path::Path;
use std::process::Command;

/// The trunk release the project builds with (0.22 needs a newer rustc than we pin).
const TRUNK_VERSION: &str = "0.21.14";

fn step(what: &str) {
    println!("--> {what}");
}

/// The first line a program prints for `--version`, if it runs at all.
fn version_of(program: &str, path: &str) -> Option<String> {
    let out = Command::new(program)
        .arg("--version")
        .env("PATH", path)
        .output()
        .ok()?;
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    out.status
        .success()
        .then(|| text.lines().next().unwrap_or_default().trim().to_string())
}

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

/// The `wasm-bindgen` version Cargo.lock pins; wasm-bindgen-cli must match it exactly.
fn locked_wasm_bindgen(root: &Path) -> Result<String, String> {
    let lock = std::fs::read_to_string(root.join("Cargo.lock"))
        .map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == "name = \"wasm-bindgen\""
            && let Some(v) = lines.next().and_then(|l| l.strip_prefix("version = \""))
        {
            return Ok(v.trim_end_matches('"').to_string());
        }
    }
    Err("Cargo.lock names no wasm-bindgen package".into())
}

/// Makes sure the wasm target, trunk, wasm-bindgen-cli and wasm-opt are present, and returns a
/// PATH that finds them (cargo's bin directory and the npm-installed wasm-opt first).
pub fn ensure_build_tools(root: &Path) -> Result<String, String> {
    let home = std::env::var("CARGO_HOME")
        .unwrap_or_else(|_| format!("{}/.cargo", std::env::var("HOME").unwrap_or_default()));
    let path = format!(
        "{}:{home}/bin:{}",
        root.join("tools/node_modules/.bin").display(),
        std::env::var("PATH").unwrap_or_default()
    );

    let targets = Command::new("rustup")
        .args(["target", "list", "--installed"])
        .current_dir(root)
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        .unwrap_or_default();
    if targets
        .lines()
        .any(|t| t.trim() == "wasm32-unknown-unknown")
    {
        step("wasm32-unknown-unknown target: present");
    } else {
        step("wasm32-unknown-unknown target: installing with rustup");
        run(Command::new("rustup")
            .args(["target", "add", "wasm32-unknown-unknown"])
            .current_dir(root))?;
    }

    let want = format!("trunk {TRUNK_VERSION}");
    if version_of("trunk", &path).as_deref() == Some(want.as_str()) {
        step(&format!("{want}: present"));
    } else {
        step(&format!(
            "{want}: installing from crates.io (about 11 minutes, once)"
        ));
        run(Command::new("cargo")
            .args(["install", "trunk", "--version", TRUNK_VERSION, "--locked"])
            .env("PATH", &path))?;
    }

    let wb = locked_wasm_bindgen(root)?;
    let want = format!("wasm-bindgen {wb}");
    if version_of("wasm-bindgen", &path).as_deref() == Some(want.as_str()) {
        step(&format!("wasm-bindgen-cli {wb}: present"));
    } else {
        // Not --locked: its lock file names a crate version the registry here does not have.
        step(&format!(
            "wasm-bindgen-cli {wb}: installing from crates.io (about 5 minutes, once)"
        ));
        run(Command::new("cargo")
            .args(["install", "wasm-bindgen-cli", "--version", &wb])
            .env("PATH", &path))?;
    }

    if root.join("tools/node_modules/.bin/wasm-opt").exists() {
        step("wasm-opt (npm binaryen): present");
    } else {
        step("wasm-opt: installing npm binaryen into tools/");
        run(Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund", "--prefix"])
            .arg(root.join("tools")))?;
    }
    Ok(path)
}

/// Makes sure Debian's Chromium and ChromeDriver, tshark and the npm test packages are present.
pub fn ensure_test_tools(root: &Path) -> Result<(), String> {
    let wanted = [
        ("chromium", "/usr/bin/chromium"),
        ("chromium-driver", "/usr/bin/chromedriver"),
        ("tshark", "/usr/bin/tshark"),
        // The real TLS peers of the cross-stack tests.
        ("openssl", "/usr/bin/openssl"),
        ("curl", "/usr/bin/curl"),
        ("python3", "/usr/bin/python3"),
        ("gnutls-bin", "/usr/bin/gnutls-serv"),
        // Without a CJK font the Japanese screenshots show empty boxes.
        (
            "fonts-noto-cjk",
            "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
        ),
    ];
    let missing: Vec<&str> = wanted
        .iter()
        .filter(|(_, bin)| !Path::new(bin).exists())
        .map(|(pkg, _)| *pkg)
        .collect();
    if missing.is_empty() {
        step(
            "chromium, chromium-driver, tshark, openssl, curl, python3, gnutls-bin, fonts-noto-cjk: present",
        );
    } else {
        step(&format!("{}: installing with apt-get", missing.join(", ")));
        run(Command::new("apt-get").arg("update").arg("-q"))?;
        run(Command::new("apt-get")
            .args(["install", "-y", "-q", "--no-install-recommends"])
            .args(&missing)
            .env("DEBIAN_FRONTEND", "noninteractive"))?;
    }
    let packages = ["playwright-core", "axe-core", "mermaid"];
    if packages
        .iter()
        .all(|p| root.join("tests/node_modules").join(p).exists())
    {
        step("npm test packages (playwright-core, axe-core, mermaid): present");
    } else {
        step("npm test packages: installing into tests/");
        run(Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund", "--prefix"])
            .arg(root.join("tests")))?;
    }
    Ok(())
}
