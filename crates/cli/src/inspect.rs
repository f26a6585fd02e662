//! `mtls-lab inspect`: decodes a certificate chain a user brings and says whether it would
//! pass as a client or a server certificate, check by check, in the page's words.
//!
//! With `--ca`, the chain (the file's certificates, leaf first, as a peer would send them) is
//! built to one of the given roots, and every check is made, as `openssl verify -CAfile …
//! -untrusted … -purpose sslclient|sslserver` does. Without it, only the checks that need no
//! trust anchor are made, and the output says so.

use std::path::{Path, PathBuf};

use mtls_lab_engine::pki::byo::{ByoReport, RoleReport, Trust, examine};
use mtls_lab_engine::pki::checklist::{CheckStatus, ChecklistRow};
use mtls_lab_engine::pki::inspect;
use mtls_lab_engine::scenario;
use mtls_lab_texts::{
    Lang, check_status, checklist_item, checklist_reason, key_algorithm, leaf_check_item, pick,
};

use crate::files;

/// The role a certificate is checked for.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum AsRole {
    /// A client certificate (EKU clientAuth), checked by a server.
    Client,
    /// A server certificate (EKU serverAuth, the name), checked by a client.
    Server,
}

/// What `inspect` was asked.
pub struct Request {
    /// The certificate file (PEM chain, or one DER certificate).
    pub file: PathBuf,
    /// The roots to trust (PEM).
    pub ca: Option<PathBuf>,
    /// Trust the lab's own root for `run --seed N` instead (and judge at the lab's date).
    pub lab_seed: Option<u64>,
    /// CRLs to check revocation with.
    pub crls: Vec<PathBuf>,
    /// "Now", Unix seconds; `None`: the current time (or the lab's date with `lab_seed`).
    pub at: Option<i64>,
    /// One role only, or both.
    pub role: Option<AsRole>,
    /// The server name to check; `None`: not checked (the lab's name with `lab_seed`).
    pub name: Option<String>,
    /// The language of the explanations.
    pub lang: Lang,
}

/// How `inspect` ended.
pub enum Verdict {
    /// It passes for the role asked (or for one of them when none was asked).
    Passes,
    /// It is refused.
    Refused,
}

/// Parses an RFC 3339 time (`2026-12-03T10:00:00Z`) into Unix seconds.
///
/// # Errors
/// A sentence with an example when the text is not RFC 3339.
pub fn parse_time(text: &str) -> Result<i64, String> {
    time::OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339)
        .map(|t| t.unix_timestamp())
        .map_err(|e| {
            format!("--at {text}: not an RFC 3339 time such as 2026-12-03T10:00:00Z ({e})")
        })
}

