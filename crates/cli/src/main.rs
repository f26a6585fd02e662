//! `mtls-lab`: the lab's engine on the command line.

mod files;
mod inspect;
mod net;
mod out;
mod render;

use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use mtls_lab_engine::crypto::Group;
use mtls_lab_engine::demo::round_trip;
use mtls_lab_engine::handshake::Versions;
use mtls_lab_engine::scenario;
use mtls_lab_engine::{Trace, export};
use mtls_lab_texts::Lang;

/// mTLS Lab: a real TLS 1.3 and 1.2 engine for learning one-way and mutual TLS.
#[derive(Parser)]
#[command(version, about)]
struct Cli {
    /// Language of the explanations (default: from LC_ALL, LC_MESSAGES or LANG).
    #[arg(long, global = true, value_enum)]
    lang: Option<LangArg>,
    #[command(subcommand)]
    command: Cmd,
}

#[derive(Clone, Copy, ValueEnum)]
enum LangArg {
    En,
    Ja,
}

/// The language asked for, else the first locale variable set (`ja_JP.UTF-8` is Japanese).
fn language(arg: Option<LangArg>) -> Lang {
    match arg {
        Some(LangArg::En) => Lang::En,
        Some(LangArg::Ja) => Lang::Ja,
        None => ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|v| std::env::var(v).ok())
            .find(|v| !v.is_empty())
            .map_or(Lang::En, |v| Lang::from_tag(&v)),
    }
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
        /// The kind of every key: ECDSA P-256 (the default) or RSA-2048, the CAs' too (their
        /// certificates are then signed sha256WithRSAEncryption).
        #[arg(long, value_enum, default_value = "p256")]
        key: KeyArg,
        /// Also write client.p12 and server.p12 (each: the key, the leaf and the intermediate),
        /// protected by this password with PBES2 (AES-256-CBC, PBKDF2-HMAC-SHA-256) and a
        /// SHA-256 MAC, which OpenSSL 3 reads without -legacy.
        #[arg(long, value_name = "PASSWORD")]
        p12_password: Option<String>,
        /// Write into a directory that is not empty or not yours, replacing the lab's files
        /// there (keys included).
        #[arg(long)]
        force: bool,
    },
    /// Serve TLS 1.3 and 1.2 on a TCP address; answers an HTTP/1.1 request with a greeting.
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
        /// Accept only this TLS version (default: 1.3 and 1.2; the server picks the highest one
        /// the client offers).
        #[arg(long, value_enum, value_name = "VERSION")]
        tls: Option<TlsArg>,
    },
    /// Connect to a TLS 1.3 or 1.2 server, send `GET /` and print the answer.
    Connect {
        /// HOST:PORT of the server.
        addr: String,
        /// The root CA certificate to trust (PEM).
        #[arg(long, value_name = "FILE")]
        ca: std::path::PathBuf,
        /// Client certificate chain (PEM), for mutual TLS.
        #[arg(long, value_name = "FILE")]
        cert: Option<std::path::PathBuf>,
        /// Client private key (PEM: P-256 or RSA).
        #[arg(long, value_name = "FILE")]
        key: Option<std::path::PathBuf>,
        /// The server name to ask for and check (default: the host).
        #[arg(long)]
        server_name: Option<String>,
        /// Certificate pinning: accept only a server whose public key matches this SPKI pin
        /// (`sha256//BASE64`, as `inspect` prints it and curl's --pinnedpubkey takes it), on top
        /// of the chain check. Repeat it for a backup key: one match is enough.
        #[arg(long, value_name = "sha256//BASE64")]
        pin: Vec<String>,
        /// Offer only this TLS version (default: 1.3 and 1.2, the server chooses).
        #[arg(long, value_enum, value_name = "VERSION")]
        tls: Option<TlsArg>,
    },
    /// Decode a certificate chain (PEM or DER) and say whether it would pass as a client or a
    /// server certificate, check by check. Exit status: 0 passes (for the role asked, or for
    /// one of the two), 1 refused, 2 the input could not be read.
    Inspect {
        /// The certificate file: the leaf first, then the intermediates a peer would send.
        file: std::path::PathBuf,
        /// The root CA(s) to trust (PEM). Without it (or --lab-seed) the chain is not checked,
        /// only the leaf alone.
        #[arg(long, value_name = "FILE", conflicts_with = "lab_seed")]
        ca: Option<std::path::PathBuf>,
        /// A CRL to check revocation with (PEM; may be repeated).
        #[arg(long, value_name = "FILE")]
        crl: Vec<std::path::PathBuf>,
        /// The time to check validity at, RFC 3339 (default: now; the lab's date with
        /// --lab-seed).
        #[arg(long, value_name = "RFC3339")]
        at: Option<String>,
        /// Check for one role only.
        #[arg(long = "as", value_enum, value_name = "ROLE")]
        role: Option<inspect::AsRole>,
        /// The server name to check the certificate's names against (default: not checked;
        /// server.example with --lab-seed).
        #[arg(long, value_name = "DNS")]
        name: Option<String>,
        /// Trust the lab's own root CA of `run --seed N` (and its CRL, at the lab's date).
        #[arg(long, value_name = "N")]
        lab_seed: Option<u64>,
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

/// A TLS version for `--tls`.
#[derive(Clone, Copy, ValueEnum)]
enum TlsArg {
    /// TLS 1.2 (RFC 5246).
    #[value(name = "1.2")]
    Tls12,
    /// TLS 1.3 (RFC 8446).
    #[value(name = "1.3")]
    Tls13,
}

/// The versions an end speaks: the one asked for, or both.
fn versions(tls: Option<TlsArg>) -> Versions {
    match tls {
        None => Versions::Both,
        Some(TlsArg::Tls12) => Versions::Tls12Only,
        Some(TlsArg::Tls13) => Versions::Tls13Only,
    }
}

/// A key kind for `pki --key`.
#[derive(Clone, Copy, ValueEnum)]
enum KeyArg {
    /// ECDSA on P-256.
    P256,
    /// RSA with a 2048-bit modulus.
    Rsa,
}

#[derive(Clone, Copy, ValueEnum)]
enum BadClient {
    Expired,
    NotYetValid,
    Revoked,
    WrongEku,
    UnknownCa,
    MissingIntermediate,
    /// Changed after the CA signed it (its CN reads admin instead of alice).
    Altered,
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
    out::error(&message);
    ExitCode::FAILURE
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let lang = language(cli.lang);
    match cli.command {
        Cmd::List => {
            for s in scenario::CATALOGUE {
                out::line(s.id);
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
            let trace = match scenario::RunSpec::resolve(&id) {
                Ok(spec) => spec.run(seed, 1),
                Err(scenario::UnknownRun::Bench(e)) => {
                    return fail(format!("`{id}` is not a valid bench string: {e}"));
                }
                Err(scenario::UnknownRun::NotInCatalogue) => {
                    let ids: Vec<&str> = scenario::CATALOGUE.iter().map(|s| s.id).collect();
                    return fail(format!(
                        "unknown scenario `{id}`; known scenarios: {} (or a bench string such as b1-m-cexp)",
                        ids.join(", ")
                    ));
                }
            };
            /// Where to write an export, what it is (for the error), and how to make it
            /// (`None`: this run cannot make it).
            type Export = (
                Option<std::path::PathBuf>,
                &'static str,
                fn(&Trace) -> Option<Vec<u8>>,
            );
            let exports: [Export; 4] = [
                (keylog, "the key log", |t| {
                    Some(t.keylog_file().into_bytes())
                }),
                (pcap, "the capture", |t| Some(export::pcapng(t))),
                (mermaid, "the Mermaid diagram", |t| {
                    Some(export::mermaid(t).into_bytes())
                }),
                (pem, "the PEM bundle", |t| {
                    export::pem_bundle(t).map(String::into_bytes)
                }),
            ];
            for (path, what, make) in exports {
                let Some(path) = path else { continue };
                let Some(bytes) = make(&trace) else {
                    return fail(format!(
                        "{what} of `{}` cannot be made; nothing was written to {}",
                        trace.scenario,
                        path.display()
                    ));
                };
                if let Err(e) = std::fs::write(&path, bytes) {
                    return fail(format!("could not write {what} to {}: {e}", path.display()));
                }
            }
            if json {
                match serde_json::to_string_pretty(&trace) {
                    Ok(text) => out::line(&text),
                    Err(e) => return fail(format!("could not encode the trace as JSON: {e}")),
                }
            } else {
                out::print(&render::text(&trace, lang));
            }
            ExitCode::SUCCESS
        }
        Cmd::Pki {
            out: dir,
            seed,
            client,
            key,
            p12_password,
            force,
        } => match write_pki(&dir, seed, (client, key, p12_password.as_deref()), force) {
            Ok(()) => {
                let mut names = PKI_FILES.map(|(name, _)| name).to_vec();
                if p12_password.is_some() {
                    names.extend(P12_FILES);
                }
                out::line(&format!(
                    "wrote {} to {} (private keys readable by you only)",
                    names.join(", "),
                    dir.display()
                ));
                ExitCode::SUCCESS
            }
            Err(e) => fail(e),
        },
        Cmd::Serve {
            addr,
            pki,
            mtls,
            tls,
        } => match net::serve(&addr, &pki, mtls, versions(tls)) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => fail(e),
        },
        Cmd::Connect {
            addr,
            ca,
            cert,
            key,
            server_name,
            pin,
            tls,
        } => match net::connect(
            &addr,
            &ca,
            cert.as_deref(),
            key.as_deref(),
            server_name,
            &pin,
            versions(tls),
        ) {
            Ok(done) => {
                for line in done.summary {
                    out::line(&line);
                }
                out::line("");
                out::print(&net::terminal_text(&done.response));
                if done.cut {
                    out::error(&format!(
                        "the answer was cut after {} bytes (the most `connect` keeps)",
                        net::MAX_ANSWER
                    ));
                }
                ExitCode::SUCCESS
            }
            Err(e) => fail(e),
        },
        Cmd::Inspect {
            file,
            ca,
            crl,
            at,
            role,
            name,
            lab_seed,
        } => {
            let at = match at.as_deref().map(inspect::parse_time).transpose() {
                Ok(at) => at,
                Err(e) => {
                    out::error(&e);
                    return ExitCode::from(2);
                }
            };
            let request = inspect::Request {
                file,
                ca,
                lab_seed,
                crls: crl,
                at,
                role,
                name,
                lang,
            };
            match inspect::run(&request) {
                Ok((text, verdict)) => {
                    out::print(&text);
                    match verdict {
                        inspect::Verdict::Passes => ExitCode::SUCCESS,
                        inspect::Verdict::Refused => ExitCode::from(1),
                    }
                }
                Err(e) => {
                    out::error(&e);
                    ExitCode::from(2)
                }
            }
        }
        Cmd::Demo { seed, group, json } => {
            let r = round_trip(group.into(), seed);
            if json {
                match serde_json::to_string_pretty(&r) {
                    Ok(text) => out::line(&text),
                    Err(e) => return fail(format!("could not encode the result as JSON: {e}")),
                }
            } else {
                out::line(&format!("group            {}", r.group.name()));
                out::line(&format!("client public    {}", hex(&r.client_public)));
                out::line(&format!("server public    {}", hex(&r.server_public)));
                out::line(&format!("client secret    {}", hex(&r.client_secret)));
                out::line(&format!("server secret    {}", hex(&r.server_secret)));
                out::line(&format!("signer public    {}", hex(&r.signer_public)));
                out::line(&format!(
                    "message          {}",
                    String::from_utf8_lossy(&r.message)
                ));
                out::line(&format!("signature (DER)  {}", hex(&r.signature)));
                out::line(&format!("verifies         {}", r.verified));
                out::line(&format!("tampered verifies {}", r.tampered_verified));
            }
            ExitCode::SUCCESS
        }
    }
}

/// The files `pki` writes, and whether each is a private key.
const PKI_FILES: [(&str, files::Secrecy); 8] = [
    ("ca.pem", files::Secrecy::Public),
    ("intermediate.pem", files::Secrecy::Public),
    ("intermediate.key", files::Secrecy::Secret),
    ("server.pem", files::Secrecy::Public),
    ("server.key", files::Secrecy::Secret),
    ("client.pem", files::Secrecy::Public),
    ("client.key", files::Secrecy::Secret),
    ("crl.pem", files::Secrecy::Public),
];

/// The PKCS#12 files `pki --p12-password` adds (secret: they hold the keys).
const P12_FILES: [&str; 2] = ["server.p12", "client.p12"];

fn write_pki(
    dir: &std::path::Path,
    seed: Option<u64>,
    (bad, key, p12_password): (Option<BadClient>, KeyArg, Option<&str>),
    force: bool,
) -> Result<(), String> {
    use mtls_lab_engine::LabRng;
    use mtls_lab_engine::pki::{Pki, PkiOptions, to_pem};
    let mut options = PkiOptions {
        rsa_authorities: matches!(key, KeyArg::Rsa),
        ..PkiOptions::default()
    };
    match bad {
        Some(BadClient::Expired) => options.client_expired = true,
        Some(BadClient::NotYetValid) => options.client_not_yet_valid = true,
        Some(BadClient::Revoked) => options.client_revoked = true,
        Some(BadClient::WrongEku) => options.client_wrong_eku = true,
        Some(BadClient::UnknownCa) => options.client_unknown_ca = true,
        Some(BadClient::MissingIntermediate) => options.client_missing_intermediate = true,
        Some(BadClient::Altered) => options.client_altered = true,
        None => {}
    }
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    let mut rng = match seed {
        Some(s) => LabRng::from_seed(s),
        None => LabRng::from_seed_bytes(net::os_seed()?),
    };
    let mut names = PKI_FILES.map(|(name, _)| name).to_vec();
    if p12_password.is_some() {
        names.extend(P12_FILES);
    }
    files::prepare_dir(dir, &names, force)?;
    // Text before a PEM block is ignored by OpenSSL, curl, Python and rustls: a place to say
    // that seeded keys are public.
    let comment = match seed {
        Some(s) => {
            out::warn(&format!(
                "--seed {s} makes the same keys on every machine: anyone can make them again. \
                 Use them for learning only, never to protect anything."
            ));
            format!(
                "# Made by `mtls-lab pki --seed {s}`: every key here comes from the public seed {s},\n\
                 # so anyone can make it again. For learning only; never protect anything with it.\n"
            )
        }
        None => String::new(),
    };
    let pki = Pki::generate(&mut rng, &options, now);
    let chain_pem = |chain: &[Vec<u8>]| {
        chain
            .iter()
            .map(|c| to_pem("CERTIFICATE", c))
            .collect::<String>()
    };
    let contents = [
        to_pem("CERTIFICATE", &pki.root.cert),
        to_pem("CERTIFICATE", &pki.intermediate.cert),
        to_pem("PRIVATE KEY", &pki.intermediate.key.to_pkcs8_der()),
        chain_pem(&pki.server.chain),
        to_pem("PRIVATE KEY", &pki.server.key.to_pkcs8_der()),
        chain_pem(&pki.client.chain),
        to_pem("PRIVATE KEY", &pki.client.key.to_pkcs8_der()),
        to_pem("X509 CRL", &pki.crl),
    ];
    for ((name, secrecy), text) in PKI_FILES.iter().zip(contents) {
        files::write_new(dir, name, format!("{comment}{text}"), *secrecy, force)?;
    }
    if let Some(password) = p12_password {
        for (name, leaf) in P12_FILES.iter().zip([&pki.server, &pki.client]) {
            let p12 = files::pkcs12(&leaf.key.to_pkcs8_der(), &leaf.chain, password)?;
            files::write_new(dir, name, p12, files::Secrecy::Secret, force)?;
        }
    }
    Ok(())
}
