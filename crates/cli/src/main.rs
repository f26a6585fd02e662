//! `mtls-lab`: the lab's engine on the command line.

mod render;

use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use mtls_lab_engine::crypto::Group;
use mtls_lab_engine::demo::round_trip;
use mtls_lab_engine::scenario;

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
        } => {
            let Some(trace) = scenario::run_scenario(&id, seed) else {
                let ids: Vec<&str> = scenario::CATALOGUE.iter().map(|s| s.id).collect();
                return fail(format!(
                    "unknown scenario `{id}`; known scenarios: {}",
                    ids.join(", ")
                ));
            };
            if let Some(path) = keylog
                && let Err(e) = std::fs::write(&path, trace.keylog_file())
            {
                return fail(format!(
                    "could not write the key log to {}: {e}",
                    path.display()
                ));
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