fn rfc3339(unix: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(unix)
        .ok()
        .and_then(|t| {
            t.format(&time::format_description::well_known::Rfc3339)
                .ok()
        })
        .unwrap_or_else(|| unix.to_string())
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

fn read_file(path: &Path) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

/// The certificate's SPKI pin in the form curl's `--pinnedpubkey` and `mtls-lab connect --pin`
/// take: `sha256//` followed by the base64 of the SHA-256 of its DER SubjectPublicKeyInfo (the
/// SPKI fingerprint of RFC 7469 §2.4; the `sha256//` prefix is curl's). `None` if `der` is not a
/// certificate.
pub fn spki_pin(der: &[u8]) -> Option<String> {
    use base64::Engine;
    let hash = inspect::spki_sha256(der)?;
    Some(format!(
        "sha256//{}",
        base64::engine::general_purpose::STANDARD.encode(hash)
    ))
}

/// Runs `inspect`: the report's text and the verdict.
///
/// # Errors
/// A sentence when an input cannot be read (exit status 2).
pub fn run(req: &Request) -> Result<(String, Verdict), String> {
    let input = read_file(&req.file)?;
    let lab = match req.lab_seed {
        Some(seed) => Some(
            scenario::scenario_pki("mutual", seed)
                .ok_or_else(|| "the lab PKI could not be made".to_string())?,
        ),
        None => None,
    };
    let roots = match (&req.ca, &lab) {
        (Some(ca), _) => files::certificates(ca)?,
        (None, Some(pki)) => vec![pki.root.cert.clone()],
        (None, None) => Vec::new(),
    };
    let mut crls = Vec::new();
    for path in &req.crls {
        crls.push(files::crl(path)?);
    }
    if let (true, Some(pki)) = (req.crls.is_empty(), &lab) {
        crls.push(pki.crl.clone());
    }
    let at = req.at.unwrap_or(if lab.is_some() {
        scenario::LAB_NOW
    } else {
        now()
    });
    let name = req
        .name
        .clone()
        .or_else(|| lab.as_ref().map(|_| scenario::SERVER_NAME.to_string()))
        .unwrap_or_default();
    let trust = Trust {
        roots,
        client_crls: crls.clone(),
        server_crls: crls,
        server_name: name.clone(),
        now: at,
    };
    let report = examine(&input, &trust).map_err(|e| format!("{}: {e}", req.file.display()))?;
    let anchor = match (&req.ca, req.lab_seed) {
        (Some(ca), _) => Some(ca.display().to_string()),
        (None, Some(seed)) => Some(match req.lang {
            Lang::En => format!("the lab's root for seed {seed}"),
            Lang::Ja => format!("シード {seed} のラボのルートCA"),
        }),
        (None, None) => None,
    };
    let mut text = render(&report, req, anchor.as_deref(), at, &name);
    // The leaf's pin, for certificate pinning (curl --pinnedpubkey, mtls-lab connect --pin).
    if let Some(pin) = mtls_lab_engine::pki::byo::read_certificates(&input)
        .ok()
        .and_then(|chain| chain.first().and_then(|leaf| spki_pin(leaf)))
    {
        text.push_str(&match req.lang {
            Lang::En => format!("\nSPKI pin of certificate 1 (for certificate pinning, in curl's --pinnedpubkey form): {pin}\n"),
            Lang::Ja => format!(
                "\n証明書 1 の公開鍵 (SPKI) のピン (証明書ピンニング用。curl --pinnedpubkey と同じ形式): {pin}\n"
            ),
        });
    }
    let roles: Vec<&RoleReport> = match req.role {
        Some(AsRole::Client) => vec![&report.as_client],
        Some(AsRole::Server) => vec![&report.as_server],
        None => vec![&report.as_client, &report.as_server],
    };
    let verdict = if roles.iter().any(|r| r.passes) {
        Verdict::Passes
    } else {
        Verdict::Refused
    };
    Ok((text, verdict))
}

/// One row; `leaf` for a check on the leaf alone.
fn row_text(lang: Lang, row: &ChecklistRow, prefix: &str, leaf: bool) -> String {
    let (mark, words) = check_status(lang, row.status);
    let item = if leaf {
        leaf_check_item(lang, row.item)
    } else {
        checklist_item(lang, row.item)
    };
    let mut out = format!("  {mark} {prefix}{item} — {words}\n");
    if let Some(reason) = row.reason {
        out.push_str(&format!("      {}", checklist_reason(lang, reason)));
        let mut extra = Vec::new();
        if let Some(d) = &row.detail {
            extra.push(inspect::printable(d));
        }
        if let Some(i) = row.certificate
            && row.status == CheckStatus::Failed
        {
            extra.push(match lang {
                Lang::En => format!("certificate {}", i + 1),
                Lang::Ja => format!("証明書 {}", i + 1),
            });
        }
        if !extra.is_empty() {
            out.push_str(&match lang {
                Lang::En => format!(" ({})", extra.join(", ")),
                Lang::Ja => format!("({})", extra.join("、")),
            });
        }
        out.push('\n');
    }
    out
}

fn render(report: &ByoReport, req: &Request, anchor: Option<&str>, at: i64, name: &str) -> String {
    let lang = req.lang;
    let mut out = String::new();
    for (i, c) in report.certificates.iter().enumerate() {
        let validity = inspect::validity(&c.der)
            .map(|(from, to)| format!("{} – {}", rfc3339(from), rfc3339(to)))
            .unwrap_or_default();
        let labels = pick(
            lang,
            (
                "subject|issuer|key|valid|self-issued",
                "主体者 (subject)|発行者 (issuer)|鍵|有効期間|自己発行",
            ),
        );
        let l: Vec<&str> = labels.split('|').collect();
        let key = format!(
            "{}{}",
            key_algorithm(&c.key),
            if c.self_issued {
                format!(" ({})", l[4])
            } else {
                String::new()
            }
        );
        out.push_str(&format!(
            "{} {}:\n",
            pick(lang, ("certificate", "証明書")),
            i + 1
        ));
        for (label, value) in [
            (l[0], inspect::printable(&c.subject)),
            (l[1], inspect::printable(&c.issuer)),
            (l[2], key),
            (l[3], validity),
        ] {
            out.push_str(&match lang {
                // CJK labels are two columns wide a character: no padding, a colon instead.
                Lang::Ja => format!("  {label}: {value}\n"),
                Lang::En => format!("  {label:<10} {value}\n"),
            });
        }
    }
    let roles: Vec<(AsRole, &RoleReport)> = match req.role {
        Some(AsRole::Client) => vec![(AsRole::Client, &report.as_client)],
        Some(AsRole::Server) => vec![(AsRole::Server, &report.as_server)],
        None => vec![
            (AsRole::Client, &report.as_client),
            (AsRole::Server, &report.as_server),
        ],
    };
    for (role, r) in roles {
        let heading = match (role, lang) {
            (AsRole::Client, _) => pick(
                lang,
                ("As a client certificate", "クライアント証明書として"),
            )
            .to_string(),
            (AsRole::Server, Lang::En) if name.is_empty() => {
                "As a server certificate (no name given)".to_string()
            }
            (AsRole::Server, Lang::En) => {
                format!("As a server certificate for {}", inspect::printable(name))
            }
            (AsRole::Server, Lang::Ja) if name.is_empty() => {
                "サーバー証明書として (名前の指定なし)".to_string()
            }
            (AsRole::Server, Lang::Ja) => {
                format!("{} のサーバー証明書として", inspect::printable(name))
            }
        };
        let verdict = match (r.passes, r.checklist.is_some()) {
            (true, true) => pick(lang, ("passes", "通る")),
            (false, _) => pick(lang, ("refused", "拒否される")),
            (true, false) => pick(
                lang,
                (
                    "passes the checks on the leaf alone",
                    "リーフ単体の検査には通る",
                ),
            ),
        };
        out.push_str(&format!("\n{heading}: {verdict}\n"));
        match (&r.checklist, anchor) {
            (Some(list), Some(anchor)) => {
                let root = r
                    .root
                    .as_deref()
                    .map(inspect::printable)
                    .unwrap_or_default();
                out.push_str(&match lang {
                    Lang::En => format!("  trusting {anchor} (root {root}), at {}\n", rfc3339(at)),
                    Lang::Ja => format!(
                        "  信頼するルートCA: {anchor} ({root})、時刻 {}\n",
                        rfc3339(at)
                    ),
                });
                for row in &list.rows {
                    out.push_str(&row_text(lang, row, "", false));
                }
                let leaf_prefix = pick(lang, ("leaf alone: ", "リーフ単体: "));
                for row in r.leaf_checks.iter().filter(|row| {
                    // Repeat a leaf check only where the chain stopped the list before it.
                    list.rows
                        .iter()
                        .any(|l| l.item == row.item && l.status == CheckStatus::NotReached)
                }) {
                    out.push_str(&row_text(lang, row, leaf_prefix, true));
                }
            }
            _ => {
                out.push_str(&match lang {
                    Lang::En => format!(
                        "  at {}; the chain was not checked (no trust anchor): pass --ca ROOT.pem \
                         to check the chain and its signatures, and also --crl to check \
                         revocation\n",
                        rfc3339(at)
                    ),
                    Lang::Ja => format!(
                        "  時刻 {}。トラストアンカー (信頼の起点) がないため、チェーンは検証していません。\
                         チェーンと各証明書の署名を検証するには --ca ROOT.pem を、\
                         失効も確認するにはさらに --crl を付けてください\n",
                        rfc3339(at)
                    ),
                });
                for row in &r.leaf_checks {
                    out.push_str(&row_text(lang, row, "", true));
                }
            }
        }
    }
    out
}
