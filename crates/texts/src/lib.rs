//! The words for what the engine decides, in English and Japanese, shared by the page and the
//! CLI so that both say the same thing: the language itself, and the verification checklist
//! (its rows, their status, the reasons a row failed or was skipped, and the verdict).
//!
//! This crate has no UI dependency: the CLI links it natively, the page's app and first module
//! link it in wasm. Every text is a pair `(English, Japanese)` in one `match`, so a new engine
//! id without words fails to compile here.

use mtls_lab_engine::crypto::CryptoError;
use mtls_lab_engine::error::{Error, Expecting, NoCommon, Param, Received};
use mtls_lab_engine::handshake::CheckKind;
use mtls_lab_engine::pki::VerifyError;
use mtls_lab_engine::pki::checklist::{CheckStatus, ChecklistItem, ChecklistReason, OtherVerdict};
use mtls_lab_engine::wire::AlertDescription;
use mtls_lab_engine::wire::codec::DecodeErrorKind;

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
                "The issuer signed this certificate with an algorithm the lab cannot verify (it verifies ecdsa-with-SHA256 by a P-256 key, and RSA PKCS#1 v1.5 or PSS with SHA-256), so the lab refuses it. This is a limit of the lab, not necessarily a fault in the certificate: OpenSSL and browsers also verify ECDSA P-384 and RSA with SHA-384 or SHA-512.",
                "発行者がこの証明書に付けた署名のアルゴリズムは、ラボでは検証できません (検証できるのは P-256 の鍵による ecdsa-with-SHA256 と、SHA-256 を使う RSA PKCS#1 v1.5 または PSS の署名です)。そのためラボは拒否しますが、これはラボの制約で、証明書の誤りとは限りません。OpenSSL やブラウザーは ECDSA P-384 や、SHA-384、SHA-512 を使う RSA の署名も検証します。",
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
    let note = if other.reason == ChecklistReason::NotYetValid && !same {
        pick(
            lang,
            (
                " The certificate is not valid yet, and rustls uses certificate_expired for any certificate outside its validity period, as RFC 8446 §6.2 allows (\"expired or is not currently valid\").",
                "証明書の有効期間はまだ始まっていませんが、rustls は有効期間外の証明書すべてに certificate_expired を使います。RFC 8446 §6.2 は certificate_expired を「期限切れ、または現在有効でない」証明書に使えるとしています。",
            ),
        )
    } else {
        ""
    };
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
            "This list follows OpenSSL's order. rustls checks in another order (for each certificate, its validity dates and then its EKU before it looks for the certificate's issuer; revocation after the signatures; the server name last): it would stop at \u{201c}{item}\u{201d} and send {alert}.{note}"
        ),
        (Lang::Ja, false) => format!(
            "この一覧は OpenSSL の順序に従っています。rustls は別の順序で確認します (各証明書について、発行者を探す前に有効期間を、次に拡張鍵用途 (EKU) を確認し、失効は署名の検証の後、サーバー名は最後に確認します)。rustls なら「{item}」で止まり、{alert} を送ります。{note}"
        ),
    }
}

