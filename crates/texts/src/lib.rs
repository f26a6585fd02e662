//! The words for what the engine decides, in English and Japanese, shared by the page and the
//! CLI so that both say the same thing: the language itself, and the verification checklist
//! (its rows, their status, the reasons a row failed or was skipped, and the verdict).
//!
//! This crate has no UI dependency: the CLI links it natively, the page's app and first module
//! link it in wasm. Every text is a pair `(English, Japanese)` in one `match`, so a new engine
//! id without words fails to compile here.

use mtls_lab_engine::handshake::CheckKind;
use mtls_lab_engine::pki::checklist::{CheckStatus, ChecklistItem, ChecklistReason, OtherVerdict};
use mtls_lab_engine::wire::AlertDescription;

/// A language the lab speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    /// English.
    En,
    /// Japanese.
    Ja,
}

impl Lang {
    /// The language for a BCP 47 tag such as `ja-JP` or `en-US`, or a POSIX locale such as
    /// `ja_JP.UTF-8`; English for anything else.
    pub fn from_tag(tag: &str) -> Self {
        if tag.to_ascii_lowercase().starts_with("ja") {
            Self::Ja
        } else {
            Self::En
        }
    }

    /// The tag for `<html lang>` and links.
    pub fn tag(self) -> &'static str {
        match self {
            Self::En => "en",
            Self::Ja => "ja",
        }
    }

    /// The other language, for the switch.
    pub fn other(self) -> Self {
        match self {
            Self::En => Self::Ja,
            Self::Ja => Self::En,
        }
    }
}

/// Picks the English or Japanese half of a pair.
pub fn pick(lang: Lang, (en, ja): (&'static str, &'static str)) -> &'static str {
    match lang {
        Lang::En => en,
        Lang::Ja => ja,
    }
}

/// A checklist row's name.
pub fn checklist_item(lang: Lang, item: ChecklistItem) -> &'static str {
    pick(
        lang,
        match item {
            ChecklistItem::ChainToTrustedRoot => (
                "The chain leads to a trusted root CA",
                "チェーンが信頼するルートCAにたどり着く",
            ),
            ChecklistItem::Signatures => (
                "Each certificate's signature verifies",
                "各証明書の署名の検証に成功する",
            ),
            ChecklistItem::Validity => (
                "Each certificate below the trust anchor is within its validity period",
                "トラストアンカーより下の各証明書が有効期間内にある",
            ),
            ChecklistItem::ExtendedKeyUsage => (
                "The Extended Key Usage fits the role",
                "拡張鍵用途 (EKU) が役割に合う",
            ),
            ChecklistItem::ServerName => (
                "The server name matches the certificate (SAN)",
                "サーバー名が証明書 (SAN) と一致",
            ),
            ChecklistItem::NotRevoked => (
                "The leaf is not revoked (its issuer's CRL)",
                "リーフ証明書が発行者の CRL で失効していない",
            ),
            ChecklistItem::PossessionOfPrivateKey => (
                "CertificateVerify proves possession of the private key",
                "CertificateVerify で秘密鍵の所持を証明",
            ),
        },
    )
}

/// A row of the checks on the leaf alone: as [`checklist_item`], but the validity row is about
/// the leaf only (there may be no trust anchor to speak of).
pub fn leaf_check_item(lang: Lang, item: ChecklistItem) -> &'static str {
    match item {
        ChecklistItem::Validity => pick(
            lang,
            (
                "The leaf is within its validity period",
                "リーフ証明書が有効期間内にある",
            ),
        ),
        other => checklist_item(lang, other),
    }
}

/// A checklist row's status.
pub fn check_status(lang: Lang, s: CheckStatus) -> (&'static str, &'static str) {
    let words = pick(
        lang,
        match s {
            CheckStatus::Passed => ("passed", "成功"),
            CheckStatus::Failed => ("failed", "失敗"),
            CheckStatus::NotReached => ("not reached", "未到達"),
            CheckStatus::Skipped => ("skipped", "省略"),
        },
    );
    let mark = match s {
        CheckStatus::Passed => "✓",
        CheckStatus::Failed => "✕",
        CheckStatus::NotReached => "…",
        CheckStatus::Skipped => "–",
    };
    (mark, words)
}

