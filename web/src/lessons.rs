//! The lessons' words, in English and Japanese: scenario titles, step explanations, key and
//! check names, alert meanings and the glossary. Protocol names stay as the RFCs write them.
//!
//! Everything here is keyed by ids the engine records (scenario ids, explanation ids, check
//! and key kinds, alert names); an id without words falls back to the id itself, so a new
//! engine scenario shows up readable before it is translated.

use mtls_lab_engine::pki::checklist::CertificateOwner;
use mtls_lab_engine::roles::{Holding, RoleKey, Viewer};
use mtls_lab_engine::scenario::Category;
use mtls_lab_engine::trace::{Explain, Participant, Step};
use mtls_lab_engine::wire::AlertDescription;

use crate::i18n::{Lang, Text, pick, t};

pub use mtls_lab_texts::{alert_meaning, check, check_status, checklist_item, checklist_reason};

/// A picker group's name.
pub fn category(lang: Lang, c: Category) -> &'static str {
    pick(
        lang,
        match c {
            Category::HappyPath => ("Handshakes that work", "成功するハンドシェイク"),
            Category::ClientCertificateFailure => {
                ("Client certificate problems", "クライアント証明書の問題")
            }
            Category::ServerCertificateFailure => {
                ("Server certificate problems", "サーバー証明書の問題")
            }
            Category::Attack => ("Attacks", "攻撃"),
        },
    )
}

/// A scenario's title and one-sentence summary.
pub fn scenario(lang: Lang, id: &str) -> (String, String) {
    let (title, summary) = match id {
        "one-way" => (
            ("One-way TLS", "一方向TLS"),
            (
                "Only the server proves who it is, with its certificate and a signature. The client stays anonymous at the TLS layer.",
                "サーバーだけが証明書と署名で身元を証明します。クライアントは TLS のレベルでは匿名のままです。",
            ),
        ),
        "mutual" => (
            ("Mutual TLS (mTLS)", "相互TLS (mTLS)"),
            (
                "The server asks for a certificate (CertificateRequest); the client sends one and signs the handshake with its private key (CertificateVerify). Both sides are authenticated.",
                "サーバーが証明書を要求し (CertificateRequest)、クライアントは証明書を送って秘密鍵でハンドシェイクに署名します (CertificateVerify)。双方が認証されます。",
            ),
        ),
        "mutual-hrr" => (
            (
                "Mutual TLS with HelloRetryRequest",
                "HelloRetryRequest を伴う相互TLS",
            ),
            (
                "This server supports only P-256, but the client guessed x25519 for its key share (it lists P-256 too), so the server asks it to try again with P-256: a HelloRetryRequest.",
                "このサーバーは P-256 にしか対応していません。クライアントは supported_groups で P-256 にも対応していると伝えていますが、key share は x25519 で送ったため、サーバーは P-256 でやり直すよう求めます (HelloRetryRequest)。",
            ),
        ),
        "no-client-cert" => (
            ("No client certificate", "クライアント証明書なし"),
            (
                "The server requires a client certificate and the client has none: it sends an empty Certificate and the server stops with certificate_required.",
                "サーバーはクライアント証明書を必須にしていますが、クライアントは持っていません。空の Certificate を送り、サーバーは certificate_required で接続を止めます。",
            ),
        ),
        "unknown-ca" => (
            (
                "Client certificate from an unknown CA",
                "未知の認証局が発行したクライアント証明書",
            ),
            (
                "The client's certificate was issued by a CA the server does not trust: unknown_ca.",
                "クライアント証明書を発行した認証局をサーバーが信頼していません: unknown_ca。",
            ),
        ),
        "expired" => (
            ("Expired client certificate", "期限切れのクライアント証明書"),
            (
                "The client certificate's validity period ended before now: certificate_expired.",
                "クライアント証明書の有効期間が既に終わっています: certificate_expired。",
            ),
        ),
        "not-yet-valid" => (
            (
                "Client certificate not yet valid",
                "まだ有効でないクライアント証明書",
            ),
            (
                "The client certificate's validity starts in the future: bad_certificate.",
                "クライアント証明書の有効期間がまだ始まっていません: bad_certificate。",
            ),
        ),
        "revoked" => (
            ("Revoked client certificate", "失効したクライアント証明書"),
            (
                "The CA has revoked the client's certificate and lists it in its CRL: certificate_revoked.",
                "認証局がクライアント証明書を失効させ、CRL に載せています: certificate_revoked。",
            ),
        ),
        "wrong-eku" => (
            (
                "Server certificate used as a client certificate",
                "サーバー用の証明書をクライアント証明書に使う",
            ),
            (
                "The certificate's Extended Key Usage says serverAuth only, so it cannot identify a client: unsupported_certificate.",
                "証明書の拡張鍵用途 (EKU) が serverAuth だけなので、クライアントの身元証明には使えません: unsupported_certificate。",
            ),
        ),
        "missing-intermediate" => (
            ("Missing intermediate certificate", "中間証明書の送り忘れ"),
            (
                "The client sends its certificate without the intermediate CA's, so the server cannot build a chain to its root: unknown_ca.",
                "クライアントが中間CAの証明書を付けずに送るため、サーバーはルートまでのチェーンを組み立てられません: unknown_ca。",
            ),
        ),
        "altered-client-cert" => (
            (
                "Client certificate altered after signing",
                "署名後に改ざんされたクライアント証明書",
            ),
            (
                "Someone changed the name in alice's certificate to admin after the CA signed it. The chain still leads to a trusted CA, but the CA's signature no longer matches the certificate's contents, so the server stops at the certificate's signature check with decrypt_error, the alert OpenSSL sends for this (RFC 8446 §6.2 would also allow bad_certificate).",
                "認証局が署名した後で、誰かが alice の証明書の名前を admin に書き換えました。チェーンは信頼する認証局につながったままですが、その署名が証明書の中身と一致しなくなったため、サーバーは証明書の署名の検証で接続を止め、decrypt_error を送ります (OpenSSL がこの場合に送るアラートです。RFC 8446 §6.2 の定義では bad_certificate も当てはまります)。",
            ),
        ),
        "name-mismatch" => (
            ("Server name mismatch", "サーバー名の不一致"),
            (
                "The server's certificate is valid but for another name than the one the client asked for: bad_certificate.",
                "サーバー証明書は正しいものの、クライアントが接続しようとした名前とは別の名前のものです: bad_certificate。",
            ),
        ),
        "self-signed-server" => (
            ("Self-signed server certificate", "自己署名のサーバー証明書"),
            (
                "The server presents a certificate it signed itself; no trusted CA vouches for it: unknown_ca.",
                "サーバーが自分で署名した証明書を提示します。信頼された認証局の保証がありません: unknown_ca。",
            ),
        ),
        "impostor-server" => (
            ("Impostor server", "なりすましサーバー"),
            (
                "An impostor replays the real server's certificate but does not have its private key, so its CertificateVerify signature fails: decrypt_error.",
                "なりすましは本物のサーバー証明書をそのまま送りますが、秘密鍵を持っていないため CertificateVerify の署名検証に失敗します: decrypt_error。",
            ),
        ),
        "stolen-client-cert" => (
            ("Stolen client certificate", "盗まれたクライアント証明書"),
            (
                "Someone copied alice's certificate but not her private key: the server rejects the client's CertificateVerify with decrypt_error.",
                "alice の証明書はコピーできても秘密鍵はありません。サーバーはクライアントの CertificateVerify を decrypt_error で拒否します。",
            ),
        ),
        "aitm-relay-one-way" => (
            (
                "Phishing proxy against one-way TLS",
                "一方向TLSへのフィッシング・プロキシ",
            ),
            (
                "The victim opens a look-alike name, server.example.login-check.example: a name under login-check.example, a domain the attacker owns, so a public CA gave it a valid certificate and the victim's browser shows no warning. The adversary-in-the-middle proxy there relays a password login over one-way TLS and succeeds: it reads the password and takes the session.",
                "被害者は紛らわしい名前 server.example.login-check.example を開きます。攻撃者が所有するドメイン login-check.example の下の名前なので、公的な認証局が有効な証明書を発行しており、被害者のブラウザーは警告を出しません。そこにいる中間者 (AiTM) プロキシが一方向TLSのパスワードログインを中継して成功します。プロキシはパスワードを読み、セッションを乗っ取ります。",
            ),
        ),
        "aitm-relay-mutual" => (
            (
                "Phishing proxy against mutual TLS",
                "相互TLSへのフィッシング・プロキシ",
            ),
            (
                "The same proxy against mutual TLS. The victim's TLS connection still ends at the proxy, so the password still reaches it; what fails is the proxy's own TLS handshake with the real server, which asks for the client's certificate, so the login is never relayed: the client's CertificateVerify signs a handshake the proxy cannot reproduce, and the proxy lacks the client's private key.",
                "同じプロキシを相互TLSに対して使う場合です。被害者の TLS 接続はやはりプロキシで終わるので、パスワードはプロキシに届きます。失敗するのは、クライアント証明書を要求する本物のサーバーとのプロキシ自身の TLS ハンドシェイクで、ログインは中継されません。クライアントの CertificateVerify はプロキシが再現できないハンドシェイクへの署名で、プロキシはクライアントの秘密鍵も持っていません。",
            ),
        ),
        "tampered-record" => (
            ("Tampered record", "改ざんされたレコード"),
            (
                "An on-path attacker flips one bit of an encrypted record; AES-GCM's tag check fails: bad_record_mac.",
                "経路上の攻撃者が暗号化レコードの 1 ビットを反転させると、AES-GCM のタグ検証が失敗します: bad_record_mac。",
            ),
        ),
        "observer" => (
            ("What an eavesdropper sees", "盗聴者に見えるもの"),
            (
                "A passive observer records every byte. In TLS 1.3 even the certificates travel encrypted, so the client's identity in its certificate stays hidden; the IP addresses, the server name (SNI) and the size and timing of the traffic do not.",
                "受動的な盗聴者はすべてのバイトを記録します。TLS 1.3 では証明書も暗号化されて送られるため、クライアント証明書に書かれた身元は隠れます。ただし、IP アドレス、サーバー名 (SNI)、通信の量とタイミングは見えます。",
            ),
        ),
        other if other.starts_with("b1") => {
            return (
                format!("{} {other}", pick(lang, ("Custom run", "カスタム実行"))),
                pick(
                    lang,
                    (
                        "A run built from switches (b1 = version 1; m mutual; c… client certificate faults; s… server certificate faults; g… group; hrr HelloRetryRequest).",
                        "スイッチから組み立てた実行です (b1 = バージョン 1、m 相互TLS、c… クライアント証明書の不備、s… サーバー証明書の不備、g… 鍵交換グループ、hrr HelloRetryRequest)。",
                    ),
                )
                .to_string(),
            );
        }
        other => return (other.to_string(), String::new()),
    };
    (
        pick(lang, title).to_string(),
        pick(lang, summary).to_string(),
    )
}