/// What went wrong, in `lang`: the engine's error (`Error`'s `Display` in English, the same
/// facts in Japanese), shown under a failed check or an alert.
pub fn failure(lang: Lang, e: &Error) -> String {
    if lang == Lang::En {
        return e.to_string();
    }
    match e {
        Error::Decode(d) => {
            let field = &d.field;
            match d.kind {
                DecodeErrorKind::Truncated => {
                    format!("メッセージが `{field}` の途中で終わっています")
                }
                DecodeErrorKind::TrailingBytes => {
                    format!("メッセージの `{field}` の後ろに余分なバイトがあります")
                }
                DecodeErrorKind::Invalid => format!("メッセージの `{field}` の値が不正です"),
            }
        }
        Error::UnexpectedMessage {
            got,
            expected: Expecting::Nothing,
        } => {
            let got = received_ja(got);
            format!(
                "閉じた接続で{}{got}{}を受信しました",
                gap_before(&got),
                gap_after(&got)
            )
        }
        Error::UnexpectedMessage { got, expected } => {
            let expected = expecting_ja(*expected);
            let got = received_ja(got);
            format!(
                "{expected}{}を待っているところに{}{got}{}を受信しました",
                gap_after(expected),
                gap_before(&got),
                gap_after(&got)
            )
        }
        Error::RecordOverflow => "レコードが許される最大長を超えています".into(),
        Error::BadRecordMac => {
            "レコードの認証に失敗しました (鍵が違うか、バイトが改ざんされています)".into()
        }
        Error::TooMuchEarlyData(limit) => {
            format!("読めないアーリーデータ (early data) が {limit} バイトを超えました")
        }
        Error::HandshakeFailure(why) => match why {
            NoCommon::CipherSuite => "共通の暗号スイートがありません".into(),
            NoCommon::SignatureScheme => "共通の署名方式がありません".into(),
            NoCommon::Group => "共通の鍵交換グループがありません".into(),
        },
        Error::IllegalParameter(what) => match what {
            Param::DuplicateExtensions => "同じ種類の拡張が 2 回以上含まれています".into(),
            Param::SelectedVersion => {
                "ServerHello の supported_versions が、クライアントが提示していないバージョンか TLS 1.3 より前のバージョンを選んでいます"
                    .into()
            }
            Param::AlpnSelection => {
                "ALPN の応答が不正です (プロトコルが 1 つでないか、クライアントが提示していないプロトコルです)"
                    .into()
            }
            Param::CertificateVerifyAlgorithm => "CertificateVerify の署名方式が不正です".into(),
            Param::KeyShareGroupNotSupported => {
                "key_share のグループが supported_groups にありません".into()
            }
            Param::ClientHelloAfterRetry => {
                "2 回目の ClientHello が HelloRetryRequest の要求に沿っていません".into()
            }
            Param::HandshakeMessageLength => {
                "ハンドシェイクメッセージの長さが、受信側が受け付ける上限の 64 KiB を超えています"
                    .into()
            }
            Param::HelloRetryRequestKeyShare => {
                "HelloRetryRequest の key_share が不正です (グループの指定がないか、クライアントが supported_groups に挙げていないグループか、すでに key share を送ったグループです)"
                    .into()
            }
            Param::ServerKeyExchangeGroup => {
                "ServerKeyExchange の鍵交換グループが、クライアントの supported_groups にないものです"
                    .into()
            }
            Param::ServerHelloKeyShare => {
                "ServerHello に key_share がないか、クライアントが key share を送っていないグループのものです"
                    .into()
            }
            // Field names, as the RFC writes them.
            Param::CipherSuite
            | Param::LegacySessionIdEcho
            | Param::CertificateRequestContext
            | Param::KeyShare
            | Param::KeyUpdateRequest => format!("`{what}` の値が不正です"),
        },
        Error::MissingExtension(what) => format!("必須の拡張 `{what}` がありません"),
        Error::ProtocolVersion => {
            "相手が提示または選択した TLS バージョンに、こちらは対応していません".into()
        }
        Error::ObsoleteLegacyVersion(v) => {
            format!("相手の Hello の legacy_version 0x{v:04x} は SSL 3.0 以前のものです")
        }
        Error::Certificate(v) => format!("証明書を拒否しました: {}", verify_failure(v)),
        Error::CertificateRequired | Error::CertificateRequiredTls12 => {
            "クライアント証明書が必須ですが、送られてきませんでした".into()
        }
        Error::Downgrade => "TLS 1.2 の ServerHello の乱数の末尾に TLS 1.3 のダウングレード検出用の値 (sentinel) があります: サーバーは TLS 1.3 に対応しているため、ダウングレード攻撃が疑われます".into(),
        Error::EmptyServerCertificate => "サーバーが証明書を送ってきませんでした".into(),
        Error::BadCertificateVerify => "CertificateVerify の署名を検証できません".into(),
        Error::BadFinished => "Finished がハンドシェイクのトランスクリプトと一致しません".into(),
        Error::NoApplicationProtocol => {
            "共通のアプリケーションプロトコル (ALPN) がありません".into()
        }
        Error::Crypto(c) => match c {
            CryptoError::BadKeyShare => {
                "相手の key share がグループの正しい点ではありません".into()
            }
            CryptoError::NonContributory => {
                "共有秘密がすべてゼロです (相手が x25519 で位数の小さい点を送りました)".into()
            }
            CryptoError::BadPublicKey => "公開鍵を解読できません".into(),
            CryptoError::BadSignature => "署名の検証に失敗しました".into(),
            CryptoError::Decrypt => "レコードの認証に失敗しました".into(),
            CryptoError::BadPrivateKey => "秘密鍵を解読できません".into(),
        },
        Error::PeerAlert(a) => format!("相手がアラート {} を送ってきました", a.name()),
        Error::Closed => "接続は閉じています".into(),
    }
}