/// Why a checklist row failed or was skipped, in words a learner understands.
pub fn checklist_reason(lang: Lang, r: ChecklistReason) -> &'static str {
    pick(
        lang,
        match r {
            ChecklistReason::Malformed => (
                "The certificate could not be decoded.",
                "証明書を解析できません。",
            ),
            ChecklistReason::IssuerNotFound => (
                "Its issuer's certificate is neither a trusted root CA nor among the certificates sent, so no chain to a trusted root can be built. If the issuer is an intermediate CA, its certificate was probably not sent.",
                "発行者の証明書が、信頼するルートCAでも送られてきた証明書の中にもないため、信頼するルートCAまでのチェーンを組み立てられません。発行者が中間CAなら、その証明書が送られていない可能性があります。",
            ),
            ChecklistReason::SelfSignedNotTrusted => (
                "The certificate signed itself, and it is not in our trust store.",
                "自己署名の証明書で、トラストストアに入っていません。",
            ),
            ChecklistReason::IssuerNotCa => (
                "The issuer is not allowed to act as a CA (basicConstraints).",
                "発行者はCAとして振る舞うことを許されていません (basicConstraints)。",
            ),
            ChecklistReason::SignatureInvalid => (
                "The issuer's signature on the certificate does not verify.",
                "発行者による証明書の署名の検証に失敗しました。",
            ),
            ChecklistReason::Expired => (
                "The certificate has expired.",
                "証明書の有効期限が切れています。",
            ),
            ChecklistReason::NotYetValid => (
                "The certificate is not valid yet.",
                "証明書の有効期間がまだ始まっていません。",
            ),
            ChecklistReason::EkuMissingPurpose => (
                "The certificate is not issued for this role (clientAuth for a client, serverAuth for a server).",
                "証明書はこの役割のために発行されていません (クライアントには clientAuth、サーバーには serverAuth が必要)。",
            ),
            ChecklistReason::NameNotInSan => (
                "The name the client asked for is not among the certificate's names.",
                "クライアントが接続しようとした名前が、証明書の名前に含まれていません。",
            ),
            ChecklistReason::NoSubjectAltName => (
                "The certificate has no subjectAltName; its common name (CN) is not used for the name check.",
                "証明書に subjectAltName がありません。共通名 (CN) は名前の照合に使いません。",
            ),
            ChecklistReason::Revoked => (
                "The CA has revoked this certificate: its serial number is on the CRL.",
                "CAがこの証明書を失効させています。シリアル番号が CRL に載っています。",
            ),
            ChecklistReason::CrlSignatureInvalid => (
                "The CRL's signature does not verify.",
                "CRL の署名の検証に失敗しました。",
            ),
            ChecklistReason::NoCrl => (
                "The verifier has no CRL, so revocation is not checked.",
                "検証する側が CRL を持っていないため、失効は確認していません。",
            ),
            ChecklistReason::NoCrlForIssuer => (
                "No CRL from this certificate's issuer, so its revocation is not checked.",
                "この証明書の発行者の CRL がないため、失効は確認していません。",
            ),
            ChecklistReason::UnsupportedSignatureAlgorithm => (
                "The issuer signed this certificate with an algorithm the lab cannot verify (it verifies only ecdsa-with-SHA256 by a P-256 key), so the lab refuses it. This is a limit of the lab, not necessarily a fault in the certificate: OpenSSL and browsers also verify RSA and ECDSA P-384.",
                "発行者がこの証明書に付けた署名のアルゴリズムは、ラボでは検証できません (検証できるのは P-256 の鍵による ecdsa-with-SHA256 の署名だけです)。そのためラボは拒否しますが、これはラボの制約で、証明書の誤りとは限りません。OpenSSL やブラウザーは RSA や ECDSA P-384 の署名も検証します。",
            ),
            ChecklistReason::NoServerNameGiven => (
                "No server name was given, so the certificate's names (SAN) were not checked. A real client always checks the name it connected to.",
                "サーバー名が指定されていないため、証明書の名前 (SAN) は照合していません。実際のクライアントは接続先の名前を必ず照合します。",
            ),
            ChecklistReason::SignatureDoesNotMatchKey => (
                "The CertificateVerify signature does not verify under the certificate's public key: the sender did not prove it holds the private key (or the handshake was altered).",
                "CertificateVerify の署名を証明書の公開鍵で検証できません。送信者は秘密鍵の所持を証明できていません (またはハンドシェイクが改ざんされています)。",
            ),
        },
    )
}

