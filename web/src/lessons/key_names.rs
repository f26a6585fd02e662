//! The key-role table's words: each key, viewer and holding.

use mtls_lab_engine::roles::{Holding, RoleKey, Viewer};

use crate::i18n::{Lang, Text, pick, t};

/// Which handshake's words the key table uses: TLS 1.3's, or TLS 1.2's with ECDHE or with RSA
/// key transport (whose pre-master secret the client makes and encrypts, with no ephemeral
/// key).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyWords {
    /// TLS 1.3 (RFC 8446).
    Tls13,
    /// TLS 1.2 with ECDHE (RFC 5246, RFC 8422).
    Tls12Ecdhe,
    /// TLS 1.2 with RSA key transport (RFC 5246 §7.4.7.1).
    Tls12Rsa,
}

impl KeyWords {
    /// The words for `trace`'s handshake.
    pub fn of(trace: &mtls_lab_engine::trace::Trace) -> Self {
        use mtls_lab_engine::trace::{Explain, Tls12Step};
        if trace.version() != mtls_lab_engine::wire::handshake::TlsVersion::Tls12 {
            Self::Tls13
        } else if trace
            .steps
            .iter()
            .any(|s| s.explain == Explain::Tls12(Tls12Step::ClientKeyExchangeRsa))
        {
            Self::Tls12Rsa
        } else {
            Self::Tls12Ecdhe
        }
    }
}

/// A key event's kind by the name RFC 8446 gives it (§7.1 for the secrets, §4.2.8 for the key
/// shares), or in a TLS 1.2 run (`tls12`) RFC 5246's and RFC 8422's, the same on both language
/// pages, instead of the engine's Rust name; `None` for the long-term keys, which the RFCs do
/// not name (the row's own name says what they are).
pub fn key_kind_label(
    kind: mtls_lab_engine::handshake::KeyKind,
    words: KeyWords,
) -> Option<&'static str> {
    use mtls_lab_engine::handshake::KeyKind as K;
    if words != KeyWords::Tls13 {
        // RFC 8422 §5.4 and §5.7: the ephemeral ECDH key's public point travels in
        // ServerKeyExchange and ClientKeyExchange; RFC 5246 §8.1: the pre_master_secret.
        match kind {
            K::ClientEphemeralPrivate | K::ServerEphemeralPrivate => {
                return Some("ECDHE (private)");
            }
            K::ClientEphemeralPublic | K::ServerEphemeralPublic => return Some("ECPoint"),
            K::SharedSecret => return Some("pre_master_secret"),
            _ => {}
        }
    }
    Some(match kind {
        K::ClientEphemeralPrivate | K::ServerEphemeralPrivate => "key_share (private)",
        K::ClientEphemeralPublic | K::ServerEphemeralPublic => "key_share",
        K::SharedSecret => "(EC)DHE",
        K::HandshakeSecret => "Handshake Secret",
        K::ClientHandshakeTraffic => "client_handshake_traffic_secret",
        K::ServerHandshakeTraffic => "server_handshake_traffic_secret",
        K::MasterSecret => "Master Secret",
        K::ClientApplicationTraffic => "client_application_traffic_secret_N",
        K::ServerApplicationTraffic => "server_application_traffic_secret_N",
        // TLS 1.2 (RFC 5246 §8.1, §6.3).
        K::Tls12MasterSecret => "master_secret (TLS 1.2)",
        K::Tls12KeyBlock => "key_block (TLS 1.2)",
        K::ServerPrivateKey | K::ClientPrivateKey | K::ServerPublicKey | K::ClientPublicKey => {
            return None;
        }
    })
}