/// A space between an ASCII word and the Japanese after it.
fn gap_after(w: &str) -> &'static str {
    if w.ends_with(|c: char| c.is_ascii_alphanumeric()) {
        " "
    } else {
        ""
    }
}

/// A space between Japanese and an ASCII word after it.
fn gap_before(w: &str) -> &'static str {
    if w.starts_with(|c: char| c.is_ascii_alphanumeric()) {
        " "
    } else {
        ""
    }
}

/// What a state was waiting for, in Japanese; message names stay as the RFC writes them.
fn expecting_ja(e: Expecting) -> &'static str {
    match e {
        Expecting::ClientHello => "ClientHello",
        Expecting::ServerHello => "ServerHello",
        Expecting::EncryptedExtensions => "EncryptedExtensions",
        Expecting::CertificateOrRequest => "Certificate または CertificateRequest",
        Expecting::Certificate => "Certificate",
        Expecting::CertificateVerify => "CertificateVerify",
        Expecting::Finished => "Finished",
        Expecting::ServerKeyExchange => "ServerKeyExchange",
        Expecting::CertificateRequestOrServerHelloDone => {
            "CertificateRequest または ServerHelloDone"
        }
        Expecting::ServerHelloDone => "ServerHelloDone",
        Expecting::ClientKeyExchange => "ClientKeyExchange",
        Expecting::ChangeCipherSpec => "ChangeCipherSpec",
        Expecting::ApplicationData => "アプリケーションデータ",
        // Not reached from `failure`, whose own arm says 閉じた接続で…; a noun, should it be.
        Expecting::Nothing => "なし (接続は閉じています)",
        Expecting::Record => "TLS レコード",
        Expecting::MessageBoundary => "メッセージの区切り",
        Expecting::ProtectedRecord => "保護されたレコード",
        Expecting::RestOfMessage => "ハンドシェイクメッセージの続き",
    }
}

/// What the engine received that it did not expect (`Error::UnexpectedMessage`'s `got`), in
/// Japanese; message names and content types stay as the RFC writes them.
fn received_ja(got: &Received) -> String {
    match got {
        Received::Message(name) => name.to_string(),
        Received::UnknownMessage(t) => format!("未知の種別 {t} のハンドシェイクメッセージ"),
        Received::UnknownRecord(t) => format!("未知の種別 {t} のレコード"),
        Received::Unprotected(ct) => format!("保護されていない {} レコード", ct.name()),
        Received::EmptyProtected(ct) => format!("中身が空の保護された {} レコード", ct.name()),
        Received::BetweenFragments(ct) => format!("途中に割り込んだ {} レコード", ct.name()),
        Received::Content(ct) => format!("コンテントタイプ {} ({}) のレコード", ct.0, ct.name()),
        Received::SecondHelloRetryRequest => "2 回目の HelloRetryRequest".into(),
        Received::HandshakeAcrossKeyChange => "鍵の切り替えをまたぐハンドシェイクデータ".into(),
        Received::NoContentType => "コンテントタイプのないレコード".into(),
        Received::ApplicationData => "アプリケーションデータ".into(),
        Received::EmptyHandshakeRecord => "空のハンドシェイクレコード".into(),
    }
}

