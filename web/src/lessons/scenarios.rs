//! The catalogue's words: each scenario's title and summary, each picker group's name.

use mtls_lab_engine::scenario::Category;

use crate::i18n::{Lang, pick};

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
    match tls12_words(id) {
        Some((title, summary)) => (
            pick(lang, title).to_string(),
            pick(lang, summary).to_string(),
        ),
        None => scenario_tls13(lang, id),
    }
}

/// A title and a summary, each in English and Japanese.
type Words = ((&'static str, &'static str), (&'static str, &'static str));

/// The words of the scenarios the page's first module does not draw (they need TLS 1.2 or
/// RSA, which its engine lacks): kept out of [`scenario_tls13`] so that the first module,
/// which calls only that, does not carry them.
fn tls12_words(id: &str) -> Option<Words> {
    Some(match id {
        "tls12-one-way" => (
            ("TLS 1.2, one-way", "TLS 1.2 の一方向TLS"),
            (
                "The one-way handshake in TLS 1.2, where both ends speak nothing newer. Messages that the TLS 1.3 handshake does not have appear (ServerKeyExchange, ServerHelloDone, ClientKeyExchange, ChangeCipherSpec), the certificates travel in the clear, and the client's request waits two round trips instead of one.",
                "両端が TLS 1.2 までにしか対応していない場合の一方向TLSのハンドシェイクです。ServerKeyExchange、ServerHelloDone、ClientKeyExchange、ChangeCipherSpec といった、TLS 1.3 のハンドシェイクにはないメッセージが現れ、証明書は平文で送られ、クライアントのリクエストは 1 往復ではなく 2 往復待ちます。",
            ),
        ),
        "tls12-mutual" => (
            ("Mutual TLS 1.2", "TLS 1.2 の相互TLS"),
            (
                "Mutual TLS in TLS 1.2: the client's Certificate and CertificateVerify are sent before ChangeCipherSpec turns encryption on, so an eavesdropper reads who the client is. TLS 1.3 encrypts them.",
                "TLS 1.2 での相互TLSです。クライアントの Certificate と CertificateVerify は ChangeCipherSpec で暗号化が始まる前に送られるので、盗聴者はクライアントが誰かを読めます。TLS 1.3 ではこれらは暗号化されます。",
            ),
        ),
        "tls12-rsa-key-transport" => (
            ("TLS 1.2 with RSA key transport", "TLS 1.2 の RSA 鍵交換"),
            (
                "The handshake in the source article's diagram: the client encrypts the pre-master secret with the public key in the server's RSA certificate, and only the server's private key decrypts it. The client never holds that private key. There is no ephemeral key, so no forward secrecy: TLS 1.3 removed this key exchange.",
                "元記事のシーケンス図のハンドシェイクです。クライアントはプリマスターシークレットをサーバーの RSA 証明書の公開鍵で暗号化し、それを復号できるのはサーバーの秘密鍵だけです。クライアントがその秘密鍵を持つことはありません。一時的な鍵がないので前方秘匿性はありません。TLS 1.3 はこの鍵交換を廃止しました。",
            ),
        ),
        "forward-secrecy" => (
            ("Forward secrecy", "前方秘匿性"),
            (
                "An eavesdropper records two TLS 1.2 connections to the same server: the first with RSA key transport, the second with ECDHE. Later the server's private key leaks. With it the eavesdropper decrypts the first recording, request and answer; the second stays sealed, because its keys came from ephemeral key pairs whose private halves were never sent and are gone. Step to the end to see what the leaked key decrypts.",
                "盗聴者が同じサーバーへの TLS 1.2 の接続を 2 つ記録します。1 つ目は RSA 鍵交換、2 つ目は ECDHE です。後でサーバーの秘密鍵が漏えいします。盗聴者はその鍵で 1 つ目の記録を復号し、リクエストも応答も読めますが、2 つ目は復号できません。2 つ目の接続の鍵は一時的な鍵ペアから作られ、その秘密鍵は送られることがなく、もう残っていないからです。最後のステップまで進めると、漏えいした鍵で何が復号できるかが分かります。",
            ),
        ),
        "downgrade" => (
            ("Downgrade attack", "ダウングレード攻撃"),
            (
                "Both ends speak TLS 1.3 and 1.2. An on-path attacker takes TLS 1.3 out of the ClientHello so that they fall back to TLS 1.2; the server's random carries the downgrade sentinel, the client sees it and stops: illegal_parameter.",
                "両端とも TLS 1.3 と 1.2 に対応しています。経路上の攻撃者が ClientHello から TLS 1.3 を取り除き、TLS 1.2 に落とさせようとします。サーバーの乱数にはダウングレードの印が入っているので、クライアントはそれに気づいて接続を止めます: illegal_parameter。",
            ),
        ),
        _ => return None,
    })
}

/// [`scenario`] for the scenarios the page's first module draws: the TLS 1.3 ones and bench
/// strings (a bench string's words are the same whatever its switches).
pub fn scenario_tls13(lang: Lang, id: &str) -> (String, String) {
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
                        "A run built from switches (b1 = version 1 of the format; m mutual; c… client certificate faults; s… server certificate faults; g… group; hrr HelloRetryRequest; v12 TLS 1.2; rsa RSA-2048 server and client keys; krsa RSA key transport).",
                        "スイッチから組み立てた実行です (b1 = 形式のバージョン 1、m 相互TLS、c… クライアント証明書の不備、s… サーバー証明書の不備、g… 鍵交換グループ、hrr HelloRetryRequest、v12 TLS 1.2、rsa サーバーとクライアントの RSA-2048 鍵、krsa RSA 鍵交換)。",
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