/// The glossary terms a step's explanation uses, by its explanation id, for the links under it.
pub fn step_terms(id: &Explain) -> &'static [&'static str] {
    match id {
        Explain::ClientHello => &["ecdhe", "public-key"],
        Explain::HelloRetryRequest => &["ecdhe", "transcript"],
        Explain::ServerHello => &["ecdhe", "hkdf", "transcript"],
        Explain::EncryptedExtensions => &["alpn", "hkdf"],
        Explain::CertificateRequest => &["mtls", "certificate-authorities", "trust-store"],
        Explain::Certificate(Participant::Server) => {
            &["chain", "leaf", "san", "eku", "trust-store"]
        }
        Explain::Certificate(Participant::Client) => {
            &["client-certificate", "chain", "leaf", "revocation"]
        }
        Explain::CertificateEmpty(Participant::Client) => &["client-certificate", "mtls"],
        Explain::Certificate(Participant::Attacker) => &["certificate", "chain", "private-key"],
        Explain::CertificateVerify(Participant::Server)
        | Explain::CertificateVerify(Participant::Client)
        | Explain::CertificateVerify(Participant::Attacker) => &[
            "certificate-verify",
            "transcript",
            "private-key",
            "public-key",
        ],
        Explain::Finished(Participant::Server)
        | Explain::Finished(Participant::Client)
        | Explain::Finished(Participant::Attacker) => &["hmac", "transcript", "hkdf"],
        Explain::ApplicationData | Explain::RelayProxyToServer => &["session-key", "aes-gcm"],
        Explain::RelayVictimToProxy => &["aitm", "termination", "session-key"],
        Explain::TamperedRecord => &["aes-gcm", "session-key"],
        Explain::KeyUpdate(Participant::Client) | Explain::KeyUpdate(Participant::Server) => {
            &["hkdf", "session-key"]
        }
        Explain::Alert(AlertDescription::UNKNOWN_CA) => &["chain", "ca", "trust-store"],
        Explain::Alert(AlertDescription::CERTIFICATE_EXPIRED) => &["lifecycle"],
        Explain::Alert(AlertDescription::CERTIFICATE_REVOKED) => &["revocation"],
        Explain::Alert(AlertDescription::UNSUPPORTED_CERTIFICATE) => &["eku"],
        Explain::Alert(AlertDescription::BAD_CERTIFICATE) => &["san", "certificate"],
        Explain::Alert(AlertDescription::DECRYPT_ERROR) => &["certificate-verify", "hmac", "ca"],
        Explain::Alert(AlertDescription::BAD_RECORD_MAC) => &["aes-gcm"],
        Explain::Alert(AlertDescription::CERTIFICATE_REQUIRED) => &["mtls", "client-certificate"],
        _ => &[],
    }
}