/// A certificate's key algorithm as people name it (`ECDSA P-256`, `RSA`…).
pub fn key_algorithm(key: &mtls_lab_engine::pki::byo::KeyAlgorithm) -> String {
    use mtls_lab_engine::pki::byo::KeyAlgorithm;
    match key {
        KeyAlgorithm::P256 => "ECDSA P-256".into(),
        KeyAlgorithm::P384 => "ECDSA P-384".into(),
        KeyAlgorithm::OtherCurve { oid } => format!("EC ({oid})"),
        KeyAlgorithm::Rsa => "RSA".into(),
        KeyAlgorithm::Ed25519 => "Ed25519".into(),
        KeyAlgorithm::Other { oid } => oid.clone(),
    }
}

/// Where rustls would decide otherwise than the lab's checklist (which follows OpenSSL's order):
/// `stopped_at` is the row the lab stopped at.
pub fn rustls_verdict(
    lang: Lang,
    other: &OtherVerdict,
    stopped_at: Option<ChecklistItem>,
) -> String {
    let alert = AlertDescription(other.alert);
    let alert = format!("{} ({})", alert.name(), alert.0);
    let item = checklist_item(lang, other.item);
    let same = stopped_at == Some(other.item);
    if same && other.alert != AlertDescription::CERTIFICATE_EXPIRED.0 {
        return match lang {
            Lang::En => format!("rustls stops at the same check but sends {alert}."),
            Lang::Ja => format!("rustls も同じ確認で止まりますが、送るアラートは {alert} です。"),
        };
    }
    match (lang, same) {
        (Lang::En, true) => format!(
            "rustls stops at the same check but sends {alert}: it uses certificate_expired for any certificate outside its validity period, as RFC 8446 §6.2 allows (\"expired or is not currently valid\")."
        ),
        (Lang::Ja, true) => format!(
            "rustls も同じ確認で止まりますが、送るアラートは {alert} です。rustls は有効期間外の証明書すべてに certificate_expired を使います。RFC 8446 §6.2 は certificate_expired を「期限切れ、または現在有効でない」証明書に使えるとしています。"
        ),
        (Lang::En, false) => format!(
            "This list follows OpenSSL's order. rustls checks in another order (each certificate's dates and purpose before its issuer, revocation after the signatures): it would stop at \u{201c}{item}\u{201d} and send {alert}."
        ),
        (Lang::Ja, false) => format!(
            "この一覧は OpenSSL の順序で確認しています。rustls は別の順序で確認します (各証明書の有効期間と用途を発行者より先に、失効を署名の後に確認します)。rustls なら「{item}」で止まり、{alert} を送ります。"
        ),
    }
}

