//! Every string the page shows, in English and Japanese.
//!
//! Protocol names (ClientHello, ECDHE, ECDSA…) stay as the RFCs write them in both languages.

/// A language the lab speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    /// English.
    En,
    /// Japanese.
    Ja,
}

impl Lang {
    /// The language for a BCP 47 tag such as `ja-JP` or `en-US`; English for anything else.
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

/// A piece of text on the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[allow(missing_docs)]
pub enum Text {
    Tagline,
    SwitchLanguage,
    CryptoTitle,
    CryptoIntro,
    ClientPublic,
    ServerPublic,
    ClientComputed,
    ServerComputed,
    SecretsMatch,
    SecretsDiffer,
    SignTitle,
    SignIntro,
    SignerPublic,
    Message,
    Signature,
    Verifies,
    DoesNotVerify,
    TamperedRejected,
    TamperedAccepted,
    NewRandomness,
    Seed,
    Group,
    PanicTitle,
    PanicBody,
    Reload,
}

/// The words for `text` in `lang`.
pub fn t(lang: Lang, text: Text) -> &'static str {
    use Text::*;
    match (lang, text) {
        (Lang::En, Tagline) => {
            "Watch, step through and break a real TLS 1.3 handshake — one-way and mutual."
        }
        (Lang::Ja, Tagline) => {
            "本物の TLS 1.3 ハンドシェイクを見て、一歩ずつ進め、壊してみる ― 片方向 TLS と相互TLS。"
        }
        (Lang::En, SwitchLanguage) => "日本語",
        (Lang::Ja, SwitchLanguage) => "English",
        (Lang::En, CryptoTitle) => "Key exchange (ECDHE), computed in your browser",
        (Lang::Ja, CryptoTitle) => "鍵交換 (ECDHE) をこのブラウザの中で計算",
        (Lang::En, CryptoIntro) => {
            "Client and server each make a fresh private key and send only the public key. Each side combines its own private key with the other's public key — and both arrive at the same shared secret, which never crossed the wire."
        }
        (Lang::Ja, CryptoIntro) => {
            "クライアントとサーバーはそれぞれ新しい秘密鍵を作り、公開鍵だけを送ります。自分の秘密鍵と相手の公開鍵を組み合わせると、両者は同じ共有秘密にたどり着きます。共有秘密そのものは一度も通信路を通りません。"
        }
        (Lang::En, ClientPublic) => "Client's public key share",
        (Lang::Ja, ClientPublic) => "クライアントの公開鍵 (key share)",
        (Lang::En, ServerPublic) => "Server's public key share",
        (Lang::Ja, ServerPublic) => "サーバーの公開鍵 (key share)",
        (Lang::En, ClientComputed) => "Shared secret as the client computed it",
        (Lang::Ja, ClientComputed) => "クライアントが計算した共有秘密",
        (Lang::En, ServerComputed) => "Shared secret as the server computed it",
        (Lang::Ja, ServerComputed) => "サーバーが計算した共有秘密",
        (Lang::En, SecretsMatch) => "✓ Both sides hold the same secret",
        (Lang::Ja, SecretsMatch) => "✓ 両者が同じ共有秘密を持っています",
        (Lang::En, SecretsDiffer) => "✗ The secrets differ",
        (Lang::Ja, SecretsDiffer) => "✗ 共有秘密が一致しません",
        (Lang::En, SignTitle) => "Signature (ECDSA P-256): proof of possession",
        (Lang::Ja, SignTitle) => "署名 (ECDSA P-256): 秘密鍵を持っていることの証明",
        (Lang::En, SignIntro) => {
            "Only the holder of the private key can make this signature; anyone with the public key can check it. This is what CertificateVerify does in the handshake."
        }
        (Lang::Ja, SignIntro) => {
            "この署名を作れるのは秘密鍵の持ち主だけで、公開鍵があれば誰でも検証できます。ハンドシェイクの CertificateVerify が行うのはこれです。"
        }
        (Lang::En, SignerPublic) => "Signer's public key",
        (Lang::Ja, SignerPublic) => "署名者の公開鍵",
        (Lang::En, Message) => "Message",
        (Lang::Ja, Message) => "メッセージ",
        (Lang::En, Signature) => "Signature (DER)",
        (Lang::Ja, Signature) => "署名 (DER)",
        (Lang::En, Verifies) => "✓ The signature verifies with the public key",
        (Lang::Ja, Verifies) => "✓ 公開鍵で署名を検証できました",
        (Lang::En, DoesNotVerify) => "✗ The signature does not verify",
        (Lang::Ja, DoesNotVerify) => "✗ 署名を検証できません",
        (Lang::En, TamperedRejected) => "✓ With one bit of the message changed, verification fails",
        (Lang::Ja, TamperedRejected) => "✓ メッセージを 1 ビット変えると検証に失敗します",
        (Lang::En, TamperedAccepted) => "✗ A changed message was accepted",
        (Lang::Ja, TamperedAccepted) => "✗ 改ざんされたメッセージが受け入れられました",
        (Lang::En, NewRandomness) => "New randomness",
        (Lang::Ja, NewRandomness) => "乱数を変えてやり直す",
        (Lang::En, Seed) => "Seed",
        (Lang::Ja, Seed) => "シード",
        (Lang::En, Group) => "Group",
        (Lang::Ja, Group) => "グループ",
        (Lang::En, PanicTitle) => "Something went wrong",
        (Lang::Ja, PanicTitle) => "問題が発生しました",
        (Lang::En, PanicBody) => {
            "The lab hit an internal error. Nothing was sent anywhere. Reload to start again."
        }
        (Lang::Ja, PanicBody) => {
            "ラボで内部エラーが起きました。データはどこにも送信されていません。再読み込みしてやり直してください。"
        }
        (Lang::En, Reload) => "Reload",
        (Lang::Ja, Reload) => "再読み込み",
    }
}
