//! The bench: a run the learner builds from switches (which certificate faults, mutual or not,
//! which key-exchange group, a forced HelloRetryRequest), written as a short string that fits
//! in a URL.
//!
//! # The bench string, version 1
//!
//! ```text
//! bench   = "b1" *( "-" switch )
//! switch  = "m"                           ; mutual TLS (absent: one-way)
//!         / "c" client                    ; the client certificate (only matters with "m")
//!         / "s" server                    ; the server certificate
//!         / "g" group                     ; the group the handshake ends up using
//!         / "hrr"                         ; the client's first key share is for the other
//!                                         ; group, so the server asks again (RFC 8446 §4.1.4)
//!         / "v12"                         ; both ends speak only TLS 1.2 (RFC 5246), with
//!                                         ; ECDHE and AES-128-GCM
//!         / "rsa"                         ; the server's and the client's keys are
//!                                         ; RSA-2048 (the CAs' stay P-256): TLS 1.3 signs
//!                                         ; with rsa_pss_rsae_sha256, TLS 1.2 uses ECDHE-RSA
//!         / "krsa"                        ; with "v12" and "rsa": RSA key transport
//!                                         ; (TLS_RSA_WITH_AES_128_GCM_SHA256), no ECDHE
//! client  = "none"                        ; the client has no certificate
//!         / "ca"                          ; issued by a CA the server does not trust
//!         / "mi"                          ; sent without its intermediate
//!         / "exp"                         ; expired
//!         / "nyv"                         ; not yet valid
//!         / "eku"                         ; serverAuth instead of clientAuth
//!         / "rev"                         ; listed in the CRL
//!         / "alt"                         ; changed after the CA signed it
//!         / "key"                         ; the client signs with a key that is not the
//!                                         ; certificate's
//! server  = "self"                        ; self-signed
//!         / "name"                        ; made for other.example, not server.example
//!         / "key"                         ; the server signs with a key that is not the
//!                                         ; certificate's
//! group   = "25519" / "p256"              ; x25519 (the default) / secp256r1
//! ```
//!
//! Switches are separated by `-`, lowercase, each at most once. Several client (or server)
//! faults combine: `b1-m-cexp-crev`. `cnone` goes with no other client switch, `cexp`
//! not with `cnyv`, and `hrr` not with `v12` (TLS 1.2 has no HelloRetryRequest); `krsa` needs
//! `v12` and `rsa`, and has no group. [`Bench::parse`] accepts the switches in any order and `g25519` written
//! out; [`Bench::encode`] writes the canonical form: the order of the grammar above and the
//! default group left out. With several client faults, the run stops at the first one the
//! checklist meets, in OpenSSL's order: `ca`/`mi`, `eku`, `rev`, `alt` (the signature),
//! `exp`/`nyv`, then `key`.
//! So `parse(encode(b)) == b` for every bench, and `encode(parse(s)) == s` for every
//! canonical `s`. Examples:
//!
//! | string | run |
//! | --- | --- |
//! | `b1` | one-way TLS, everything valid (the `one-way` lesson) |
//! | `b1-m` | mutual TLS (the `mutual` lesson) |
//! | `b1-m-gp256-hrr` | mutual, HelloRetryRequest to P-256 (the `mutual-hrr` lesson) |
//! | `b1-m-cexp` | the client certificate has expired: the server sends certificate_expired |
//! | `b1-m-cexp-crev-sname` | the client notices the server's name first: bad_certificate |
//! | `b1-m-v12` | mutual TLS 1.2 (the `tls12-mutual` lesson) |
//! | `b1-m-cnone-v12` | TLS 1.2 without a client certificate: handshake_failure, as OpenSSL sends |
//! | `b1-v12-rsa-krsa` | TLS 1.2 with RSA key transport (the `tls12-rsa-key-transport` lesson) |
//! | `b1-skey-v12-rsa-krsa` | a server without its key cannot decrypt the pre-master secret: its keys differ from the client's, and the client's Finished fails with bad_record_mac |
//!
//! A later version of the format starts with `b2`; this build refuses it with
//! [`BenchError::UnsupportedVersion`] rather than guessing.
//!
//! # The run
//!
//! [`run_bench`] really runs the handshake, as a catalogue lesson does: a catalogue entry *is* a
//! bench and a [`Play`](crate::scenario::Play) (who else takes part), run by the same code
//! ([`Setup::run`](crate::scenario::Setup::run)). The PKI is bent as the switches say and the
//! endpoints decide. When several faults combine, the first check that fails decides: the
//! client checks the server's certificate before the server sees the client's, and each
//! verifier goes down its checklist in OpenSSL's order (chain, purpose, name, revocation, then
//! for each certificate from the root down its signature and its validity period, then
//! CertificateVerify; the lab's faults are all on the leaf). [`Bench::expected`] says which that is, and
//! a test holds every combination of switches to it.