/// The RFC sections a step's explanation rests on, by its explanation id: (RFC number,
/// section), where a section starting with a letter is an appendix.
pub fn step_rfc(id: &Explain) -> &'static [(u16, &'static str)] {
    match id {
        Explain::ClientHello => &[(8446, "4.1.2")],
        Explain::HelloRetryRequest => &[(8446, "4.1.4"), (8446, "4.4.1")],
        Explain::ServerHello => &[(8446, "4.1.3"), (8446, "7.1")],
        Explain::ChangeCipherSpec => &[(8446, "D.4")],
        Explain::EncryptedExtensions => &[(8446, "4.3.1")],
        Explain::CertificateRequest => &[(8446, "4.3.2"), (8446, "4.2.4")],
        Explain::Certificate(Participant::Server)
        | Explain::Certificate(Participant::Client)
        | Explain::Certificate(Participant::Attacker) => &[(8446, "4.4.2"), (5280, "6.1")],
        Explain::CertificateEmpty(Participant::Client)
        | Explain::CertificateEmpty(Participant::Server) => &[(8446, "4.4.2"), (8446, "4.4.2.4")],
        Explain::CertificateVerify(Participant::Server)
        | Explain::CertificateVerify(Participant::Client)
        | Explain::CertificateVerify(Participant::Attacker) => &[(8446, "4.4.3")],
        Explain::Finished(Participant::Server)
        | Explain::Finished(Participant::Client)
        | Explain::Finished(Participant::Attacker) => &[(8446, "4.4.4")],
        Explain::ApplicationData
        | Explain::RelayVictimToProxy
        | Explain::RelayProxyToServer
        | Explain::TamperedRecord => &[(8446, "5.2")],
        Explain::NewSessionTicket => &[(8446, "4.6.1")],
        Explain::KeyUpdate(Participant::Client) | Explain::KeyUpdate(Participant::Server) => {
            &[(8446, "4.6.3")]
        }
        Explain::Alert(AlertDescription::CLOSE_NOTIFY) => &[(8446, "6.1")],
        Explain::Alert(_) | Explain::UnreadableAlert => &[(8446, "6.2")],
        _ => &[],
    }
}

/// The address of an RFC section at the RFC Editor (`D.4` is an appendix).
pub fn rfc_url(rfc: u16, section: &str) -> String {
    let kind = if section.starts_with(|c: char| c.is_ascii_uppercase()) {
        "appendix"
    } else {
        "section"
    };
    format!("https://www.rfc-editor.org/rfc/rfc{rfc}#{kind}-{section}")
}

/// `text` cut into plain runs and the RFC references in it (`RFC 8446 §4.4.1`, `RFC 5869`),
/// each reference with its address, so a page can link them. A bare `§7.3` after a reference
/// stays text.
pub fn rfc_segments(text: &str) -> Vec<(String, Option<String>)> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find("RFC ") {
        let after = &rest[at + 4..];
        let digits: String = after.chars().take_while(char::is_ascii_digit).collect();
        let Ok(rfc) = digits.parse::<u16>() else {
            out.push((rest[..at + 4].to_string(), None));
            rest = after;
            continue;
        };
        out.push((rest[..at].to_string(), None));
        let mut end = 4 + digits.len();
        let mut section = String::new();
        if let Some(sec) = rest[at + end..].strip_prefix(" §") {
            section = sec
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '.')
                .collect::<String>()
                .trim_end_matches('.')
                .to_string();
            end += " §".len() + section.len();
        }
        let url = if section.is_empty() {
            format!("https://www.rfc-editor.org/rfc/rfc{rfc}")
        } else {
            rfc_url(rfc, &section)
        };
        out.push((rest[at..at + end].to_string(), Some(url)));
        rest = &rest[at + end..];
    }
    out.push((rest.to_string(), None));
    out.retain(|(t, _)| !t.is_empty());
    out
}

/// `text` with its RFC references as links (opening in a new tab).
pub fn linked(text: &str) -> yew::Html {
    use yew::html;
    let parts = rfc_segments(text).into_iter().map(|(t, url)| match url {
        Some(href) => {
            html! { <a class="rfc" {href} target="_blank" rel="noopener noreferrer">{ t }</a> }
        }
        None => html! { { t } },
    });
    html! { <>{ for parts }</> }
}

/// A glossary entry by id.
pub fn term(id: &str) -> Option<&'static Term> {
    GLOSSARY.iter().find(|t| t.id == id)
}

/// The explanation of `step`: [`explain`] of its id (the phishing proxy's relayed data has
/// ids of its own, `Explain::RelayVictimToProxy` and `Explain::RelayProxyToServer`).
pub fn step_text(lang: Lang, step: &Step) -> (String, String) {
    explain(lang, &step.explain)
}

