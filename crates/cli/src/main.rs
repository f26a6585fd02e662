//! `mtls-lab`: the lab's engine on the command line.

use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use mtls_lab_engine::crypto::Group;
use mtls_lab_engine::demo::round_trip;

/// mTLS Lab: a real TLS 1.3 engine for learning one-way and mutual TLS.
#[derive(Parser)]
#[command(version, about)]
struct Cli {
    #[command(subcommand)]
    command: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
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

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Cmd::Demo { seed, group, json } => {
            let r = round_trip(group.into(), seed);
            if json {
                match serde_json::to_string_pretty(&r) {
                    Ok(text) => println!("{text}"),
                    Err(e) => {
                        eprintln!("mtls-lab: could not encode the result as JSON: {e}");
                        return ExitCode::FAILURE;
                    }
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
