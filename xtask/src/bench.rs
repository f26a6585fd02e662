//! `cargo xtask bench`: runs the criterion benchmarks (`tests/benches/handshake.rs`) and
//! rewrites the benchmark section of docs/PERFORMANCE.md from their results.
//!
//! Only the text between `<!-- bench:begin -->` and `<!-- bench:end -->` is ours; the rest of
//! the page (the budgets) is written by hand and left as it is.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{SystemTime, UNIX_EPOCH};

const BEGIN: &str = "<!-- bench:begin -->";
const END: &str = "<!-- bench:end -->";

/// The handshake's cost over its crypto floor that the issue sets as the goal.
const GOAL: f64 = 1.15;

/// The page as first created, when there is none yet.
const NEW_PAGE: &str = "# Performance

What the lab costs and what it is allowed to cost. The budgets section is maintained by hand;
the benchmark section between the markers below is written by `cargo xtask bench` (criterion,
`tests/benches/handshake.rs`) and is replaced on every run.

";

/// The request counts of the records-scaling benchmark (`records/mutual/N`).
const RECORDS: [u64; 4] = [1, 10, 100, 1000];

pub fn bench(root: &Path) -> Result<(), String> {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .map(|t| if t.is_absolute() { t } else { root.join(t) })
        .unwrap_or_else(|| root.join("target"));
    let criterion = target.join("criterion");
    let load_before = load_average();
    let started = SystemTime::now();
    println!("==> cargo bench -p mtls-lab-tests --bench handshake (a few minutes)");
    let printed = run_benches(root, &criterion)?;
    let load_after = load_average();
    let results = Results::read(&criterion, started)?;
    let machine = Machine {
        date: utc(started),
        cpu: cpu_model(),
        cores: std::thread::available_parallelism().map_or(0, |n| n.get()),
        rustc: rustc_version(root),
        load: (load_before, load_after),
    };
    let section = render(&results, &printed, &machine)?;
    let page = root.join("docs").join("PERFORMANCE.md");
    write_section(&page, &section)?;
    println!("==> wrote the benchmark section of {}", page.display());
    for id in ["mutual", "one-way"] {
        if let Some([median, q1, q3]) = printed.paired.get(id) {
            println!("    {id} handshake / floor: {median:.2} ({q1:.2}–{q3:.2}), goal ≤ {GOAL}");
        }
    }
    Ok(())
}

/// What the benchmarks print besides criterion's report (see `tests/benches/handshake.rs`).
#[derive(Debug, Default, PartialEq)]
struct Printed {
    /// `trace-size` lines: request count → (steps, JSON bytes).
    sizes: BTreeMap<u64, (u64, u64)>,
    /// `paired-ratio` lines: scenario → (median, first quartile, third quartile).
    paired: BTreeMap<String, [f64; 3]>,
}

impl Printed {
    /// Takes in one line of output if it is one of ours.
    fn read_line(&mut self, line: &str) {
        let mut words = line.split_whitespace();
        let (Some(kind), Some(id)) = (words.next(), words.next()) else {
            return;
        };
        let fields: BTreeMap<&str, &str> = words.filter_map(|kv| kv.split_once('=')).collect();
        let num = |name: &str| fields.get(name).and_then(|v| v.parse::<f64>().ok());
        match kind {
            "trace-size" if id == "mutual" => {
                if let (Some(n), Some(steps), Some(bytes)) =
                    (num("requests"), num("steps"), num("json_bytes"))
                {
                    self.sizes.insert(n as u64, (steps as u64, bytes as u64));
                }
            }
            "paired-ratio" => {
                if let (Some(m), Some(q1), Some(q3)) = (num("median"), num("q1"), num("q3")) {
                    self.paired.insert(id.to_string(), [m, q1, q3]);
                }
            }
            _ => {}
        }
    }
}

/// Runs the benchmarks, streaming their output, and returns the lines of ours they printed.
fn run_benches(root: &Path, criterion: &Path) -> Result<Printed, String> {
    let mut cmd = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    cmd.current_dir(root)
        .args(["bench", "-p", "mtls-lab-tests", "--bench", "handshake"])
        .env("CRITERION_HOME", criterion)
        .stdout(Stdio::piped());
    let mut child = cmd
        .spawn()
        .map_err(|e| format!("could not start {cmd:?}: {e}"))?;
    let mut printed = Printed::default();
    if let Some(out) = child.stdout.take() {
        for line in BufReader::new(out).lines().map_while(Result::ok) {
            println!("{line}");
            printed.read_line(&line);
        }
    }
    let status = child
        .wait()
        .map_err(|e| format!("{cmd:?} did not finish: {e}"))?;
    if !status.success() {
        return Err(format!("{cmd:?} failed ({status})"));
    }
    Ok(printed)
}