/// The explanation of a step, by the engine's explanation id: a title and a paragraph.
pub fn explain(lang: Lang, id: &Explain) -> (String, String) {
    let pair = match id {
        Explain::Alert(alert) => return alert_meaning(lang, *alert),
        Explain::ClientHello => (
            (
                "ClientHello: the client opens",
                "ClientHello: クライアントが口火を切る",
            ),
            (
                "The client sends 32 random bytes, the cipher suites and groups it supports, the server name it wants (SNI) and an ephemeral public key share. It travels unencrypted: there are no keys yet.",
                "クライアントは 32 バイトの乱数、対応する暗号スイートと鍵交換グループ、接続先のサーバー名 (SNI)、そして一時的な公開鍵 (key share) を送ります。まだ鍵がないので、平文で送られます。",
            ),
        ),
        Explain::HelloRetryRequest => (
            (
                "HelloRetryRequest: try another group",
                "HelloRetryRequest: 別のグループでやり直し",
            ),
            (
                "None of the client's key shares is in a group this server accepts, but the client's supported_groups lists one it does, so the server names that group. The client sends a second ClientHello with a key share in it. It costs one extra round trip. In the transcript, the first ClientHello is replaced by its hash (RFC 8446 §4.4.1).",
                "クライアントが送った key share は、どれもこのサーバーが受け付けるグループのものではありません。ただしクライアントの supported_groups にはサーバーが対応するグループがあるので、サーバーはそのグループを指定します。クライアントはそのグループの key share を付けて ClientHello を送り直します。往復が 1 回増えます。トランスクリプトでは、最初の ClientHello はそのハッシュに置き換えられます (RFC 8446 §4.4.1)。",
            ),
        ),
        Explain::ServerHello => (
            (
                "ServerHello: the key exchange completes",
                "ServerHello: 鍵交換が完了する",
            ),
            (
                "The server picks the cipher suite and sends its own ephemeral public key share. Now each side combines its private share with the other's public share (ECDHE) and gets the same shared secret, which never crossed the wire. Every handshake message after this one is encrypted under keys derived from it (a ChangeCipherSpec record that may follow is not: it holds only the byte 0x01, and the receiver ignores it).",
                "サーバーは暗号スイートを選び、自分の一時的な公開鍵 (key share) を送ります。両者はそれぞれ自分の秘密鍵と相手の公開鍵を組み合わせ (ECDHE)、通信路を一度も通っていない同じ共有秘密を得ます。この後のハンドシェイクメッセージはすべて、この秘密から導いた鍵で暗号化されます (直後に来ることがある ChangeCipherSpec レコードは暗号化されませんが、中身は 1 バイト (0x01) だけで、受信側は無視します)。",
            ),
        ),
        Explain::ChangeCipherSpec => (
            (
                "ChangeCipherSpec: a compatibility gesture",
                "ChangeCipherSpec: 互換性のための合図",
            ),
            (
                "A leftover from TLS 1.2, sent only so that old middleboxes let TLS 1.3 through. It carries no meaning and the peer ignores it.",
                "TLS 1.2 の名残です。古い中継機器に TLS 1.3 を通してもらうためだけに送られ、意味はなく、相手は無視します。",
            ),
        ),
        Explain::EncryptedExtensions => (
            ("EncryptedExtensions", "EncryptedExtensions"),
            (
                "The server's answers that need no key exchange, such as the application protocol (ALPN: http/1.1), sent already under the handshake keys.",
                "鍵交換に関わらないサーバーの応答 (アプリケーションプロトコル ALPN: http/1.1 など) です。既にハンドシェイク鍵で暗号化されています。",
            ),
        ),
        Explain::CertificateRequest => (
            (
                "CertificateRequest: the server asks the client to prove who it is",
                "CertificateRequest: サーバーがクライアントに身元の証明を求める",
            ),
            (
                "This message is what makes TLS mutual. It lists the signature algorithms the server accepts and the CAs it trusts (certificate_authorities), so the client can pick the right certificate.",
                "このメッセージがあるから TLS が「相互」になります。サーバーが受け付ける署名アルゴリズムと、信頼する認証局 (certificate_authorities) を伝え、クライアントが適切な証明書を選べるようにします。",
            ),
        ),
        Explain::Certificate(Participant::Server) => (
            (
                "Certificate: the server's chain",
                "Certificate: サーバーの証明書チェーン",
            ),
            (
                "The server sends its certificate (naming server.example, with its public key) and the intermediate CA's certificate. The client checks the chain up to a root it trusts, the validity dates, the name and the key usage.",
                "サーバーは自分の証明書 (server.example の名前と公開鍵を含む) と中間CAの証明書を送ります。クライアントは信頼するルートまでのチェーン、有効期間、名前、鍵の用途を検証します。",
            ),
        ),
        Explain::Certificate(Participant::Client) => (
            (
                "Certificate: the client's chain",
                "Certificate: クライアントの証明書チェーン",
            ),
            (
                "In mutual TLS the client sends its certificate (naming a person or a device) and its intermediate. In TLS 1.3 it travels encrypted, so an eavesdropper cannot read the client's name in it; the client's IP address, the server name it asked for (SNI) and the size and timing of its traffic stay visible. The server checks the chain against its own trusted CA and CRL.",
                "相互TLSでは、クライアントが自分の証明書 (人や機器の名前を含む) と中間CAの証明書を送ります。TLS 1.3 では暗号化されて送られるため、盗聴者は証明書に書かれたクライアントの名前を読めません。ただし、クライアントの IP アドレス、接続先のサーバー名 (SNI)、通信の量とタイミングは見えます。サーバーは自分が信頼する認証局と CRL に照らしてチェーンを検証します。",
            ),
        ),
        Explain::CertificateEmpty(Participant::Client) => (
            (
                "Certificate (empty): the client has nothing to show",
                "Certificate (空): クライアントに出せる証明書がない",
            ),
            (
                "Asked for a certificate, a client without one must still answer, with an empty Certificate message. The server decides whether that is acceptable.",
                "証明書を求められたクライアントは、持っていなくても空の Certificate で応答しなければなりません。それを受け入れるかどうかはサーバーが決めます。",
            ),
        ),
        Explain::CertificateEmpty(Participant::Server) => (
            ("Certificate (empty)", "Certificate (空)"),
            ("An empty certificate list.", "空の証明書リストです。"),
        ),
        Explain::CertificateVerify(Participant::Server) => (
            (
                "CertificateVerify: the server proves it holds the private key",
                "CertificateVerify: サーバーが秘密鍵を持っていることの証明",
            ),
            (
                "A certificate is public: anyone can copy it. So the server signs a hash of the whole handshake so far with its private key. The client verifies the signature with the public key from the certificate.",
                "証明書は公開情報なので誰でもコピーできます。そこでサーバーは、ここまでのハンドシェイク全体のハッシュに秘密鍵で署名します。クライアントは証明書の公開鍵でその署名を検証します。",
            ),
        ),
        Explain::CertificateVerify(Participant::Client) => (
            (
                "CertificateVerify: the client proves it holds the private key",
                "CertificateVerify: クライアントが秘密鍵を持っていることの証明",
            ),
            (
                "The client signs the handshake transcript with its private key. Because the signature covers this very handshake (both randoms and key shares), it cannot be replayed or relayed into another connection.",
                "クライアントはハンドシェイクの記録 (トランスクリプト) に秘密鍵で署名します。署名はこのハンドシェイク固有の内容 (双方の乱数と key share) を含むため、別の接続に使い回したり中継したりできません。",
            ),
        ),
        Explain::Finished(Participant::Server) => (
            (
                "Finished: the server seals the handshake",
                "Finished: サーバーがハンドシェイクを締めくくる",
            ),
            (
                "An HMAC over the whole transcript with a key derived from the handshake secret. If anyone changed any earlier message, this would not match.",
                "ハンドシェイクの秘密から導いた鍵で、トランスクリプト全体の HMAC を計算したものです。途中のメッセージが 1 つでも改ざんされていれば一致しません。",
            ),
        ),
        Explain::Finished(Participant::Client) => (
            (
                "Finished: the client seals the handshake",
                "Finished: クライアントがハンドシェイクを締めくくる",
            ),
            (
                "The client's HMAC over the transcript. The server has been able to send under the application traffic keys since its own Finished; from now on the client sends under them too. These session keys protect the data.",
                "クライアント側のトランスクリプトの HMAC です。サーバーは自分の Finished の後からアプリケーション用の鍵で送信できるようになっています。この後はクライアントもその鍵で送信します。このセッションキーがデータを守ります。",
            ),
        ),
        Explain::ApplicationData => (
            ("Application data", "アプリケーションデータ"),
            (
                "The HTTP request or answer, encrypted with AES-128-GCM under the session keys. Only the two endpoints can read it; any change to it would be detected.",
                "HTTP のリクエストまたは応答です。セッションキーを使って AES-128-GCM で暗号化されています。読めるのは両端だけで、少しでも改ざんされれば検出されます。",
            ),
        ),
        Explain::RelayVictimToProxy => (
            (
                "Application data, to and from the proxy",
                "アプリケーションデータ (プロキシとの間)",
            ),
            (
                "The HTTP request or answer, encrypted with AES-128-GCM under this connection's session keys. But this TLS connection ends at the proxy, not at the real site: the proxy holds these keys, so it reads everything, the password included. TLS protects the data between the two ends of a connection; it cannot tell the victim that the other end is the wrong site. Only the certificate's name could, and here it is the look-alike name the victim opened.",
                "HTTP のリクエストまたは応答です。この接続のセッションキーを使って AES-128-GCM で暗号化されています。しかし、この TLS 接続の相手は本物のサイトではなくプロキシです。プロキシはこの鍵を持っているので、パスワードも含めてすべて読めます。TLS が守るのは接続の両端の間のデータであり、相手が間違ったサイトであることまでは教えてくれません。それを示せるのは証明書の名前だけですが、ここでは被害者が開いた紛らわしい名前そのものです。",
            ),
        ),
        Explain::RelayProxyToServer => (
            (
                "Application data between the proxy and the real site",
                "アプリケーションデータ (プロキシと本物のサイトの間)",
            ),
            (
                "The proxy's own TLS connection to the real site, on which the proxy is the client. It sends what the victim typed (the password) and gets the real site's answer (the session cookie), which it can keep for itself and also pass back to the victim.",
                "プロキシが本物のサイトと結んだ自分の TLS 接続で、ここではプロキシがクライアントです。被害者が入力したもの (パスワード) を送り、本物のサイトの応答 (セッション Cookie) を受け取ります。プロキシはそれを自分で使うことも、被害者に返すこともできます。",
            ),
        ),
        Explain::NewSessionTicket => (
            ("NewSessionTicket", "NewSessionTicket"),
            (
                "A ticket the client could use to resume later without a full handshake. The lab accepts it and does not resume.",
                "後で完全なハンドシェイクなしに再開するためのチケットです。ラボは受け取りますが、再開には使いません。",
            ),
        ),
        Explain::KeyUpdate(Participant::Client) | Explain::KeyUpdate(Participant::Server) => (
            ("KeyUpdate", "KeyUpdate"),
            (
                "The sender switches to the next generation of traffic keys, derived from the current ones.",
                "送信側が現在の鍵から導いた次の世代のトラフィック鍵に切り替えます。",
            ),
        ),
        Explain::Certificate(Participant::Attacker) => (
            (
                "Certificate, sent by the attacker",
                "Certificate: 攻撃者が送る証明書",
            ),
            (
                "A certificate is public, so an attacker can send a real one, copied from the server or client it pretends to be, or one of its own (for example for a look-alike name). The peer checks the chain as usual, and a copied certificate passes. What the attacker cannot make is a signature with a copied certificate's private key, which only its owner holds: watch the next message.",
                "証明書は公開情報なので、攻撃者はなりすます相手 (サーバーやクライアント) の本物の証明書をコピーして送ることも、自分の証明書 (たとえば紛らわしい名前のもの) を送ることもできます。受け取った側はいつもどおりチェーンを検証し、コピーした本物の証明書はこの検証に通ります。攻撃者にできないのは、コピーした証明書の秘密鍵 (持ち主だけが持つ) で署名することです。次のメッセージに注目してください。",
            ),
        ),
        Explain::CertificateVerify(Participant::Attacker) => (
            (
                "CertificateVerify, signed by the attacker",
                "CertificateVerify: 攻撃者の署名",
            ),
            (
                "CertificateVerify must be a signature over this handshake's transcript, made with the private key of the certificate just sent. The attacker can only sign with a key of its own, or replay a signature captured from another handshake. If the certificate is someone else's (copied), neither verifies with its public key, and the peer stops with decrypt_error. If it is the attacker's own certificate, the signature verifies: then only the certificate checks (a trusted CA, the right name) stand between the attacker and the peer.",
                "CertificateVerify は、直前に送った証明書の秘密鍵でこのハンドシェイクのトランスクリプトに付けた署名でなければなりません。攻撃者にできるのは、自分の鍵で署名するか、別のハンドシェイクで盗み取った署名を使い回すことだけです。証明書が他人のもの (コピー) なら、どちらもその公開鍵では検証に失敗し、受け取った側は decrypt_error で接続を止めます。攻撃者自身の証明書なら署名は検証に成功します。そのときは、証明書の検証 (信頼する認証局か、名前が正しいか) だけが攻撃者を止める手段になります。",
            ),
        ),
        Explain::Finished(Participant::Attacker) => (
            (
                "Finished, sent by the attacker",
                "Finished: 攻撃者が送る Finished",
            ),
            (
                "An HMAC over the transcript with keys from the attacker's own key exchange with this peer, so the attacker can compute it. Finished proves that nobody altered the handshake between the two ends of this connection; it does not prove who the other end is. That is the job of the certificate and CertificateVerify.",
                "攻撃者がこの相手と自分で行った鍵交換から導いた鍵による、トランスクリプトの HMAC です。そのため攻撃者にも計算できます。Finished が証明するのは、この接続の両端の間でハンドシェイクが改ざんされていないことであり、相手が誰かではありません。それを証明するのは証明書と CertificateVerify です。",
            ),
        ),
        Explain::TamperedRecord => (
            (
                "The attacker changes an encrypted record",
                "攻撃者が暗号化レコードを書き換える",
            ),
            (
                "On the way, the attacker flips one bit of an encrypted record. Without the key it can neither read the record nor compute a matching authentication tag, so AES-GCM's tag check fails at the receiver, which refuses the record with bad_record_mac and ends the connection.",
                "攻撃者は途中で暗号化レコードの 1 ビットを反転させます。鍵を持たないので、中身を読むことも、正しい認証タグを計算し直すこともできません。そのため受信側で AES-GCM のタグ検証が失敗し、受信側は bad_record_mac でレコードを拒否して接続を終えます。",
            ),
        ),
        other => return (other.to_string(), String::new()),
    };
    (
        pick(lang, pair.0).to_string(),
        pick(lang, pair.1).to_string(),
    )
}