/// Why a certificate chain was refused, in Japanese.
fn verify_failure(v: &VerifyError) -> String {
    match v {
        VerifyError::UnknownIssuer => {
            "発行者が不明です (信頼するルートCAまでのチェーンを組み立てられません)".into()
        }
        VerifyError::Expired => "証明書の有効期限が切れています".into(),
        VerifyError::NotYetValid => "証明書の有効期間がまだ始まっていません".into(),
        VerifyError::Revoked => "証明書は失効しています (CRL に載っています)".into(),
        VerifyError::WrongEku => "拡張鍵用途 (EKU) がこの役割を許していません".into(),
        VerifyError::NameMismatch => "証明書は要求したサーバー名に対して有効ではありません".into(),
        VerifyError::BadSignature => "証明書チェーン内の署名の検証に失敗しました".into(),
        VerifyError::BadEncoding => "証明書が正しい DER ではありません".into(),
        VerifyError::Other(s) => format!("検証に失敗しました ({s})"),
    }
}

/// What an alert means.
pub fn alert_meaning(lang: Lang, alert: AlertDescription) -> (String, String) {
    let body = match alert {
        AlertDescription::CLOSE_NOTIFY => (
            "The sender will send nothing more on this connection: a clean goodbye, not an error.",
            "送信側はこの接続でこれ以上何も送りません。エラーではなく、正常な終了の挨拶です。",
        ),
        AlertDescription::CERTIFICATE_REQUIRED => (
            "The server requires a client certificate and none was sent.",
            "サーバーはクライアント証明書を必須としていますが、送られてきませんでした。",
        ),
        AlertDescription::UNKNOWN_CA => (
            "The certificate chain does not lead to a CA the receiver trusts (unknown issuer, missing intermediate, or self-signed).",
            "証明書チェーンが、受信側の信頼する認証局にたどり着きません (発行者が不明、中間証明書の欠落、自己署名など)。",
        ),
        AlertDescription::CERTIFICATE_EXPIRED => (
            "A certificate has expired or is not currently valid (RFC 8446 §6.2). OpenSSL and this lab send it only for an expired certificate and send bad_certificate for one not yet valid; rustls sends certificate_expired for both.",
            "証明書の有効期限が切れている、または現在は有効でないことを示します (RFC 8446 §6.2)。OpenSSL とこのラボがこのアラートを送るのは期限切れの証明書に対してだけで、まだ有効でない証明書には bad_certificate を送ります。rustls はどちらにも certificate_expired を送ります。",
        ),
        AlertDescription::CERTIFICATE_REVOKED => (
            "The issuing CA revoked the certificate (it is on the CRL).",
            "発行した認証局が証明書を失効させています (CRL に載っています)。",
        ),
        AlertDescription::UNSUPPORTED_CERTIFICATE => (
            "The certificate is not allowed for this purpose (its Extended Key Usage does not fit the role).",
            "証明書はこの用途に使えません (拡張鍵用途 EKU が役割に合いません)。",
        ),
        AlertDescription::BAD_CERTIFICATE => (
            "The certificate is unacceptable: not yet valid, the wrong name, or otherwise broken.",
            "証明書を受け入れられません (まだ有効でない、名前が違う、その他の不備)。",
        ),
        AlertDescription::DECRYPT_ERROR => (
            "A signature or Finished value did not verify. For a CA's signature on a certificate: the certificate was changed after signing, or that CA never signed it. For CertificateVerify: the peer does not hold the certificate's private key, or the handshake was altered. For Finished: the handshake was altered.",
            "署名または Finished の値を検証できませんでした。証明書に付いた認証局の署名なら、署名後に証明書が書き換えられたか、その認証局が署名したものではありません。CertificateVerify なら、相手が証明書の秘密鍵を持っていないか、ハンドシェイクが改ざんされています。Finished なら、ハンドシェイクが改ざんされています。",
        ),
        AlertDescription::BAD_RECORD_MAC => (
            "An encrypted record failed its authentication tag: it was changed on the way, or the two sides are not using the same keys.",
            "暗号化レコードの認証タグが一致しません。途中で改ざんされたか、両者が同じ鍵を使っていません。",
        ),
        AlertDescription::HANDSHAKE_FAILURE => (
            "The two sides could not agree on parameters. In TLS 1.2, which has no certificate_required, it is also what a server that requires a client certificate sends when it gets none (RFC 5246 §7.4.6; OpenSSL does so).",
            "両者がパラメータに合意できませんでした。certificate_required がない TLS 1.2 では、クライアント証明書を必須にしているサーバーが証明書を受け取れなかったときにも送ります (RFC 5246 §7.4.6。OpenSSL もそうします)。",
        ),
        AlertDescription::ILLEGAL_PARAMETER => (
            "A field had a value the receiver does not allow.",
            "受信側が許容しない値のフィールドがありました。",
        ),
        AlertDescription::DECODE_ERROR => (
            "A message could not be decoded.",
            "メッセージを解析できませんでした。",
        ),
        AlertDescription::UNEXPECTED_MESSAGE => (
            "A message arrived at the wrong time.",
            "想定外のタイミングでメッセージが届きました。",
        ),
        AlertDescription::RECORD_OVERFLOW => (
            "A record was longer than TLS allows.",
            "TLS が許す長さを超えるレコードでした。",
        ),
        _ => (
            "An alert ends the connection.",
            "アラートで接続が終了します。",
        ),
    };
    (
        format!("Alert: {}", alert.name()),
        pick(lang, body).to_string(),
    )
}

