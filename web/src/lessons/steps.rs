//! The words of each step: its explanation by id, its glossary terms and RFC sections, and
//! the checklist's heading.

use mtls_lab_engine::pki::checklist::CertificateOwner;
use mtls_lab_engine::trace::{Explain, Participant, Step, Tls12Step};
use mtls_lab_engine::wire::AlertDescription;

use crate::i18n::{Lang, pick};

use mtls_lab_texts::alert_meaning;

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
        Explain::RewrittenClientHello => &["aitm", "transcript"],
        Explain::Tls12(step) => tls12_terms(*step),
        _ => &[],
    }
}

/// [`step_terms`] of a TLS 1.2 step.
fn tls12_terms(step: Tls12Step) -> &'static [&'static str] {
    match step {
        Tls12Step::ClientHello | Tls12Step::ServerHello => &["ecdhe"],
        Tls12Step::Certificate(Participant::Server) => &["certificate", "chain", "trust-store"],
        Tls12Step::Certificate(_) => &["client-certificate", "chain", "mtls"],
        Tls12Step::CertificateEmpty(_) => &["client-certificate", "mtls"],
        Tls12Step::ServerKeyExchange => &["ecdhe", "private-key", "public-key"],
        Tls12Step::CertificateRequest => &["mtls", "certificate-authorities", "trust-store"],
        Tls12Step::ServerHelloDone => &[],
        Tls12Step::ClientKeyExchange => &["ecdhe", "session-key"],
        Tls12Step::ClientKeyExchangeRsa => &["public-key", "private-key", "ecdhe", "session-key"],
        Tls12Step::CertificateVerify(_) => &["certificate-verify", "private-key", "transcript"],
        Tls12Step::ChangeCipherSpec(_) => &["session-key", "aes-gcm"],
        Tls12Step::Finished(_) => &["hmac", "transcript", "session-key"],
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
        Explain::RewrittenClientHello => &[(8446, "4.1.3"), (8446, "4.2.1")],
        Explain::Tls12(step) => tls12_rfc(*step),
        _ => &[],
    }
}

/// [`step_rfc`] in a run of `version`: a TLS 1.2 run's application data and alerts, whose ids
/// are TLS 1.3's, are specified in RFC 5246 (with RFC 5288's AES-GCM records).
pub fn step_rfc_in(
    id: &Explain,
    version: mtls_lab_engine::wire::handshake::TlsVersion,
) -> &'static [(u16, &'static str)] {
    if version != mtls_lab_engine::wire::handshake::TlsVersion::Tls12 {
        return step_rfc(id);
    }
    match id {
        Explain::ApplicationData | Explain::TamperedRecord => &[(5246, "6.2.3.3"), (5288, "3")],
        Explain::Alert(AlertDescription::CLOSE_NOTIFY) => &[(5246, "7.2.1")],
        Explain::Alert(_) | Explain::UnreadableAlert => &[(5246, "7.2.2")],
        other => step_rfc(other),
    }
}