use core::fmt;
use core::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::crypto::Group;
use crate::pki::{Pki, PkiOptions};
use crate::scenario::{Expected, OTHER_NAME, Setup};
use crate::trace::{Participant, Trace};
use crate::wire::AlertDescription;

/// The version prefix of the bench strings this build writes and reads.
pub const BENCH_VERSION: &str = "b1";

/// The longest bench string [`Bench::parse`] looks at. The longest valid one is 69
/// characters; anything past this is refused before it is read.
pub const MAX_BENCH_LEN: usize = 128;

/// How many characters of an unknown switch a [`BenchError`] repeats back.
const MAX_ECHO: usize = 16;

/// Whether the client certificate is within its validity period at the lab's "now".
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Validity {
    /// Valid at "now".
    #[default]
    Valid,
    /// notAfter is before "now" (`cexp`).
    Expired,
    /// notBefore is after "now" (`cnyv`).
    NotYetValid,
}

/// What is wrong with a client certificate the client does send. Faults combine.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ClientFaults {
    /// Issued by a CA the server does not trust (`cca`).
    pub unknown_ca: bool,
    /// Sent without the intermediate that issued it (`cmi`).
    pub missing_intermediate: bool,
    /// Expired or not yet valid (`cexp`, `cnyv`).
    pub validity: Validity,
    /// Carries serverAuth instead of clientAuth (`ceku`).
    pub wrong_eku: bool,
    /// Listed in the intermediate's CRL (`crev`).
    pub revoked: bool,
    /// Changed after the CA signed it, so its signature no longer verifies (`calt`).
    pub altered: bool,
    /// The client's CertificateVerify is signed with a key that is not the certificate's
    /// (`ckey`).
    pub wrong_key: bool,
}

impl ClientFaults {
    /// No fault: a good certificate (the [`Default`], as a constant).
    pub const NONE: Self = Self {
        unknown_ca: false,
        missing_intermediate: false,
        validity: Validity::Valid,
        wrong_eku: false,
        revoked: false,
        altered: false,
        wrong_key: false,
    };
}

/// The client's certificate on the bench.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClientCert {
    /// The client has no certificate (`cnone`): with mutual TLS it answers the
    /// CertificateRequest with an empty Certificate.
    Absent,
    /// The client has a certificate, with these faults (none: a good one).
    Present(ClientFaults),
}

impl Default for ClientCert {
    fn default() -> Self {
        Self::Present(ClientFaults::NONE)
    }
}

/// What is wrong with the server's certificate. Faults combine.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ServerFaults {
    /// Self-signed instead of issued by the lab's intermediate (`sself`).
    pub self_signed: bool,
    /// Made for `other.example` while the client asks for `server.example` (`sname`).
    pub name_mismatch: bool,
    /// The server's CertificateVerify is signed with a key that is not the certificate's
    /// (`skey`).
    pub wrong_key: bool,
}

impl ServerFaults {
    /// No fault: a good certificate (the [`Default`], as a constant).
    pub const NONE: Self = Self {
        self_signed: false,
        name_mismatch: false,
        wrong_key: false,
    };
}

/// A run built from switches. [`Default`] is one-way TLS with everything valid (`b1`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Bench {
    /// Whether the server asks for a client certificate (`m`).
    pub mutual: bool,
    /// The client's certificate (it only matters when `mutual` is on).
    pub client: ClientCert,
    /// The server's certificate.
    pub server: ServerFaults,
    /// The key-exchange group the handshake ends up using (`g25519`, `gp256`).
    pub group: Group,
    /// Whether the client's first key share is for the other group, so the server answers
    /// with a HelloRetryRequest (`hrr`).
    pub hello_retry: bool,
    /// Whether both ends speak only TLS 1.2 (`v12`).
    #[serde(default)]
    pub tls12: bool,
    /// Whether the leaves' keys are RSA-2048 (`rsa`).
    #[serde(default)]
    pub rsa: bool,
    /// Whether TLS 1.2 uses RSA key transport instead of ECDHE (`krsa`; with `v12` and `rsa`).
    #[serde(default)]
    pub rsa_transport: bool,
}

