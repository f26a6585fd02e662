//! `mtls-lab`: the lab's engine on the command line.

mod files;
mod net;
mod render;

use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use mtls_lab_engine::crypto::Group;
use mtls_lab_engine::demo::round_trip;
use mtls_lab_engine::scenario;
use mtls_lab_engine::{Trace, export};

/// mTLS Lab: a real TLS 1.3 engine for learning one-way and mutual TLS.
#[derive(Parser)]
#[command(version, about)]
struct Cli {
    #[command(subcommand)]
    command: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// List the scenarios, one per line.
    List,
    /// Run a scenario and print its trace.
    Run {
        /// Scenario id (see `mtls-lab list`).
        scenario: String,
        /// Seed for every random byte (the same seed gives the same trace).
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Print the trace as JSON (the stable trace format).
        #[arg(long)]
        json: bool,
        /// Write the NSS key log (SSLKEYLOGFILE format) to this file.
        #[arg(long, value_name = "FILE")]
        keylog: Option<std::path::PathBuf>,
        /// Write the run as a pcapng capture (TCP/IPv4, secrets embedded) for Wireshark.
        #[arg(long, value_name = "FILE")]
        pcap: Option<std::path::PathBuf>,
        /// Write the run as a Mermaid sequenceDiagram.
        #[arg(long, value_name = "FILE")]
        mermaid: Option<std::path::PathBuf>,
        /// Write the run's certificates, CRL and (lab-only) private keys as PEM.
        #[arg(long, value_name = "FILE")]
        pem: Option<std::path::PathBuf>,
    },
    /// Write a fresh PKI (root CA, intermediate, server and client certificates and keys, CRL)
    /// as PEM files for `serve`, `connect`, OpenSSL, curl or Python.
    Pki {
        /// Directory to write into (created if missing).
        #[arg(long, value_name = "DIR")]
        out: std::path::PathBuf,
        /// Seed for the keys and serial numbers (default: fresh randomness).
        #[arg(long)]
        seed: Option<u64>,
        /// Make the client certificate bad in one way, to see a server refuse it.
        #[arg(long, value_enum)]
        client: Option<BadClient>,
    },
    /// Serve TLS 1.3 on a TCP address; answers an HTTP/1.1 request with a greeting.
    Serve {
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1:8443")]
        addr: String,
        /// Directory written by `mtls-lab pki`.
        #[arg(long, value_name = "DIR")]
        pki: std::path::PathBuf,
        /// Require and verify a client certificate (mutual TLS) against ca.pem and crl.pem.
        #[arg(long)]
        mtls: bool,
    },
    /// Connect to a TLS 1.3 server, send `GET /` and print the answer.
    Connect {
        /// HOST:PORT of the server.
        addr: String,
        /// The root CA certificate to trust (PEM).
        #[arg(long, value_name = "FILE")]
        ca: std::path::PathBuf,
        /// Client certificate chain (PEM), for mutual TLS.
        #[arg(long, value_name = "FILE")]
        cert: Option<std::path::PathBuf>,
        /// Client private key (PEM, P-256).
        #[arg(long, value_name = "FILE")]
        key: Option<std::path::PathBuf>,
        /// The server name to ask for and check (default: the host).
        #[arg(long)]
        server_name: Option<String>,
    },
    /// Decode a certificate (PEM or DER) and say whether it would pass as a client or a server
    /// certificate under the lab's CA, check by check.
    Inspect {
        /// The certificate file (PEM with one or more certificates, or DER).
        file: std::path::PathBuf,
        /// Seed of the lab PKI to check against (the CA a `run --seed N` uses).
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// A key exchange and an ECDSA signature between two parties, every value printed.
    Demo {
        /// Seed for every random byte (the same seed gives the same output).
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Key-exchange group.
        #[arg(long, value_enum, default_value_t = GroupArg::Secp256r1)]
        group: GroupArg,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum BadClient {
    Expired,
    NotYetValid,
    Revoked,
    WrongEku,
    UnknownCa,
    MissingIntermediate,
}

#[derive(Clone, Copy, ValueEnum)]
enum GroupArg {
    X25519,
    Secp256r1,
}

impl From<GroupArg> for Group {
    fn from(g: GroupArg) -> Self {
        match g {
            GroupArg::X25519 => Group::X25519,
            GroupArg::Secp256r1 => Group::Secp256r1,
        }
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn fail(message: String) -> ExitCode {
    eprintln!("mtls-lab: {message}");
    ExitCode::FAILURE
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Cmd::List => {
            for s in scenario::CATALOGUE {
                println!("{}", s.id);
            }
            ExitCode::SUCCESS
        }
        Cmd::Run {
            scenario: id,
            seed,
            json,
            keylog,
            pcap,
            mermaid,
            pem,
        } => {
            // A catalogue id, or a bench string such as `b1-m-cexp` (custom switches).
            let trace = match scenario::run_scenario(&id, seed) {
                Some(trace) => trace,
                None if id.starts_with('b') => match mtls_lab_engine::bench::Bench::parse(&id) {
                    Ok(bench) => mtls_lab_engine::bench::run_bench(&bench, seed),
                    Err(e) => return fail(format!("`{id}` is not a valid bench string: {e}")),
                },
                None => {
                    let ids: Vec<&str> = scenario::CATALOGUE.iter().map(|s| s.id).collect();
                    return fail(format!(
                        "unknown scenario `{id}`; known scenarios: {} (or a bench string such as b1-m-cexp)",
                        ids.join(", ")
                    ));
                }
            };
            /// Where to write an export, what it is (for the error), and how to make it.
            type Export = (
                Option<std::path::PathBuf>,
                &'static str,
                fn(&Trace) -> Vec<u8>,
            );
            let exports: [Export; 4] = [
                (keylog, "the key log", |t| t.keylog_file().into_bytes()),
                (pcap, "the capture", export::pcapng),
                (mermaid, "the Mermaid diagram", |t| {
                    export::mermaid(t).into_bytes()
                }),
                (pem, "the PEM bundle", |t| {
                    export::pem_bundle(t).unwrap_or_default().into_bytes()
                }),
            ];
            for (path, what, make) in exports {
                if let Some(path) = path
                    && let Err(e) = std::fs::write(&path, make(&trace))
                {
                    return fail(format!("could not write {what} to {}: {e}", path.display()));
                }
            }
            if json {
                match serde_json::to_string_pretty(&trace) {
                    Ok(text) => println!("{text}"),
                    Err(e) => return fail(format!("could not encode the trace as JSON: {e}")),
                }
            } else {
                print!("{}", render::text(&trace));
            }
            ExitCode::SUCCESS
        }
        Cmd::Pki { out, seed, client } => match write_pki(&out, seed, client) {
            Ok(()) => {
                println!(
                    "wrote ca.pem, intermediate.pem, intermediate.key, server.pem, server.key, client.pem, client.key, crl.pem to {}",
                    out.display()
                );
                ExitCode::SUCCESS
            }
            Err(e) => fail(e),
        },
        Cmd::Serve { addr, pki, mtls } => match net::serve(&addr, &pki, mtls) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => fail(e),
        },
        Cmd::Connect {
            addr,
            ca,
            cert,
            key,
            server_name,
        } => match net::connect(&addr, &ca, cert.as_deref(), key.as_deref(), server_name) {
            Ok(done) => {
                for line in done.summary {
                    println!("{line}");
                }
                println!();
                print!("{}", String::from_utf8_lossy(&done.response));
                ExitCode::SUCCESS
            }
            Err(e) => fail(e),
        },
        Cmd::Inspect { file, seed } => match inspect_file(&file, seed) {
            Ok(text) => {
                print!("{text}");
                ExitCode::SUCCESS
            }
            Err(e) => fail(e),
        },
        Cmd::Demo { seed, group, json } => {
            let r = round_trip(group.into(), seed);
            if json {
                match serde_json::to_string_pretty(&r) {
                    Ok(text) => println!("{text}"),
                    Err(e) => return fail(format!("could not encode the result as JSON: {e}")),
                }
            } else {
                println!("group            {}", r.group.name());
                println!("client public    {}", hex(&r.client_public));
                println!("server public    {}", hex(&r.server_public));
                println!("client secret    {}", hex(&r.client_secret));
                println!("server secret    {}", hex(&r.server_secret));
                println!("signer public    {}", hex(&r.signer_public));
                println!("message          {}", String::from_utf8_lossy(&r.message));
                println!("signature (DER)  {}", hex(&r.signature));
                println!("verifies         {}", r.verified);
                println!("tampered verifies {}", r.tampered_verified);
            }
            ExitCode::SUCCESS
        }
    }
}

fn write_pki(
    dir: &std::path::Path,
    seed: Option<u64>,
    bad: Option<BadClient>,
) -> Result<(), String> {
    use mtls_lab_engine::LabRng;
    use mtls_lab_engine::pki::{Pki, PkiOptions, to_pem};
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let mut options = PkiOptions::default();
    match bad {
        Some(BadClient::Expired) => options.client_expired = true,
        Some(BadClient::NotYetValid) => options.client_not_yet_valid = true,
        Some(BadClient::Revoked) => options.client_revoked = true,
        Some(BadClient::WrongEku) => options.client_wrong_eku = true,
        Some(BadClient::UnknownCa) => options.client_unknown_ca = true,
        Some(BadClient::MissingIntermediate) => options.client_missing_intermediate = true,
        None => {}
    }
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    let mut rng = match seed {
        Some(s) => LabRng::from_seed(s),
        None => LabRng::from_seed_bytes(net::os_seed()),
    };
    let pki = Pki::generate(&mut rng, &options, now);
    let chain_pem = |chain: &[Vec<u8>]| {
        chain
            .iter()
            .map(|c| to_pem("CERTIFICATE", c))
            .collect::<String>()
    };
    files::write(dir, "ca.pem", &to_pem("CERTIFICATE", &pki.root.cert))?;
    files::write(
        dir,
        "intermediate.pem",
        &to_pem("CERTIFICATE", &pki.intermediate.cert),
    )?;
    files::write(
        dir,
        "intermediate.key",
        &to_pem("PRIVATE KEY", &pki.intermediate.key.to_pkcs8_der()),
    )?;
    files::write(dir, "server.pem", &chain_pem(&pki.server.chain))?;
    files::write(
        dir,
        "server.key",
        &to_pem("PRIVATE KEY", &pki.server.key.to_pkcs8_der()),
    )?;
    files::write(dir, "client.pem", &chain_pem(&pki.client.chain))?;
    files::write(
        dir,
        "client.key",
        &to_pem("PRIVATE KEY", &pki.client.key.to_pkcs8_der()),
    )?;
    files::write(dir, "crl.pem", &to_pem("X509 CRL", &pki.crl))?;
    Ok(())
}

fn inspect_file(path: &std::path::Path, seed: u64) -> Result<String, String> {
    use mtls_lab_engine::pki::byo::{LabTrust, examine};
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let pki = scenario::scenario_pki("mutual", seed)
        .ok_or_else(|| "the lab PKI could not be made".to_string())?;
    // A certificate someone brings is judged at the real time, not the lessons' fixed date.
    let mut trust = LabTrust::of(&pki);
    trust.now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(trust.now);
    let report = examine(&bytes, &trust).map_err(|e| format!("{}: {e}", path.display()))?;
    let id = |v: serde_json::Result<serde_json::Value>| {
        v.ok()
            .and_then(|v| v.as_str().map(String::from))
            .unwrap_or_default()
    };
    let mut out = String::new();
    for (i, c) in report.certificates.iter().enumerate() {
        out.push_str(&format!(
            "certificate {}: subject {}\n               issuer  {}\n               key     {:?}{}\n",
            i + 1,
            c.subject,
            c.issuer,
            c.key,
            if c.self_issued { " (self-issued)" } else { "" }
        ));
    }
    for (role, r) in [("client", &report.as_client), ("server", &report.as_server)] {
        out.push_str(&format!(
            "\nas a {role} certificate under the lab's CA (seed {seed}): {}\n",
            if r.passes { "passes" } else { "refused" }
        ));
        let leaf = r.leaf_checks.iter().map(|row| (row, "leaf alone: "));
        for (row, prefix) in r.checklist.rows.iter().map(|row| (row, "")).chain(leaf) {
            out.push_str(&format!(
                "  {:<40} {:<12} {}{}\n",
                format!("{prefix}{}", id(serde_json::to_value(row.item))),
                id(serde_json::to_value(row.status)),
                row.reason
                    .map(|x| id(serde_json::to_value(x)))
                    .unwrap_or_default(),
                row.detail
                    .as_deref()
                    .map(|d| format!(" ({d})"))
                    .unwrap_or_default()
            ));
        }
    }
    Ok(out)
}
