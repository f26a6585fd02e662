//! The words of each step: its explanation by id, its glossary terms and RFC sections, and
//! the checklist's heading.

use mtls_lab_engine::pki::checklist::CertificateOwner;
use mtls_lab_engine::trace::{Explain, Participant, Step};
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