impl Bench {
    /// One-way TLS with everything valid (`b1`, the [`Default`]).
    pub const ONE_WAY: Self = Self {
        mutual: false,
        client: ClientCert::Present(ClientFaults::NONE),
        server: ServerFaults::NONE,
        group: Group::X25519,
        hello_retry: false,
        tls12: false,
        rsa: false,
        rsa_transport: false,
    };

    /// Mutual TLS with everything valid (`b1-m`).
    pub const MUTUAL: Self = Self {
        mutual: true,
        ..Self::ONE_WAY
    };

    /// Mutual TLS with a client certificate that has these faults.
    pub const fn mutual_with(faults: ClientFaults) -> Self {
        Self {
            client: ClientCert::Present(faults),
            ..Self::MUTUAL
        }
    }
}

impl Default for Bench {
    fn default() -> Self {
        Self::ONE_WAY
    }
}

/// Why a string is not a bench. Every variant is a reason the UI can say in words; none
/// holds more than [`MAX_ECHO`] characters of the input.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "error")]
#[non_exhaustive]
pub enum BenchError {
    /// The string is empty.
    Empty,
    /// The string is longer than any bench ([`MAX_BENCH_LEN`]).
    TooLong {
        /// Its length in bytes.
        length: usize,
        /// The most accepted.
        max: usize,
    },
    /// The string does not start with a version (`b1`): it is not a bench string.
    MissingVersion,
    /// The string is a bench of another version (e.g. `b2`, from a newer lab).
    UnsupportedVersion {
        /// The version found, e.g. `b2`.
        version: String,
    },
    /// Two dashes in a row, or a dash at the end.
    EmptySwitch {
        /// Which switch (1 is the first after the version).
        position: usize,
    },
    /// A switch this version does not know.
    UnknownSwitch {
        /// Which switch (1 is the first after the version).
        position: usize,
        /// The switch as written (at most 16 characters).
        switch: String,
    },
    /// A switch appears twice.
    DuplicateSwitch {
        /// The switch, e.g. `m`.
        switch: &'static str,
    },
    /// A switch that means something only beside another one (`krsa` needs `v12` and `rsa`).
    Requires {
        /// The switch, e.g. `krsa`.
        switch: &'static str,
        /// The switch it needs, e.g. `v12`.
        needs: &'static str,
    },
    /// Two switches that cannot go together (`cnone` with another client switch, `cexp`
    /// with `cnyv`, `hrr` with `v12`, a group with `krsa`).
    Conflict {
        /// The first switch, e.g. `cnone`.
        first: &'static str,
        /// The switch that contradicts it, e.g. `cexp`.
        second: &'static str,
    },
}

impl fmt::Display for BenchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Empty => f.write_str("the bench string is empty"),
            Self::TooLong { length, max } => {
                write!(f, "the bench string is {length} bytes long; at most {max}")
            }
            Self::MissingVersion => f.write_str("a bench string starts with its version, b1"),
            Self::UnsupportedVersion { version } => write!(
                f,
                "bench version {version} is not supported by this lab (it reads {BENCH_VERSION})"
            ),
            Self::EmptySwitch { position } => write!(f, "switch {position} is empty"),
            Self::UnknownSwitch { position, switch } => {
                write!(f, "switch {position} ({switch:?}) is not a bench switch")
            }
            Self::DuplicateSwitch { switch } => write!(f, "switch {switch} appears twice"),
            Self::Requires { switch, needs } => {
                write!(f, "switch {switch} needs switch {needs}")
            }
            Self::Conflict { first, second } => {
                write!(f, "switches {first} and {second} cannot go together")
            }
        }
    }
}

impl std::error::Error for BenchError {}

/// Every switch: its token and how it sets a bench. The order is the canonical one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Switch {
    Mutual,
    ClientNone,
    ClientUnknownCa,
    ClientMissingIntermediate,
    ClientExpired,
    ClientNotYetValid,
    ClientWrongEku,
    ClientRevoked,
    ClientAltered,
    ClientWrongKey,
    ServerSelfSigned,
    ServerNameMismatch,
    ServerWrongKey,
    GroupX25519,
    GroupP256,
    HelloRetry,
    Tls12,
    Rsa,
    RsaTransport,
}