/// Why a record follows its receiver's refusal (see `Trace::arrives_after_refusal`): the
/// sender sent its whole flight at once.
pub fn after_refusal(lang: Lang, from: Participant, to: Participant) -> String {
    let name = |p| match p {
        Participant::Client => ("client", "クライアント"),
        Participant::Server => ("server", "サーバー"),
        Participant::Attacker => ("attacker", "攻撃者"),
    };
    let (from, to) = (name(from), name(to));
    match lang {
        Lang::En => format!(
            "Already on its way: the {} sends all the messages of its flight together, without waiting for an answer. The {} reads the records in order and stopped at the check that failed above, so it ignores this one. Its alert was sent when that check failed; it is shown after this flight.",
            from.0, to.0
        ),
        Lang::Ja => format!(
            "このレコードは既に送信済みです。{}は一連のメッセージ (フライト) を、応答を待たずにまとめて送るからです。{}はレコードを順に読み、それより前のステップで検証に失敗した時点で処理をやめているため、このレコードは処理しません。{}のアラートは検証に失敗した時点で送られ、このフライトの後に表示されます。",
            from.1, to.1, to.1
        ),
    }
}

/// The heading of a verification checklist: who checks whose certificate (not a message's
/// direction).
pub fn checklist_heading(lang: Lang, by: Participant, owner: CertificateOwner) -> String {
    let checker = match by {
        Participant::Client => ("the client", "クライアント"),
        Participant::Server => ("the server", "サーバー"),
        Participant::Attacker => ("the attacker", "攻撃者"),
    };
    let whose = match owner {
        CertificateOwner::Server => ("the server's", "サーバー"),
        CertificateOwner::Client => ("the client's", "クライアント"),
    };
    match lang {
        Lang::En => format!(
            "Verification checklist: {} checks {} certificate",
            checker.0, whose.0
        ),
        Lang::Ja => format!(
            "検証チェックリスト: {}が{}の証明書を検証",
            checker.1, whose.1
        ),
    }
}

/// A key event's kind by the name RFC 8446 gives it (§7.1 for the secrets, §4.2.8 for the key
/// shares), the same on both language pages, instead of the engine's Rust name; `None` for the
/// long-term keys, which the RFC does not name (the row's own name says what they are).
pub fn key_kind_label(kind: mtls_lab_engine::handshake::KeyKind) -> Option<&'static str> {
    use mtls_lab_engine::handshake::KeyKind as K;
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
        K::ServerPrivateKey | K::ClientPrivateKey | K::ServerPublicKey | K::ClientPublicKey => {
            return None;
        }
    })
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