/// A key-role table row's name in a run whose handshake `words` says: TLS 1.2 has no key shares
/// (its ephemeral public keys travel in ServerKeyExchange and ClientKeyExchange, RFC 8422
/// §5.4, §5.7), calls the ECDHE result the pre-master secret (RFC 8422 §5.10) and takes its
/// session keys from the key block (RFC 5246 §6.3).
pub fn key_in(lang: Lang, k: RoleKey, words: KeyWords) -> &'static str {
    if words == KeyWords::Tls13 {
        return key(lang, k);
    }
    pick(
        lang,
        match k {
            // RFC 5246 §7.4.7.1: the client generates it and encrypts it to the server's key.
            RoleKey::SharedSecret if words == KeyWords::Tls12Rsa => (
                "Pre-master secret (made by the client, sent encrypted)",
                "プリマスターシークレット (クライアントが作り、暗号化して送る)",
            ),
            RoleKey::ClientEphemeralPublic => {
                ("Client's ECDHE public key", "クライアントの ECDHE 公開鍵")
            }
            RoleKey::ServerEphemeralPublic => {
                ("Server's ECDHE public key", "サーバーの ECDHE 公開鍵")
            }
            RoleKey::SharedSecret => (
                "Pre-master secret (ECDHE)",
                "プリマスターシークレット (ECDHE)",
            ),
            RoleKey::ApplicationTrafficKeys => (
                "Session keys (from the key block)",
                "セッションキー (キーブロックから)",
            ),
            other => return key(lang, other),
        },
    )
}

/// A key-role table row's name.
pub fn key(lang: Lang, k: RoleKey) -> &'static str {
    pick(
        lang,
        match k {
            RoleKey::CaPrivateKeys => (
                "CA private keys (root, intermediate)",
                "認証局の秘密鍵 (ルート、中間)",
            ),
            RoleKey::ServerPrivateKey => ("Server's private key", "サーバーの秘密鍵"),
            RoleKey::ServerPublicKey => (
                "Server's public key (in its certificate)",
                "サーバーの公開鍵 (証明書内)",
            ),
            RoleKey::ClientPrivateKey => ("Client's private key", "クライアントの秘密鍵"),
            RoleKey::ClientPublicKey => (
                "Client's public key (in its certificate)",
                "クライアントの公開鍵 (証明書内)",
            ),
            RoleKey::ClientEphemeralPrivate => {
                ("Client's ephemeral private key", "クライアントの一時秘密鍵")
            }
            RoleKey::ClientEphemeralPublic => (
                "Client's key share (public)",
                "クライアントの key share (公開)",
            ),
            RoleKey::ServerEphemeralPrivate => {
                ("Server's ephemeral private key", "サーバーの一時秘密鍵")
            }
            RoleKey::ServerEphemeralPublic => {
                ("Server's key share (public)", "サーバーの key share (公開)")
            }
            RoleKey::SharedSecret => ("ECDHE shared secret", "ECDHE 共有秘密"),
            RoleKey::HandshakeTrafficKeys => {
                ("Handshake traffic keys", "ハンドシェイク用トラフィック鍵")
            }
            RoleKey::ApplicationTrafficKeys => (
                "Session keys (application traffic)",
                "セッションキー (アプリケーション用)",
            ),
        },
    )
}

/// The glossary entry a key-role row links to.
pub fn key_term(k: RoleKey) -> &'static str {
    match k {
        RoleKey::CaPrivateKeys => "ca",
        RoleKey::ServerPrivateKey | RoleKey::ClientPrivateKey => "private-key",
        RoleKey::ServerPublicKey | RoleKey::ClientPublicKey => "public-key",
        RoleKey::ClientEphemeralPrivate
        | RoleKey::ClientEphemeralPublic
        | RoleKey::ServerEphemeralPrivate
        | RoleKey::ServerEphemeralPublic
        | RoleKey::SharedSecret => "ecdhe",
        RoleKey::HandshakeTrafficKeys | RoleKey::ApplicationTrafficKeys => "session-key",
    }
}

/// A column's name.
pub fn viewer(lang: Lang, v: Viewer) -> &'static str {
    t(
        lang,
        match v {
            Viewer::Client => Text::Client,
            Viewer::Server => Text::Server,
            Viewer::Observer => Text::Observer,
            Viewer::Attacker => Text::Attacker,
        },
    )
}

/// A cell's words.
pub fn holding(lang: Lang, h: Holding) -> &'static str {
    t(
        lang,
        match h {
            Holding::Holds => Text::Holds,
            Holding::Later => Text::Later,
            Holding::Never => Text::Never,
        },
    )
}