impl Switch {
    const ALL: [Switch; 19] = [
        Self::Mutual,
        Self::ClientNone,
        Self::ClientUnknownCa,
        Self::ClientMissingIntermediate,
        Self::ClientExpired,
        Self::ClientNotYetValid,
        Self::ClientWrongEku,
        Self::ClientRevoked,
        Self::ClientAltered,
        Self::ClientWrongKey,
        Self::ServerSelfSigned,
        Self::ServerNameMismatch,
        Self::ServerWrongKey,
        Self::GroupX25519,
        Self::GroupP256,
        Self::HelloRetry,
        Self::Tls12,
        Self::Rsa,
        Self::RsaTransport,
    ];

    fn token(self) -> &'static str {
        match self {
            Self::Mutual => "m",
            Self::ClientNone => "cnone",
            Self::ClientUnknownCa => "cca",
            Self::ClientMissingIntermediate => "cmi",
            Self::ClientExpired => "cexp",
            Self::ClientNotYetValid => "cnyv",
            Self::ClientWrongEku => "ceku",
            Self::ClientRevoked => "crev",
            Self::ClientAltered => "calt",
            Self::ClientWrongKey => "ckey",
            Self::ServerSelfSigned => "sself",
            Self::ServerNameMismatch => "sname",
            Self::ServerWrongKey => "skey",
            Self::GroupX25519 => "g25519",
            Self::GroupP256 => "gp256",
            Self::HelloRetry => "hrr",
            Self::Tls12 => "v12",
            Self::Rsa => "rsa",
            Self::RsaTransport => "krsa",
        }
    }

    fn is_client(self) -> bool {
        matches!(
            self,
            Self::ClientNone
                | Self::ClientUnknownCa
                | Self::ClientMissingIntermediate
                | Self::ClientExpired
                | Self::ClientNotYetValid
                | Self::ClientWrongEku
                | Self::ClientRevoked
                | Self::ClientAltered
                | Self::ClientWrongKey
        )
    }

    fn is_group(self) -> bool {
        matches!(self, Self::GroupX25519 | Self::GroupP256)
    }

    /// Whether `self` is on in `bench` (the default group counts as off: it is not written).
    fn is_on(self, b: &Bench) -> bool {
        let faults = match b.client {
            ClientCert::Present(f) => Some(f),
            ClientCert::Absent => None,
        };
        let fault = |get: fn(&ClientFaults) -> bool| faults.as_ref().is_some_and(get);
        match self {
            Self::Mutual => b.mutual,
            Self::ClientNone => faults.is_none(),
            Self::ClientUnknownCa => fault(|f| f.unknown_ca),
            Self::ClientMissingIntermediate => fault(|f| f.missing_intermediate),
            Self::ClientExpired => fault(|f| f.validity == Validity::Expired),
            Self::ClientNotYetValid => fault(|f| f.validity == Validity::NotYetValid),
            Self::ClientWrongEku => fault(|f| f.wrong_eku),
            Self::ClientRevoked => fault(|f| f.revoked),
            Self::ClientAltered => fault(|f| f.altered),
            Self::ClientWrongKey => fault(|f| f.wrong_key),
            Self::ServerSelfSigned => b.server.self_signed,
            Self::ServerNameMismatch => b.server.name_mismatch,
            Self::ServerWrongKey => b.server.wrong_key,
            Self::GroupX25519 => false,
            Self::GroupP256 => b.group == Group::Secp256r1,
            Self::HelloRetry => b.hello_retry,
            Self::Tls12 => b.tls12,
            Self::Rsa => b.rsa,
            Self::RsaTransport => b.rsa_transport,
        }
    }

    /// Turns `self` on in `b`, which has no client switch yet if `self` is `ClientNone`.
    fn apply(self, b: &mut Bench) {
        let mut faults = match b.client {
            ClientCert::Present(f) => f,
            ClientCert::Absent => ClientFaults::default(),
        };
        match self {
            Self::Mutual => b.mutual = true,
            Self::ClientNone => {
                b.client = ClientCert::Absent;
                return;
            }
            Self::ClientUnknownCa => faults.unknown_ca = true,
            Self::ClientMissingIntermediate => faults.missing_intermediate = true,
            Self::ClientExpired => faults.validity = Validity::Expired,
            Self::ClientNotYetValid => faults.validity = Validity::NotYetValid,
            Self::ClientWrongEku => faults.wrong_eku = true,
            Self::ClientRevoked => faults.revoked = true,
            Self::ClientAltered => faults.altered = true,
            Self::ClientWrongKey => faults.wrong_key = true,
            Self::ServerSelfSigned => b.server.self_signed = true,
            Self::ServerNameMismatch => b.server.name_mismatch = true,
            Self::ServerWrongKey => b.server.wrong_key = true,
            Self::GroupX25519 => b.group = Group::X25519,
            Self::GroupP256 => b.group = Group::Secp256r1,
            Self::HelloRetry => b.hello_retry = true,
            Self::Tls12 => b.tls12 = true,
            Self::Rsa => b.rsa = true,
            Self::RsaTransport => b.rsa_transport = true,
        }
        if self.is_client() {
            b.client = ClientCert::Present(faults);
        }
    }
}

