//! The glossary, and the meanings of X.509 field names beside the field tree.

use crate::i18n::{Lang, pick};

/// A glossary entry by id.
pub fn term(id: &str) -> Option<&'static Term> {
    GLOSSARY.iter().find(|t| t.id == id)
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
