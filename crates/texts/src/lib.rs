//! The words for what the engine decides, in English and Japanese, shared by the page and the
//! CLI so that both say the same thing: the language itself, and the verification checklist
//! (its rows, their status, the reasons a row failed or was skipped, and the verdict).
//!
//! This crate has no UI dependency: the CLI links it natively, the page's app and first module
//! link it in wasm. Every text is a pair `(English, Japanese)` in one `match`, so a new engine
//! id without words fails to compile here.

use mtls_lab_engine::pki::checklist::{CheckStatus, ChecklistItem, ChecklistReason};

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
                "チェーンが信頼するルート認証局にたどり着く",
            ),
            ChecklistItem::Signatures => (
                "Each certificate's signature verifies",
                "各証明書の署名を検証できる",
            ),
            ChecklistItem::Validity => (
                "Each certificate is within its validity period",
                "各証明書が有効期間内",
            ),
            ChecklistItem::ExtendedKeyUsage => (
                "The Extended Key Usage fits the role",
                "拡張鍵用途 (EKU) が役割に合う",
            ),
            ChecklistItem::ServerName => (
                "The server name matches the certificate (SAN)",
                "サーバー名が証明書 (SAN) と一致",
            ),
            ChecklistItem::NotRevoked => ("Not revoked in the CRL", "CRL で失効していない"),
            ChecklistItem::PossessionOfPrivateKey => (
                "CertificateVerify proves possession of the private key",
                "CertificateVerify で秘密鍵の所持を証明",
            ),
        },
    )
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
                "Nobody we trust issued this certificate: its issuer is neither a trusted root nor in the chain sent.",
                "信頼できる発行者が見つかりません。発行者は信頼するルートでも、送られたチェーン内の証明書でもありません。",
            ),
            ChecklistReason::SelfSignedNotTrusted => (
                "The certificate signed itself, and it is not in our trust store.",
                "自己署名の証明書で、トラストストアに入っていません。",
            ),
            ChecklistReason::IssuerNotCa => (
                "The issuer is not allowed to act as a CA (basic constraints).",
                "発行者は認証局として振る舞うことを許されていません (basicConstraints)。",
            ),
            ChecklistReason::SignatureInvalid => (
                "The issuer's signature on the certificate does not verify.",
                "発行者による証明書の署名を検証できません。",
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
                "The certificate lists no names (no subjectAltName).",
                "証明書に名前 (subjectAltName) がありません。",
            ),
            ChecklistReason::Revoked => (
                "The CA has revoked this certificate: its serial number is on the CRL.",
                "認証局がこの証明書を失効させています。シリアル番号が CRL に載っています。",
            ),
            ChecklistReason::CrlSignatureInvalid => (
                "The CRL's signature does not verify.",
                "CRL の署名を検証できません。",
            ),
            ChecklistReason::NoCrl => (
                "This side has no CRL, so revocation is not checked here.",
                "この側は CRL を持っていないため、失効は確認しません。",
            ),
            ChecklistReason::NoCrlForIssuer => (
                "No CRL from this certificate's issuer.",
                "この証明書の発行者の CRL がありません。",
            ),
            ChecklistReason::UnsupportedSignatureAlgorithm => (
                "The certificate is signed with an algorithm the lab does not verify (it verifies ECDSA P-256 with SHA-256 only), so the lab's verifier refuses it; other TLS stacks may accept it.",
                "この証明書の署名アルゴリズムはラボでは検証できません (ラボが検証するのは ECDSA P-256 と SHA-256 の署名だけです)。そのためラボの検証器は拒否しますが、ほかの TLS 実装では受け入れられることがあります。",
            ),
            ChecklistReason::NoServerNameGiven => (
                "No server name was given, so the certificate's names (SAN) were not compared with one.",
                "サーバー名が指定されていないため、証明書の名前 (SAN) との照合はしていません。",
            ),
            ChecklistReason::SignatureDoesNotMatchKey => (
                "The CertificateVerify signature does not match the certificate's public key: the sender does not hold the private key.",
                "CertificateVerify の署名が証明書の公開鍵と一致しません。送信者は秘密鍵を持っていません。",
            ),
        },
    )
}