/// What an alert means, by its RFC 8446 name.
pub fn alert_meaning(lang: Lang, name: &str) -> (String, String) {
    let body = match name {
        "close_notify" => (
            "The sender will send nothing more on this connection: a clean goodbye, not an error.",
            "送信側はこの接続でこれ以上何も送りません。エラーではなく、正常な終了の挨拶です。",
        ),
        "certificate_required" => (
            "The server requires a client certificate and none was sent.",
            "サーバーはクライアント証明書を必須としていますが、送られてきませんでした。",
        ),
        "unknown_ca" => (
            "The certificate chain does not lead to a CA the receiver trusts (unknown issuer, missing intermediate, or self-signed).",
            "証明書チェーンが、受信側の信頼する認証局にたどり着きません (発行者が不明、中間証明書の欠落、自己署名など)。",
        ),
        "certificate_expired" => (
            "A certificate's validity period has ended.",
            "証明書の有効期間が終わっています。",
        ),
        "certificate_revoked" => (
            "The issuing CA revoked the certificate (it is on the CRL).",
            "発行した認証局が証明書を失効させています (CRL に載っています)。",
        ),
        "unsupported_certificate" => (
            "The certificate is not allowed for this purpose (its Extended Key Usage does not fit the role).",
            "証明書はこの用途に使えません (拡張鍵用途 EKU が役割に合いません)。",
        ),
        "bad_certificate" => (
            "The certificate is unacceptable: not yet valid, the wrong name, or otherwise broken.",
            "証明書を受け入れられません (まだ有効でない、名前が違う、その他の不備)。",
        ),
        "decrypt_error" => (
            "A signature or Finished value did not verify. For a CA's signature on a certificate: the certificate was changed after signing, or that CA never signed it. For CertificateVerify: the peer does not hold the certificate's private key, or the handshake was altered. For Finished: the handshake was altered.",
            "署名または Finished の値を検証できませんでした。証明書に付いた認証局の署名なら、署名後に証明書が書き換えられたか、その認証局が署名したものではありません。CertificateVerify なら、相手が証明書の秘密鍵を持っていないか、ハンドシェイクが改ざんされています。Finished なら、ハンドシェイクが改ざんされています。",
        ),
        "bad_record_mac" => (
            "An encrypted record failed its authentication tag: it was changed on the way.",
            "暗号化レコードの認証タグが一致しません。途中で改ざんされました。",
        ),
        "handshake_failure" => (
            "The two sides could not agree on parameters.",
            "両者がパラメータに合意できませんでした。",
        ),
        "illegal_parameter" => (
            "A field had a value the receiver does not allow.",
            "受信側が許容しない値のフィールドがありました。",
        ),
        "decode_error" => (
            "A message could not be decoded.",
            "メッセージを解析できませんでした。",
        ),
        "unexpected_message" => (
            "A message arrived at the wrong time.",
            "想定外のタイミングでメッセージが届きました。",
        ),
        "record_overflow" => (
            "A record was longer than TLS allows.",
            "TLS が許す長さを超えるレコードでした。",
        ),
        _ => (
            "An alert ends the connection.",
            "アラートで接続が終了します。",
        ),
    };
    (format!("Alert: {name}"), pick(lang, body).to_string())
}

/// A check's name.
pub fn check(lang: Lang, c: CheckKind) -> &'static str {
    pick(
        lang,
        match c {
            CheckKind::SupportedVersion => ("Both speak TLS 1.3", "両者が TLS 1.3 に対応"),
            CheckKind::CipherSuite => ("A cipher suite in common", "共通の暗号スイート"),
            CheckKind::KeyShareGroup => (
                "A key-exchange group and share",
                "鍵交換グループと key share",
            ),
            CheckKind::SignatureScheme => ("A signature scheme in common", "共通の署名方式"),
            CheckKind::Alpn => (
                "Application protocol (ALPN)",
                "アプリケーションプロトコル (ALPN)",
            ),
            CheckKind::ServerCertificateChain => (
                "Server certificate chain is trusted",
                "サーバー証明書チェーンを信頼できる",
            ),
            CheckKind::ClientCertificatePresent => (
                "The client sent a certificate",
                "クライアントが証明書を送った",
            ),
            CheckKind::ClientCertificateChain => (
                "Client certificate chain is trusted",
                "クライアント証明書チェーンを信頼できる",
            ),
            CheckKind::ServerCertificateVerify => (
                "Server's signature proves it holds the private key",
                "サーバーの署名で秘密鍵の所持を確認",
            ),
            CheckKind::ClientCertificateVerify => (
                "Client's signature proves it holds the private key",
                "クライアントの署名で秘密鍵の所持を確認",
            ),
            CheckKind::ServerFinished => ("Server Finished matches", "サーバーの Finished が一致"),
            CheckKind::ClientFinished => {
                ("Client Finished matches", "クライアントの Finished が一致")
            }
            CheckKind::RecordAuthentication => (
                "Record authenticates (AES-GCM tag)",
                "レコードの認証 (AES-GCM タグ)",
            ),
        },
    )
}