/// Which of two switches that were both given contradicts the other, if any.
fn conflicting(a: Switch, b: Switch) -> bool {
    use Switch as S;
    let pair = |x, y| (a == x && b == y) || (a == y && b == x);
    (a.is_client() && b.is_client() && (a == S::ClientNone || b == S::ClientNone))
        || pair(S::ClientExpired, S::ClientNotYetValid)
        || pair(S::HelloRetry, S::Tls12)
        || (a.is_group() && b.is_group())
        || (a == S::RsaTransport && (b.is_group() || b == S::HelloRetry))
        || (b == S::RsaTransport && (a.is_group() || a == S::HelloRetry))
}

/// The first `MAX_ECHO` characters of `s`.
fn echo(s: &str) -> String {
    s.chars().take(MAX_ECHO).collect()
}

impl Bench {
    /// Reads a bench string (see the module docs for the format).
    ///
    /// # Errors
    /// A [`BenchError`] saying what is wrong with the first thing that is: the length, the
    /// version, an empty, unknown or repeated switch, or two switches that contradict each
    /// other. Never panics, whatever the input.
    pub fn parse(s: &str) -> Result<Self, BenchError> {
        if s.is_empty() {
            return Err(BenchError::Empty);
        }
        if s.len() > MAX_BENCH_LEN {
            return Err(BenchError::TooLong {
                length: s.len(),
                max: MAX_BENCH_LEN,
            });
        }
        let mut tokens = s.split('-');
        let version = tokens.next().unwrap_or_default();
        if version != BENCH_VERSION {
            let numbered = version
                .strip_prefix('b')
                .is_some_and(|n| !n.is_empty() && n.bytes().all(|c| c.is_ascii_digit()));
            return Err(if numbered {
                BenchError::UnsupportedVersion {
                    version: echo(version),
                }
            } else {
                BenchError::MissingVersion
            });
        }
        let mut seen: Vec<Switch> = Vec::new();
        for (i, token) in tokens.enumerate() {
            let position = i + 1;
            if token.is_empty() {
                return Err(BenchError::EmptySwitch { position });
            }
            let Some(switch) = Switch::ALL.into_iter().find(|sw| sw.token() == token) else {
                return Err(BenchError::UnknownSwitch {
                    position,
                    switch: echo(token),
                });
            };
            if seen.contains(&switch) {
                return Err(BenchError::DuplicateSwitch {
                    switch: switch.token(),
                });
            }
            if let Some(first) = seen.iter().find(|prev| conflicting(**prev, switch)) {
                return Err(BenchError::Conflict {
                    first: first.token(),
                    second: switch.token(),
                });
            }
            seen.push(switch);
        }
        if seen.contains(&Switch::RsaTransport) {
            for needs in [Switch::Tls12, Switch::Rsa] {
                if !seen.contains(&needs) {
                    return Err(BenchError::Requires {
                        switch: Switch::RsaTransport.token(),
                        needs: needs.token(),
                    });
                }
            }
        }
        let mut bench = Self::default();
        for switch in seen {
            switch.apply(&mut bench);
        }
        Ok(bench)
    }

    /// The canonical bench string: `b1`, then each switch that is on, in the grammar's order,
    /// the default group left out.
    pub fn encode(&self) -> String {
        let mut out = String::from(BENCH_VERSION);
        for switch in Switch::ALL.into_iter().filter(|sw| sw.is_on(self)) {
            out.push('-');
            out.push_str(switch.token());
        }
        out
    }