/// Criterion's median of each benchmark, in nanoseconds, by `group/bench` id.
struct Results(BTreeMap<String, f64>);

/// Every benchmark the page reports.
const IDS: &[&str] = &[
    "pki/generate",
    "engine/mutual",
    "engine/mutual-floor",
    "engine/one-way",
    "engine/one-way-floor",
    "engine/tls12-mutual",
    "engine/tls12-mutual-floor",
    "engine/tls12-one-way",
    "engine/tls12-one-way-floor",
    "engine/tls12-rsa-key-transport",
    "engine/tls12-rsa-key-transport-floor",
    "engine/mutual-scenario",
    "ops/lab-p256-verify",
    "ops/lab-p256-sign",
    "ops/lab-x25519",
    "ops/lab-p256-ecdh",
    "ops/aws-lc-p256-verify",
    "ops/aws-lc-p256-sign",
    "ops/aws-lc-x25519",
    "ops/aws-lc-p256-ecdh",
    "rustls/mutual",
    "rustls/mutual-floor",
    "records/mutual/1",
    "records/mutual/10",
    "records/mutual/100",
    "records/mutual/1000",
];

impl Results {
    /// Reads `<criterion>/<id>/new/estimates.json` for every id, refusing results older than
    /// this run (a benchmark that did not run).
    fn read(criterion: &Path, since: SystemTime) -> Result<Self, String> {
        let mut medians = BTreeMap::new();
        for id in IDS {
            let path = criterion.join(id).join("new").join("estimates.json");
            let fresh = std::fs::metadata(&path)
                .and_then(|m| m.modified())
                .is_ok_and(|t| t >= since);
            if !fresh {
                return Err(format!("{} was not written by this run", path.display()));
            }
            let text = std::fs::read_to_string(&path)
                .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            medians.insert(id.to_string(), median_ns(&text, &path)?);
        }
        Ok(Self(medians))
    }

    fn get(&self, id: &str) -> f64 {
        self.0.get(id).copied().unwrap_or(f64::NAN)
    }
}

/// The median's point estimate from criterion's `estimates.json`.
fn median_ns(json: &str, path: &Path) -> Result<f64, String> {
    let value: serde_json::Value =
        serde_json::from_str(json).map_err(|e| format!("{}: {e}", path.display()))?;
    value["median"]["point_estimate"]
        .as_f64()
        .ok_or_else(|| format!("{}: no median.point_estimate", path.display()))
}

/// Where and when the figures were taken.
struct Machine {
    date: String,
    cpu: String,
    cores: usize,
    rustc: String,
    /// The 1-minute load average before and after the run.
    load: (Option<f64>, Option<f64>),
}

fn cpu_model() -> String {
    std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|text| {
            text.lines()
                .find_map(|l| l.strip_prefix("model name")?.split_once(':'))
                .map(|(_, model)| model.trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into())
}

fn rustc_version(root: &Path) -> String {
    Command::new(std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into()))
        .current_dir(root)
        .arg("--version")
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .map(|v| v.trim().to_string())
        .unwrap_or_else(|| "rustc (unknown version)".into())
}

fn load_average() -> Option<f64> {
    std::fs::read_to_string("/proc/loadavg")
        .ok()?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

/// `YYYY-MM-DD HH:MM UTC` for a system time (the civil-from-days algorithm of Howard
/// Hinnant's `chrono`-compatible date library, proleptic Gregorian calendar).
fn utc(t: SystemTime) -> String {
    let secs = t.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let (days, rem) = (secs / 86_400, secs % 86_400);
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02} UTC",
        rem / 3600,
        rem % 3600 / 60
    )
}

/// A duration in nanoseconds as `1.23 ms` or `456 µs` (`7.8 µs` below 10 µs).
fn time(ns: f64) -> String {
    if ns >= 1e6 {
        format!("{:.2} ms", ns / 1e6)
    } else if ns >= 1e4 {
        format!("{:.0} µs", ns / 1e3)
    } else {
        format!("{:.1} µs", ns / 1e3)
    }
}

fn ratio(a: f64, b: f64) -> String {
    format!("{:.2}×", a / b)
}