/// [`step_rfc`] of a TLS 1.2 step: RFC 5246, with RFC 8422 for ECDHE and ECDSA and RFC 7627
/// for the extended master secret.
fn tls12_rfc(step: Tls12Step) -> &'static [(u16, &'static str)] {
    match step {
        Tls12Step::ClientHello => &[(5246, "7.4.1.2"), (7627, "5.1"), (5746, "3.4")],
        Tls12Step::ServerHello => &[(5246, "7.4.1.3"), (8446, "4.1.3")],
        Tls12Step::Certificate(Participant::Server) => &[(5246, "7.4.2"), (5280, "6.1")],
        Tls12Step::Certificate(_) => &[(5246, "7.4.6"), (5280, "6.1")],
        Tls12Step::CertificateEmpty(_) => &[(5246, "7.4.6")],
        Tls12Step::ServerKeyExchange => &[(5246, "7.4.3"), (8422, "5.4")],
        Tls12Step::CertificateRequest => &[(5246, "7.4.4"), (8422, "5.5")],
        Tls12Step::ServerHelloDone => &[(5246, "7.4.5")],
        Tls12Step::ClientKeyExchange => &[(5246, "7.4.7"), (8422, "5.7"), (7627, "4")],
        Tls12Step::ClientKeyExchangeRsa => &[(5246, "7.4.7.1"), (5246, "8.1.1"), (8446, "1.2")],
        Tls12Step::CertificateVerify(_) => &[(5246, "7.4.8")],
        Tls12Step::ChangeCipherSpec(_) => &[(5246, "7.1"), (5288, "3")],
        Tls12Step::Finished(_) => &[(5246, "7.4.9")],
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

/// The explanation of `step`: [`explain`] of its id (the phishing proxy's relayed data has
/// ids of its own, `Explain::RelayVictimToProxy` and `Explain::RelayProxyToServer`).
pub fn step_text(lang: Lang, step: &Step) -> (String, String) {
    explain(lang, &step.explain)
}

/// The explanation of a step, by the engine's explanation id: a title and a paragraph.
pub fn explain(lang: Lang, id: &Explain) -> (String, String) {
    let pair = match id {
        Explain::Alert(alert) => return alert_meaning(lang, *alert),
        Explain::Tls12(step) => tls12_explain(*step),
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
                "The server sends its certificate (naming server.example, with its public key) and the intermediate CA's certificate. The client checks the chain up to a root it trusts, the validity dates, the name and the extended key usage (serverAuth).",
                "サーバーは自分の証明書 (server.example の名前と公開鍵を含む) と中間CAの証明書を送ります。クライアントは信頼するルートまでのチェーン、有効期間、名前、拡張鍵用途 (serverAuth) を検証します。",
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
        Explain::RewrittenClientHello => (
            (
                "The attacker takes TLS 1.3 out of the ClientHello",
                "攻撃者が ClientHello から TLS 1.3 を取り除く",
            ),
            (
                "The ClientHello travels in the clear and carries no signature or MAC of its own, so an attacker on the path can change it: here it removes supported_versions, the key shares and the TLS 1.3 cipher suite. To the server, which speaks both versions, the client now looks like one that speaks only TLS 1.2, so the server chooses TLS 1.2. The Finished messages at the end would reveal the change, since they cover every handshake message, but only if the older protocol's protection holds until then. TLS 1.3 adds a quicker defence: watch the server's random in the ServerHello, which the server signs in ServerKeyExchange.",
                "ClientHello は平文で送られ、それ自体には署名も MAC もないので、経路上の攻撃者は書き換えられます。ここでは supported_versions、key share、TLS 1.3 の暗号スイートを取り除きます。両方のバージョンに対応するサーバーからは、クライアントが TLS 1.2 にしか対応していないように見えるため、サーバーは TLS 1.2 を選びます。最後の Finished はすべてのハンドシェイクメッセージを対象にするので書き換えを明らかにしますが、それは古いプロトコルの保護がそこまで破られない場合に限られます。TLS 1.3 にはもっと早い防御があります。ServerHello に入っているサーバーの乱数に注目してください。この乱数にはサーバーが ServerKeyExchange で署名します。",
            ),
        ),
        other => return (other.to_string(), String::new()),
    };
    (
        pick(lang, pair.0).to_string(),
        pick(lang, pair.1).to_string(),
    )
}

/// English and Japanese: a title and a paragraph.
type Words = ((&'static str, &'static str), (&'static str, &'static str));

/// The explanation of a step of a TLS 1.2 handshake (RFC 5246 §7.3).
fn tls12_explain(step: Tls12Step) -> Words {
    match step {
        Tls12Step::ClientHello => (
            (
                "ClientHello (TLS 1.2): the client opens",
                "ClientHello (TLS 1.2): クライアントが口火を切る",
            ),
            (
                "The client sends 32 random bytes, the cipher suites it supports (each names a key exchange, how the server authenticates itself, the record encryption and the hash of the key derivation: TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 is ECDHE signed with an ECDSA key, AES-128-GCM records and SHA-256 in the PRF; in TLS_RSA_WITH_AES_128_GCM_SHA256 the one word RSA names both the key exchange and the authentication), the groups it can use for ECDHE (supported_groups) and the server name (SNI). It also offers the extended master secret (RFC 7627) and signals that it supports secure renegotiation (an empty renegotiation_info, RFC 5746). Unlike in TLS 1.3 it sends no key share: in TLS 1.2 the key exchange starts only after the server has chosen. It travels unencrypted.",
                "クライアントは 32 バイトの乱数、対応する暗号スイート (それぞれが鍵交換、サーバーの認証方法、レコードの暗号化、鍵の導出に使うハッシュを表します。たとえば TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 は、ECDSA の鍵で署名した ECDHE、AES-128-GCM のレコード、PRF の SHA-256 です。TLS_RSA_WITH_AES_128_GCM_SHA256 では、一語の RSA が鍵交換と認証の両方を表します)、ECDHE に使える鍵交換グループ (supported_groups)、接続先のサーバー名 (SNI) を送ります。さらに拡張マスターシークレット (RFC 7627) を提示し、安全な再ネゴシエーションに対応していることを示します (空の renegotiation_info、RFC 5746)。TLS 1.3 と違って key share は送りません。TLS 1.2 では、サーバーが選んだ後で鍵交換が始まるからです。平文で送られます。",
            ),
        ),
        Tls12Step::ServerHello => (
            (
                "ServerHello (TLS 1.2): the server chooses",
                "ServerHello (TLS 1.2): サーバーが選ぶ",
            ),
            (
                "The server answers with TLS 1.2 in its version field (server_version, which TLS 1.3 renamed legacy_version; a TLS 1.2 ServerHello has no supported_versions), the cipher suite and 32 random bytes of its own. Unlike in TLS 1.3 there is no key share in it, and the handshake goes on unencrypted: in TLS 1.2 only Finished and what follows are protected. A server that also speaks TLS 1.3 ends its random with the 8 bytes 44 4F 57 4E 47 52 44 01 (\"DOWNGRD\" in ASCII, then 01) when it agrees to TLS 1.2, so that a client that offered TLS 1.3 can tell that someone took it out; an attacker cannot erase them unnoticed: with ECDHE the server signs both randoms in ServerKeyExchange; with RSA key transport nothing signs them, and only the Finished messages would catch the change (RFC 8446 §4.1.3).",
                "サーバーは TLS 1.2 (バージョンのフィールド server_version に入ります。TLS 1.3 ではこれを legacy_version と呼びます。TLS 1.2 の ServerHello には supported_versions がありません)、暗号スイート、自分の 32 バイトの乱数で応答します。TLS 1.3 と違って key share は含まれず、ハンドシェイクは平文のまま続きます。TLS 1.2 で保護されるのは Finished とその後だけです。TLS 1.3 にも対応するサーバーが TLS 1.2 で合意するときは、乱数の最後の 8 バイトを 44 4F 57 4E 47 52 44 01 (ASCII の「DOWNGRD」と 01) にします。TLS 1.3 を提示したクライアントは、それで誰かが TLS 1.3 を取り除いたことに気づけます。ECDHE ならサーバーは ServerKeyExchange で双方の乱数に署名するので、攻撃者が気づかれずにこの値を消すことはできません。RSA 鍵交換では乱数に署名するものがなく、書き換えに気づけるのは Finished だけです (RFC 8446 §4.1.3)。",
            ),
        ),
        Tls12Step::Certificate(Participant::Server) => (
            (
                "Certificate: the server's chain, in the clear",
                "Certificate: サーバーの証明書チェーン (平文)",
            ),
            (
                "The server sends its certificate (naming server.example, with its public key) and the intermediate CA's certificate. In TLS 1.2 this message is not encrypted: anyone on the path can read it. The client checks the chain up to a root it trusts, the validity dates, the name and the extended key usage (serverAuth).",
                "サーバーは自分の証明書 (server.example の名前と公開鍵を含む) と中間CAの証明書を送ります。TLS 1.2 ではこのメッセージは暗号化されないので、経路上の誰でも読めます。クライアントは信頼するルートまでのチェーン、有効期間、名前、拡張鍵用途 (serverAuth) を検証します。",
            ),
        ),
        Tls12Step::Certificate(_) => (
            (
                "Certificate: the client's chain, in the clear",
                "Certificate: クライアントの証明書チェーン (平文)",
            ),
            (
                "In mutual TLS 1.2 the client sends its certificate (naming a person or a device) and its intermediate before the two sides share any key, so they travel unencrypted: an eavesdropper reads the client's name in them. TLS 1.3 fixed this by encrypting every handshake message after ServerHello. The server checks the chain against its own trusted CA and CRL.",
                "TLS 1.2 の相互TLSでは、クライアントは両者が鍵を共有する前に自分の証明書 (人や機器の名前を含む) と中間CAの証明書を送ります。そのため平文で送られ、盗聴者は証明書に書かれたクライアントの名前を読めます。TLS 1.3 は ServerHello より後のハンドシェイクメッセージをすべて暗号化して、この問題を解消しました。サーバーは自分が信頼する認証局と CRL に照らしてチェーンを検証します。",
            ),
        ),
        Tls12Step::CertificateEmpty(Participant::Server) => (
            ("Certificate (empty)", "Certificate (空)"),
            ("An empty certificate list.", "空の証明書リストです。"),
        ),
        Tls12Step::CertificateEmpty(_) => (
            (
                "Certificate (empty): the client has nothing to show",
                "Certificate (空): クライアントに出せる証明書がない",
            ),
            (
                "Asked for a certificate, a TLS 1.2 client without one answers with an empty Certificate message. RFC 5246 lets the server either go on without client authentication or end the handshake with a handshake_failure alert: TLS 1.2 has no certificate_required alert (TLS 1.3 added it). This server requires a certificate, so it sends handshake_failure, as OpenSSL does.",
                "証明書を求められた TLS 1.2 のクライアントは、持っていなければ空の Certificate で応答します。RFC 5246 では、サーバーはクライアント認証なしで続けるか、handshake_failure アラートでハンドシェイクを終えるかを選べます。TLS 1.2 には certificate_required アラートがありません (TLS 1.3 で追加されました)。このサーバーは証明書を必須にしているので、OpenSSL と同じく handshake_failure を送ります。",
            ),
        ),
        Tls12Step::ServerKeyExchange => (
            (
                "ServerKeyExchange: the server's signed ECDHE key",
                "ServerKeyExchange: 署名付きのサーバーの ECDHE 公開鍵",
            ),
            (
                "The server sends its ephemeral ECDHE public key for the group it chose and signs the group and the key, together with both randoms, with its certificate's private key. The client verifies the signature with the public key from the certificate: this is how a TLS 1.2 server proves that it holds the private key (it sends no CertificateVerify). The signature covers the group, the key and the two randoms, not the rest of the handshake (not even the chosen cipher suite); the Finished messages cover that.",
                "サーバーは選んだグループの一時的な ECDHE 公開鍵を送り、グループと公開鍵に双方の乱数を合わせて証明書の秘密鍵で署名します。クライアントは証明書の公開鍵で署名を検証します。TLS 1.2 のサーバーはこうして秘密鍵を持っていることを証明します (CertificateVerify は送りません)。署名の対象はグループ、公開鍵、2 つの乱数だけで、ハンドシェイクの残り (選ばれた暗号スイートさえ) は含みません。それを守るのは Finished です。",
            ),
        ),
        Tls12Step::CertificateRequest => (
            (
                "CertificateRequest: the server asks the client to prove who it is",
                "CertificateRequest: サーバーがクライアントに身元の証明を求める",
            ),
            (
                "This message is what makes TLS mutual. In TLS 1.2 it lists the certificate types the server accepts (ecdsa_sign for ECDSA keys, rsa_sign for RSA keys), the signature algorithms and the names of the CAs it trusts (certificate_authorities), so the client can pick the right certificate.",
                "このメッセージがあるから TLS が「相互」になります。TLS 1.2 では、サーバーが受け付ける証明書の種類 (ECDSA の鍵なら ecdsa_sign、RSA の鍵なら rsa_sign)、署名アルゴリズム、信頼する認証局の名前 (certificate_authorities) を伝え、クライアントが適切な証明書を選べるようにします。",
            ),
        ),
        Tls12Step::ServerHelloDone => (
            (
                "ServerHelloDone: the server's turn is over",
                "ServerHelloDone: サーバーの番が終わる",
            ),
            (
                "An empty message: the server has sent everything it had to say and waits for the client. One round trip has passed, and the two sides share no key yet.",
                "中身のないメッセージです。サーバーは伝えるべきことをすべて送り、クライアントを待ちます。1 往復が過ぎましたが、両者が共有する鍵はまだありません。",
            ),
        ),
        Tls12Step::ClientKeyExchange => (
            (
                "ClientKeyExchange: the client's ECDHE key",
                "ClientKeyExchange: クライアントの ECDHE 公開鍵",
            ),
            (
                "The client sends its ephemeral ECDHE public key for the server's group. Each side combines its own private key with the other's public key and gets the same pre-master secret, which never crossed the wire. From it both derive the master secret (here the extended master secret, computed over a hash of the handshake so far) and from that the key block: for each direction a key and a 4-byte IV, the fixed part of the AES-GCM nonce. The message itself is not signed; in mutual TLS the client's CertificateVerify that follows covers it.",
                "クライアントはサーバーが選んだグループの一時的な ECDHE 公開鍵を送ります。両者はそれぞれ自分の秘密鍵と相手の公開鍵を組み合わせ、通信路を一度も通っていない同じプリマスターシークレットを得ます。そこから両者はマスターシークレット (ここでは、ここまでのハンドシェイクのハッシュから計算する拡張マスターシークレット) を導き、さらにキーブロック (方向ごとの鍵と、AES-GCM のナンスの固定部分である 4 バイトの IV) を導きます。このメッセージ自体には署名がありません。相互TLSでは、続くクライアントの CertificateVerify がこのメッセージも対象にします。",
            ),
        ),
        Tls12Step::ClientKeyExchangeRsa => (
            (
                "ClientKeyExchange: the pre-master secret, encrypted with the server's public key",
                "ClientKeyExchange: サーバーの公開鍵で暗号化したプリマスターシークレット",
            ),
            (
                "RSA key transport, another key exchange TLS 1.2 allows: the client makes the pre-master secret itself (48 bytes: the version it offered, 03 03 for TLS 1.2, then 46 random bytes), encrypts it with the RSA public key from the server's certificate (PKCS#1 v1.5) and sends it. Encrypting needs only the public key, so the client never sees the server's private key; as long as that key stays secret, nobody on the path can read the pre-master secret. Both sides then derive the master secret and the key block from it, as with ECDHE. There was no ServerKeyExchange and the server signs nothing: its Finished, which it can compute only from the decrypted secret, is what proves it holds the key. A server whose decryption fails (bad padding, not 48 bytes, or not starting with the client's version) does not say so: it goes on with a random secret (RFC 5246 §7.4.7.1), and the handshake fails only at Finished. Its answers therefore do not tell an attacker whether the padding was valid, which is what Bleichenbacher's attack needs (servers that leaked it anyway, through their alerts or timing, were still found in 2017: ROBOT). The cost: whoever obtains the server's private key later can decrypt this message from a recording, and with it the whole connection. That is why TLS 1.3 removed RSA key transport: in TLS 1.3 every key exchange with a public key is ephemeral (EC)DHE (RFC 8446 §1.2).",
                "TLS 1.2 で使える方式の一つ、RSA 鍵交換です。クライアントはプリマスターシークレットを自分で作り (48 バイト: 提示したバージョン (TLS 1.2 なら 03 03) と 46 バイトの乱数)、サーバー証明書の RSA 公開鍵で暗号化して (PKCS#1 v1.5) 送ります。暗号化に必要なのは公開鍵だけなので、クライアントがサーバーの秘密鍵を目にすることはありません。その秘密鍵が漏れない限り、経路上の誰もプリマスターシークレットを読めません。この後、両者は ECDHE のときと同じように、そこからマスターシークレットとキーブロックを導きます。ServerKeyExchange はなく、サーバーは何にも署名しません。サーバーが秘密鍵を持っていることを示すのは、復号した秘密からしか計算できないサーバーの Finished です。復号に失敗したサーバー (パディングが不正、48 バイトでない、先頭がクライアントのバージョンでない) はそれを知らせず、代わりにランダムに生成した秘密で処理を続けます (RFC 5246 §7.4.7.1)。ハンドシェイクは Finished で初めて失敗するので、攻撃者はサーバーの応答からパディングが正しかったかどうかを知ることができません。Bleichenbacher の攻撃はまさにこの情報を必要とします (それでもアラートや処理時間の違いから漏らすサーバーが 2017 年に多数見つかりました: ROBOT 攻撃)。代償として、後でサーバーの秘密鍵を手に入れた者は、記録しておいたこのメッセージを復号でき、接続全体を復号できます。TLS 1.3 が RSA 鍵交換を廃止し、公開鍵による鍵交換を一時的な (EC)DHE だけにしたのはそのためです (RFC 8446 §1.2)。",
            ),
        ),
        Tls12Step::CertificateVerify(Participant::Server) => (
            ("CertificateVerify", "CertificateVerify"),
            (
                "A signature over every handshake message so far, with the private key of the certificate the sender sent.",
                "送信者が送った証明書の秘密鍵による、ここまでのすべてのハンドシェイクメッセージへの署名です。",
            ),
        ),
        Tls12Step::CertificateVerify(_) => (
            (
                "CertificateVerify: the client proves it holds the private key",
                "CertificateVerify: クライアントが秘密鍵を持っていることの証明",
            ),
            (
                "The client signs every handshake message so far, from ClientHello to ClientKeyExchange, with its private key; the server verifies the signature with the public key in the client's certificate. Those messages include both randoms and the key exchange (the ECDHE public keys, or the encrypted pre-master secret), so the signature cannot be replayed into another connection. Both sides already hold the keys, but encryption starts only with ChangeCipherSpec, so like the client's certificate it travels unencrypted.",
                "クライアントは ClientHello から ClientKeyExchange までのすべてのハンドシェイクメッセージに秘密鍵で署名し、サーバーはクライアント証明書の公開鍵で検証します。対象のメッセージには双方の乱数と鍵交換 (ECDHE の公開鍵、または暗号化したプリマスターシークレット) が含まれるので、この署名を別の接続に使い回すことはできません。両者はもう鍵を持っていますが、暗号化は ChangeCipherSpec から始まるので、クライアント証明書と同じく平文で送られます。",
            ),
        ),
        Tls12Step::ChangeCipherSpec(Participant::Server) => (
            (
                "ChangeCipherSpec: the server turns its encryption on",
                "ChangeCipherSpec: サーバーが暗号化を始める",
            ),
            (
                "A record of one byte (0x01), outside the handshake messages. Every record the server sends after it is encrypted with AES-128-GCM under the server's key from the key block. In TLS 1.2 this is a real signal; TLS 1.3 dropped it and keeps only a meaningless copy for old middleboxes.",
                "1 バイト (0x01) だけのレコードで、ハンドシェイクメッセージには含まれません。サーバーがこの後に送るレコードはすべて、キーブロックから得たサーバーの鍵を使って AES-128-GCM で暗号化されます。TLS 1.2 では本当に意味のある合図です。TLS 1.3 はこれを廃止し、古い中継機器のために意味のない複製だけを残しています。",
            ),
        ),
        Tls12Step::ChangeCipherSpec(_) => (
            (
                "ChangeCipherSpec: the client turns its encryption on",
                "ChangeCipherSpec: クライアントが暗号化を始める",
            ),
            (
                "A record of one byte (0x01), outside the handshake messages. Every record the client sends after it is encrypted with AES-128-GCM under the client's key from the key block. In TLS 1.2 this is a real signal; TLS 1.3 dropped it and keeps only a meaningless copy for old middleboxes.",
                "1 バイト (0x01) だけのレコードで、ハンドシェイクメッセージには含まれません。クライアントがこの後に送るレコードはすべて、キーブロックから得たクライアントの鍵を使って AES-128-GCM で暗号化されます。TLS 1.2 では本当に意味のある合図です。TLS 1.3 はこれを廃止し、古い中継機器のために意味のない複製だけを残しています。",
            ),
        ),
        Tls12Step::Finished(Participant::Server) => (
            (
                "Finished: the server seals the handshake",
                "Finished: サーバーがハンドシェイクを締めくくる",
            ),
            (
                "The server's 12 bytes of verify_data over every handshake message, the client's Finished included, encrypted under the server's key. Once each side has sent its Finished and checked the other's, application data flows, encrypted with AES-128-GCM. The client waited two round trips before it could send its request; in TLS 1.3 it waits one.",
                "サーバーの verify_data (12 バイト) で、クライアントの Finished を含むすべてのハンドシェイクメッセージが対象です。サーバーの鍵で暗号化されています。両者が自分の Finished を送り、相手の Finished を確かめたら、AES-128-GCM で暗号化されたアプリケーションデータが流れます。クライアントはリクエストを送れるまで 2 往復待ちました。TLS 1.3 なら 1 往復です。",
            ),
        ),
        Tls12Step::Finished(_) => (
            (
                "Finished: the client seals the handshake",
                "Finished: クライアントがハンドシェイクを締めくくる",
            ),
            (
                "The first encrypted message: 12 bytes of verify_data, computed from the master secret over a hash of every handshake message so far. If anyone on the path changed an earlier message, such as the list of cipher suites, the server's own computation would not match and it would stop the connection.",
                "最初の暗号化されたメッセージです。verify_data (12 バイト) は、マスターシークレットとここまでのすべてのハンドシェイクメッセージのハッシュから計算します。経路上の誰かが暗号スイートの一覧などそれまでのメッセージを書き換えていれば、サーバー自身の計算と一致せず、サーバーは接続を止めます。",
            ),
        ),
    }
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