/// The Japanese meaning of an X.509 field name (RFC 5280 §4.1, §4.2), shown beside the name in
/// the field tree of the Japanese page; `None` for other fields.
pub fn x509_gloss(name: &str) -> Option<&'static str> {
    Some(match name {
        "tbsCertificate" => "署名の対象となる証明書の本体",
        "version" => "バージョン",
        "serialNumber" => "シリアル番号",
        "signature" => "署名 (tbsCertificate 内では、署名に使うアルゴリズムの識別子)",
        "issuer" => "発行者",
        "validity" => "有効期間",
        "notBefore" => "有効期間の開始",
        "notAfter" => "有効期間の終了",
        "subject" => "サブジェクト (主体者)",
        "subjectPublicKeyInfo" => "サブジェクトの公開鍵情報",
        "subjectPublicKey" => "公開鍵",
        "algorithm" => "アルゴリズム",
        "extensions" => "拡張",
        "basicConstraints" => "基本制約",
        "keyUsage" => "鍵用途",
        "extKeyUsage" => "拡張鍵用途 (EKU)",
        "subjectAltName" => "サブジェクト代替名 (SAN)",
        "subjectKeyIdentifier" => "サブジェクト鍵識別子",
        "authorityKeyIdentifier" => "認証局鍵識別子",
        "signatureAlgorithm" => "署名アルゴリズム",
        "signatureValue" => "署名の値",
        "DistinguishedName" => "識別名 (DN)",
        _ => return None,
    })
}

/// A glossary entry: id (for links), term, definition.
pub struct Term {
    /// Anchor id.
    pub id: &'static str,
    /// The term in each language.
    pub term: (&'static str, &'static str),
    /// The definition in each language.
    pub definition: (&'static str, &'static str),
}

impl Term {
    /// The term in `lang`.
    pub fn term(&self, lang: Lang) -> &'static str {
        pick(lang, self.term)
    }
    /// The definition in `lang`.
    pub fn definition(&self, lang: Lang) -> &'static str {
        pick(lang, self.definition)
    }
}