/// The benchmark section, markers included.
fn render(r: &Results, printed: &Printed, m: &Machine) -> Result<String, String> {
    use std::fmt::Write;
    let mut s = String::new();
    let load = |l: Option<f64>| l.map_or("?".into(), |l| format!("{l:.2}"));
    let (mutual, mutual_floor) = (r.get("engine/mutual"), r.get("engine/mutual-floor"));
    let (one_way, one_way_floor) = (r.get("engine/one-way"), r.get("engine/one-way-floor"));
    let (rustls, rustls_floor) = (r.get("rustls/mutual"), r.get("rustls/mutual-floor"));
    let paired = |id: &str| {
        printed
            .paired
            .get(id)
            .copied()
            .ok_or_else(|| format!("the bench printed no paired-ratio line for {id}"))
    };
    let (mutual_paired, one_way_paired) = (paired("mutual")?, paired("one-way")?);
    let (tls12, tls12_floor) = (
        r.get("engine/tls12-mutual"),
        r.get("engine/tls12-mutual-floor"),
    );
    let (tls12_one_way, tls12_one_way_floor) = (
        r.get("engine/tls12-one-way"),
        r.get("engine/tls12-one-way-floor"),
    );
    let (tls12_paired, tls12_one_way_paired) = (paired("tls12-mutual")?, paired("tls12-one-way")?);
    let (rsa, rsa_floor) = (
        r.get("engine/tls12-rsa-key-transport"),
        r.get("engine/tls12-rsa-key-transport-floor"),
    );
    let rsa_paired = paired("tls12-rsa-key-transport")?;

    let _ = writeln!(s, "{BEGIN}");
    let _ = writeln!(s, "## Benchmarks\n");
    let _ = writeln!(
        s,
        "Written by `cargo xtask bench` on {}: {}, {} cores, {}; 1-minute load average {} \
         before the run and {} after. Criterion medians of `tests/benches/handshake.rs`, \
         native, bench profile (opt-level 3). The clock is the benchmarking thread's CPU time: \
         on an idle machine the same as wall time, on a busy one it leaves out the time spent \
         waiting for a core. Even so this machine's speed drifts by about 10% from minute to \
         minute, so compare figures within one run.\n",
        m.date,
        m.cpu,
        m.cores,
        m.rustc,
        load(m.load.0),
        load(m.load.1)
    );

    let _ = writeln!(s, "### The handshake against its crypto floor\n");
    let _ = writeln!(
        s,
        "The floor is the asymmetric work a handshake cannot avoid, timed with the engine's own \
         crypto (p256, x25519-dalek) in the same run: an x25519 key share and agreement on each \
         side; one CertificateVerify signature per authenticated side; the client verifies the \
         server's leaf, the intermediate and the server's CertificateVerify; in mutual TLS the \
         server verifies the client's leaf, the intermediate, the CRL and the client's \
         CertificateVerify. The handshake is `scenario::run_with` over a PKI made beforehand: \
         every record, the request and its answer, close_notify both ways, and the whole Trace.\n"
    );
    let _ = writeln!(s, "| benchmark | median |");
    let _ = writeln!(s, "| --- | ---: |");
    let rows = [
        (
            "`pki/generate`: the PKI (root, intermediate, two leaves, CRL)",
            r.get("pki/generate"),
        ),
        ("`engine/mutual`: mutual handshake, PKI given", mutual),
        (
            "`engine/mutual-floor`: 2 x25519 shares and agreements, 2 signatures, 7 verifications",
            mutual_floor,
        ),
        ("`engine/one-way`: one-way handshake, PKI given", one_way),
        (
            "`engine/one-way-floor`: 2 x25519 shares and agreements, 1 signature, 3 verifications",
            one_way_floor,
        ),
        (
            "`engine/tls12-mutual`: mutual TLS 1.2 handshake (ECDHE-ECDSA), PKI given",
            tls12,
        ),
        (
            "`engine/tls12-mutual-floor`: the same floor as TLS 1.3's",
            tls12_floor,
        ),
        (
            "`engine/tls12-one-way`: one-way TLS 1.2 handshake, PKI given",
            tls12_one_way,
        ),
        (
            "`engine/tls12-one-way-floor`: the same floor as TLS 1.3's",
            tls12_one_way_floor,
        ),
        (
            "`engine/tls12-rsa-key-transport`: one-way TLS 1.2 with RSA key transport, PKI given",
            rsa,
        ),
        (
            "`engine/tls12-rsa-key-transport-floor`: the pre-master secret's RSA encryption and (blinded) decryption, 2 verifications",
            rsa_floor,
        ),
        (
            "`engine/mutual-scenario`: `run_scenario(\"mutual\")`, PKI included",
            r.get("engine/mutual-scenario"),
        ),
    ];
    for (what, ns) in rows {
        let _ = writeln!(s, "| {what} | {} |", time(ns));
    }
    let _ = writeln!(s);
    let _ = writeln!(
        s,
        "The ratio is measured twice: from the two criterion medians above, and in pairs (40 \
         rounds, each timing five handshakes and then five floors back to back, so both see \
         the same machine; the median of the rounds' ratios and its interquartile range). The \
         goal is judged on the paired figure.\n"
    );
    let _ = writeln!(s, "| ratio | from the medians | paired (IQR) | goal |");
    let _ = writeln!(s, "| --- | ---: | ---: | --- |");
    for (what, a, b, [median, q1, q3]) in [
        (
            "mutual handshake / its floor",
            mutual,
            mutual_floor,
            mutual_paired,
        ),
        (
            "one-way handshake / its floor",
            one_way,
            one_way_floor,
            one_way_paired,
        ),
        (
            "TLS 1.2 mutual handshake / its floor",
            tls12,
            tls12_floor,
            tls12_paired,
        ),
        (
            "TLS 1.2 one-way handshake / its floor",
            tls12_one_way,
            tls12_one_way_floor,
            tls12_one_way_paired,
        ),
        (
            "TLS 1.2 RSA key transport / its floor",
            rsa,
            rsa_floor,
            rsa_paired,
        ),
    ] {
        let _ = writeln!(
            s,
            "| {what} | {:.2} | **{median:.2}** ({q1:.2}–{q3:.2}) | ≤ {GOAL}: {} |",
            a / b,
            if median <= GOAL { "met" } else { "not met" }
        );
    }
    let _ = writeln!(s);
    let _ = writeln!(
        s,
        "What the engine adds to the floor is mostly the Trace's display work, not the protocol: \
         a profile (perf) when these benchmarks were added put the key schedule, record \
         protection and state machines at a few per cent of a handshake, and most of the rest \
         in decoding certificates for display (each certificate of each Certificate message \
         becomes a field tree with names and hex, and the checklist and key events parse the \
         certificates again).\n"
    );

    let _ = writeln!(s, "### For context: rustls\n");
    let _ = writeln!(
        s,
        "rustls 0.23 with its default provider (aws-lc-rs), held to what the engine does (x25519, \
         TLS_AES_128_GCM_SHA256, no session tickets), runs the same mutual handshake in memory \
         over the same kind of PKI (client authentication required, the CRL checked), with the \
         same request, answer and close_notify. `rustls/mutual-floor` is the same operations as \
         the engine's floor through that provider.\n"
    );
    let _ = writeln!(s, "| | median |");
    let _ = writeln!(s, "| --- | ---: |");
    let _ = writeln!(s, "| `rustls/mutual` | {} |", time(rustls));
    let _ = writeln!(
        s,
        "| `rustls/mutual-floor` (aws-lc-rs) | {} |",
        time(rustls_floor)
    );
    let _ = writeln!(
        s,
        "| rustls's own cost (mutual − floor) | {} |",
        time(rustls - rustls_floor)
    );
    let [vs_rustls, vs_rustls_q1, vs_rustls_q3] = paired("engine-vs-rustls")?;
    let [backend, backend_q1, backend_q3] = paired("floor-vs-aws-lc")?;
    let h = mutual_paired[0];
    let _ = writeln!(
        s,
        "| the engine's own cost ((paired ratio − 1) × floor) | {} |",
        time((h - 1.0) * mutual_floor)
    );
    let _ = writeln!(s);
    let _ = writeln!(
        s,
        "| ratio | from the medians | paired (IQR) |\n| --- | ---: | ---: |\n\
         | engine mutual / rustls mutual | {:.2} | **{vs_rustls:.2}** \
         ({vs_rustls_q1:.2}–{vs_rustls_q3:.2}) |\n\
         | engine floor / aws-lc-rs floor (the backend) | {:.2} | **{backend:.2}** \
         ({backend_q1:.2}–{backend_q3:.2}) |\n",
        mutual / rustls,
        mutual_floor / rustls_floor,
    );
    // From the paired ratios alone, in units of aws-lc-rs's floor: the engine is h·B, rustls is
    // h·B/R, and the engine over aws-lc-rs's floor would be 1 + (h − 1)·B.
    let rest = (1.0 + (h - 1.0) * backend) * vs_rustls / (h * backend);
    let _ = writeln!(
        s,
        "{} With aws-lc-rs under the engine's own cost, the engine would take about {rest:.1}× \
         rustls's time: so of the {vs_rustls:.1}× ratio, about {:.1}× is the crypto backend and \
         {rest:.1}× the rest (protocol code, and the Trace, which rustls does not record). \
         Worked out from the three paired ratios.\n",
        if vs_rustls / rest > rest {
            "Most of the gap is the crypto backend."
        } else {
            "Most of the gap is not the crypto backend."
        },
        vs_rustls / rest,
    );
    let _ = writeln!(
        s,
        "| operation | lab (RustCrypto) | aws-lc-rs | lab / aws-lc-rs |"
    );
    let _ = writeln!(s, "| --- | ---: | ---: | ---: |");
    for (what, op) in [
        ("ECDSA P-256/SHA-256 verify", "p256-verify"),
        ("ECDSA P-256/SHA-256 sign", "p256-sign"),
        ("x25519 share + agreement", "x25519"),
        ("P-256 ECDH share + agreement", "p256-ecdh"),
    ] {
        let (lab, aws) = (
            r.get(&format!("ops/lab-{op}")),
            r.get(&format!("ops/aws-lc-{op}")),
        );
        let _ = writeln!(
            s,
            "| {what} | {} | {} | {} |",
            time(lab),
            time(aws),
            ratio(lab, aws)
        );
    }
    let _ = writeln!(
        s,
        "\nThe lab's crypto is pure Rust that also builds for the browser; aws-lc-rs is C and \
         assembly.\n"
    );

    let _ = writeln!(s, "### How cost grows with application data\n");
    let _ = writeln!(
        s,
        "`records/mutual/N`: the mutual run (PKI given) with N requests and N answers, one \
         application-data record each, so 2N records after the handshake. The Trace keeps every \
         record (wire bytes, plaintext, events), so it must grow linearly: by the same number \
         of steps and bytes per request.\n"
    );
    let _ = writeln!(
        s,
        "The time per extra request comes from the paired ratio of each run to the one-request \
         run (drift-free), times the one-request median: constant per request means linear.\n"
    );
    let _ = writeln!(
        s,
        "| N | median | paired time / N = 1 (IQR) | time per request beyond the first | steps | \
         Trace JSON | JSON per request beyond the first |"
    );
    let _ = writeln!(s, "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    let t1 = r.get("records/mutual/1");
    let first = printed.sizes.get(&1).copied();
    let mut per_request = Vec::new();
    for n in RECORDS {
        let t = r.get(&format!("records/mutual/{n}"));
        let (steps, bytes) = printed
            .sizes
            .get(&n)
            .copied()
            .ok_or_else(|| format!("the bench printed no trace-size line for N = {n}"))?;
        let extra = n.saturating_sub(1) as f64;
        let (ratio_cell, time_cell) = if n > 1 {
            let [m, q1, q3] = paired(&format!("records-{n}"))?;
            let each = (m - 1.0) * t1 / extra;
            per_request.push(each);
            (format!("{m:.3} ({q1:.3}–{q3:.3})"), time(each))
        } else {
            ("1".to_string(), String::new())
        };
        let bytes_cell = match first {
            Some((_, b1)) if n > 1 => format!("{:.0} B", (bytes as f64 - b1 as f64) / extra),
            _ => String::new(),
        };
        let _ = writeln!(
            s,
            "| {n} | {} | {ratio_cell} | {time_cell} | {steps} | {:.1} KB | {bytes_cell} |",
            time(t),
            bytes as f64 / 1000.0
        );
    }
    let (s_first, s_last) = (
        printed.sizes.get(&RECORDS[0]).map_or(0, |s| s.0),
        printed.sizes.get(&RECORDS[3]).map_or(0, |s| s.0),
    );
    let last = per_request.last().copied().unwrap_or(f64::NAN);
    let _ = writeln!(
        s,
        "\nSteps grow by exactly {:.2} per request (two records) and the JSON by the same \
         number of bytes (to a few, as numbers gain digits). Over 999 extra requests each costs \
         {} ({} per application-data record).",
        (s_last - s_first) as f64 / (RECORDS[3] - RECORDS[0]) as f64,
        time(last),
        time(last / 2.0),
    );
    let _ = write!(s, "{END}");
    Ok(s)
}

/// Replaces the marked section of `page`, creating the page when there is none and appending
/// the section when the page has no markers. Nothing outside the markers changes.
fn write_section(page: &Path, section: &str) -> Result<(), String> {
    let old = match std::fs::read_to_string(page) {
        Ok(text) => Some(text),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(format!("cannot read {}: {e}", page.display())),
    };
    let new = splice(old.as_deref(), section)?;
    std::fs::write(page, new).map_err(|e| format!("cannot write {}: {e}", page.display()))
}

/// The page with `section` (markers included) in place of its marked region.
fn splice(old: Option<&str>, section: &str) -> Result<String, String> {
    let Some(old) = old else {
        return Ok(format!("{NEW_PAGE}{section}\n"));
    };
    match (old.find(BEGIN), old.find(END)) {
        (Some(b), Some(e)) if b < e => {
            Ok(format!("{}{section}{}", &old[..b], &old[e + END.len()..]))
        }
        (None, None) => {
            let sep = if old.ends_with("\n\n") {
                ""
            } else if old.ends_with('\n') {
                "\n"
            } else {
                "\n\n"
            };
            Ok(format!("{old}{sep}{section}\n"))
        }
        _ => Err(format!(
            "docs/PERFORMANCE.md has a broken pair of markers ({BEGIN} … {END}); fix it by hand"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splice_replaces_only_the_marked_region() {
        let page = "# Performance\n\nbudgets by hand\n\n<!-- bench:begin -->\nold\n<!-- bench:end -->\n\nmore by hand\n";
        let section = format!("{BEGIN}\nnew\n{END}");
        assert_eq!(
            splice(Some(page), &section).expect("markers"),
            "# Performance\n\nbudgets by hand\n\n<!-- bench:begin -->\nnew\n<!-- bench:end -->\n\nmore by hand\n"
        );
    }

    #[test]
    fn splice_creates_or_appends_and_refuses_broken_markers() {
        let section = format!("{BEGIN}\nnew\n{END}");
        let created = splice(None, &section).expect("new page");
        assert!(created.starts_with("# Performance\n"));
        assert!(created.ends_with(&format!("{section}\n")));
        assert_eq!(
            splice(Some("# P\n\nhand\n"), &section).expect("no markers"),
            format!("# P\n\nhand\n\n{section}\n")
        );
        assert!(splice(Some("<!-- bench:end --> <!-- bench:begin -->"), &section).is_err());
        assert!(splice(Some("<!-- bench:begin -->"), &section).is_err());
    }

    #[test]
    fn reads_the_bench_lines_and_criterion_medians() {
        let mut printed = Printed::default();
        for line in [
            "trace-size mutual requests=10 steps=34 json_bytes=76669",
            "paired-ratio one-way median=1.2310 q1=1.2042 q3=1.2524",
            "records/mutual/10       time:   [3.9035 ms 4.2283 ms 4.5537 ms]",
            "trace-size mutual requests=x steps=1 json_bytes=2",
        ] {
            printed.read_line(line);
        }
        assert_eq!(printed.sizes, BTreeMap::from([(10, (34, 76669))]));
        assert_eq!(
            printed.paired,
            BTreeMap::from([("one-way".to_string(), [1.2310, 1.2042, 1.2524])])
        );
        let json = r#"{"mean":{"point_estimate":2.0},"median":{"point_estimate":1.5}}"#;
        assert_eq!(median_ns(json, Path::new("x")), Ok(1.5));
        assert!(median_ns("{}", Path::new("x")).is_err());
    }

    #[test]
    fn formats_dates_and_times() {
        let t = UNIX_EPOCH + std::time::Duration::from_secs(1_767_225_600 + 3_723);
        assert_eq!(utc(t), "2026-01-01 01:02 UTC");
        assert_eq!(utc(UNIX_EPOCH), "1970-01-01 00:00 UTC");
        let leap = UNIX_EPOCH + std::time::Duration::from_secs(951_782_400);
        assert_eq!(utc(leap), "2000-02-29 00:00 UTC");
        assert_eq!(time(4_350_000.0), "4.35 ms");
        assert_eq!(time(370_000.0), "370 µs");
        assert_eq!(time(7_840.0), "7.8 µs");
    }
}