/// A check's name.
pub fn check(lang: Lang, c: CheckKind) -> &'static str {
    pick(
        lang,
        match c {
            CheckKind::SupportedVersion => {
                ("A TLS version both speak", "両者が対応する TLS バージョン")
            }
            CheckKind::DowngradeSentinel => (
                "No downgrade sentinel in the server's random",
                "サーバーの乱数にダウングレードの印がない",
            ),
            CheckKind::CipherSuite => ("A cipher suite in common", "共通の暗号スイート"),
            CheckKind::KeyShareGroup => (
                "A key-exchange group and share",
                "鍵交換グループと key share",
            ),
            CheckKind::GroupInCommon => ("A key-exchange group in common", "共通の鍵交換グループ"),
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
            CheckKind::ServerKeyExchangeSignature => (
                "Server's signature on its key exchange proves it holds the private key",
                "サーバーの鍵交換への署名で秘密鍵の所持を確認",
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

/// The heading of what a recording reveals after the server's private key leaks (the
/// `forward-secrecy` lesson: the Trace's `leak`).
pub fn leak_heading(lang: Lang) -> &'static str {
    pick(
        lang,
        (
            "Later: the server's private key leaks",
            "その後: サーバーの秘密鍵が漏えいする",
        ),
    )
}

/// What the eavesdropper has, before the verdict on each connection.
pub fn leak_intro(lang: Lang) -> &'static str {
    pick(
        lang,
        (
            "The eavesdropper recorded both connections. Later it obtains the server's private key (from a stolen backup, say), the key of the certificate both connections used. With it:",
            "盗聴者は 2 つの接続を記録していました。その後、両方の接続で使われた証明書に対応するサーバーの秘密鍵を (たとえば盗まれたバックアップから) 手に入れます。その鍵で:",
        ),
    )
}

/// A marker between two connections of a run: "Connection `n`" (counted from 1).
pub fn connection_label(lang: Lang, n: u32) -> String {
    match lang {
        Lang::En => format!("Connection {n}"),
        Lang::Ja => format!("接続 {n}"),
    }
}

/// The verdict on one recorded connection after the leak: connection `n` (from 1), how its
/// keys were agreed, and how many recorded records the eavesdropper opened.
pub fn leak_verdict(
    lang: Lang,
    n: u32,
    key_exchange: mtls_lab_engine::leak::KeyExchange,
    opened: usize,
) -> String {
    use mtls_lab_engine::leak::KeyExchange as K;
    match (key_exchange, opened, lang) {
        (K::RsaKeyTransport, 1.., Lang::En) => format!(
            "Connection {n} (RSA key transport): decrypted. The recorded ClientKeyExchange holds the pre-master secret encrypted with this key's public half, the certificate's public key, so the leaked private key now decrypts it. With the recorded randoms and handshake messages it gives the master secret and the session keys, and every encrypted record of the connection opens: {opened} records, the request and the answer among them."
        ),
        (K::RsaKeyTransport, 1.., Lang::Ja) => format!(
            "接続 {n} (RSA 鍵交換): 復号できます。記録した ClientKeyExchange には、この秘密鍵と対になる公開鍵 (証明書の公開鍵) で暗号化されたプリマスターシークレットが入っているので、漏えいした鍵で復号できます。記録した乱数やハンドシェイクメッセージと組み合わせるとマスターシークレットとセッションキーが得られ、この接続の暗号化レコードはすべて復号できます: リクエストと応答を含む {opened} 個のレコードです。"
        ),
        (K::RsaKeyTransport, 0, Lang::En) => format!(
            "Connection {n} (RSA key transport): nothing opened: this key does not match the public key its pre-master secret was encrypted with."
        ),
        (K::RsaKeyTransport, 0, Lang::Ja) => format!(
            "接続 {n} (RSA 鍵交換): 何も復号できません。プリマスターシークレットを暗号化した公開鍵は、この鍵と対になっていません。"
        ),
        (K::Ecdhe, _, Lang::En) => format!(
            "Connection {n} (ECDHE): stays sealed. Of the key exchange, the recording holds only the two ephemeral public keys; their private halves never crossed the wire, and here both ends discarded them after the handshake. The server's private key only signed its ephemeral public key (together with both randoms); it encrypted nothing. Nothing in the recording opens with the leaked key: this is forward secrecy. (A server that reuses an ephemeral key across connections keeps those connections exposed until it discards it. And the leaked key still lets the thief impersonate the server until its certificate is revoked: forward secrecy protects recordings, not the future.)"
        ),
        (K::Ecdhe, _, Lang::Ja) => format!(
            "接続 {n} (ECDHE): 復号できません。鍵交換について記録にあるのは 2 つの一時的な公開鍵だけです。対応する秘密鍵は通信路を通らず、この実行では両端がハンドシェイクの後に破棄しました。サーバーの秘密鍵は一時的な公開鍵に (両者の乱数とともに) 署名しただけで、何も暗号化していません。記録の中に、漏えいした鍵で復号できるものはありません。これが前方秘匿性です。(一時的な鍵を複数の接続で使い回すサーバーでは、その鍵を破棄するまで、それらの接続は守られません。また、漏えいした鍵があれば、証明書が失効するまで盗んだ者はサーバーになりすませます。前方秘匿性が守るのは記録された通信で、これから先ではありません。)"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use mtls_lab_engine::wire::codec::DecodeError;

    /// One error of every kind (the `match` in [`failure`] makes sure each has words).
    fn every_error() -> Vec<Error> {
        let mut all = vec![
            Error::RecordOverflow,
            Error::BadRecordMac,
            Error::TooMuchEarlyData(16384),
            Error::ProtocolVersion,
            Error::ObsoleteLegacyVersion(0x0300),
            Error::CertificateRequired,
            Error::CertificateRequiredTls12,
            Error::Downgrade,
            Error::EmptyServerCertificate,
            Error::BadCertificateVerify,
            Error::BadFinished,
            Error::NoApplicationProtocol,
            Error::PeerAlert(AlertDescription::UNKNOWN_CA),
            Error::Closed,
        ];
        for kind in [
            DecodeErrorKind::Truncated,
            DecodeErrorKind::TrailingBytes,
            DecodeErrorKind::Invalid,
        ] {
            all.push(Error::Decode(DecodeError {
                field: "ClientHello.cipher_suites".into(),
                kind,
            }));
        }
        all.extend(NoCommon::ALL.iter().map(|n| Error::HandshakeFailure(*n)));
        all.extend(Param::ALL.iter().map(|p| Error::IllegalParameter(*p)));
        all.extend(
            mtls_lab_engine::error::RequiredExtension::ALL
                .iter()
                .map(|r| Error::MissingExtension(*r)),
        );
        for expected in Expecting::ALL {
            all.push(Error::UnexpectedMessage {
                got: Received::Message("Certificate".into()),
                expected: *expected,
            });
        }
        // What the engine can receive unexpectedly, as its state machine says it.
        for got in [
            "record type 99",
            "handshake message type 200",
            "unprotected application_data record",
            "an empty protected handshake record",
            "alert record between the fragments of a handshake message",
            "a change_cipher_spec record (content type 20)",
            "a second HelloRetryRequest",
            "handshake data across a key change",
            "a record with no content type",
            "application data",
            "an empty handshake record",
            "ChangeCipherSpec",
        ] {
            all.push(Error::UnexpectedMessage {
                got: Received::from(got.to_string()),
                expected: Expecting::Finished,
            });
        }
        for v in [
            VerifyError::UnknownIssuer,
            VerifyError::Expired,
            VerifyError::NotYetValid,
            VerifyError::Revoked,
            VerifyError::WrongEku,
            VerifyError::NameMismatch,
            VerifyError::BadSignature,
            VerifyError::BadEncoding,
            VerifyError::Other("UnsupportedCriticalExtension".into()),
        ] {
            all.push(Error::Certificate(v));
        }
        for c in [
            CryptoError::BadKeyShare,
            CryptoError::NonContributory,
            CryptoError::BadPublicKey,
            CryptoError::BadSignature,
            CryptoError::Decrypt,
            CryptoError::BadPrivateKey,
        ] {
            all.push(Error::Crypto(c));
        }
        all
    }

    #[test]
    fn every_engine_failure_is_said_in_japanese_without_an_english_sentence() {
        for e in every_error() {
            assert_eq!(failure(Lang::En, &e), e.to_string());
            let ja = failure(Lang::Ja, &e);
            assert!(
                ja.chars().any(|c| ('\u{3040}'..='\u{9fff}').contains(&c)),
                "{e:?}: {ja}"
            );
            // Outside `code` quotes, no three English words in a row.
            let outside: String = ja.split('`').step_by(2).collect::<Vec<_>>().join(" ");
            let words: Vec<&str> = outside.split_whitespace().collect();
            let english = |w: &&str| w.len() >= 2 && w.chars().all(|c| c.is_ascii_alphabetic());
            assert!(
                !words.windows(3).any(|w| w.iter().all(english)),
                "{e:?}: English in {ja:?}"
            );
        }
    }

    #[test]
    fn an_engine_failure_travels_in_the_trace_as_data() {
        for e in every_error() {
            let json = serde_json::to_string(&e).expect("serializes");
            let back: Error = serde_json::from_str(&json).expect("deserializes");
            assert_eq!(back, e, "{json}");
        }
    }
}