    /// How the run ends, by the first check that fails: the client checks the server's
    /// certificate first (chain, name, then CertificateVerify, or in TLS 1.2 the signature on
    /// ServerKeyExchange); with mutual TLS the server then checks the client's (chain, EKU,
    /// revocation, the CA's signature, validity, then CertificateVerify). The alerts are
    /// OpenSSL's, in TLS 1.2 as in TLS 1.3, but for a missing client certificate: TLS 1.2 has
    /// no certificate_required, and OpenSSL sends handshake_failure.
    pub fn expected(&self) -> Expected {
        use AlertDescription as A;
        use Participant::{Client, Server};
        let fails = |detected_by, alert| Expected::Failed { detected_by, alert };
        let s = &self.server;
        if s.self_signed {
            return fails(Client, A::UNKNOWN_CA);
        }
        if s.name_mismatch {
            return fails(Client, A::BAD_CERTIFICATE);
        }
        // A server without its key: with ECDHE its signature fails the client's check; with
        // RSA key transport it signs nothing, cannot decrypt the pre-master secret and ends up
        // with other keys than the client, so the client's Finished does not open (after any
        // fault of the client's own certificate, which the server meets first).
        let undecryptable = s.wrong_key && self.rsa_transport;
        if s.wrong_key && !undecryptable {
            return fails(Client, A::DECRYPT_ERROR);
        }
        let after = if undecryptable {
            fails(Server, A::BAD_RECORD_MAC)
        } else {
            Expected::Success
        };
        if !self.mutual {
            return after;
        }
        let c = match self.client {
            ClientCert::Absent if self.tls12 => return fails(Server, A::HANDSHAKE_FAILURE),
            ClientCert::Absent => return fails(Server, A::CERTIFICATE_REQUIRED),
            ClientCert::Present(c) => c,
        };
        // OpenSSL's order: the chain, the purpose, revocation, the signatures, then the dates.
        if c.unknown_ca || c.missing_intermediate {
            fails(Server, A::UNKNOWN_CA)
        } else if c.wrong_eku {
            fails(Server, A::UNSUPPORTED_CERTIFICATE)
        } else if c.revoked {
            fails(Server, A::CERTIFICATE_REVOKED)
        } else if c.altered {
            fails(Server, A::DECRYPT_ERROR)
        } else if c.validity == Validity::Expired {
            fails(Server, A::CERTIFICATE_EXPIRED)
        } else if c.validity == Validity::NotYetValid {
            fails(Server, A::BAD_CERTIFICATE)
        } else if c.wrong_key {
            fails(Server, A::DECRYPT_ERROR)
        } else {
            after
        }
    }

    /// How the bench bends the lab's PKI.
    pub(crate) fn pki_options(&self) -> PkiOptions {
        let c = match self.client {
            ClientCert::Present(c) => c,
            ClientCert::Absent => ClientFaults::default(),
        };
        PkiOptions {
            client_expired: c.validity == Validity::Expired,
            client_not_yet_valid: c.validity == Validity::NotYetValid,
            client_wrong_eku: c.wrong_eku,
            client_unknown_ca: c.unknown_ca,
            client_missing_intermediate: c.missing_intermediate,
            client_revoked: c.revoked,
            server_name: self.server.name_mismatch.then(|| OTHER_NAME.into()),
            server_self_signed: self.server.self_signed,
            client_altered: c.altered,
            rsa_leaves: self.rsa,
            rsa_authorities: false,
        }
    }
}

impl fmt::Display for Bench {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.encode())
    }
}

impl FromStr for Bench {
    type Err = BenchError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

/// The PKI a bench runs with for `seed`: the very certificates, keys and CRL of
/// [`run_bench`], e.g. for the certificate viewer's downloads.
pub fn bench_pki(bench: &Bench, seed: u64) -> Pki {
    Setup::direct(*bench).pki(seed)
}

/// Runs `bench` with all randomness from `seed`, the request sent once. The trace's
/// `scenario` is the bench's canonical string.
pub fn run_bench(bench: &Bench, seed: u64) -> Trace {
    let setup = Setup::direct(*bench);
    setup.run(&bench.encode(), seed, &setup.pki(seed), 1)
}