/// The glossary, in reading order.
pub const GLOSSARY: &[Term] = &[
    Term {
        id: "mtls",
        term: ("Mutual TLS (mTLS)", "相互TLS (mTLS、双方向TLS)"),
        definition: (
            "TLS in which both sides prove who they are with certificates. In ordinary one-way TLS only the server does. Also called two-way TLS or mutually authenticated TLS.",
            "双方が証明書で身元を証明する TLS。通常の一方向TLSでは、証明するのはサーバーだけです。双方向TLS、相互認証TLS、TLS相互認証、Mutual TLS とも呼ばれます。",
        ),
    },
    Term {
        id: "tls-names",
        term: (
            "One-way and mutual TLS: other names",
            "一方向TLSと相互TLSの別の呼び方",
        ),
        definition: (
            "One-way TLS, where only the server proves who it is with a certificate (what HTTPS websites use), is also called server-authenticated TLS or one-way authentication. Mutual TLS (mTLS), where the client proves who it is too, is also called two-way TLS or mutually authenticated TLS.",
            "サーバーだけが証明書で身元を証明する一方向TLS (HTTPS の Web サイトで使われている方式) は、片方向TLS、単方向TLS とも呼ばれます。クライアントも身元を証明する相互TLS (mTLS) は、双方向TLS、相互認証TLS、TLS相互認証、Mutual TLS とも呼ばれます。",
        ),
    },
    Term {
        id: "certificate",
        term: ("Certificate (X.509)", "証明書 (X.509)"),
        definition: (
            "A signed statement by a CA binding a name (a server name, a person, a device) to a public key, with a validity period and allowed uses. Public: anyone may see and copy it.",
            "認証局が署名した、名前 (サーバー名、人、機器) と公開鍵を結びつける文書。有効期間と用途も記されます。公開情報で、誰でも見たりコピーしたりできます。",
        ),
    },
    Term {
        id: "client-certificate",
        term: ("Client certificate", "クライアント証明書"),
        definition: (
            "A certificate that identifies the client (EKU clientAuth). Used in mutual TLS, together with the private key that only the client holds.",
            "クライアントを識別する証明書 (EKU は clientAuth)。相互TLSで、クライアントだけが持つ秘密鍵と組み合わせて使います。",
        ),
    },
    Term {
        id: "ca",
        term: ("Certificate authority (CA)", "認証局 (CA)"),
        definition: (
            "An issuer of certificates. A root CA is trusted directly (it sits in the trust store); an intermediate CA is certified by the root and signs the everyday certificates, so the root key can stay offline.",
            "証明書の発行者。ルート認証局は直接信頼され (トラストストアに入っています)、中間認証局はルートに証明されて日常の証明書に署名します。これによりルートの秘密鍵をオフラインに保てます。",
        ),
    },
    Term {
        id: "chain",
        term: ("Certificate chain", "証明書チェーン"),
        definition: (
            "Leaf certificate → intermediate → root, each signed by the next. A verifier must be able to build it up to a root it trusts.",
            "リーフ証明書 → 中間証明書 → ルート証明書の連なりで、それぞれが次の証明書の鍵で署名されています。検証者は信頼するルートまでたどれなければなりません。",
        ),
    },
    Term {
        id: "private-key",
        term: ("Private key", "秘密鍵"),
        definition: (
            "The secret half of a key pair. It signs; it never leaves its owner. The client never has the server's private key, and the server never has the client's.",
            "鍵ペアの秘密の側。署名に使い、持ち主の外に出ることはありません。クライアントがサーバーの秘密鍵を持つことはなく、その逆もありません。",
        ),
    },
    Term {
        id: "public-key",
        term: ("Public key", "公開鍵"),
        definition: (
            "The public half of a key pair, published in the certificate. Anyone can use it to verify the owner's signatures.",
            "鍵ペアの公開の側で、証明書に載っています。誰でもこれを使って持ち主の署名を検証できます。",
        ),
    },
    Term {
        id: "ecdhe",
        term: (
            "ECDHE (ephemeral Diffie-Hellman)",
            "ECDHE (一時的な Diffie-Hellman 鍵交換)",
        ),
        definition: (
            "Each side makes a fresh key pair per connection and sends only the public share; combining its private key with the other's share gives both the same secret. The server's long-term key only signs; no secret is ever encrypted to it. (In RSA key transport, which TLS 1.2 allowed and TLS 1.3 removed, the client encrypted the premaster secret to the server's RSA key; most TLS 1.2 connections use ECDHE anyway.) So a server private key stolen later cannot decrypt recorded traffic (forward secrecy).",
            "接続ごとに双方が新しい鍵ペアを作り、公開鍵 (key share) だけを送ります。自分の秘密鍵と相手の公開鍵から、両者は同じ秘密を得ます。サーバーの長期的な鍵は署名に使うだけで、秘密をその鍵で暗号化して送ることはありません。(RSA 鍵交換 (RSA key transport) では、クライアントがプリマスターシークレットをサーバーの RSA 公開鍵で暗号化して送っていました。TLS 1.2 では選べましたが TLS 1.3 では廃止されました。TLS 1.2 でも多くの接続は ECDHE を使います。) そのため、後でサーバーの秘密鍵が盗まれても、記録された通信は復号できません (前方秘匿性)。",
        ),
    },
    Term {
        id: "session-key",
        term: ("Session keys", "セッションキー"),
        definition: (
            "Symmetric keys derived from the shared secret and the transcript (HKDF). Public-key cryptography does two jobs in the handshake: the key exchange (ECDHE) and the signatures (CertificateVerify, and checking the CA signatures on certificates). Every handshake message after ServerHello, and all the data, is protected with symmetric keys: first the handshake traffic keys, then these application traffic keys (AES-GCM), which protect the data.",
            "共有秘密とトランスクリプトから HKDF で導出される共通鍵です。ハンドシェイクで公開鍵暗号が担うのは、鍵交換 (ECDHE) と署名 (CertificateVerify と、証明書に付いた認証局の署名の検証) の 2 つです。ServerHello より後のハンドシェイクメッセージとすべてのデータは共通鍵で保護されます。最初はハンドシェイク用トラフィック鍵、その後はデータを守るこのアプリケーション用トラフィック鍵 (AES-GCM) です。",
        ),
    },
    Term {
        id: "certificate-verify",
        term: ("CertificateVerify", "CertificateVerify"),
        definition: (
            "A signature over the handshake transcript: proof that the sender holds the private key of the certificate it just sent.",
            "ハンドシェイクのトランスクリプトへの署名。直前に送った証明書の秘密鍵を持っていることの証明です。",
        ),
    },
    Term {
        id: "eku",
        term: ("Extended Key Usage (EKU)", "拡張鍵用途 (EKU)"),
        definition: (
            "What a certificate may be used for: serverAuth for servers, clientAuth for clients. A verifier refuses a certificate used for a role it does not allow.",
            "証明書の用途。サーバーには serverAuth、クライアントには clientAuth。許されない役割で使われた証明書は拒否されます。",
        ),
    },
    Term {
        id: "revocation",
        term: ("Revocation (CRL, OCSP)", "失効 (CRL、OCSP)"),
        definition: (
            "A CA can withdraw a certificate before it expires, for example when its key is stolen. Verifiers learn it from a Certificate Revocation List or by asking an OCSP responder (or from a stapled OCSP answer).",
            "鍵の盗難などの際、認証局は期限前に証明書を失効させられます。検証者は証明書失効リスト (CRL) や OCSP レスポンダーへの問い合わせ (または OCSP ステープリング) でそれを知ります。",
        ),
    },
    Term {
        id: "pem-der",
        term: ("PEM, DER, PKCS#12", "PEM、DER、PKCS#12"),
        definition: (
            "DER is the binary encoding of a certificate or key; PEM is DER in base64 between -----BEGIN----- lines; PKCS#12 (.p12/.pfx) bundles a certificate with its private key behind a password.",
            "DER は証明書や鍵のバイナリ形式、PEM は DER を base64 にして -----BEGIN----- 行で囲んだもの、PKCS#12 (.p12/.pfx) は証明書と秘密鍵をパスワード付きでまとめた形式です。",
        ),
    },
    Term {
        id: "aitm",
        term: (
            "Adversary-in-the-middle phishing",
            "中間者 (AiTM) フィッシング",
        ),
        definition: (
            "A fake site relays the victim's login to the real one and steals the session. Passwords and one-time codes pass through it; a client certificate's signature does not, because it covers the handshake the proxy cannot reproduce.",
            "偽サイトが被害者のログインを本物のサイトへ中継し、セッションを盗む攻撃。パスワードやワンタイムコードは中継できますが、クライアント証明書の署名はプロキシが再現できないハンドシェイクに結びついているため中継できません。",
        ),
    },
    Term {
        id: "termination",
        term: ("TLS termination", "TLS終端"),
        definition: (
            "A proxy or load balancer that ends TLS and forwards the request. With mutual TLS it must verify the client certificate itself and pass on who the client is.",
            "TLS を終端してリクエストを転送するプロキシやロードバランサー。相互TLSでは、そこでクライアント証明書を検証し、クライアントが誰かを後段に伝える必要があります。",
        ),
    },
    Term {
        id: "pinning",
        term: ("Certificate pinning", "証明書ピンニング"),
        definition: (
            "Accepting only a specific certificate or public key for a peer, instead of anything a trusted CA signed.",
            "信頼する認証局が署名したものなら何でもではなく、特定の証明書や公開鍵だけを受け入れる方式。",
        ),
    },
    Term {
        id: "lifecycle",
        term: ("Certificate lifecycle", "証明書のライフサイクル"),
        definition: (
            "Issue, deploy, renew before expiry, revoke when compromised. ACME automates issuance and renewal; mutual TLS at scale needs the same for client certificates.",
            "発行、配布、期限前の更新、漏えい時の失効。ACME は発行と更新を自動化します。大規模な相互TLSではクライアント証明書にも同じ仕組みが必要です。",
        ),
    },
    Term {
        id: "not-vpn",
        term: ("mTLS and VPNs", "相互TLSとVPN"),
        definition: (
            "A VPN protects traffic at the network layer: what is routed into its tunnel, between two networks or a device and a network, is encrypted between the tunnel's ends. mTLS authenticates both ends of one application connection and encrypts it end to end, whatever networks it crosses. They do different jobs and are often combined. Neither decides what an authenticated client may do: that is authorization.",
            "VPN はネットワーク層で通信を保護します。2 つのネットワークの間、または端末とネットワークの間で、トンネルに送られた通信がトンネルの両端の間で暗号化されます。相互TLSは、どのネットワークを通るかに関係なく、1 本のアプリケーション接続の両端を認証し、端から端まで暗号化します。役割が違うため、組み合わせて使うことがよくあります。どちらも、認証されたクライアントに何を許すか (認可) は決めません。",
        ),
    },
    Term {
        id: "transcript",
        term: ("Transcript", "トランスクリプト"),
        definition: (
            "The handshake messages so far, in the order they were sent. Both sides hash them (SHA-256 here) and use the hash in key derivation, in the CertificateVerify signatures and in Finished, so a change to any earlier message is detected.",
            "ここまでのハンドシェイクメッセージを、送られた順に連ねたもの。両者はこれをハッシュし (ここでは SHA-256)、鍵の導出、CertificateVerify の署名、Finished に使います。そのため、前のメッセージが 1 つでも変われば検出されます。",
        ),
    },
    Term {
        id: "hkdf",
        term: ("HKDF", "HKDF"),
        definition: (
            "HMAC-based key derivation (RFC 5869). TLS 1.3 derives every secret and key from the shared secret and the transcript hash with HKDF-Extract and HKDF-Expand-Label (RFC 8446 §7.1, §7.3), each with its own label, so each key has one purpose.",
            "HMAC を使った鍵導出関数 (RFC 5869)。TLS 1.3 は、共有秘密とトランスクリプトのハッシュから、HKDF-Extract と HKDF-Expand-Label ですべての秘密と鍵を導出します (RFC 8446 §7.1、§7.3)。それぞれに固有のラベルがあり、鍵ごとに用途が 1 つに決まります。",
        ),
    },
    Term {
        id: "hmac",
        term: ("HMAC", "HMAC"),
        definition: (
            "A message authentication code made with a hash function and a secret key (RFC 2104): only someone who holds the key can compute it. Finished is an HMAC over the transcript hash (RFC 8446 §4.4.4).",
            "ハッシュ関数と秘密の鍵で作るメッセージ認証コード (RFC 2104)。鍵を持つ者だけが計算できます。Finished はトランスクリプトのハッシュに対する HMAC です (RFC 8446 §4.4.4)。",
        ),
    },
    Term {
        id: "aes-gcm",
        term: ("AES-GCM", "AES-GCM"),
        definition: (
            "The authenticated encryption that protects records here (AES-128-GCM, in TLS_AES_128_GCM_SHA256). It encrypts and adds a 16-byte tag; a record changed on the way fails the tag check, and the receiver ends the connection with a bad_record_mac alert (RFC 8446 §5.2).",
            "このラボでレコードを保護する認証付き暗号 (TLS_AES_128_GCM_SHA256 の AES-128-GCM)。暗号化に加えて 16 バイトのタグを付けます。途中で書き換えられたレコードはタグの検証に失敗し、受信側は bad_record_mac アラートで接続を終えます (RFC 8446 §5.2)。",
        ),
    },
    Term {
        id: "alpn",
        term: ("ALPN", "ALPN"),
        definition: (
            "Application-Layer Protocol Negotiation (RFC 7301): the client lists the protocols it speaks (here http/1.1) in ClientHello, and the server picks one and names it in EncryptedExtensions.",
            "アプリケーション層プロトコルネゴシエーション (RFC 7301)。クライアントは対応するプロトコルの一覧 (ここでは http/1.1) を ClientHello で伝え、サーバーが 1 つ選んで EncryptedExtensions で返します。",
        ),
    },
    Term {
        id: "san",
        term: ("Subject Alternative Name (SAN)", "サブジェクト代替名 (SAN)"),
        definition: (
            "The certificate extension that lists the names a certificate is for: DNS names, IP addresses and more (RFC 5280 §4.2.1.6). A client checks the server name it asked for against it; modern clients, and this lab, do not use the subject's CN for that.",
            "証明書の対象となる名前 (DNS 名、IP アドレスなど) を列挙する拡張 (RFC 5280 §4.2.1.6)。クライアントは接続先のサーバー名をこれと照合します。現在のクライアントとこのラボは、この照合にサブジェクトの CN を使いません。",
        ),
    },
    Term {
        id: "leaf",
        term: ("Leaf certificate", "リーフ証明書"),
        definition: (
            "The end-entity certificate at the start of a chain: the server's or the client's own, issued by a CA and not itself a CA. The chain runs from it through any intermediate CAs to a root CA.",
            "チェーンの起点にあるエンドエンティティの証明書。サーバーやクライアント自身の証明書で、認証局が発行し、自身は認証局ではありません。チェーンはここから (あれば) 中間CAを経てルートCAへつながります。",
        ),
    },
    Term {
        id: "trust-store",
        term: ("Trust store", "トラストストア"),
        definition: (
            "The root CA certificates a verifier trusts: for server certificates usually the browser's or the operating system's, for client certificates usually the organisation's own CA that the server is configured with. A chain is accepted only if it leads to one of them.",
            "検証する側が信頼するルートCA証明書の集まり。サーバー証明書なら通常はブラウザーや OS のもの、クライアント証明書なら通常はサーバーに設定した組織自身の認証局です。チェーンは、そのどれかにたどり着く場合にだけ受け入れられます。",
        ),
    },
    Term {
        id: "certificate-authorities",
        term: ("certificate_authorities", "certificate_authorities"),
        definition: (
            "An optional extension (RFC 8446 §4.2.4), here in CertificateRequest, listing the distinguished names of the CAs the server accepts, so a client with several certificates can pick one that will pass. A client may send it in ClientHello too.",
            "任意の拡張 (RFC 8446 §4.2.4) で、ここでは CertificateRequest に入ります。サーバーが受け入れる認証局の識別名 (DN) を列挙し、複数の証明書を持つクライアントが通る証明書を選べるようにします。クライアントが ClientHello で送ることもできます。",
        ),
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use mtls_lab_engine::scenario::{CATALOGUE, run_scenario};

    #[test]
    fn every_step_of_every_scenario_has_a_title_and_an_explanation_in_both_languages() {
        for scenario in CATALOGUE {
            let trace = run_scenario(scenario.id, 3).expect("a catalogue id runs");
            for step in &trace.steps {
                for lang in [Lang::En, Lang::Ja] {
                    let (title, body) = step_text(lang, step);
                    assert!(
                        !title.is_empty() && title != step.explain.to_string(),
                        "{} step {}: the title is the raw id {:?} ({lang:?})",
                        scenario.id,
                        step.index,
                        step.explain
                    );
                    assert!(
                        !body.is_empty(),
                        "{} step {} ({}): no explanation ({lang:?})",
                        scenario.id,
                        step.index,
                        step.explain
                    );
                }
            }
        }
    }

    #[test]
    fn rfc_references_in_texts_become_links() {
        let parts = rfc_segments("The transcript (RFC 8446 §4.4.1). See RFC 5869, and §7.3.");
        assert_eq!(
            parts,
            vec![
                ("The transcript (".to_string(), None),
                (
                    "RFC 8446 §4.4.1".to_string(),
                    Some("https://www.rfc-editor.org/rfc/rfc8446#section-4.4.1".to_string())
                ),
                ("). See ".to_string(), None),
                (
                    "RFC 5869".to_string(),
                    Some("https://www.rfc-editor.org/rfc/rfc5869".to_string())
                ),
                (", and §7.3.".to_string(), None),
            ]
        );
        assert_eq!(
            rfc_url(8446, "D.4"),
            "https://www.rfc-editor.org/rfc/rfc8446#appendix-D.4"
        );
        assert_eq!(
            rfc_segments("no reference"),
            vec![("no reference".to_string(), None)]
        );
        // Every step of every scenario cites at least one RFC section.
        for scenario in CATALOGUE {
            let trace = run_scenario(scenario.id, 3).expect("a catalogue id runs");
            for step in &trace.steps {
                let id = &step.explain;
                assert!(
                    !step_rfc(id).is_empty(),
                    "{}: {id} cites no RFC",
                    scenario.id
                );
            }
        }
    }

    #[test]
    fn every_term_a_step_links_to_is_in_the_glossary() {
        for scenario in CATALOGUE {
            let trace = run_scenario(scenario.id, 3).expect("a catalogue id runs");
            for step in &trace.steps {
                for id in step_terms(&step.explain) {
                    assert!(
                        term(id).is_some(),
                        "{}: no glossary entry {id}",
                        step.explain
                    );
                }
            }
        }
        for id in [
            "transcript",
            "hkdf",
            "hmac",
            "aes-gcm",
            "alpn",
            "san",
            "leaf",
            "trust-store",
            "certificate-authorities",
        ] {
            assert!(term(id).is_some(), "{id}");
        }
    }

    #[test]
    fn a_phishing_proxy_reads_the_application_data_it_terminates() {
        let trace = run_scenario("aitm-relay-one-way", 3).expect("a catalogue id runs");
        // Every application-data record goes to or from the proxy, and says so.
        assert!(
            trace
                .steps
                .iter()
                .all(|s| s.explain != Explain::ApplicationData)
        );
        let texts: Vec<String> = trace
            .steps
            .iter()
            .filter(|s| {
                matches!(
                    s.explain,
                    Explain::RelayVictimToProxy | Explain::RelayProxyToServer
                )
            })
            .map(|s| step_text(Lang::En, s).1)
            .collect();
        assert!(!texts.is_empty());
        assert!(
            texts.iter().all(|t| !t.contains("Only the two endpoints")),
            "{texts:?}"
        );
        assert!(texts.iter().any(|t| t.contains("the password included")));
        assert!(
            texts
                .iter()
                .any(|t| t.contains("on which the proxy is the client"))
        );
        // The bit-flipping attacker of tampered-record sits between the ends too, but reads
        // nothing: its run keeps the plain text.
        let trace = run_scenario("tampered-record", 3).expect("a catalogue id runs");
        for s in trace
            .steps
            .iter()
            .filter(|s| s.explain == Explain::ApplicationData)
        {
            let (_, text) = step_text(Lang::En, s);
            assert!(text.contains("Only the two endpoints"), "{text}");
        }
    }
}
