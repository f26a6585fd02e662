//! The course's words: every lesson in English and Japanese (see [`crate::course`] for the shape).
use crate::course::{Choice, Lesson, Part, Question, Tr};
use mtls_lab_engine::trace::{Explain, Participant, Tls12Step};
use mtls_lab_engine::wire::AlertDescription;

/// The course, in order.
pub const LESSONS: &[Lesson] = &[
    Lesson {
        id: "what-tls-protects",
        title: Tr {
            en: "What TLS protects: one-way TLS",
            ja: "TLS が守るもの: 一方向TLS",
        },
        goals: &[
            Tr {
                en: "Name the messages of a TLS 1.3 handshake, in order.",
                ja: "TLS 1.3 のハンドシェイクに出てくるメッセージと、その順序がわかります。",
            },
            Tr {
                en: "See which messages travel in the clear and which are encrypted.",
                ja: "どのメッセージが平文で、どれが暗号化されて送られるかを確かめます。",
            },
            Tr {
                en: "Tell one-way TLS from mutual TLS, and know their other names.",
                ja: "一方向TLSと相互TLSの違いと、それぞれの別の呼び方を知ります。",
            },
        ],
        minutes: 10,
        parts: &[Part {
            scenario: "one-way",
            intro: Tr {
                en: "A one-way TLS 1.3 connection, the kind an HTTPS website uses. Step through it and watch how each record is protected: in the clear, under handshake keys, or under application keys. Note who sends a certificate.",
                ja: "HTTPS の Web サイトと同じ、一方向TLSの TLS 1.3 接続です。1 ステップずつ進め、各レコードがどう保護されているか (平文、ハンドシェイク鍵、アプリケーション鍵) を見てください。証明書を送るのが誰かにも注目してください。",
            },
            questions: &[
                Question {
                    before: Explain::EncryptedExtensions,
                    prompt: Tr {
                        en: "ServerHello has arrived, in the clear. How will the server's next handshake messages (EncryptedExtensions, Certificate, CertificateVerify, Finished) travel?",
                        ja: "ServerHello が平文で届きました。この後のサーバーのハンドシェイクメッセージ (EncryptedExtensions、Certificate、CertificateVerify、Finished) は、どのように送られるでしょうか。",
                    },
                    choices: &[
                        Choice {
                            text: Tr {
                                en: "Encrypted, with handshake keys derived from the ECDHE shared secret.",
                                ja: "ECDHE の共有秘密から導いたハンドシェイク鍵で暗号化されて送られます。",
                            },
                            correct: true,
                            why: Tr {
                                en: "After ServerHello both sides can compute the same shared secret, and TLS 1.3 encrypts every later handshake message under keys derived from it (RFC 8446 §1.2, §7.1). Only the ChangeCipherSpec compatibility record stays in the clear.",
                                ja: "ServerHello の後、両者は同じ共有秘密を計算でき、TLS 1.3 はこれ以降のハンドシェイクメッセージを、その秘密から導いた鍵ですべて暗号化します (RFC 8446 §1.2、§7.1)。平文のままなのは、互換性のための ChangeCipherSpec レコードだけです。",
                            },
                        },
                        Choice {
                            text: Tr {
                                en: "In the clear: only application data is encrypted.",
                                ja: "平文で送られます。暗号化されるのはアプリケーションデータだけです。",
                            },
                            correct: false,
                            why: Tr {
                                en: "That is how TLS 1.2 sent its certificates. TLS 1.3 encrypts everything after ServerHello, the certificates included.",
                                ja: "それは TLS 1.2 での証明書の送り方です。TLS 1.3 は、証明書も含めて ServerHello より後をすべて暗号化します。",
                            },
                        },
                        Choice {
                            text: Tr {
                                en: "Encrypted with the server's private key.",
                                ja: "サーバーの秘密鍵で暗号化されて送られます。",
                            },
                            correct: false,
                            why: Tr {
                                en: "A private key signs; it does not encrypt records. Records are protected with symmetric keys that both sides derive.",
                                ja: "秘密鍵は署名に使うもので、レコードの暗号化には使いません。レコードは、両者が導出する共通鍵で保護されます。",
                            },
                        },
                    ],
                },
                Question {
                    before: Explain::Certificate(Participant::Server),
                    prompt: Tr {
                        en: "The server's certificate messages come next. In this run, who will prove who they are with a certificate?",
                        ja: "次はサーバーの証明書に関するメッセージです。この実行で、証明書で身元を証明するのは誰でしょうか。",
                    },
                    choices: &[
                        Choice {
                            text: Tr {
                                en: "Only the server.",
                                ja: "サーバーだけです。",
                            },
                            correct: true,
                            why: Tr {
                                en: "The server sends its certificate and signs the handshake (CertificateVerify). Nobody asks the client for a certificate, so it stays anonymous at the TLS layer; a website identifies it later, for example with a password.",
                                ja: "サーバーは証明書を送り、ハンドシェイクに署名します (CertificateVerify)。クライアントは証明書を求められないので TLS のレベルでは匿名のままで、Web サイトならこの後にパスワードなどで識別します。",
                            },
                        },
                        Choice {
                            text: Tr {
                                en: "Both the client and the server.",
                                ja: "クライアントとサーバーの両方です。",
                            },
                            correct: false,
                            why: Tr {
                                en: "That is mutual TLS: the server sends CertificateRequest and the client answers with its own certificate and CertificateVerify. Neither happens in this run.",
                                ja: "それは相互TLSで、サーバーが CertificateRequest を送り、クライアントが自分の証明書と CertificateVerify で応えます。この実行ではどちらも起きません。",
                            },
                        },
                        Choice {
                            text: Tr {
                                en: "Nobody: the Finished messages prove who each side is.",
                                ja: "誰も証明していません。Finished が互いの身元を証明します。",
                            },
                            correct: false,
                            why: Tr {
                                en: "Finished is an HMAC over the handshake. It proves that both sides saw the same messages and hold the same keys, not who the other side is (RFC 8446 §4.4.4).",
                                ja: "Finished はハンドシェイク全体の HMAC です。両者が同じメッセージを見て同じ鍵を持っていることは証明しますが、相手が誰かは証明しません (RFC 8446 §4.4.4)。",
                            },
                        },
                    ],
                },
            ],
        }],
        summary: &[
            Tr {
                en: "One-way TLS: only the server proves who it is, with its certificate and CertificateVerify. HTTPS websites work this way.",
                ja: "一方向TLSでは、サーバーだけが証明書と CertificateVerify で身元を証明します。HTTPS の Web サイトはこの方式です。",
            },
            Tr {
                en: "Mutual TLS (mTLS, also called two-way TLS) adds a certificate from the client too.",
                ja: "相互TLS (mTLS、双方向TLS) では、クライアントも証明書を出します。",
            },
            Tr {
                en: "In a TLS 1.3 handshake only the hello messages travel in the clear (and the ChangeCipherSpec compatibility record); everything after ServerHello is encrypted.",
                ja: "TLS 1.3 のハンドシェイクで平文なのは Hello メッセージ (と互換性のための ChangeCipherSpec レコード) だけで、ServerHello より後はすべて暗号化されます。",
            },
            Tr {
                en: "Finished proves the handshake was not altered; certificates and signatures prove who is at the other end.",
                ja: "Finished はハンドシェイクが改ざんされていないことを証明し、相手が誰かは証明書と署名が証明します。",
            },
        ],
        terms: &["tls-names", "mtls", "certificate", "session-key", "hmac"],
    },
    Lesson {
        id: "why-the-server-proves-itself",
        title: Tr {
            en: "Why the server proves who it is",
            ja: "サーバーが身元を証明する理由",
        },
        goals: &[
            Tr {
                en: "Know what a client checks in a server certificate: a trusted issuer, the validity period, the name.",
                ja: "クライアントがサーバー証明書で何を検証するか (信頼できる発行者、有効期間、名前) がわかります。",
            },
            Tr {
                en: "See why a self-signed certificate is refused.",
                ja: "自己署名の証明書が拒否される理由がわかります。",
            },
            Tr {
                en: "See why a copied certificate is useless without its private key.",
                ja: "コピーした証明書が、秘密鍵なしでは役に立たない理由がわかります。",
            },
        ],
        minutes: 15,
        parts: &[
            Part {
                scenario: "name-mismatch",
                intro: Tr {
                    en: "The server presents a certificate from the trusted CA, but for another name. Open the server's Certificate step to see its SAN and the client's checklist.",
                    ja: "サーバーは信頼された認証局が発行した証明書を出しますが、名前が違います。サーバーの Certificate ステップを開き、SAN とクライアントのチェックリストを見てください。",
                },
                questions: &[
                    Question {
                        before: Explain::Certificate(Participant::Server),
                        prompt: Tr {
                            en: "The client asked for server.example (SNI). The certificate is signed by a CA the client trusts and is within its validity period, but its SAN lists only other.example. What will the client do?",
                            ja: "クライアントは server.example に接続しようとしています (SNI)。証明書はクライアントが信頼する認証局の署名付きで有効期間内ですが、SAN には other.example しかありません。クライアントはどうするでしょうか。",
                        },
                        choices: &[
                            Choice {
                                text: Tr {
                                    en: "Accept it: a trusted CA signed it.",
                                    ja: "受け入れます。信頼する認証局が署名しているからです。",
                                },
                                correct: false,
                                why: Tr {
                                    en: "A CA vouches only for the names written in the certificate's SAN (RFC 5280 §4.2.1.6). Anyone can get a valid certificate for a name they control, so the client must check that the name it asked for is among them (RFC 9525 §6).",
                                    ja: "認証局が保証するのは、証明書の SAN に書かれた名前だけです (RFC 5280 §4.2.1.6)。自分が管理する名前なら誰でも有効な証明書を取得できるので、クライアントは接続先の名前がその中にあるかを確認しなければなりません (RFC 9525 §6)。",
                                },
                            },
                            Choice {
                                text: Tr {
                                    en: "Refuse it: the name it asked for is not in the certificate.",
                                    ja: "拒否します。接続先の名前が証明書にないからです。",
                                },
                                correct: true,
                                why: Tr {
                                    en: "The certificate is genuine, but it proves that the key belongs to other.example, not to server.example. The name check fails and the client ends the handshake.",
                                    ja: "証明書自体は本物ですが、証明しているのは鍵が other.example のものだということで、server.example のものではありません。名前の検証に失敗し、クライアントはハンドシェイクを終えます。",
                                },
                            },
                            Choice {
                                text: Tr {
                                    en: "Accept it, because CertificateVerify will prove that the server is server.example.",
                                    ja: "受け入れます。CertificateVerify が、サーバーが server.example であることを証明するからです。",
                                },
                                correct: false,
                                why: Tr {
                                    en: "CertificateVerify proves that the server holds the private key of this certificate, which is other.example's. Only the name check links the certificate to server.example.",
                                    ja: "CertificateVerify が証明するのは、サーバーがこの証明書 (other.example のもの) の秘密鍵を持っていることです。証明書を server.example に結びつけるのは名前の検証だけです。",
                                },
                            },
                        ],
                    },
                    Question {
                        before: Explain::Alert(AlertDescription::BAD_CERTIFICATE),
                        prompt: Tr {
                            en: "The name check failed. Who sends which alert?",
                            ja: "名前の検証に失敗しました。誰がどのアラートを送るでしょうか。",
                        },
                        choices: &[
                            Choice {
                                text: Tr {
                                    en: "The client sends bad_certificate (42).",
                                    ja: "クライアントが bad_certificate (42) を送ります。",
                                },
                                correct: true,
                                why: Tr {
                                    en: "The client made the check, so the client ends the handshake. This run sends bad_certificate for a wrong name, as rustls does (RFC 8446 §6.2).",
                                    ja: "検証したのはクライアントなので、クライアントがハンドシェイクを終えます。この実行は rustls と同じく、名前の不一致に bad_certificate を送ります (RFC 8446 §6.2)。",
                                },
                            },
                            Choice {
                                text: Tr {
                                    en: "The client sends unknown_ca (48).",
                                    ja: "クライアントが unknown_ca (48) を送ります。",
                                },
                                correct: false,
                                why: Tr {
                                    en: "unknown_ca means that the chain does not lead to a trusted CA. Here it does; only the name is wrong.",
                                    ja: "unknown_ca は、チェーンが信頼する認証局にたどり着かないことを表します。ここではたどり着いており、違うのは名前だけです。",
                                },
                            },
                            Choice {
                                text: Tr {
                                    en: "The server sends bad_certificate (42).",
                                    ja: "サーバーが bad_certificate (42) を送ります。",
                                },
                                correct: false,
                                why: Tr {
                                    en: "In one-way TLS the server checks no certificate, so it has nothing to object to. The client is the one that found the problem.",
                                    ja: "一方向TLSでは、サーバーは証明書を検証しないので、異議を唱える理由がありません。問題を見つけたのはクライアントです。",
                                },
                            },
                            Choice {
                                text: Tr {
                                    en: "The client sends certificate_required (116).",
                                    ja: "クライアントが certificate_required (116) を送ります。",
                                },
                                correct: false,
                                why: Tr {
                                    en: "certificate_required is sent by a server that requires a client certificate and got none.",
                                    ja: "certificate_required は、クライアント証明書を必須とするサーバーが、証明書を受け取れなかったときに送るものです。",
                                },
                            },
                        ],
                    },
                ],
            },
            Part {
                scenario: "self-signed-server",
                intro: Tr {
                    en: "Now the server's certificate has the right name, but the server signed it itself: no CA issued it. Watch the client's checklist on the server's Certificate.",
                    ja: "今度のサーバー証明書は名前が正しいものの、認証局ではなくサーバー自身が署名しています。サーバーの Certificate で、クライアントのチェックリストを見てください。",
                },
                questions: &[Question {
                    before: Explain::Certificate(Participant::Server),
                    prompt: Tr {
                        en: "The self-signed certificate names server.example, and the server does hold its private key. Will the client accept it?",
                        ja: "自己署名の証明書には server.example と書かれていて、サーバーはその秘密鍵も持っています。クライアントは受け入れるでしょうか。",
                    },
                    choices: &[
                        Choice {
                            text: Tr {
                                en: "No: no CA in its trust store vouches for it.",
                                ja: "いいえ。トラストストアのどの認証局も保証していないからです。",
                            },
                            correct: true,
                            why: Tr {
                                en: "Anyone can make a self-signed certificate for any name in seconds. Its signature only shows that it was signed with its own key, so the client finds no path to a trusted root and sends unknown_ca (48).",
                                ja: "自己署名の証明書は、誰でもどんな名前でもすぐに作れます。その署名は自分の鍵で署名されたことしか示さないので、クライアントは信頼するルートへの経路を見つけられず、unknown_ca (48) を送ります。",
                            },
                        },
                        Choice {
                            text: Tr {
                                en: "Yes: the name matches.",
                                ja: "はい。名前が一致しているからです。",
                            },
                            correct: false,
                            why: Tr {
                                en: "A matching name means nothing unless someone the client trusts vouches that this key belongs to that name.",
                                ja: "名前が一致していても、その鍵がその名前のものだと、クライアントが信頼する誰かが保証していなければ意味がありません。",
                            },
                        },
                        Choice {
                            text: Tr {
                                en: "Yes, once its CertificateVerify verifies.",
                                ja: "はい。CertificateVerify の検証に通れば受け入れます。",
                            },
                            correct: false,
                            why: Tr {
                                en: "It would verify, since the server holds the key, but that only proves possession of a key nobody vouched for. A closed system can trust such a certificate only on purpose, by installing it in the client's trust store or pinning it.",
                                ja: "サーバーは鍵を持っているので署名は検証に通りますが、それは誰も保証していない鍵を持っていることの証明にすぎません。閉じたシステムでこうした証明書を信頼するには、意図してクライアントのトラストストアに入れるか、証明書ピンニングをする必要があります。",
                            },
                        },
                    ],
                }],
            },
            Part {
                scenario: "impostor-server",
                intro: Tr {
                    en: "An impostor answers in the real server's place. It sends the real server's certificate, which anyone can copy, but it does not have the server's private key.",
                    ja: "なりすましが本物のサーバーの代わりに応答します。誰でもコピーできる本物のサーバー証明書を送りますが、サーバーの秘密鍵は持っていません。",
                },
                questions: &[Question {
                    before: Explain::CertificateVerify(Participant::Attacker),
                    prompt: Tr {
                        en: "The client's checks on the copied certificate all passed: the right CA, the right name, valid dates. What can still stop the impostor?",
                        ja: "コピーされた証明書に対するクライアントの検証は、すべて通りました (正しい認証局、正しい名前、有効期間内)。なりすましを止めるものは、まだあるでしょうか。",
                    },
                    choices: &[
                        Choice {
                            text: Tr {
                                en: "CertificateVerify: it must sign this handshake with the certificate's private key.",
                                ja: "CertificateVerify です。証明書の秘密鍵でこのハンドシェイクに署名しなければならないからです。",
                            },
                            correct: true,
                            why: Tr {
                                en: "The impostor can only sign with a key of its own, which does not match the public key in the certificate. The client stops with decrypt_error (51) (RFC 8446 §4.4.3).",
                                ja: "なりすましは自分の鍵でしか署名できず、その署名は証明書の公開鍵と合いません。クライアントは decrypt_error (51) で接続を止めます (RFC 8446 §4.4.3)。",
                            },
                        },
                        Choice {
                            text: Tr {
                                en: "Nothing: the certificate passed every check.",
                                ja: "何もありません。証明書はすべての検証に通ったからです。",
                            },
                            correct: false,
                            why: Tr {
                                en: "A certificate is public, so passing its checks proves nothing about who sent it. The proof is the signature that comes next.",
                                ja: "証明書は公開情報なので、検証に通っても送り主が誰かは証明されません。証明になるのは次に来る署名です。",
                            },
                        },
                        Choice {
                            text: Tr {
                                en: "Finished: only the real server can compute it.",
                                ja: "Finished です。本物のサーバーにしか計算できないからです。",
                            },
                            correct: false,
                            why: Tr {
                                en: "The impostor did its own key exchange with the client, so it holds the keys and can compute Finished. Finished proves the handshake was not altered, not who the peer is.",
                                ja: "なりすましはクライアントと自分で鍵交換をしたので、鍵を持っており Finished も計算できます。Finished が証明するのはハンドシェイクが改ざんされていないことで、相手が誰かではありません。",
                            },
                        },
                        Choice {
                            text: Tr {
                                en: "The client notices that it reached the wrong address.",
                                ja: "クライアントが、接続先のアドレスが違うことに気づきます。",
                            },
                            correct: false,
                            why: Tr {
                                en: "The client checks the certificate against the name it asked for, not against the address it reached, and the impostor answers for that name.",
                                ja: "クライアントは証明書を接続先の名前と照合しますが、接続したアドレスとは照合しません。なりすましはその名前で応答しています。",
                            },
                        },
                    ],
                }],
            },
        ],
        summary: &[
            Tr {
                en: "A client accepts a server certificate only if its chain leads to a root CA in its trust store, it is within its validity period, its EKU allows serverAuth, and its SAN holds the name the client asked for.",
                ja: "クライアントがサーバー証明書を受け入れるのは、チェーンがトラストストアのルートCAにたどり着き、有効期間内で、EKU が serverAuth を許し、SAN に接続先の名前がある場合だけです。",
            },
            Tr {
                en: "A self-signed certificate has no trusted issuer: unknown_ca.",
                ja: "自己署名の証明書には信頼できる発行者がいないため、unknown_ca になります。",
            },
            Tr {
                en: "A certificate is public. Only CertificateVerify, a signature over this handshake with the matching private key, proves that the sender is its owner.",
                ja: "証明書は公開情報です。送り主が持ち主であることを証明するのは、対応する秘密鍵でこのハンドシェイクに付けた署名、CertificateVerify だけです。",
            },
        ],
        terms: &[
            "certificate",
            "san",
            "trust-store",
            "ca",
            "certificate-verify",
            "private-key",
        ],
    },
    Lesson {
        id: "keys-and-who-holds-them",
        title: Tr {
            en: "Keys, and who holds them",
            ja: "鍵と、それを持つのは誰か",
        },
        goals: &[
            Tr {
                en: "Tell long-term key pairs, ephemeral key shares and session keys apart.",
                ja: "長期的な鍵ペア、一時的な key share、セッションキーを区別できます。",
            },
            Tr {
                en: "See that the client never needs the server's private key.",
                ja: "クライアントがサーバーの秘密鍵を一切必要としないことを確かめます。",
            },
            Tr {
                en: "Know what public-key cryptography does in the handshake, and what symmetric keys do.",
                ja: "ハンドシェイクで公開鍵暗号が担うことと、共通鍵が担うことがわかります。",
            },
        ],
        minutes: 10,
        parts: &[Part {
            scenario: "one-way",
            intro: Tr {
                en: "The one-way run again, this time with the key table (Who holds which key) open. At each step, read which keys are used and who holds them: the client, the server, or an observer on the wire.",
                ja: "もう一度、一方向TLSを実行します。今回は鍵の表 (誰がどの鍵を持っているか) を開いてください。各ステップでどの鍵が使われ、誰が持っているか (クライアント、サーバー、通信路の盗聴者) を読み取ってください。",
            },
            questions: &[
                Question {
                    before: Explain::ServerHello,
                    prompt: Tr {
                        en: "The client has sent its ephemeral public key (key share). What will the server send back so that both can compute the same secret?",
                        ja: "クライアントは一時的な公開鍵 (key share) を送りました。両者が同じ秘密を計算できるように、サーバーは何を返すでしょうか。",
                    },
                    choices: &[
                        Choice {
                            text: Tr {
                                en: "Its own ephemeral public key share.",
                                ja: "サーバー自身の一時的な公開鍵 (key share) です。",
                            },
                            correct: true,
                            why: Tr {
                                en: "Each side combines its own ephemeral private key with the other's public share (ECDHE) and gets the same shared secret. The secret itself never crosses the wire.",
                                ja: "双方が自分の一時的な秘密鍵と相手の公開鍵 (key share) を組み合わせ (ECDHE)、同じ共有秘密を得ます。共有秘密そのものは通信路を一度も通りません。",
                            },
                        },
                        Choice {
                            text: Tr {
                                en: "The shared secret, encrypted with the client's key share.",
                                ja: "クライアントの key share で暗号化した共有秘密です。",
                            },
                            correct: false,
                            why: Tr {
                                en: "No secret is sent at all: each side computes it from its own private key and the other's share.",
                                ja: "秘密はまったく送られません。双方が、自分の秘密鍵と相手の key share からそれぞれ計算します。",
                            },
                        },
                        Choice {
                            text: Tr {
                                en: "Nothing: the client will encrypt a secret with the server's public key.",
                                ja: "何も返しません。クライアントがサーバーの公開鍵で秘密を暗号化して送ります。",
                            },
                            correct: false,
                            why: Tr {
                                en: "That was RSA key transport in TLS 1.2: the client encrypted a pre-master secret with the server's public key. TLS 1.3 removed it; its public-key key exchange is always ephemeral Diffie-Hellman (RFC 8446 §1.2).",
                                ja: "それは TLS 1.2 の RSA 鍵交換で、クライアントがプリマスターシークレットをサーバーの公開鍵で暗号化していました。TLS 1.3 では廃止され、公開鍵による鍵交換は常に一時的な Diffie-Hellman です (RFC 8446 §1.2)。",
                            },
                        },
                    ],
                },
                Question {
                    before: Explain::CertificateVerify(Participant::Server),
                    prompt: Tr {
                        en: "The server is about to sign the handshake transcript (CertificateVerify). Which key signs, and who can check the signature?",
                        ja: "サーバーがハンドシェイクのトランスクリプトに署名しようとしています (CertificateVerify)。どの鍵で署名し、誰が署名を検証できるでしょうか。",
                    },
                    choices: &[
                        Choice {
                            text: Tr {
                                en: "The server's private key signs; anyone with the public key in its certificate can check.",
                                ja: "サーバーの秘密鍵で署名し、証明書の公開鍵を持つ人なら誰でも検証できます。",
                            },
                            correct: true,
                            why: Tr {
                                en: "Only the server holds its private key; the key table shows that nobody else ever does. The public key arrives in the certificate, so the client can verify.",
                                ja: "サーバーの秘密鍵を持つのはサーバーだけで、鍵の表でも他の誰も持たないことがわかります。公開鍵は証明書に入って届くので、クライアントが検証できます。",
                            },
                        },
                        Choice {
                            text: Tr {
                                en: "The public key signs; the client checks with the server's private key.",
                                ja: "公開鍵で署名し、クライアントはサーバーの秘密鍵で検証します。",
                            },
                            correct: false,
                            why: Tr {
                                en: "It is the other way round. A public key can only verify, and the client never holds the server's private key.",
                                ja: "逆です。公開鍵は検証にしか使えず、クライアントがサーバーの秘密鍵を持つことはありません。",
                            },
                        },
                        Choice {
                            text: Tr {
                                en: "The session key signs it.",
                                ja: "セッションキーで署名します。",
                            },
                            correct: false,
                            why: Tr {
                                en: "Both ends share the session keys, so a value made with them cannot show which end made it. A signature needs a key that only one side holds.",
                                ja: "セッションキーは両端が共有しているので、それで作った値からは、どちらが作ったかがわかりません。署名には片方だけが持つ鍵が必要です。",
                            },
                        },
                        Choice {
                            text: Tr {
                                en: "The CA signs it on the server's behalf.",
                                ja: "認証局がサーバーの代わりに署名します。",
                            },
                            correct: false,
                            why: Tr {
                                en: "The CA signed the certificate once, when it issued it. It takes no part in the handshake.",
                                ja: "認証局が署名したのは、証明書を発行したときの 1 回だけです。ハンドシェイクには関わりません。",
                            },
                        },
                    ],
                },
                Question {
                    before: Explain::ApplicationData,
                    prompt: Tr {
                        en: "The server's answer will come encrypted. Which key will the client use to decrypt it?",
                        ja: "サーバーの応答は暗号化されて届きます。クライアントはどの鍵で復号するでしょうか。",
                    },
                    choices: &[
                        Choice {
                            text: Tr {
                                en: "The server's application traffic key, which the client derived itself.",
                                ja: "クライアントが自分で導出した、サーバーのアプリケーション用トラフィック鍵です。",
                            },
                            correct: true,
                            why: Tr {
                                en: "Both ends derive the same symmetric session keys from the shared secret and the transcript (HKDF). The data is protected only with these keys (AES-GCM).",
                                ja: "両端は共有秘密とトランスクリプトから、同じ共通鍵のセッションキーを導出します (HKDF)。データを守るのはこの鍵だけです (AES-GCM)。",
                            },
                        },
                        Choice {
                            text: Tr {
                                en: "The server's private key, which the server shared during the handshake.",
                                ja: "ハンドシェイク中にサーバーが共有した、サーバーの秘密鍵です。",
                            },
                            correct: false,
                            why: Tr {
                                en: "A private key never leaves its owner, and sharing it would let the client impersonate the server. The client does not need it and must never have it.",
                                ja: "秘密鍵が持ち主の手元から出ることはなく、共有すればクライアントがサーバーになりすませてしまいます。クライアントには不要で、持たせてはいけません。",
                            },
                        },
                        Choice {
                            text: Tr {
                                en: "The server's public key, from its certificate.",
                                ja: "証明書に入っているサーバーの公開鍵です。",
                            },
                            correct: false,
                            why: Tr {
                                en: "In TLS 1.3 the certificate's public key only verifies the server's CertificateVerify signature. No data is encrypted with the server's key pair.",
                                ja: "TLS 1.3 では、証明書の公開鍵はサーバーの CertificateVerify の署名を検証するだけです。データがサーバーの鍵ペアで暗号化されることはありません。",
                            },
                        },
                    ],
                },
            ],
        }],
        summary: &[
            Tr {
                en: "Long-term key pairs: the private key stays with its owner and signs; the public key travels in the certificate and verifies.",
                ja: "長期的な鍵ペアでは、秘密鍵は持ち主の手元から出ずに署名に使われ、公開鍵は証明書に入って届き、検証に使われます。",
            },
            Tr {
                en: "Public-key cryptography does two jobs in the handshake: the key exchange (ECDHE) and the signatures. After ServerHello, the handshake and the data are protected with symmetric keys.",
                ja: "ハンドシェイクで公開鍵暗号が担うのは、鍵交換 (ECDHE) と署名の 2 つです。ServerHello より後は、ハンドシェイクもデータも共通鍵で保護されます。",
            },
            Tr {
                en: "Both ends derive the session keys themselves; they are never sent. The client never needs the server's private key.",
                ja: "セッションキーは両端がそれぞれ導出し、送られることはありません。クライアントがサーバーの秘密鍵を必要とすることはありません。",
            },
        ],
        terms: &[
            "private-key",
            "public-key",
            "ecdhe",
            "session-key",
            "hkdf",
            "certificate-verify",
        ],
    },
    Lesson {
        id: "mutual-tls",
        title: Tr {
            en: "Mutual TLS: the server asks, the client proves",
            ja: "相互TLS: サーバーが求め、クライアントが証明する",
        },
        goals: &[
            Tr {
                en: "Find the three messages mutual TLS adds: CertificateRequest, and the client's Certificate and CertificateVerify.",
                ja: "相互TLSで増える 3 つのメッセージ (CertificateRequest と、クライアントの Certificate、CertificateVerify) を見つけます。",
            },
            Tr {
                en: "Know what the server checks in a client certificate.",
                ja: "サーバーがクライアント証明書で何を検証するかがわかります。",
            },
            Tr {
                en: "Know the names: mutual TLS, mTLS, two-way TLS.",
                ja: "相互TLS、mTLS、双方向TLS といった呼び方を知ります。",
            },
        ],
        minutes: 12,
        parts: &[Part {
            scenario: "mutual",
            intro: Tr {
                en: "The same connection with client authentication. Compare it with one-way TLS: look for the new messages, and for who checks what.",
                ja: "クライアント認証を加えた同じ接続です。一方向TLSと比べ、新しく増えたメッセージと、誰が何を検証するかを探してください。",
            },
            questions: &[
                Question {
                    before: Explain::CertificateRequest,
                    prompt: Tr {
                        en: "The server has sent EncryptedExtensions. What will it send next that one-way TLS did not have?",
                        ja: "サーバーは EncryptedExtensions を送りました。次に、一方向TLSにはなかった何を送るでしょうか。",
                    },
                    choices: &[
                        Choice {
                            text: Tr {
                                en: "CertificateRequest: it asks the client for a certificate.",
                                ja: "CertificateRequest です。クライアントに証明書を求めます。",
                            },
                            correct: true,
                            why: Tr {
                                en: "It lists the signature algorithms the server accepts and, here, the CAs it trusts (certificate_authorities). It comes after EncryptedExtensions and before the server's own Certificate (RFC 8446 §4.3.2).",
                                ja: "サーバーが受け付ける署名アルゴリズムと、ここでは信頼する認証局 (certificate_authorities) を伝えます。EncryptedExtensions の後、サーバー自身の Certificate の前に送られます (RFC 8446 §4.3.2)。",
                            },
                        },
                        Choice {
                            text: Tr {
                                en: "Nothing new: a client sends its certificate whenever it has one.",
                                ja: "何も増えません。クライアントは証明書を持っていれば必ず送ります。",
                            },
                            correct: false,
                            why: Tr {
                                en: "In TLS 1.3 a client sends a Certificate if and only if the server asked for one with CertificateRequest (RFC 8446 §4.4.2).",
                                ja: "TLS 1.3 では、クライアントが Certificate を送るのは、サーバーが CertificateRequest で求めたときだけです (RFC 8446 §4.4.2)。",
                            },
                        },
                        Choice {
                            text: Tr {
                                en: "The client's certificate, which the server fetched from the CA.",
                                ja: "サーバーが認証局から取得した、クライアントの証明書です。",
                            },
                            correct: false,
                            why: Tr {
                                en: "The server never fetches it: the client must send its own certificate chain in the handshake.",
                                ja: "サーバーが取りに行くことはありません。クライアントが自分の証明書チェーンをハンドシェイクの中で送る必要があります。",
                            },
                        },
                    ],
                },
                Question {
                    before: Explain::Certificate(Participant::Client),
                    prompt: Tr {
                        en: "The client is about to send alice's certificate and the intermediate CA's. What will the server check?",
                        ja: "クライアントが alice の証明書と中間CAの証明書を送ろうとしています。サーバーは何を検証するでしょうか。",
                    },
                    choices: &[
                        Choice {
                            text: Tr {
                                en: "That the chain leads to a CA it trusts, the signatures verify, the dates are valid, the EKU allows clientAuth and the certificate is not revoked.",
                                ja: "チェーンが信頼する認証局にたどり着くこと、署名が正しいこと、有効期間内であること、EKU が clientAuth を許すこと、失効していないことです。",
                            },
                            correct: true,
                            why: Tr {
                                en: "The server runs the same kind of checklist a client runs on a server certificate, with clientAuth instead of serverAuth and no host name. This server trusts the lab's root CA and checks revocation against its intermediate CA's CRL.",
                                ja: "クライアントがサーバー証明書に行うのと同じ種類の検証ですが、serverAuth ではなく clientAuth を確認し、ホスト名は照合しません。このサーバーはラボのルートCAを信頼し、中間CAの CRL で失効を確認します。",
                            },
                        },
                        Choice {
                            text: Tr {
                                en: "That the name in the certificate matches the server name (SNI).",
                                ja: "証明書の名前がサーバー名 (SNI) と一致することです。",
                            },
                            correct: false,
                            why: Tr {
                                en: "That check is for server certificates. The server uses a client's name (here CN=alice, O=Example Corp) to decide what alice may do: authorization, after authentication.",
                                ja: "その照合はサーバー証明書のためのものです。サーバーはクライアントの名前 (ここでは CN=alice, O=Example Corp) を、alice に何を許すかを決めるため (認証の後の認可) に使います。",
                            },
                        },
                        Choice {
                            text: Tr {
                                en: "Nothing: a client certificate is trusted once it is sent.",
                                ja: "何も検証しません。クライアント証明書は送られた時点で信頼されます。",
                            },
                            correct: false,
                            why: Tr {
                                en: "Then anyone could make a certificate that says alice. The server checks it as strictly as a client checks a server's certificate.",
                                ja: "それでは誰でも alice と名乗る証明書を作れてしまいます。サーバーは、クライアントがサーバー証明書を検証するのと同じくらい厳密に検証します。",
                            },
                        },
                    ],
                },
                Question {
                    before: Explain::CertificateVerify(Participant::Client),
                    prompt: Tr {
                        en: "The server has alice's certificate and has accepted its chain. Why must the client still send CertificateVerify?",
                        ja: "サーバーは alice の証明書を受け取り、チェーンを受け入れました。それでもクライアントが CertificateVerify を送らなければならないのはなぜでしょうか。",
                    },
                    choices: &[
                        Choice {
                            text: Tr {
                                en: "A certificate is public; a signature over this handshake proves that the client holds its private key.",
                                ja: "証明書は公開情報なので、このハンドシェイクへの署名で、クライアントが秘密鍵を持っていることを証明するためです。",
                            },
                            correct: true,
                            why: Tr {
                                en: "alice sends her certificate to every server she connects to, so a copy proves nothing. The signature covers this handshake's transcript and can only be made with her private key (RFC 8446 §4.4.3).",
                                ja: "alice は接続するどのサーバーにも証明書を送るので、コピーでは何も証明できません。署名はこのハンドシェイクのトランスクリプトに対するもので、alice の秘密鍵でしか作れません (RFC 8446 §4.4.3)。",
                            },
                        },
                        Choice {
                            text: Tr {
                                en: "To encrypt the certificate.",
                                ja: "証明書を暗号化するためです。",
                            },
                            correct: false,
                            why: Tr {
                                en: "The certificate is already encrypted under the handshake keys. CertificateVerify is a signature, not encryption.",
                                ja: "証明書は既にハンドシェイク鍵で暗号化されています。CertificateVerify は署名であり、暗号化ではありません。",
                            },
                        },
                        Choice {
                            text: Tr {
                                en: "It does not have to: Finished proves the same.",
                                ja: "送る必要はありません。Finished が同じことを証明します。",
                            },
                            correct: false,
                            why: Tr {
                                en: "Finished is an HMAC with keys from the key exchange, which anyone who took part in the exchange can compute. A client that sent a certificate MUST send CertificateVerify (RFC 8446 §4.4.3).",
                                ja: "Finished は鍵交換から得た鍵による HMAC で、鍵交換をした者なら誰でも計算できます。証明書を送ったクライアントは、CertificateVerify を必ず送らなければなりません (RFC 8446 §4.4.3)。",
                            },
                        },
                    ],
                },
            ],
        }],
        summary: &[
            Tr {
                en: "Mutual TLS (mTLS, two-way TLS) is one-way TLS plus three messages: the server's CertificateRequest, then the client's Certificate and CertificateVerify.",
                ja: "相互TLS (mTLS、双方向TLS) は、一方向TLSに 3 つのメッセージを加えたものです。サーバーの CertificateRequest と、クライアントの Certificate と CertificateVerify です。",
            },
            Tr {
                en: "The server checks the client's chain against its own trust store, with EKU clientAuth, and the client proves that it holds the private key.",
                ja: "サーバーはクライアントのチェーンを自分のトラストストアに照らして検証し (EKU は clientAuth)、クライアントは秘密鍵を持っていることを証明します。",
            },
            Tr {
                en: "The server then knows who the client is: its answer greets alice by name, where in one-way TLS it said anonymous.",
                ja: "こうしてサーバーはクライアントが誰かを知ります。一方向TLSでは anonymous だった応答が、alice を名前で呼びます。",
            },
            Tr {
                en: "Mutual TLS fits where the clients are known in advance: APIs between companies (B2B), microservices, IoT devices, zero-trust access from managed devices.",
                ja: "相互TLSは、接続してくるクライアントが事前に決まっている場面に向いています。企業間 (B2B) の API、マイクロサービス、IoT 機器、管理された端末からのゼロトラストのアクセスなどです。",
            },
        ],
        terms: &[
            "mtls",
            "tls-names",
            "client-certificate",
            "certificate-authorities",
            "certificate-verify",
            "eku",
        ],
    },
    Lesson {
        id: "no-client-certificate",
        title: Tr {
            en: "When the client has no certificate",
            ja: "クライアントが証明書を持っていないとき",
        },
        goals: &[
            Tr {
                en: "See how a client without a certificate must answer CertificateRequest.",
                ja: "証明書を持たないクライアントが CertificateRequest にどう応えるかを見ます。",
            },
            Tr {
                en: "Know that the server decides: stop with certificate_required, or go on without client authentication.",
                ja: "決めるのはサーバーで、certificate_required で止めるか、クライアント認証なしで続けるかを選べることを知ります。",
            },
        ],
        minutes: 8,
        parts: &[Part {
            scenario: "no-client-cert",
            intro: Tr {
                en: "This server requires a client certificate, and this client has none. Watch what the client sends in place of its certificate, and what it leaves out.",
                ja: "このサーバーはクライアント証明書を必須にしていますが、クライアントは持っていません。クライアントが証明書の代わりに何を送り、何を省くかに注目してください。",
            },
            questions: &[
                Question {
                    before: Explain::CertificateEmpty(Participant::Client),
                    prompt: Tr {
                        en: "The server asked for a certificate, but this client has none. What must the client send?",
                        ja: "サーバーは証明書を求めましたが、このクライアントは持っていません。クライアントは何を送らなければならないでしょうか。",
                    },
                    choices: &[
                        Choice {
                            text: Tr {
                                en: "A Certificate message with no certificates in it.",
                                ja: "証明書を 1 枚も含まない Certificate メッセージです。",
                            },
                            correct: true,
                            why: Tr {
                                en: "A client that is asked for a certificate and has no suitable one MUST send an empty Certificate message (RFC 8446 §4.4.2). Then the server decides.",
                                ja: "証明書を求められたクライアントは、適切な証明書がなければ空の Certificate を送らなければなりません (RFC 8446 §4.4.2)。その後はサーバーが判断します。",
                            },
                        },
                        Choice {
                            text: Tr {
                                en: "Nothing: it skips straight to Finished.",
                                ja: "何も送りません。そのまま Finished に進みます。",
                            },
                            correct: false,
                            why: Tr {
                                en: "Once CertificateRequest has arrived, the Certificate message is required, even if it is empty (RFC 8446 §4.4.2).",
                                ja: "CertificateRequest を受け取った以上、たとえ空でも Certificate は必須です (RFC 8446 §4.4.2)。",
                            },
                        },
                        Choice {
                            text: Tr {
                                en: "An alert that ends the connection.",
                                ja: "接続を終えるアラートです。",
                            },
                            correct: false,
                            why: Tr {
                                en: "The client may go on: whether an anonymous client is acceptable is the server's call (RFC 8446 §4.4.2.4).",
                                ja: "クライアントは続けて構いません。匿名のクライアントを受け入れるかどうかはサーバーが決めます (RFC 8446 §4.4.2.4)。",
                            },
                        },
                    ],
                },
                Question {
                    before: Explain::Finished(Participant::Client),
                    prompt: Tr {
                        en: "The client's Certificate was empty. Will it send CertificateVerify next?",
                        ja: "クライアントの Certificate は空でした。次に CertificateVerify を送るでしょうか。",
                    },
                    choices: &[
                        Choice {
                            text: Tr {
                                en: "No: with no certificate there is no key to prove, so it sends Finished.",
                                ja: "いいえ。所持を証明すべき証明書の鍵がないので、Finished を送ります。",
                            },
                            correct: true,
                            why: Tr {
                                en: "A client sends CertificateVerify only when its Certificate message is not empty (RFC 8446 §4.4.3).",
                                ja: "クライアントが CertificateVerify を送るのは、Certificate が空でないときだけです (RFC 8446 §4.4.3)。",
                            },
                        },
                        Choice {
                            text: Tr {
                                en: "Yes, signed with its ephemeral key.",
                                ja: "はい。一時的な鍵で署名して送ります。",
                            },
                            correct: false,
                            why: Tr {
                                en: "CertificateVerify must be made with the private key of the certificate just sent. With no certificate, the message is left out.",
                                ja: "CertificateVerify は、直前に送った証明書の秘密鍵で作らなければなりません。証明書がなければ、このメッセージは省かれます。",
                            },
                        },
                        Choice {
                            text: Tr {
                                en: "Yes, an empty one.",
                                ja: "はい。空の CertificateVerify を送ります。",
                            },
                            correct: false,
                            why: Tr {
                                en: "There is no empty CertificateVerify: without a certificate the message is simply not sent.",
                                ja: "空の CertificateVerify というものはありません。証明書がなければ、このメッセージ自体を送りません。",
                            },
                        },
                    ],
                },
                Question {
                    before: Explain::Alert(AlertDescription::CERTIFICATE_REQUIRED),
                    prompt: Tr {
                        en: "This server requires a client certificate and got an empty Certificate. What does it do?",
                        ja: "このサーバーはクライアント証明書を必須にしていて、空の Certificate を受け取りました。どうするでしょうか。",
                    },
                    choices: &[
                        Choice {
                            text: Tr {
                                en: "It sends certificate_required (116) and ends the connection.",
                                ja: "certificate_required (116) を送り、接続を終えます。",
                            },
                            correct: true,
                            why: Tr {
                                en: "TLS 1.3 defines this alert for exactly this case (RFC 8446 §4.4.2.4, §6.2).",
                                ja: "TLS 1.3 は、まさにこの場合のためにこのアラートを定めています (RFC 8446 §4.4.2.4、§6.2)。",
                            },
                        },
                        Choice {
                            text: Tr {
                                en: "It goes on and answers Hello, anonymous!",
                                ja: "そのまま続け、Hello, anonymous! と応答します。",
                            },
                            correct: false,
                            why: Tr {
                                en: "A server that makes client certificates optional would do that, and might ask for a password instead. This one requires a certificate.",
                                ja: "クライアント証明書を任意にしているサーバーならそうし、代わりにパスワードなどを求めることもできます。このサーバーは証明書を必須にしています。",
                            },
                        },
                        Choice {
                            text: Tr {
                                en: "It sends handshake_failure (40).",
                                ja: "handshake_failure (40) を送ります。",
                            },
                            correct: false,
                            why: Tr {
                                en: "That is the alert TLS 1.2 used here (RFC 5246 §7.4.6). TLS 1.3 has a precise alert for a missing client certificate.",
                                ja: "それは TLS 1.2 がこの場合に使っていたアラートです (RFC 5246 §7.4.6)。TLS 1.3 には、クライアント証明書がないことを表す専用のアラートがあります。",
                            },
                        },
                        Choice {
                            text: Tr {
                                en: "It sends unknown_ca (48).",
                                ja: "unknown_ca (48) を送ります。",
                            },
                            correct: false,
                            why: Tr {
                                en: "There is no certificate, so there is no chain that could fail.",
                                ja: "証明書がないので、検証に失敗するチェーンもありません。",
                            },
                        },
                    ],
                },
            ],
        }],
        summary: &[
            Tr {
                en: "A client asked for a certificate must answer, with an empty Certificate if it has none, and then sends no CertificateVerify.",
                ja: "証明書を求められたクライアントは、持っていなければ空の Certificate で応え、CertificateVerify は送りません。",
            },
            Tr {
                en: "The server decides: abort with certificate_required (116), or continue without client authentication (if it makes client certificates optional).",
                ja: "判断するのはサーバーです。certificate_required (116) で中止するか、クライアント認証なしで続けるか (クライアント証明書を任意とする設定の場合) を選びます。",
            },
            Tr {
                en: "The client sends its Certificate and Finished together, so the server's alert comes after both.",
                ja: "クライアントは Certificate と Finished をまとめて送るため、サーバーのアラートはその両方の後に届きます。",
            },
        ],
        terms: &["client-certificate", "mtls"],
    },
    Lesson {
        id: "the-certificate-chain",
        title: Tr {
            en: "Certificates and the chain: root CA, intermediate CA, leaf",
            ja: "証明書と証明書チェーン: ルートCA、中間CA、リーフ",
        },
        goals: &[
            Tr {
                en: "Read the fields of an X.509 certificate.",
                ja: "X.509 証明書のフィールドを読めるようになります。",
            },
            Tr {
                en: "Follow a chain from a leaf through an intermediate CA to a root CA in the trust store.",
                ja: "リーフから中間CAを経て、トラストストアのルートCAまで証明書チェーンをたどれます。",
            },
            Tr {
                en: "See the two ways a chain fails to reach a trusted root: a foreign CA and a missing intermediate.",
                ja: "チェーンが信頼するルートに届かない 2 つの場合 (知らない認証局、中間CAの欠落) を見ます。",
            },
            Tr {
                en: "Know the file formats DER, PEM and PKCS#12.",
                ja: "ファイル形式 DER、PEM、PKCS#12 を知ります。",
            },
        ],
        minutes: 15,
        parts: &[
            Part {
                scenario: "mutual",
                intro: Tr {
                    en: "Once you have answered the question, open the client's Certificate step and read alice's certificate field by field, down to the CA's signature. Then read the intermediate CA's certificate that follows it.",
                    ja: "質問に答えたら、クライアントの Certificate ステップを開き、alice の証明書をフィールドごとに、認証局の署名まで読んでください。続けて、その後ろにある中間CAの証明書も読んでください。",
                },
                questions: &[Question {
                    before: Explain::Certificate(Participant::Client),
                    prompt: Tr {
                        en: "Which of these is NOT inside alice's certificate?",
                        ja: "alice の証明書に含まれていないものはどれでしょうか。",
                    },
                    choices: &[
                        Choice {
                            text: Tr {
                                en: "Her private key.",
                                ja: "alice の秘密鍵",
                            },
                            correct: true,
                            why: Tr {
                                en: "A certificate is public and holds only the public key. The private key is kept apart; a PKCS#12 (.p12/.pfx) file can bundle the two, usually under a password, for installing, but the certificate itself never contains it.",
                                ja: "証明書は公開情報で、含むのは公開鍵だけです。秘密鍵は別に保管し、PKCS#12 (.p12/.pfx) ファイルはインストール用に両者を (通常はパスワード付きで) まとめられますが、証明書自体に秘密鍵が入ることはありません。",
                            },
                        },
                        Choice {
                            text: Tr {
                                en: "The name of its issuer, the intermediate CA.",
                                ja: "発行者である中間CAの名前",
                            },
                            correct: false,
                            why: Tr {
                                en: "It is there: the issuer field names the CA that signed the certificate (RFC 5280 §4.1.2.4). That is how a verifier finds the next certificate in the chain.",
                                ja: "含まれています。issuer フィールドには署名した認証局の名前があり (RFC 5280 §4.1.2.4)、検証者はこれを手がかりにチェーンの次の証明書を探します。",
                            },
                        },
                        Choice {
                            text: Tr {
                                en: "Her public key.",
                                ja: "alice の公開鍵",
                            },
                            correct: false,
                            why: Tr {
                                en: "It is there, in the subjectPublicKeyInfo field (RFC 5280 §4.1.2.7). Binding it to her name is the whole point of the certificate.",
                                ja: "含まれています。subjectPublicKeyInfo フィールドにあり (RFC 5280 §4.1.2.7)、公開鍵と名前を結びつけることが証明書の目的そのものです。",
                            },
                        },
                        Choice {
                            text: Tr {
                                en: "Its validity period.",
                                ja: "有効期間",
                            },
                            correct: false,
                            why: Tr {
                                en: "It is there: notBefore and notAfter (RFC 5280 §4.1.2.5).",
                                ja: "含まれています。notBefore と notAfter です (RFC 5280 §4.1.2.5)。",
                            },
                        },
                    ],
                }],
            },
            Part {
                scenario: "unknown-ca",
                intro: Tr {
                    en: "Now alice's certificate comes from a different CA (Unknown Root CA, through its own intermediate), which is not in this server's trust store. Watch the chain check in the server's checklist.",
                    ja: "今度の alice の証明書は別の認証局 (Unknown Root CA とその中間CA) が発行したもので、このサーバーのトラストストアにはありません。サーバーのチェックリストの、チェーンの検証に注目してください。",
                },
                questions: &[Question {
                    before: Explain::Certificate(Participant::Client),
                    prompt: Tr {
                        en: "The certificate is well formed, within its validity period and made for clientAuth. What will the server conclude?",
                        ja: "証明書の形式は正しく、有効期間内で、clientAuth 用です。サーバーはどう判断するでしょうか。",
                    },
                    choices: &[
                        Choice {
                            text: Tr {
                                en: "It cannot build a chain to a root it trusts, so it refuses the certificate.",
                                ja: "信頼するルートまでのチェーンを組み立てられないので、証明書を拒否します。",
                            },
                            correct: true,
                            why: Tr {
                                en: "A signature counts only if it leads to a root the verifier already trusts. Here it leads to Unknown Root CA, which the server never chose to trust, so it sends unknown_ca (48).",
                                ja: "署名に意味があるのは、検証者が既に信頼しているルートにたどり着く場合だけです。ここでは Unknown Root CA にたどり着きますが、サーバーはそれを信頼すると決めていないので、unknown_ca (48) を送ります。",
                            },
                        },
                        Choice {
                            text: Tr {
                                en: "It accepts it: any CA's signature proves identity.",
                                ja: "受け入れます。どの認証局の署名でも身元の証明になるからです。",
                            },
                            correct: false,
                            why: Tr {
                                en: "Anyone can run a CA. What matters is which roots the verifier trusts; for client certificates that is usually the organisation's own CA.",
                                ja: "認証局は誰でも作れます。重要なのは検証者がどのルートを信頼するかで、クライアント証明書の場合は通常、組織自身の認証局です。",
                            },
                        },
                        Choice {
                            text: Tr {
                                en: "It adds the client's root CA to its trust store.",
                                ja: "クライアントのルートCAを、自分のトラストストアに追加します。",
                            },
                            correct: false,
                            why: Tr {
                                en: "A trust store changes only by its operator's decision. A verifier never starts trusting a root because a peer sent it.",
                                ja: "トラストストアを変えるのは運用者の判断だけです。相手が送ってきたからといって、検証者がルートを信頼し始めることはありません。",
                            },
                        },
                        Choice {
                            text: Tr {
                                en: "It accepts it, since the client will also sign CertificateVerify.",
                                ja: "受け入れます。クライアントが CertificateVerify にも署名するからです。",
                            },
                            correct: false,
                            why: Tr {
                                en: "That proves possession of the key in this certificate, but nobody the server trusts vouches that the key belongs to alice.",
                                ja: "それが証明するのはこの証明書の鍵を持っていることだけで、その鍵が alice のものだと、サーバーが信頼する誰かが保証しているわけではありません。",
                            },
                        },
                    ],
                }],
            },
            Part {
                scenario: "missing-intermediate",
                intro: Tr {
                    en: "alice's certificate is from the right CA again, but the client sends only her leaf certificate, without the intermediate CA's. Compare the size of this Certificate message with the one in the mutual run.",
                    ja: "alice の証明書は再び正しい認証局のものですが、クライアントはリーフ証明書だけを送り、中間CAの証明書を付けません。この Certificate メッセージの大きさを、相互TLSの実行のものと比べてください。",
                },
                questions: &[
                    Question {
                        before: Explain::Certificate(Participant::Client),
                        prompt: Tr {
                            en: "The server trusts the mTLS Lab root CA, and alice's certificate was signed by the mTLS Lab intermediate CA. Can the server verify the leaf on its own?",
                            ja: "サーバーは mTLS Lab のルートCAを信頼しています。alice の証明書に署名したのは mTLS Lab の中間CAです。サーバーはリーフだけで検証できるでしょうか。",
                        },
                        choices: &[
                            Choice {
                                text: Tr {
                                    en: "No: it needs the intermediate's certificate to link the leaf to the root.",
                                    ja: "いいえ。リーフをルートにつなぐには、中間CAの証明書が必要です。",
                                },
                                correct: true,
                                why: Tr {
                                    en: "The leaf's signature is checked with the intermediate's public key, which is in the intermediate's certificate, signed by the root. Without it the path is broken.",
                                    ja: "リーフの署名は中間CAの公開鍵で検証しますが、その公開鍵は、ルートが署名した中間CAの証明書の中にあります。それがなければ経路がつながりません。",
                                },
                            },
                            Choice {
                                text: Tr {
                                    en: "Yes: the root signed the leaf.",
                                    ja: "はい。ルートがリーフに署名しているからです。",
                                },
                                correct: false,
                                why: Tr {
                                    en: "The root signed the intermediate's certificate, and the intermediate signed the leaf. Keeping the root out of everyday signing lets its private key stay offline.",
                                    ja: "ルートが署名したのは中間CAの証明書で、リーフに署名したのは中間CAです。日常の署名をルートにさせないことで、ルートの秘密鍵をオフラインに保てます。",
                                },
                            },
                            Choice {
                                text: Tr {
                                    en: "Yes, once the client also sends the root certificate.",
                                    ja: "はい。クライアントがルート証明書も送れば検証できます。",
                                },
                                correct: false,
                                why: Tr {
                                    en: "The server already has the root in its trust store, and a chain may leave it out (RFC 8446 §4.4.2). What is missing is the intermediate.",
                                    ja: "ルートはサーバーのトラストストアに既にあり、チェーンから省いて構いません (RFC 8446 §4.4.2)。足りないのは中間CAの証明書です。",
                                },
                            },
                            Choice {
                                text: Tr {
                                    en: "Yes: the server downloads the intermediate by itself.",
                                    ja: "はい。サーバーが中間CAの証明書を自分でダウンロードします。",
                                },
                                correct: false,
                                why: Tr {
                                    en: "This server builds the chain only from its trust store and the certificates it was sent. Some browsers fetch a missing intermediate for server certificates, but a correct setup never relies on that.",
                                    ja: "このサーバーは、トラストストアと送られてきた証明書だけでチェーンを組み立てます。一部のブラウザーはサーバー証明書について、欠けた中間CAの証明書を自分で取得しますが、正しい設定ではそれに頼りません。",
                                },
                            },
                        ],
                    },
                    Question {
                        before: Explain::Alert(AlertDescription::UNKNOWN_CA),
                        prompt: Tr {
                            en: "Which alert does the server send?",
                            ja: "サーバーはどのアラートを送るでしょうか。",
                        },
                        choices: &[
                            Choice {
                                text: Tr {
                                    en: "unknown_ca (48), the same as for a foreign CA.",
                                    ja: "知らない認証局の場合と同じ unknown_ca (48) です。",
                                },
                                correct: true,
                                why: Tr {
                                    en: "From the server's view, the leaf's issuer is neither among the certificates it trusts nor among those it was sent (RFC 8446 §6.2). The fix is on the client's side: send the intermediate with the leaf.",
                                    ja: "サーバーから見ると、リーフの発行者は、信頼している証明書にも送られてきた証明書にも見つかりません (RFC 8446 §6.2)。直すのはクライアント側で、リーフと一緒に中間CAの証明書を送ります。",
                                },
                            },
                            Choice {
                                text: Tr {
                                    en: "bad_certificate (42).",
                                    ja: "bad_certificate (42) です。",
                                },
                                correct: false,
                                why: Tr {
                                    en: "The leaf itself is sound; its issuer just cannot be found. RFC 8446 §6.2 describes bad_certificate as a certificate that is corrupt, has signatures that do not verify, etc.; this lab sends it for a wrong name or a certificate not yet valid, and unknown_ca when no trusted issuer is found.",
                                    ja: "リーフ自体に問題はなく、発行者が見つからないだけです。RFC 8446 §6.2 は bad_certificate を、壊れた証明書や署名を検証できない証明書などに使うとしています。このラボは名前の不一致やまだ有効でない証明書に bad_certificate を送り、信頼する発行者が見つからない場合は unknown_ca を送ります。",
                                },
                            },
                            Choice {
                                text: Tr {
                                    en: "certificate_required (116).",
                                    ja: "certificate_required (116) です。",
                                },
                                correct: false,
                                why: Tr {
                                    en: "The client did send a certificate; certificate_required means that none was sent at all.",
                                    ja: "クライアントは証明書を送っています。certificate_required は、証明書がまったく送られなかった場合です。",
                                },
                            },
                        ],
                    },
                ],
            },
        ],
        summary: &[
            Tr {
                en: "An X.509 certificate binds a subject to a public key. It holds the issuer, a serial number, the validity period and extensions (SAN, EKU, key usage, basic constraints), and the issuer signs all of it (RFC 5280 §4.1).",
                ja: "X.509 証明書は、サブジェクトと公開鍵を結びつけます。発行者、シリアル番号、有効期間、拡張 (SAN、EKU、鍵用途、基本制約) を含み、そのすべてに発行者が署名しています (RFC 5280 §4.1)。",
            },
            Tr {
                en: "A chain runs leaf → intermediate CA → root CA. The sender sends its leaf and intermediates; the verifier holds the root in its trust store (CA bundle).",
                ja: "証明書チェーンは、リーフ → 中間CA → ルートCA とつながります。送る側はリーフと中間CAの証明書を送り、検証する側はルートCAをトラストストア (CAバンドル) に持っています。",
            },
            Tr {
                en: "No path to a trusted root means unknown_ca: a foreign CA or a missing intermediate.",
                ja: "信頼するルートへの経路がなければ unknown_ca です。原因は、知らない認証局か中間CAの欠落です。",
            },
            Tr {
                en: "Files: DER is the binary form; PEM is DER in base64 between BEGIN and END lines; PKCS#12 (.p12/.pfx) bundles a certificate with its private key under a password.",
                ja: "ファイル形式: DER はバイナリ形式、PEM は DER を base64 にして BEGIN 行と END 行で囲んだもの、PKCS#12 (.p12/.pfx) は証明書と秘密鍵をパスワード付きでまとめたものです。",
            },
        ],
        terms: &[
            "certificate",
            "ca",
            "chain",
            "leaf",
            "trust-store",
            "pem-der",
        ],
    },
    Lesson {
        id: "validity-period",
        title: Tr {
            en: "Validity: not before, not after",
            ja: "有効期間: いつから、いつまで",
        },
        goals: &[
            Tr {
                en: "See that a verifier compares a certificate's validity period with its own clock.",
                ja: "検証者が、証明書の有効期間を自分の時計と比べることを確かめます。",
            },
            Tr {
                en: "Tell apart the alerts for an expired and for a not-yet-valid certificate.",
                ja: "期限切れの証明書と、まだ有効でない証明書で送られるアラートの違いを知ります。",
            },
        ],
        minutes: 10,
        parts: &[
            Part {
                scenario: "expired",
                intro: Tr {
                    en: "The lab's clock reads 1 January 2026, 00:00 UTC. alice's certificate was valid until 31 December 2025, 00:00 UTC. Open it and compare its notAfter with the clock.",
                    ja: "ラボの時計は 2026 年 1 月 1 日 0:00 (UTC) です。alice の証明書の有効期間は 2025 年 12 月 31 日 0:00 (UTC) までです。証明書を開き、notAfter を時計と比べてください。",
                },
                questions: &[
                    Question {
                        before: Explain::Certificate(Participant::Client),
                        prompt: Tr {
                            en: "Apart from its dates the certificate is perfect: a trusted CA, correct signatures, clientAuth, not revoked. What will the server decide?",
                            ja: "有効期間以外は完璧な証明書です (信頼する認証局、正しい署名、clientAuth、失効していない)。サーバーはどう判断するでしょうか。",
                        },
                        choices: &[
                            Choice {
                                text: Tr {
                                    en: "Refuse it: the current time is past its notAfter.",
                                    ja: "拒否します。現在時刻が notAfter を過ぎているからです。",
                                },
                                correct: true,
                                why: Tr {
                                    en: "Path validation requires the current time to be within every certificate's validity period (RFC 5280 §6.1.3). The CA's signature still verifies, but the CA vouched only for that period.",
                                    ja: "パス検証では、現在時刻がすべての証明書の有効期間内でなければなりません (RFC 5280 §6.1.3)。認証局の署名は今も正しいものの、認証局が保証したのはその期間だけです。",
                                },
                            },
                            Choice {
                                text: Tr {
                                    en: "Accept it: the CA's signature is still correct.",
                                    ja: "受け入れます。認証局の署名は今も正しいからです。",
                                },
                                correct: false,
                                why: Tr {
                                    en: "The signature does not expire, but what it signs includes the dates between which the certificate holds. After notAfter, the CA no longer vouches for it.",
                                    ja: "署名そのものに期限はありませんが、署名された内容には、証明書が有効な期間が含まれています。notAfter を過ぎれば、認証局はもう保証していません。",
                                },
                            },
                            Choice {
                                text: Tr {
                                    en: "Accept it: expiry matters only for server certificates.",
                                    ja: "受け入れます。有効期限が問題になるのはサーバー証明書だけだからです。",
                                },
                                correct: false,
                                why: Tr {
                                    en: "Every certificate in the path is checked the same way, client certificates included.",
                                    ja: "チェーン上のすべての証明書が同じように検証されます。クライアント証明書も例外ではありません。",
                                },
                            },
                            Choice {
                                text: Tr {
                                    en: "Ask the client to renew it during the handshake.",
                                    ja: "ハンドシェイクの中で、クライアントに更新を求めます。",
                                },
                                correct: false,
                                why: Tr {
                                    en: "TLS has no such message. Renewal happens beforehand, between the certificate's owner and the CA.",
                                    ja: "TLS にそのようなメッセージはありません。更新は事前に、証明書の持ち主と認証局の間で行います。",
                                },
                            },
                        ],
                    },
                    Question {
                        before: Explain::Alert(AlertDescription::CERTIFICATE_EXPIRED),
                        prompt: Tr {
                            en: "Which alert does the server send?",
                            ja: "サーバーはどのアラートを送るでしょうか。",
                        },
                        choices: &[
                            Choice {
                                text: Tr {
                                    en: "certificate_expired (45).",
                                    ja: "certificate_expired (45) です。",
                                },
                                correct: true,
                                why: Tr {
                                    en: "RFC 8446 §6.2 defines it for a certificate that has expired or is not currently valid.",
                                    ja: "RFC 8446 §6.2 は、期限が切れた証明書や、現在有効でない証明書のためにこのアラートを定めています。",
                                },
                            },
                            Choice {
                                text: Tr {
                                    en: "certificate_revoked (44).",
                                    ja: "certificate_revoked (44) です。",
                                },
                                correct: false,
                                why: Tr {
                                    en: "Revocation is a CA withdrawing a certificate early. This one simply ran out of time.",
                                    ja: "失効は、認証局が期限前に証明書を取り消すことです。この証明書は単に期限が切れただけです。",
                                },
                            },
                            Choice {
                                text: Tr {
                                    en: "unknown_ca (48).",
                                    ja: "unknown_ca (48) です。",
                                },
                                correct: false,
                                why: Tr {
                                    en: "The chain leads to the trusted root; only the time is wrong.",
                                    ja: "チェーンは信頼するルートにたどり着いています。問題は時刻だけです。",
                                },
                            },
                        ],
                    },
                ],
            },
            Part {
                scenario: "not-yet-valid",
                intro: Tr {
                    en: "Now alice's certificate starts on 2 January 2026, a day after the lab's clock. In practice this happens when the verifier's clock is behind (a server whose clock has drifted, or an IoT device that has not synchronised its time yet and checks the server's certificate), or when a certificate is used the moment it is issued and the verifier's clock lags the CA's.",
                    ja: "今度の alice の証明書は、ラボの時計の 1 日後、2026 年 1 月 2 日から有効です。実際には、検証する側の時計が遅れているときに起こります。たとえば、時計がずれたサーバーや、まだ時刻を同期しておらずサーバー証明書を検証する IoT 機器です。発行された直後の証明書を、認証局より時計が遅れた検証者が検証した場合にも起こります。",
                },
                questions: &[Question {
                    before: Explain::Alert(AlertDescription::BAD_CERTIFICATE),
                    prompt: Tr {
                        en: "The validity check fails again, the other way round. Which alert does this run's server send?",
                        ja: "有効期間の検証が、今度は逆向きに失敗します。この実行のサーバーは、どのアラートを送るでしょうか。",
                    },
                    choices: &[
                        Choice {
                            text: Tr {
                                en: "bad_certificate (42).",
                                ja: "bad_certificate (42) です。",
                            },
                            correct: true,
                            why: Tr {
                                en: "This run sends bad_certificate, as OpenSSL's server does. RFC 8446 §6.2 defines certificate_expired as expired or not currently valid, so that alert would fit too, and rustls sends it.",
                                ja: "この実行は、OpenSSL のサーバーと同じく bad_certificate を送ります。RFC 8446 §6.2 の certificate_expired は「期限切れ、または現在有効でない」なので、そちらも当てはまり、rustls はそちらを送ります。",
                            },
                        },
                        Choice {
                            text: Tr {
                                en: "certificate_expired (45).",
                                ja: "certificate_expired (45) です。",
                            },
                            correct: false,
                            why: Tr {
                                en: "RFC 8446 §6.2 allows it (not currently valid), and rustls sends it, but this run follows OpenSSL and sends bad_certificate. Either way, the cause is the time check.",
                                ja: "RFC 8446 §6.2 はこれも認めており (現在有効でない)、rustls はこちらを送りますが、この実行は OpenSSL にならって bad_certificate を送ります。どちらにしても、原因は時刻の検証です。",
                            },
                        },
                        Choice {
                            text: Tr {
                                en: "None: a certificate valid from tomorrow is accepted today.",
                                ja: "送りません。明日から有効な証明書は、今日も受け入れられます。",
                            },
                            correct: false,
                            why: Tr {
                                en: "There is no grace period: the current time must be within the validity period (RFC 5280 §6.1.3).",
                                ja: "猶予期間はありません。現在時刻は有効期間内でなければなりません (RFC 5280 §6.1.3)。",
                            },
                        },
                    ],
                }],
            },
        ],
        summary: &[
            Tr {
                en: "Every certificate carries notBefore and notAfter, and the verifier compares them with its own clock.",
                ja: "証明書には notBefore と notAfter があり、検証者はそれを自分の時計と比べます。",
            },
            Tr {
                en: "Expired: certificate_expired (45). Not yet valid: this lab, like OpenSSL, sends bad_certificate (42); rustls sends certificate_expired.",
                ja: "期限切れなら certificate_expired (45) です。まだ有効でない場合、このラボは OpenSSL と同じく bad_certificate (42) を送り、rustls は certificate_expired を送ります。",
            },
            Tr {
                en: "A wrong clock breaks TLS, and certificates must be renewed before they expire (see the lesson on running mTLS).",
                ja: "時計が狂っていると TLS は失敗します。また、証明書は期限が切れる前に更新しなければなりません (相互TLSの運用のレッスンで扱います)。",
            },
        ],
        terms: &["certificate", "lifecycle"],
    },
    Lesson {
        id: "revocation",
        title: Tr {
            en: "Revocation: CRL, OCSP and stapling",
            ja: "失効: CRL、OCSP、OCSP ステープリング",
        },
        goals: &[
            Tr {
                en: "See how a server learns from a CRL that a certificate within its validity period was revoked.",
                ja: "有効期間内の証明書が失効していることを、サーバーが CRL から知る仕組みを見ます。",
            },
            Tr {
                en: "Know OCSP and OCSP stapling, the other ways to publish revocation.",
                ja: "失効を伝える他の方法、OCSP と OCSP ステープリングを知ります。",
            },
        ],
        minutes: 10,
        parts: &[Part {
            scenario: "revoked",
            intro: Tr {
                en: "The CA revoked alice's certificate yesterday because her private key was compromised; the certificate itself is unchanged. The server holds the intermediate CA's current CRL. Open the server's checklist on the client's Certificate.",
                ja: "秘密鍵が漏えいしたため、認証局は昨日 alice の証明書を失効させましたが、証明書自体は何も変わっていません。サーバーは中間CAの現在の CRL を持っています。クライアントの Certificate で、サーバーのチェックリストを開いてください。",
            },
            questions: &[
                Question {
                    before: Explain::Certificate(Participant::Client),
                    prompt: Tr {
                        en: "The certificate is still signed, unchanged and within its validity period. How will the server know that it was revoked?",
                        ja: "証明書は署名も中身もそのままで、有効期間内です。サーバーはどうやって失効を知るのでしょうか。",
                    },
                    choices: &[
                        Choice {
                            text: Tr {
                                en: "It finds the certificate's serial number in the CRL that the issuing CA signed.",
                                ja: "発行した認証局が署名した CRL に、証明書のシリアル番号を見つけます。",
                            },
                            correct: true,
                            why: Tr {
                                en: "A CRL is a list of revoked serial numbers, signed by the CA and reissued on a schedule (RFC 5280 §5). The server checks the leaf's serial number against it.",
                                ja: "CRL は失効したシリアル番号の一覧で、認証局が署名し、定期的に発行し直します (RFC 5280 §5)。サーバーはリーフのシリアル番号をこれと照合します。",
                            },
                        },
                        Choice {
                            text: Tr {
                                en: "The certificate now carries a revoked mark.",
                                ja: "証明書に失効済みの印が付いています。",
                            },
                            correct: false,
                            why: Tr {
                                en: "A signed certificate can never change: any edit would break the CA's signature. Revocation is published separately, in a CRL or by OCSP.",
                                ja: "署名された証明書は変更できず、書き換えれば認証局の署名が壊れます。失効は CRL や OCSP で別に公開されます。",
                            },
                        },
                        Choice {
                            text: Tr {
                                en: "The client's CertificateVerify will fail.",
                                ja: "クライアントの CertificateVerify が失敗します。",
                            },
                            correct: false,
                            why: Tr {
                                en: "Whoever holds the compromised key can still sign. That is exactly why revocation exists.",
                                ja: "漏えいした鍵を持つ者は、今も署名できます。だからこそ失効の仕組みがあるのです。",
                            },
                        },
                        Choice {
                            text: Tr {
                                en: "It cannot: a certificate is good until it expires.",
                                ja: "知る方法はありません。証明書は期限まで有効です。",
                            },
                            correct: false,
                            why: Tr {
                                en: "CAs publish revocation precisely so that verifiers can refuse a certificate early: CRLs (RFC 5280 §5) and OCSP (RFC 6960).",
                                ja: "検証者が期限前に証明書を拒否できるように、認証局は失効情報を公開しています。CRL (RFC 5280 §5) と OCSP (RFC 6960) です。",
                            },
                        },
                    ],
                },
                Question {
                    before: Explain::Alert(AlertDescription::CERTIFICATE_REVOKED),
                    prompt: Tr {
                        en: "Which alert does the server send?",
                        ja: "サーバーはどのアラートを送るでしょうか。",
                    },
                    choices: &[
                        Choice {
                            text: Tr {
                                en: "certificate_revoked (44).",
                                ja: "certificate_revoked (44) です。",
                            },
                            correct: true,
                            why: Tr {
                                en: "RFC 8446 §6.2 defines it for a certificate that was revoked by its signer.",
                                ja: "RFC 8446 §6.2 は、署名者によって失効させられた証明書のためにこのアラートを定めています。",
                            },
                        },
                        Choice {
                            text: Tr {
                                en: "decrypt_error (51).",
                                ja: "decrypt_error (51) です。",
                            },
                            correct: false,
                            why: Tr {
                                en: "No signature failed. The checklist stopped at the revocation row, before the signature row, and the CRL itself verified under the intermediate CA's key: it is what the CRL says that refuses the certificate.",
                                ja: "失敗した署名はありません。チェックリストは署名の行より前の失効の行で止まっており、CRL 自体は中間CAの鍵で署名を検証できています。証明書を拒否させたのは CRL の内容です。",
                            },
                        },
                        Choice {
                            text: Tr {
                                en: "certificate_expired (45).",
                                ja: "certificate_expired (45) です。",
                            },
                            correct: false,
                            why: Tr {
                                en: "The certificate is within its validity period; the CA withdrew it early.",
                                ja: "証明書は有効期間内です。認証局が期限前に取り消しました。",
                            },
                        },
                        Choice {
                            text: Tr {
                                en: "access_denied (49).",
                                ja: "access_denied (49) です。",
                            },
                            correct: false,
                            why: Tr {
                                en: "access_denied is for a valid certificate that the receiver's access control then refuses (RFC 8446 §6.2). A revoked certificate is no longer valid.",
                                ja: "access_denied は、有効な証明書を受信側のアクセス制御で拒否する場合のものです (RFC 8446 §6.2)。失効した証明書は、もう有効ではありません。",
                            },
                        },
                    ],
                },
            ],
        }],
        summary: &[
            Tr {
                en: "Revocation withdraws a certificate before it expires, for example when its private key leaks.",
                ja: "失効とは、秘密鍵の漏えいなどの際に、期限前に証明書を取り消すことです。",
            },
            Tr {
                en: "CRL: a signed list of revoked serial numbers that verifiers download (this run). OCSP (RFC 6960): the verifier asks the CA's responder about one certificate.",
                ja: "CRL は失効したシリアル番号の署名付き一覧で、検証者がダウンロードします (この実行)。OCSP (RFC 6960) では、検証者が認証局のレスポンダーに 1 枚の証明書の状態を問い合わせます。",
            },
            Tr {
                en: "OCSP stapling: the certificate's owner attaches a recent signed OCSP response in the handshake (in TLS 1.3, inside the Certificate message, RFC 8446 §4.4.2.1), so the verifier needs no lookup. The lab checks CRLs today; OCSP comes in a later version.",
                ja: "OCSP ステープリングでは、証明書の持ち主が最新の署名付き OCSP 応答をハンドシェイクに添付します (TLS 1.3 では Certificate メッセージの中、RFC 8446 §4.4.2.1)。検証者は問い合わせが不要になります。このラボが今確認するのは CRL で、OCSP は今後の版で扱います。",
            },
            Tr {
                en: "A revocation takes effect only when the verifier gets fresh status, so keep CRLs and OCSP responses current.",
                ja: "失効が効くのは、検証者が新しい状態情報を手に入れたときだけです。CRL や OCSP 応答は常に新しく保ちます。",
            },
        ],
        terms: &["revocation", "lifecycle"],
    },
    Lesson {
        id: "extended-key-usage",
        title: Tr {
            en: "What a certificate is for: Extended Key Usage",
            ja: "証明書の用途: 拡張鍵用途 (EKU)",
        },
        goals: &[
            Tr {
                en: "Read a certificate's EKU: serverAuth, clientAuth.",
                ja: "証明書の EKU (serverAuth、clientAuth) を読めるようになります。",
            },
            Tr {
                en: "See a certificate refused for the wrong role, and the alert that says so.",
                ja: "役割に合わない証明書が拒否される様子と、そのアラートを見ます。",
            },
        ],
        minutes: 8,
        parts: &[Part {
            scenario: "wrong-eku",
            intro: Tr {
                en: "alice presents a certificate from the right CA, within its validity period, but the CA issued it for servers only: its Extended Key Usage says serverAuth. Open it and find the EKU extension.",
                ja: "alice が出す証明書は正しい認証局の発行で有効期間内ですが、サーバー専用に発行されています。拡張鍵用途 (EKU) が serverAuth です。証明書を開いて EKU 拡張を探してください。",
            },
            questions: &[
                Question {
                    before: Explain::Certificate(Participant::Client),
                    prompt: Tr {
                        en: "Will the server accept this certificate as a client certificate?",
                        ja: "サーバーはこの証明書を、クライアント証明書として受け入れるでしょうか。",
                    },
                    choices: &[
                        Choice {
                            text: Tr {
                                en: "No: its EKU does not allow clientAuth.",
                                ja: "いいえ。EKU が clientAuth を許していないからです。",
                            },
                            correct: true,
                            why: Tr {
                                en: "A certificate with an EKU extension may be used only for the purposes it lists (RFC 5280 §4.2.1.12), and the server requires clientAuth.",
                                ja: "EKU 拡張がある証明書は、記載された用途にしか使えません (RFC 5280 §4.2.1.12)。サーバーは clientAuth を求めます。",
                            },
                        },
                        Choice {
                            text: Tr {
                                en: "Yes: a valid certificate from a trusted CA is enough.",
                                ja: "はい。信頼する認証局の有効な証明書なら十分です。",
                            },
                            correct: false,
                            why: Tr {
                                en: "The CA vouched for this key in one role only. Accepting it in another would let, say, a web server's certificate and key log in as a user.",
                                ja: "認証局がこの鍵を保証したのは 1 つの役割についてだけです。別の役割で受け入れれば、たとえば Web サーバーの証明書と鍵で、ユーザーとしてログインできてしまいます。",
                            },
                        },
                        Choice {
                            text: Tr {
                                en: "Yes: EKU is only a hint.",
                                ja: "はい。EKU はただの目安です。",
                            },
                            correct: false,
                            why: Tr {
                                en: "RFC 5280 §4.2.1.12 says a certificate with this extension MUST only be used for a purpose it lists, and TLS stacks enforce it.",
                                ja: "RFC 5280 §4.2.1.12 は、この拡張を持つ証明書は記載された用途にのみ使わなければならない (MUST) と定めており、TLS の実装はこれを守らせます。",
                            },
                        },
                        Choice {
                            text: Tr {
                                en: "Only if its name matches server.example.",
                                ja: "名前が server.example と一致する場合だけ受け入れます。",
                            },
                            correct: false,
                            why: Tr {
                                en: "A server does not match a client certificate against a host name. What fails here is the role in the EKU.",
                                ja: "サーバーは、クライアント証明書をホスト名と照合しません。ここで問題なのは EKU の役割です。",
                            },
                        },
                    ],
                },
                Question {
                    before: Explain::Alert(AlertDescription::UNSUPPORTED_CERTIFICATE),
                    prompt: Tr {
                        en: "Which alert does the server send?",
                        ja: "サーバーはどのアラートを送るでしょうか。",
                    },
                    choices: &[
                        Choice {
                            text: Tr {
                                en: "unsupported_certificate (43).",
                                ja: "unsupported_certificate (43) です。",
                            },
                            correct: true,
                            why: Tr {
                                en: "RFC 8446 §6.2 describes it as a certificate of an unsupported type. OpenSSL and rustls send it for an EKU that does not fit the role.",
                                ja: "RFC 8446 §6.2 では、サポートされない種類の証明書を表すアラートです。OpenSSL と rustls は、EKU が役割に合わない証明書にこれを送ります。",
                            },
                        },
                        Choice {
                            text: Tr {
                                en: "access_denied (49).",
                                ja: "access_denied (49) です。",
                            },
                            correct: false,
                            why: Tr {
                                en: "access_denied means a valid certificate that access control then refused (RFC 8446 §6.2). This certificate is not valid for the client role at all.",
                                ja: "access_denied は、有効な証明書をアクセス制御で拒否したことを表します (RFC 8446 §6.2)。この証明書は、そもそもクライアントの役割では有効ではありません。",
                            },
                        },
                        Choice {
                            text: Tr {
                                en: "unknown_ca (48).",
                                ja: "unknown_ca (48) です。",
                            },
                            correct: false,
                            why: Tr {
                                en: "The chain leads to the trusted root; the CA just issued the certificate for another role.",
                                ja: "チェーンは信頼するルートにたどり着いています。認証局が別の役割用に発行しただけです。",
                            },
                        },
                    ],
                },
            ],
        }],
        summary: &[
            Tr {
                en: "EKU says what a certificate may be used for: serverAuth for a TLS server, clientAuth for a TLS client. A certificate may list both.",
                ja: "EKU は証明書の用途を表します。TLS サーバーなら serverAuth、TLS クライアントなら clientAuth です。両方を記載した証明書もあります。",
            },
            Tr {
                en: "A certificate used outside its role is refused with unsupported_certificate (43), even if everything else is right.",
                ja: "役割に合わない証明書は、他がすべて正しくても unsupported_certificate (43) で拒否されます。",
            },
            Tr {
                en: "The server's checklist runs in OpenSSL's order: chain to a trusted root, EKU, revocation, signatures, validity, then proof of possession (CertificateVerify).",
                ja: "サーバーのチェックリストは OpenSSL と同じ順序で、信頼するルートへのチェーン、EKU、失効、署名、有効期間、最後に秘密鍵の所持の証明 (CertificateVerify) です。",
            },
        ],
        terms: &["eku", "client-certificate"],
    },
    Lesson {
        id: "proof-of-possession",
        title: Tr {
            en: "Proof of possession: stolen and altered certificates",
            ja: "秘密鍵の所持の証明: 盗まれた証明書、書き換えられた証明書",
        },
        goals: &[
            Tr {
                en: "See that a copied client certificate fails at CertificateVerify without its private key.",
                ja: "コピーしたクライアント証明書は、秘密鍵がなければ CertificateVerify で失敗することを確かめます。",
            },
            Tr {
                en: "See that editing a signed certificate breaks the CA's signature.",
                ja: "署名済みの証明書を書き換えると、認証局の署名が壊れることを確かめます。",
            },
            Tr {
                en: "Know why the private key is what must be protected.",
                ja: "守るべきものが秘密鍵である理由がわかります。",
            },
        ],
        minutes: 12,
        parts: &[
            Part {
                scenario: "stolen-client-cert",
                intro: Tr {
                    en: "An attacker has a copy of alice's certificate (it is public: every server she connects to receives it) but not her private key. It connects to the server as alice.",
                    ja: "攻撃者は alice の証明書のコピーを持っていますが (証明書は公開情報で、alice が接続するどのサーバーも受け取ります)、秘密鍵は持っていません。攻撃者は alice としてサーバーに接続します。",
                },
                questions: &[
                    Question {
                        before: Explain::Certificate(Participant::Attacker),
                        prompt: Tr {
                            en: "The attacker sends alice's real certificate and chain. Will the server's certificate checks pass?",
                            ja: "攻撃者は alice の本物の証明書とチェーンを送ります。サーバーの証明書の検証は通るでしょうか。",
                        },
                        choices: &[
                            Choice {
                                text: Tr {
                                    en: "Yes: it is alice's genuine certificate.",
                                    ja: "はい。alice の本物の証明書だからです。",
                                },
                                correct: true,
                                why: Tr {
                                    en: "Trusted CA, valid signatures, valid dates, clientAuth, not revoked: a copy is byte for byte the original, so every certificate check passes.",
                                    ja: "信頼する認証局、正しい署名、有効期間内、clientAuth、失効なし。コピーは元の証明書とバイト単位で同じなので、証明書の検証はすべて通ります。",
                                },
                            },
                            Choice {
                                text: Tr {
                                    en: "No: the server sees that it comes from the wrong machine.",
                                    ja: "いいえ。サーバーは、別の機器から送られてきたことに気づきます。",
                                },
                                correct: false,
                                why: Tr {
                                    en: "Nothing in the certificate ties it to a machine or an address. Only the private key ties it to alice.",
                                    ja: "証明書には、機器やアドレスに結びつく情報はありません。証明書を alice に結びつけるのは秘密鍵だけです。",
                                },
                            },
                            Choice {
                                text: Tr {
                                    en: "No: a copy has a different serial number.",
                                    ja: "いいえ。コピーはシリアル番号が違います。",
                                },
                                correct: false,
                                why: Tr {
                                    en: "A copy is identical, serial number and signature included.",
                                    ja: "コピーはシリアル番号も署名も含めて、まったく同じです。",
                                },
                            },
                        ],
                    },
                    Question {
                        before: Explain::CertificateVerify(Participant::Attacker),
                        prompt: Tr {
                            en: "Now the server expects CertificateVerify: a signature over this handshake's transcript that verifies with alice's public key. What can the attacker send?",
                            ja: "次にサーバーは CertificateVerify を待っています。このハンドシェイクのトランスクリプトへの署名で、alice の公開鍵で検証できるものです。攻撃者は何を送れるでしょうか。",
                        },
                        choices: &[
                            Choice {
                                text: Tr {
                                    en: "Only a signature made with some other key, which will not verify.",
                                    ja: "別の鍵で作った、検証に通らない署名だけです。",
                                },
                                correct: true,
                                why: Tr {
                                    en: "Signing needs alice's private key. A signature made with another key, or copied from another handshake, fails under her public key, and the server sends decrypt_error (51).",
                                    ja: "署名には alice の秘密鍵が必要です。別の鍵で作った署名も、別のハンドシェイクからコピーした署名も、alice の公開鍵では検証に失敗し、サーバーは decrypt_error (51) を送ります。",
                                },
                            },
                            Choice {
                                text: Tr {
                                    en: "A valid signature: the certificate holds everything needed.",
                                    ja: "正しい署名です。必要なものはすべて証明書に入っています。",
                                },
                                correct: false,
                                why: Tr {
                                    en: "The certificate holds the public key, which can only verify. Signing needs the private key, which never left alice.",
                                    ja: "証明書にあるのは公開鍵で、検証にしか使えません。署名に必要な秘密鍵は、alice の手元から出ていません。",
                                },
                            },
                            Choice {
                                text: Tr {
                                    en: "Nothing: a client may skip CertificateVerify.",
                                    ja: "何も送りません。クライアントは CertificateVerify を省略できます。",
                                },
                                correct: false,
                                why: Tr {
                                    en: "A client that sent a certificate MUST send CertificateVerify (RFC 8446 §4.4.3); leaving it out fails the handshake too.",
                                    ja: "証明書を送ったクライアントは、CertificateVerify を必ず送らなければなりません (RFC 8446 §4.4.3)。省いてもハンドシェイクは失敗します。",
                                },
                            },
                        ],
                    },
                ],
            },
            Part {
                scenario: "altered-client-cert",
                intro: Tr {
                    en: "Someone edited alice's certificate after the CA signed it: CN=alice now reads CN=admin. Nothing else changed, and the client holds the matching private key.",
                    ja: "認証局が署名した後で、誰かが alice の証明書を書き換えました。CN=alice が CN=admin になっています。他は何も変わっておらず、クライアントは対応する秘密鍵を持っています。",
                },
                questions: &[
                    Question {
                        before: Explain::Certificate(Participant::Client),
                        prompt: Tr {
                            en: "Which check will catch the edit?",
                            ja: "どの検証が書き換えを見つけるでしょうか。",
                        },
                        choices: &[
                            Choice {
                                text: Tr {
                                    en: "The intermediate CA's signature on the certificate.",
                                    ja: "証明書に付いた中間CAの署名の検証です。",
                                },
                                correct: true,
                                why: Tr {
                                    en: "The CA signed every field of the certificate (its tbsCertificate). Change a single byte and the signature no longer verifies.",
                                    ja: "認証局は、証明書のすべてのフィールド (tbsCertificate) に署名しています。1 バイトでも変えれば、署名は検証に通りません。",
                                },
                            },
                            Choice {
                                text: Tr {
                                    en: "None: the chain still leads to the trusted root.",
                                    ja: "どれも見つけません。チェーンは今も信頼するルートにたどり着くからです。",
                                },
                                correct: false,
                                why: Tr {
                                    en: "The issuer name is unchanged, so the path is found. But every signature on the path is then checked, and this one fails.",
                                    ja: "発行者名は変わっていないので、経路は見つかります。しかし経路上の署名はすべて検証され、この署名で失敗します。",
                                },
                            },
                            Choice {
                                text: Tr {
                                    en: "CertificateVerify.",
                                    ja: "CertificateVerify の検証です。",
                                },
                                correct: false,
                                why: Tr {
                                    en: "The public key was not changed and the client holds its private key, so its CertificateVerify would verify. The server stops earlier, at the CA's signature.",
                                    ja: "公開鍵は変わっておらず、クライアントはその秘密鍵を持っているので、CertificateVerify は検証に通るはずです。サーバーはそれより前、認証局の署名の検証で止めます。",
                                },
                            },
                            Choice {
                                text: Tr {
                                    en: "The validity check.",
                                    ja: "有効期間の検証です。",
                                },
                                correct: false,
                                why: Tr {
                                    en: "The dates are unchanged and still valid.",
                                    ja: "日付は変わっておらず、有効期間内のままです。",
                                },
                            },
                        ],
                    },
                    Question {
                        before: Explain::Alert(AlertDescription::DECRYPT_ERROR),
                        prompt: Tr {
                            en: "Which alert does the server send?",
                            ja: "サーバーはどのアラートを送るでしょうか。",
                        },
                        choices: &[
                            Choice {
                                text: Tr {
                                    en: "decrypt_error (51).",
                                    ja: "decrypt_error (51) です。",
                                },
                                correct: true,
                                why: Tr {
                                    en: "RFC 8446 §6.2's decrypt_error covers a signature that cannot be verified, and OpenSSL sends it for a certificate's bad signature. bad_certificate (a certificate whose signatures do not verify) would be allowed too.",
                                    ja: "RFC 8446 §6.2 の decrypt_error は署名を検証できない場合を含み、OpenSSL は証明書の署名が不正な場合にこれを送ります。bad_certificate (署名を検証できない証明書) も認められています。",
                                },
                            },
                            Choice {
                                text: Tr {
                                    en: "bad_record_mac (20).",
                                    ja: "bad_record_mac (20) です。",
                                },
                                correct: false,
                                why: Tr {
                                    en: "That alert is for a record whose AES-GCM tag fails. Here the records are intact; a signature inside a certificate is wrong.",
                                    ja: "それは AES-GCM のタグの検証に失敗したレコードに使うアラートです。ここではレコードは正常で、証明書の中の署名が不正です。",
                                },
                            },
                            Choice {
                                text: Tr {
                                    en: "unknown_ca (48).",
                                    ja: "unknown_ca (48) です。",
                                },
                                correct: false,
                                why: Tr {
                                    en: "The issuer is found and trusted; its signature just does not match the edited contents.",
                                    ja: "発行者は見つかり、信頼もされています。その署名が、書き換えられた中身と一致しないだけです。",
                                },
                            },
                        ],
                    },
                ],
            },
        ],
        summary: &[
            Tr {
                en: "A certificate is public, so copying it gains nothing. Authentication rests on CertificateVerify, a signature over this very handshake with the private key (RFC 8446 §4.4.3).",
                ja: "証明書は公開情報なので、コピーしても何も得られません。認証の根拠は CertificateVerify、つまり秘密鍵でこのハンドシェイクそのものに付けた署名です (RFC 8446 §4.4.3)。",
            },
            Tr {
                en: "So the private key is what to protect: keep it where it cannot be copied (a TPM, a smart card, a secure element), and revoke the certificate if the key leaks.",
                ja: "守るべきは秘密鍵です。コピーできない場所 (TPM、スマートカード、セキュアエレメント) に保管し、漏えいしたら証明書を失効させます。",
            },
            Tr {
                en: "The CA's signature covers every field: an edited certificate is refused, here with decrypt_error (bad_certificate is also allowed).",
                ja: "認証局の署名はすべてのフィールドを対象とするため、書き換えた証明書は拒否されます。ここでは decrypt_error です (bad_certificate も認められています)。",
            },
        ],
        terms: &[
            "certificate-verify",
            "private-key",
            "public-key",
            "transcript",
            "certificate",
        ],
    },
    Lesson {
        id: "key-exchange",
        title: Tr {
            en: "Key exchange and HelloRetryRequest",
            ja: "鍵交換と HelloRetryRequest",
        },
        goals: &[
            Tr {
                en: "See how ECDHE gives both sides the same secret without sending it.",
                ja: "ECDHE によって、秘密を送らずに両者が同じ秘密を得る仕組みを見ます。",
            },
            Tr {
                en: "See what happens when the client's key share is in a group the server does not accept.",
                ja: "クライアントの key share が、サーバーの受け付けないグループだったときに何が起きるかを見ます。",
            },
            Tr {
                en: "Know why TLS 1.3 gives forward secrecy, and why RSA key transport did not.",
                ja: "TLS 1.3 で前方秘匿性が得られる理由と、RSA 鍵交換では得られなかった理由がわかります。",
            },
        ],
        minutes: 12,
        parts: &[Part {
            scenario: "mutual-hrr",
            intro: Tr {
                en: "This server accepts only the P-256 group. The client lists x25519 and P-256 in supported_groups, but sends a key share for x25519 only. Watch the key shares in each hello.",
                ja: "このサーバーが受け付ける鍵交換グループは P-256 だけです。クライアントは supported_groups に x25519 と P-256 を挙げていますが、key share は x25519 の分しか送りません。各 Hello の key share に注目してください。",
            },
            questions: &[
                Question {
                    before: Explain::HelloRetryRequest,
                    prompt: Tr {
                        en: "The client's only key share is x25519, which this server does not accept, but its supported_groups also lists P-256. What does the server do?",
                        ja: "クライアントの key share は x25519 だけで、このサーバーは受け付けません。ただし supported_groups には P-256 もあります。サーバーはどうするでしょうか。",
                    },
                    choices: &[
                        Choice {
                            text: Tr {
                                en: "It sends HelloRetryRequest, asking for a P-256 key share.",
                                ja: "HelloRetryRequest を送り、P-256 の key share を求めます。",
                            },
                            correct: true,
                            why: Tr {
                                en: "The server names a group both support, and the client sends a new ClientHello with a key share in it: one extra round trip (RFC 8446 §4.1.4).",
                                ja: "サーバーは両者が対応するグループを指定し、クライアントはその key share を付けた ClientHello を送り直します。往復が 1 回増えます (RFC 8446 §4.1.4)。",
                            },
                        },
                        Choice {
                            text: Tr {
                                en: "It aborts with handshake_failure (40).",
                                ja: "handshake_failure (40) で中止します。",
                            },
                            correct: false,
                            why: Tr {
                                en: "It would if the two had no group in common. Here both support P-256, so a retry is enough.",
                                ja: "共通のグループがなければそうなります。ここでは両者とも P-256 に対応しているので、やり直せば済みます。",
                            },
                        },
                        Choice {
                            text: Tr {
                                en: "It uses x25519 anyway.",
                                ja: "それでも x25519 を使います。",
                            },
                            correct: false,
                            why: Tr {
                                en: "The server picks the group, and x25519 is not one this server accepts. Since the client did not send a share in the group it picked, it MUST answer with HelloRetryRequest (RFC 8446 §4.1.1).",
                                ja: "グループを選ぶのはサーバーで、このサーバーは x25519 を受け付けません。選んだグループの key share をクライアントが送っていないので、サーバーは HelloRetryRequest で応えなければなりません (RFC 8446 §4.1.1)。",
                            },
                        },
                        Choice {
                            text: Tr {
                                en: "It asks the client to encrypt a secret with the server's public key instead.",
                                ja: "代わりに、サーバーの公開鍵で秘密を暗号化して送るようクライアントに求めます。",
                            },
                            correct: false,
                            why: Tr {
                                en: "That is TLS 1.2's RSA key transport. TLS 1.3 removed it: its public-key key exchange is always ephemeral Diffie-Hellman (RFC 8446 §1.2).",
                                ja: "それは TLS 1.2 の RSA 鍵交換です。TLS 1.3 では廃止され、公開鍵による鍵交換は常に一時的な Diffie-Hellman です (RFC 8446 §1.2)。",
                            },
                        },
                    ],
                },
                Question {
                    before: Explain::ServerHello,
                    prompt: Tr {
                        en: "The client has sent a second ClientHello with a P-256 key share. How will the two sides now get a shared secret?",
                        ja: "クライアントは P-256 の key share を付けて、2 回目の ClientHello を送りました。両者はどうやって共有秘密を得るでしょうか。",
                    },
                    choices: &[
                        Choice {
                            text: Tr {
                                en: "The server sends its own P-256 key share, and each side combines its private key with the other's share.",
                                ja: "サーバーが自分の P-256 の key share を送り、双方が自分の秘密鍵と相手の key share を組み合わせます。",
                            },
                            correct: true,
                            why: Tr {
                                en: "That is ECDHE: both compute the same secret, which never crosses the wire. An eavesdropper sees both public shares and still cannot compute it.",
                                ja: "これが ECDHE で、両者は同じ秘密を計算し、その秘密は通信路を通りません。盗聴者は両方の公開鍵 (key share) を見ても、秘密を計算できません。",
                            },
                        },
                        Choice {
                            text: Tr {
                                en: "The server sends the secret in ServerHello.",
                                ja: "サーバーが ServerHello で秘密を送ります。",
                            },
                            correct: false,
                            why: Tr {
                                en: "ServerHello travels in the clear: anyone could read a secret sent in it.",
                                ja: "ServerHello は平文で送られるので、そこに秘密を入れれば誰でも読めてしまいます。",
                            },
                        },
                        Choice {
                            text: Tr {
                                en: "The client encrypts a pre-master secret with the server's public key.",
                                ja: "クライアントがサーバーの公開鍵でプリマスターシークレットを暗号化します。",
                            },
                            correct: false,
                            why: Tr {
                                en: "That was TLS 1.2's RSA key transport, removed in TLS 1.3. In TLS 1.3 the key in the server's certificate only signs.",
                                ja: "それは TLS 1.2 の RSA 鍵交換で、TLS 1.3 では廃止されました。TLS 1.3 では、サーバー証明書の鍵は署名にしか使いません。",
                            },
                        },
                    ],
                },
                Question {
                    before: Explain::ApplicationData,
                    prompt: Tr {
                        en: "Someone recorded this whole connection. Next year the server's long-term private key is stolen. Can they decrypt the recording?",
                        ja: "誰かがこの接続をすべて記録していました。翌年、サーバーの長期的な秘密鍵が盗まれます。記録を復号できるでしょうか。",
                    },
                    choices: &[
                        Choice {
                            text: Tr {
                                en: "No: the session keys came from ephemeral keys made for this connection only, and the long-term key only signed.",
                                ja: "いいえ。セッションキーはこの接続のためだけに作った一時的な鍵から導かれ、長期的な鍵は署名にしか使われていないからです。",
                            },
                            correct: true,
                            why: Tr {
                                en: "This is forward secrecy. The ECDHE private keys are discarded after the handshake, and nothing was ever encrypted with the server's long-term key.",
                                ja: "これが前方秘匿性です。ECDHE の秘密鍵はハンドシェイクの後に破棄され、サーバーの長期的な鍵で暗号化されたものは何もありません。",
                            },
                        },
                        Choice {
                            text: Tr {
                                en: "Yes: the server's private key decrypts everything the server protected.",
                                ja: "はい。サーバーの秘密鍵があれば、サーバーが保護したものはすべて復号できます。",
                            },
                            correct: false,
                            why: Tr {
                                en: "It would have with TLS 1.2's RSA key transport: the stolen key decrypts the recorded pre-master secret, and with it every key derived from it. In TLS 1.3 the long-term key never encrypts anything.",
                                ja: "TLS 1.2 の RSA 鍵交換なら、盗んだ鍵で記録したプリマスターシークレットを復号し、そこから導いた鍵をすべて得られました。TLS 1.3 では、長期的な鍵で何かを暗号化することはありません。",
                            },
                        },
                        Choice {
                            text: Tr {
                                en: "Yes, if they also have the server's certificate.",
                                ja: "はい。サーバー証明書も手に入れれば復号できます。",
                            },
                            correct: false,
                            why: Tr {
                                en: "The certificate is public and holds only the public key; it decrypts nothing.",
                                ja: "証明書は公開情報で、含むのは公開鍵だけです。何も復号できません。",
                            },
                        },
                    ],
                },
            ],
        }],
        summary: &[
            Tr {
                en: "Every public-key key exchange in TLS 1.3 is ephemeral (EC)DHE: the shared secret is computed on both sides and never sent.",
                ja: "TLS 1.3 の公開鍵による鍵交換は、すべて一時的な (EC)DHE です。共有秘密は両側で計算され、送られることはありません。",
            },
            Tr {
                en: "The client guesses a group for its key share. A wrong guess costs one round trip (HelloRetryRequest), and the first ClientHello is replaced by its hash in the transcript (RFC 8446 §4.4.1).",
                ja: "クライアントは key share のグループを推測して送ります。外れると HelloRetryRequest で往復が 1 回増え、トランスクリプトでは最初の ClientHello がそのハッシュに置き換えられます (RFC 8446 §4.4.1)。",
            },
            Tr {
                en: "Forward secrecy: a long-term key stolen later cannot decrypt recorded traffic. TLS 1.2's RSA key transport, where the client encrypted the pre-master secret with the server's public key, could not offer it.",
                ja: "前方秘匿性: 後で長期的な鍵が盗まれても、記録された通信は復号できません。クライアントがプリマスターシークレットをサーバーの公開鍵で暗号化する TLS 1.2 の RSA 鍵交換には、これがありませんでした。",
            },
        ],
        terms: &["ecdhe", "transcript", "hkdf", "session-key"],
    },
    Lesson {
        id: "on-the-wire",
        title: Tr {
            en: "On the wire: what an eavesdropper sees, what tampering does",
            ja: "通信路の上: 盗聴者に見えるもの、改ざんの結末",
        },
        goals: &[
            Tr {
                en: "See what a passive eavesdropper can and cannot read in TLS 1.3.",
                ja: "TLS 1.3 で、受動的な盗聴者が読めるものと読めないものを確かめます。",
            },
            Tr {
                en: "See that TLS 1.3 hides the client certificate from eavesdroppers.",
                ja: "TLS 1.3 では、クライアント証明書が盗聴者から隠れることを確かめます。",
            },
            Tr {
                en: "See how AES-GCM detects a changed record.",
                ja: "AES-GCM が、書き換えられたレコードを検出する様子を見ます。",
            },
        ],
        minutes: 12,
        parts: &[
            Part {
                scenario: "observer",
                intro: Tr {
                    en: "A passive eavesdropper records every byte of a mutual TLS connection and changes nothing. Look at each record's bytes, and at the key table's column Observer on the wire.",
                    ja: "受動的な盗聴者が、相互TLSの接続のすべてのバイトを記録します (何も変更しません)。各レコードのバイト列と、鍵の表の「通信路の盗聴者」の列を見てください。",
                },
                questions: &[
                    Question {
                        before: Explain::EncryptedExtensions,
                        prompt: Tr {
                            en: "The next record carries EncryptedExtensions. Which content type will its record header show on the wire?",
                            ja: "次のレコードは EncryptedExtensions を運びます。通信路上のレコードヘッダーには、どのコンテントタイプが表示されるでしょうか。",
                        },
                        choices: &[
                            Choice {
                                text: Tr {
                                    en: "application_data (23).",
                                    ja: "application_data (23) です。",
                                },
                                correct: true,
                                why: Tr {
                                    en: "Every encrypted TLS 1.3 record shows type 23; the real type is inside the encryption (RFC 8446 §5.2). An eavesdropper cannot tell handshake records from data by their headers.",
                                    ja: "TLS 1.3 の暗号化されたレコードはすべてタイプ 23 を示し、本当のタイプは暗号化された中にあります (RFC 8446 §5.2)。盗聴者は、ヘッダーからハンドシェイクとデータを区別できません。",
                                },
                            },
                            Choice {
                                text: Tr {
                                    en: "handshake (22).",
                                    ja: "handshake (22) です。",
                                },
                                correct: false,
                                why: Tr {
                                    en: "ClientHello and ServerHello showed 22 because they travel in the clear. Once records are encrypted, TLS 1.3 hides their real type (RFC 8446 §5.2).",
                                    ja: "ClientHello と ServerHello が 22 を示したのは、平文で送られるからです。レコードが暗号化された後は、TLS 1.3 は本当のタイプを隠します (RFC 8446 §5.2)。",
                                },
                            },
                            Choice {
                                text: Tr {
                                    en: "None: encrypted records have no readable header.",
                                    ja: "表示されません。暗号化されたレコードには、読めるヘッダーがありません。",
                                },
                                correct: false,
                                why: Tr {
                                    en: "Every record keeps a 5-byte header in the clear (type, legacy version, length), so that the receiver can tell where it ends.",
                                    ja: "すべてのレコードには平文の 5 バイトのヘッダー (タイプ、旧バージョン番号、長さ) があり、受信側はこれでレコードの区切りを知ります。",
                                },
                            },
                        ],
                    },
                    Question {
                        before: Explain::Certificate(Participant::Client),
                        prompt: Tr {
                            en: "Can the eavesdropper read alice's name in the certificate the client is about to send?",
                            ja: "クライアントがこれから送る証明書に書かれた alice の名前を、盗聴者は読めるでしょうか。",
                        },
                        choices: &[
                            Choice {
                                text: Tr {
                                    en: "No: in TLS 1.3 it travels encrypted under the handshake keys.",
                                    ja: "いいえ。TLS 1.3 では、ハンドシェイク鍵で暗号化されて送られます。",
                                },
                                correct: true,
                                why: Tr {
                                    en: "The eavesdropper cannot compute the ECDHE secret, so it has no handshake keys. It still sees the IP addresses, the server name (SNI) in ClientHello, and the sizes and timing of the records.",
                                    ja: "盗聴者は ECDHE の秘密を計算できないので、ハンドシェイク鍵を持っていません。ただし IP アドレス、ClientHello のサーバー名 (SNI)、レコードの大きさとタイミングは見えます。",
                                },
                            },
                            Choice {
                                text: Tr {
                                    en: "Yes: certificates are public, so they travel in the clear.",
                                    ja: "はい。証明書は公開情報なので、平文で送られます。",
                                },
                                correct: false,
                                why: Tr {
                                    en: "Public does not mean sent in the clear. In TLS 1.2 the client's Certificate did travel in the clear; TLS 1.3 encrypts it.",
                                    ja: "公開情報だからといって、平文で送られるわけではありません。TLS 1.2 ではクライアントの Certificate は平文でしたが、TLS 1.3 では暗号化されます。",
                                },
                            },
                            Choice {
                                text: Tr {
                                    en: "Yes, with the server's public key.",
                                    ja: "はい。サーバーの公開鍵を使えば読めます。",
                                },
                                correct: false,
                                why: Tr {
                                    en: "A public key decrypts nothing here. Reading the record needs the handshake keys, which come from an ECDHE secret the eavesdropper cannot compute.",
                                    ja: "ここで公開鍵は何も復号できません。レコードを読むにはハンドシェイク鍵が必要で、それは盗聴者が計算できない ECDHE の秘密から導かれます。",
                                },
                            },
                        ],
                    },
                ],
            },
            Part {
                scenario: "tampered-record",
                intro: Tr {
                    en: "Now someone on the path is active: it flips one bit of the client's encrypted request and passes it on. It holds no keys. (This run is one-way TLS.)",
                    ja: "今度の経路上の攻撃者は能動的です。クライアントの暗号化されたリクエストの 1 ビットを反転させて転送します。鍵は持っていません (この実行は一方向TLSです)。",
                },
                questions: &[Question {
                    before: Explain::TamperedRecord,
                    prompt: Tr {
                        en: "What will the server do with the altered record?",
                        ja: "サーバーは、書き換えられたレコードをどう扱うでしょうか。",
                    },
                    choices: &[
                        Choice {
                            text: Tr {
                                en: "Its AES-GCM tag check fails, and the server ends the connection with bad_record_mac (20).",
                                ja: "AES-GCM のタグの検証に失敗し、サーバーは bad_record_mac (20) で接続を終えます。",
                            },
                            correct: true,
                            why: Tr {
                                en: "Each record carries a 16-byte authentication tag that only a key holder can compute. A record that fails the check is never used, and the connection ends (RFC 8446 §5.2).",
                                ja: "各レコードには、鍵を持つ者だけが計算できる 16 バイトの認証タグが付いています。検証に失敗したレコードは使われず、接続は終了します (RFC 8446 §5.2)。",
                            },
                        },
                        Choice {
                            text: Tr {
                                en: "It reads FET / instead of GET /.",
                                ja: "GET / の代わりに FET / と読みます。",
                            },
                            correct: false,
                            why: Tr {
                                en: "Without the tag that is what would happen: AES-GCM encrypts in counter mode, so flipping a ciphertext bit flips the same plaintext bit. But the tag check refuses the record first.",
                                ja: "タグがなければそうなります。AES-GCM はカウンターモードで暗号化するため暗号文の 1 ビットの反転は平文の同じビットを反転させますが、タグの検証が先にレコードを拒否します。",
                            },
                        },
                        Choice {
                            text: Tr {
                                en: "It asks the client to send the record again.",
                                ja: "クライアントに、レコードの再送を求めます。",
                            },
                            correct: false,
                            why: Tr {
                                en: "TLS does not resend records: a record that fails authentication is fatal to the connection (RFC 8446 §5.2).",
                                ja: "TLS はレコードを再送しません。認証に失敗したレコードは、接続にとって致命的です (RFC 8446 §5.2)。",
                            },
                        },
                        Choice {
                            text: Tr {
                                en: "It drops the record quietly and keeps the connection.",
                                ja: "レコードを黙って捨て、接続を続けます。",
                            },
                            correct: false,
                            why: Tr {
                                en: "If decryption fails, the receiver MUST end the connection with a bad_record_mac alert (RFC 8446 §5.2).",
                                ja: "復号に失敗した受信側は、bad_record_mac アラートで接続を終えなければなりません (RFC 8446 §5.2)。",
                            },
                        },
                    ],
                }],
            },
        ],
        summary: &[
            Tr {
                en: "On the wire, ClientHello and ServerHello travel in the clear (SNI, key shares, cipher suites); every record after them, apart from the ChangeCipherSpec compatibility record, is encrypted and shows type 23.",
                ja: "通信路上では、ClientHello と ServerHello は平文 (SNI、key share、暗号スイート) で、その後のレコードは (互換性のための ChangeCipherSpec レコードを除き) すべて暗号化され、タイプ 23 を示します。",
            },
            Tr {
                en: "TLS 1.3 hides the certificates, so a client's identity stays private; IP addresses, SNI, sizes and timing stay visible.",
                ja: "TLS 1.3 は証明書を隠すので、クライアントの身元は守られます。IP アドレス、SNI、大きさ、タイミングは見えたままです。",
            },
            Tr {
                en: "AES-GCM authenticates every record: any change ends the connection with bad_record_mac.",
                ja: "AES-GCM はすべてのレコードを認証します。少しでも変更されれば、bad_record_mac で接続が終わります。",
            },
        ],
        terms: &["aes-gcm", "session-key", "client-certificate"],
    },
    Lesson {
        id: "aitm-phishing",
        title: Tr {
            en: "Adversary-in-the-middle phishing",
            ja: "AiTM フィッシング",
        },
        goals: &[
            Tr {
                en: "See why one-way TLS cannot stop a phishing proxy that has a valid certificate.",
                ja: "有効な証明書を持つフィッシング用のプロキシを、一方向TLSでは止められない理由を見ます。",
            },
            Tr {
                en: "See why the proxy cannot relay a client certificate's signature.",
                ja: "プロキシがクライアント証明書の署名を中継できない理由を見ます。",
            },
            Tr {
                en: "Know what mutual TLS does and does not protect in this attack.",
                ja: "この攻撃で、相互TLSが守るものと守らないものを知ります。",
            },
        ],
        minutes: 15,
        parts: &[
            Part {
                scenario: "aitm-relay-one-way",
                intro: Tr {
                    en: "The victim follows a link to server.example.login-check.example, a look-alike name under a domain the attacker owns. The attacker's proxy there relays everything to the real server.example over a TLS connection of its own.",
                    ja: "被害者はリンクから server.example.login-check.example を開きます。攻撃者が所有するドメインの下にある、紛らわしい名前です。そこにいる攻撃者のプロキシは、自分で結んだ別の TLS 接続で、すべてを本物の server.example に中継します。",
                },
                questions: &[
                    Question {
                        before: Explain::Certificate(Participant::Attacker),
                        prompt: Tr {
                            en: "The proxy holds a certificate for server.example.login-check.example, issued by a public CA. Will the victim's client accept it?",
                            ja: "プロキシは、公的な認証局が発行した server.example.login-check.example の証明書を持っています。被害者のクライアントは受け入れるでしょうか。",
                        },
                        choices: &[
                            Choice {
                                text: Tr {
                                    en: "Yes: a trusted CA issued it for exactly the name the victim opened.",
                                    ja: "はい。信頼された認証局が、被害者が開いた名前そのものに発行した証明書だからです。",
                                },
                                correct: true,
                                why: Tr {
                                    en: "The chain, the dates and the name all check out, and the proxy holds the private key, so its CertificateVerify verifies too. TLS checks the name the client was given, not the one the user had in mind.",
                                    ja: "チェーン、有効期間、名前の検証はすべて通り、プロキシは秘密鍵を持っているので CertificateVerify も検証に通ります。TLS が照合するのはクライアントに渡された名前で、利用者が思い浮かべていた名前ではありません。",
                                },
                            },
                            Choice {
                                text: Tr {
                                    en: "No: the name is not server.example.",
                                    ja: "いいえ。名前が server.example ではないからです。",
                                },
                                correct: false,
                                why: Tr {
                                    en: "The client asked for server.example.login-check.example, because that is the link the victim followed, and the certificate matches it.",
                                    ja: "クライアントが接続しようとしたのは、被害者がたどったリンクの server.example.login-check.example で、証明書はそれと一致します。",
                                },
                            },
                            Choice {
                                text: Tr {
                                    en: "No: CAs refuse look-alike names.",
                                    ja: "いいえ。認証局は紛らわしい名前には発行しないからです。",
                                },
                                correct: false,
                                why: Tr {
                                    en: "A CA checks that the applicant controls the name, and the attacker does control the names under login-check.example.",
                                    ja: "認証局が確認するのは申請者がその名前を管理していることで、攻撃者は login-check.example の下の名前を実際に管理しています。",
                                },
                            },
                        ],
                    },
                    Question {
                        before: Explain::RelayVictimToProxy,
                        prompt: Tr {
                            en: "The victim now sends its user name and password over this TLS connection. Who can read them?",
                            ja: "被害者はこの TLS 接続で、ユーザー名とパスワードを送ります。誰が読めるでしょうか。",
                        },
                        choices: &[
                            Choice {
                                text: Tr {
                                    en: "The proxy: this TLS connection ends at the proxy, which holds its session keys.",
                                    ja: "プロキシです。この TLS 接続はプロキシで終わり、プロキシがそのセッションキーを持っています。",
                                },
                                correct: true,
                                why: Tr {
                                    en: "TLS protects data between the two ends of a connection, and the proxy is one end. It reads the password, logs in to the real site with it, and gets the session cookie.",
                                    ja: "TLS が守るのは接続の両端の間のデータで、プロキシはその一端です。プロキシはパスワードを読み、それで本物のサイトにログインし、セッション Cookie を手に入れます。",
                                },
                            },
                            Choice {
                                text: Tr {
                                    en: "Only the real server: TLS encrypts it end to end.",
                                    ja: "本物のサーバーだけです。TLS が端から端まで暗号化するからです。",
                                },
                                correct: false,
                                why: Tr {
                                    en: "End to end means between the two ends of this connection, and here the ends are the victim and the proxy.",
                                    ja: "端から端までとは、この接続の両端の間という意味で、ここでの両端は被害者とプロキシです。",
                                },
                            },
                            Choice {
                                text: Tr {
                                    en: "Nobody, if the site also asks for a one-time code.",
                                    ja: "サイトがワンタイムコードも求めるなら、誰も読めません。",
                                },
                                correct: false,
                                why: Tr {
                                    en: "The proxy relays a one-time code just as it relays a password, then keeps the session cookie the real site sends back. That is how AiTM phishing gets past many kinds of multi-factor authentication.",
                                    ja: "プロキシはパスワードと同じようにワンタイムコードも中継し、本物のサイトが返すセッション Cookie を手に入れます。こうして AiTM フィッシングは、多くの多要素認証 (MFA) をすり抜けます。",
                                },
                            },
                        ],
                    },
                ],
            },
            Part {
                scenario: "aitm-relay-mutual",
                intro: Tr {
                    en: "The same proxy against a site that requires client certificates. The proxy imitates the site, CertificateRequest included, so the victim's client sends alice's certificate and CertificateVerify to the proxy.",
                    ja: "同じプロキシを、クライアント証明書を必須にしたサイトに使います。プロキシは CertificateRequest も含めてサイトをまねるので、被害者のクライアントは alice の証明書と CertificateVerify をプロキシに送ります。",
                },
                questions: &[
                    Question {
                        before: Explain::RelayVictimToProxy,
                        prompt: Tr {
                            en: "Mutual TLS is on. Does the victim's password still reach the proxy?",
                            ja: "相互TLSが有効です。それでも、被害者のパスワードはプロキシに届くでしょうか。",
                        },
                        choices: &[
                            Choice {
                                text: Tr {
                                    en: "Yes: the victim's TLS connection still ends at the proxy.",
                                    ja: "はい。被害者の TLS 接続は、やはりプロキシで終わるからです。",
                                },
                                correct: true,
                                why: Tr {
                                    en: "The proxy decrypts everything the victim sends on this connection. Mutual TLS acts elsewhere: on the proxy's own connection to the real site, where the proxy cannot prove to be alice.",
                                    ja: "被害者がこの接続で送るものは、すべてプロキシで復号されます。相互TLSが効くのは別のところ、プロキシと本物のサイトの接続で、プロキシはそこで alice であることを証明できません。",
                                },
                            },
                            Choice {
                                text: Tr {
                                    en: "No: mutual TLS encrypts the password for the real server.",
                                    ja: "いいえ。相互TLSは、パスワードを本物のサーバー宛てに暗号化するからです。",
                                },
                                correct: false,
                                why: Tr {
                                    en: "TLS encrypts for the other end of the connection, and here that is the proxy, with or without client certificates.",
                                    ja: "TLS が暗号化する相手は接続の相手で、ここではクライアント証明書の有無にかかわらずプロキシです。",
                                },
                            },
                            Choice {
                                text: Tr {
                                    en: "No: the client refused to go on once the proxy asked for a certificate.",
                                    ja: "いいえ。プロキシが証明書を求めた時点で、クライアントは接続をやめたからです。",
                                },
                                correct: false,
                                why: Tr {
                                    en: "Being asked for a certificate is normal on this site. As the steps above show, the client sent alice's certificate and signature.",
                                    ja: "このサイトでは、証明書を求められるのは普通のことです。前のステップのとおり、クライアントは alice の証明書と署名を送りました。",
                                },
                            },
                        ],
                    },
                    Question {
                        before: Explain::Certificate(Participant::Server),
                        prompt: Tr {
                            en: "The proxy now connects to the real server, which asks for a client certificate. The proxy has alice's certificate and her CertificateVerify from the victim's handshake, but not her private key. What will happen?",
                            ja: "プロキシは本物のサーバーに接続し、サーバーはクライアント証明書を求めます。プロキシは alice の証明書と、被害者のハンドシェイクで得た CertificateVerify を持っていますが、秘密鍵は持っていません。どうなるでしょうか。",
                        },
                        choices: &[
                            Choice {
                                text: Tr {
                                    en: "The server refuses the replayed signature with decrypt_error: it signs the victim's handshake, not this one.",
                                    ja: "サーバーは使い回された署名を decrypt_error で拒否します。その署名は被害者のハンドシェイクへのもので、このハンドシェイクへのものではないからです。",
                                },
                                correct: true,
                                why: Tr {
                                    en: "A CertificateVerify covers its own handshake's transcript: both randoms, both key shares and the server's certificate. The proxy's handshake with the real server differs in all of them, so the login is never relayed.",
                                    ja: "CertificateVerify は、自分のハンドシェイクのトランスクリプト (双方の乱数、双方の key share、サーバーの証明書) に対する署名です。プロキシと本物のサーバーのハンドシェイクではそのすべてが違うため、ログインは中継されません。",
                                },
                            },
                            Choice {
                                text: Tr {
                                    en: "The server accepts it: the signature is alice's genuine one.",
                                    ja: "サーバーは受け入れます。alice の本物の署名だからです。",
                                },
                                correct: false,
                                why: Tr {
                                    en: "It is genuine, but for another transcript, so it does not verify over this one.",
                                    ja: "署名は本物ですが、別のトランスクリプトに対するものなので、このハンドシェイクでは検証に通りません。",
                                },
                            },
                            Choice {
                                text: Tr {
                                    en: "The proxy gets the victim to sign this handshake too.",
                                    ja: "プロキシは、このハンドシェイクにも被害者に署名させます。",
                                },
                                correct: false,
                                why: Tr {
                                    en: "The victim's client signs only its own handshake with the proxy. To get a signature that fits the real server's handshake, the proxy would have to pass that handshake through untouched, and would then hold none of its keys.",
                                    ja: "被害者のクライアントが署名するのは、プロキシとの自分のハンドシェイクだけです。本物のサーバーのハンドシェイクに合う署名を得るには、そのハンドシェイクをそのまま通すしかなく、そうするとプロキシはその鍵を何も持てません。",
                                },
                            },
                            Choice {
                                text: Tr {
                                    en: "The proxy logs in with the password instead.",
                                    ja: "プロキシは、代わりにパスワードでログインします。",
                                },
                                correct: false,
                                why: Tr {
                                    en: "This server requires a client certificate in the TLS handshake. Without a valid CertificateVerify the handshake fails before any password is sent.",
                                    ja: "このサーバーは、TLS ハンドシェイクでクライアント証明書を必須にしています。正しい CertificateVerify がなければ、パスワードを送る前にハンドシェイクが失敗します。",
                                },
                            },
                        ],
                    },
                ],
            },
        ],
        summary: &[
            Tr {
                en: "One-way TLS cannot stop AiTM phishing: the proxy has a valid certificate for its own name and reads everything the victim sends.",
                ja: "一方向TLSでは、AiTM フィッシングを止められません。プロキシは自分の名前の有効な証明書を持ち、被害者が送るものをすべて読めます。",
            },
            Tr {
                en: "Passwords and one-time codes can be relayed; a CertificateVerify signature cannot, because it is bound to the handshake it was made in.",
                ja: "パスワードやワンタイムコードは中継できますが、CertificateVerify の署名は、作られたハンドシェイクに結びついているため中継できません。",
            },
            Tr {
                en: "Mutual TLS does not keep the password from the proxy; it keeps the proxy from logging in as the victim. That makes client certificates one of the few phishing-resistant ways to log in.",
                ja: "相互TLSは、パスワードをプロキシから守るわけではありません。防ぐのは、プロキシが被害者としてログインすることです。そのためクライアント証明書は、フィッシングに強い数少ないログイン方法の 1 つです。",
            },
        ],
        terms: &[
            "aitm",
            "certificate-verify",
            "transcript",
            "termination",
            "private-key",
        ],
    },
    Lesson {
        id: "tls-1-2-and-1-3",
        title: Tr {
            en: "TLS 1.2 and TLS 1.3: what changed",
            ja: "TLS 1.2 と TLS 1.3: 何が変わったか",
        },
        goals: &[
            Tr {
                en: "Know how a full TLS 1.2 handshake differs from TLS 1.3's: round trips, encryption, key exchange.",
                ja: "TLS 1.2 と TLS 1.3 の完全なハンドシェイクの違い (往復回数、暗号化、鍵交換) がわかります。",
            },
            Tr {
                en: "Know why the client certificate is hidden in TLS 1.3 and was not in TLS 1.2.",
                ja: "クライアント証明書が、TLS 1.3 では隠され、TLS 1.2 では隠されなかった理由がわかります。",
            },
            Tr {
                en: "Know what RSA key transport was and why TLS 1.3 removed it.",
                ja: "RSA 鍵交換とは何だったのか、なぜ TLS 1.3 で廃止されたのかがわかります。",
            },
        ],
        minutes: 15,
        parts: &[
            Part {
                scenario: "mutual",
                intro: Tr {
                    en: "Step through this mutual TLS 1.3 run and compare each step with how a TLS 1.2 handshake did the same job (RFC 5246). The next part runs the same mutual handshake in TLS 1.2 (with ECDHE, not RSA key transport), so you can see the client's certificate travel in the clear and count the round trips yourself.",
                    ja: "この TLS 1.3 の相互TLSの実行を進めながら、TLS 1.2 のハンドシェイクが同じ役割をどう果たしていたかと比べてください (RFC 5246)。次のパートでは同じ相互TLSのハンドシェイクを TLS 1.2 (RSA 鍵交換ではなく ECDHE) で実行するので、クライアント証明書が平文で送られる様子と往復の回数を自分で確かめられます。",
                },
                questions: &[
                    Question {
                        before: Explain::CertificateVerify(Participant::Server),
                        prompt: Tr {
                            en: "Here the server's private key only signs (CertificateVerify). In TLS 1.2 with RSA key transport, what did it do instead?",
                            ja: "ここでは、サーバーの秘密鍵は署名 (CertificateVerify) にしか使われません。TLS 1.2 の RSA 鍵交換では、代わりに何をしていたでしょうか。",
                        },
                        choices: &[
                            Choice {
                                text: Tr {
                                    en: "It decrypted the pre-master secret that the client had encrypted with the server's public key.",
                                    ja: "クライアントがサーバーの公開鍵で暗号化したプリマスターシークレットを復号していました。",
                                },
                                correct: true,
                                why: Tr {
                                    en: "All the session keys came from that secret, so anyone who later stole the server's key could decrypt recorded sessions. TLS 1.3 removed RSA key transport (RFC 8446 §1.2).",
                                    ja: "セッションキーはすべてその秘密から導かれるため、後でサーバーの鍵を盗んだ者は、記録されたセッションを復号できました。TLS 1.3 は RSA 鍵交換を廃止しました (RFC 8446 §1.2)。",
                                },
                            },
                            Choice {
                                text: Tr {
                                    en: "It encrypted the application data.",
                                    ja: "アプリケーションデータを暗号化していました。",
                                },
                                correct: false,
                                why: Tr {
                                    en: "Data has always been protected with symmetric session keys, in TLS 1.2 as in TLS 1.3.",
                                    ja: "データは TLS 1.2 でも TLS 1.3 でも、共通鍵のセッションキーで保護されます。",
                                },
                            },
                            Choice {
                                text: Tr {
                                    en: "It signed the client's certificate.",
                                    ja: "クライアント証明書に署名していました。",
                                },
                                correct: false,
                                why: Tr {
                                    en: "Only a CA signs certificates, once, when it issues them.",
                                    ja: "証明書に署名するのは認証局だけで、発行時に 1 度だけです。",
                                },
                            },
                        ],
                    },
                    Question {
                        before: Explain::Certificate(Participant::Client),
                        prompt: Tr {
                            en: "In a TLS 1.2 handshake, how did the client's Certificate travel?",
                            ja: "TLS 1.2 のハンドシェイクでは、クライアントの Certificate はどのように送られていたでしょうか。",
                        },
                        choices: &[
                            Choice {
                                text: Tr {
                                    en: "In the clear, so anyone on the path could read alice's name.",
                                    ja: "平文です。経路上の誰もが alice の名前を読めました。",
                                },
                                correct: true,
                                why: Tr {
                                    en: "TLS 1.2 starts encrypting only after ChangeCipherSpec, and the client sends its Certificate before it (RFC 5246 §7.3). TLS 1.3 encrypts it under the handshake keys, as the next step shows.",
                                    ja: "TLS 1.2 が暗号化を始めるのは ChangeCipherSpec の後で、クライアントは Certificate をその前に送ります (RFC 5246 §7.3)。TLS 1.3 では、次のステップのとおりハンドシェイク鍵で暗号化されます。",
                                },
                            },
                            Choice {
                                text: Tr {
                                    en: "Encrypted, as here.",
                                    ja: "ここと同じく、暗号化されていました。",
                                },
                                correct: false,
                                why: Tr {
                                    en: "Only TLS 1.3 encrypts the handshake after ServerHello. In TLS 1.2 every handshake message before ChangeCipherSpec, certificates included, was in the clear.",
                                    ja: "ServerHello より後のハンドシェイクを暗号化するのは TLS 1.3 だけです。TLS 1.2 では、ChangeCipherSpec より前のハンドシェイクメッセージは、証明書も含めて平文でした。",
                                },
                            },
                            Choice {
                                text: Tr {
                                    en: "It was not sent: TLS 1.2 had no client certificates.",
                                    ja: "送られません。TLS 1.2 にはクライアント証明書がありませんでした。",
                                },
                                correct: false,
                                why: Tr {
                                    en: "TLS 1.2 had CertificateRequest and client certificates too; mutual TLS is much older than TLS 1.3.",
                                    ja: "TLS 1.2 にも CertificateRequest とクライアント証明書がありました。相互TLSは TLS 1.3 よりずっと前からあります。",
                                },
                            },
                        ],
                    },
                    Question {
                        before: Explain::ApplicationData,
                        prompt: Tr {
                            en: "The client sends its request now, one round trip after its ClientHello. How many round trips did a full TLS 1.2 handshake take before the client could send data?",
                            ja: "クライアントは ClientHello から 1 往復でリクエストを送ります。TLS 1.2 の完全なハンドシェイクでは、クライアントがデータを送れるまでに何往復かかったでしょうか。",
                        },
                        choices: &[
                            Choice {
                                text: Tr {
                                    en: "Two.",
                                    ja: "2 往復です。",
                                },
                                correct: true,
                                why: Tr {
                                    en: "The server answers ClientHello with its hello messages; then it answers the client's key exchange, ChangeCipherSpec and Finished with its own ChangeCipherSpec and Finished (RFC 5246 §7.3; techniques such as False Start, RFC 7918, later shortened this). TLS 1.3 needs one (RFC 8446 §2).",
                                    ja: "ClientHello に対してサーバーの Hello 一式が返り、次にクライアントの鍵交換、ChangeCipherSpec、Finished に対して、サーバーの ChangeCipherSpec と Finished が返ります (RFC 5246 §7.3、後に False Start (RFC 7918) などの手法で短縮)。TLS 1.3 は 1 往復で済みます (RFC 8446 §2)。",
                                },
                            },
                            Choice {
                                text: Tr {
                                    en: "One, as in TLS 1.3.",
                                    ja: "TLS 1.3 と同じ 1 往復です。",
                                },
                                correct: false,
                                why: Tr {
                                    en: "Saving that round trip was one of TLS 1.3's aims: its client sends a key share in its very first message.",
                                    ja: "その 1 往復の削減は TLS 1.3 の目標の 1 つでした。TLS 1.3 のクライアントは、最初のメッセージで key share を送ります。",
                                },
                            },
                            Choice {
                                text: Tr {
                                    en: "Zero.",
                                    ja: "0 往復です。",
                                },
                                correct: false,
                                why: Tr {
                                    en: "A full handshake never sends data before a round trip. TLS 1.3 allows 0-RTT early data only with a pre-shared key, usually one from an earlier connection (RFC 8446 §2.3), and this run uses none.",
                                    ja: "完全なハンドシェイクで、往復の前にデータを送ることはありません。TLS 1.3 の 0-RTT のアーリーデータは事前共有鍵 (多くは以前の接続で得たもの) があるときだけのもので (RFC 8446 §2.3)、この実行は事前共有鍵を使っていません。",
                                },
                            },
                        ],
                    },
                ],
            },
            Part {
                scenario: "tls12-mutual",
                intro: Tr {
                    en: "The same mutual handshake in TLS 1.2, run for real: both ends speak nothing newer, and they agree on TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256. Count the round trips, and watch which records travel in the clear.",
                    ja: "同じ相互TLSのハンドシェイクを、今度は本当に TLS 1.2 で実行します。両端とも TLS 1.2 までにしか対応しておらず、暗号スイートは TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 です。往復の回数を数え、どのレコードが平文で送られるかに注目してください。",
                },
                questions: &[
                    Question {
                        before: Explain::Tls12(Tls12Step::ServerKeyExchange),
                        prompt: Tr {
                            en: "A TLS 1.2 server sends no CertificateVerify. How does this one prove that it holds its certificate's private key?",
                            ja: "TLS 1.2 のサーバーは CertificateVerify を送りません。このサーバーは、証明書の秘密鍵を持っていることをどう証明するでしょうか。",
                        },
                        choices: &[
                            Choice {
                                text: Tr {
                                    en: "It signs its ECDHE public key, with both randoms, in ServerKeyExchange.",
                                    ja: "ServerKeyExchange で、自分の ECDHE 公開鍵に双方の乱数と合わせて署名します。",
                                },
                                correct: true,
                                why: Tr {
                                    en: "The client verifies that signature with the certificate's public key (RFC 8422 §5.4). It covers this connection's client random, so a signature recorded from another connection cannot be replayed here.",
                                    ja: "クライアントはその署名を証明書の公開鍵で検証します (RFC 8422 §5.4)。署名の対象にはこの接続のクライアントの乱数が含まれるので、別の接続で記録した署名をここで使い回すことはできません。",
                                },
                            },
                            Choice {
                                text: Tr {
                                    en: "It does not need to: its Finished proves it.",
                                    ja: "証明する必要はありません。Finished が証明します。",
                                },
                                correct: false,
                                why: Tr {
                                    en: "Finished proves that both ends derived the same keys from this handshake. An impostor that made its own ECDHE key could compute it too; with ECDHE, only the signature with the certificate's key ties the key exchange to the certificate.",
                                    ja: "Finished が証明するのは、両端がこのハンドシェイクから同じ鍵を導いたことです。自分で ECDHE の鍵を作ったなりすましにも計算できます。ECDHE では、鍵交換を証明書に結びつけるのは、証明書の鍵による署名だけです。",
                                },
                            },
                            Choice {
                                text: Tr {
                                    en: "It encrypts its certificate with its private key.",
                                    ja: "秘密鍵で自分の証明書を暗号化します。",
                                },
                                correct: false,
                                why: Tr {
                                    en: "The certificate travels unchanged, in the clear, in the Certificate message just before. Its key is an ECDSA key: it makes signatures and cannot encrypt anything.",
                                    ja: "証明書は直前の Certificate メッセージで、そのまま平文で送られています。この証明書の鍵は ECDSA の鍵で、署名はできますが、何かを暗号化することはできません。",
                                },
                            },
                        ],
                    },
                    Question {
                        before: Explain::Tls12(Tls12Step::ChangeCipherSpec(Participant::Client)),
                        prompt: Tr {
                            en: "The client's next record is a ChangeCipherSpec. What does it do in TLS 1.2?",
                            ja: "クライアントの次のレコードは ChangeCipherSpec です。TLS 1.2 では何をするでしょうか。",
                        },
                        choices: &[
                            Choice {
                                text: Tr {
                                    en: "From then on, the client's records are encrypted with the client's key from the key block.",
                                    ja: "この後、クライアントのレコードはキーブロックから得たクライアントの鍵で暗号化されます。",
                                },
                                correct: true,
                                why: Tr {
                                    en: "It is the switch to the keys both sides have just derived (RFC 5246 §7.1): the client's Finished, next, is its first encrypted message.",
                                    ja: "両者が導いたばかりの鍵への切り替えの合図です (RFC 5246 §7.1)。次のクライアントの Finished が、最初の暗号化されたメッセージになります。",
                                },
                            },
                            Choice {
                                text: Tr {
                                    en: "Nothing: the receiver ignores it.",
                                    ja: "何もしません。受信側は無視します。",
                                },
                                correct: false,
                                why: Tr {
                                    en: "That is what a TLS 1.3 receiver does with the dummy ChangeCipherSpec sent only for middlebox compatibility (RFC 8446 §5, Appendix D.4). In TLS 1.2 the receiver switches to its new read keys when it arrives.",
                                    ja: "無視するのは TLS 1.3 の受信側で、古い中継機器との互換性のためだけに送られるダミーの ChangeCipherSpec の場合です (RFC 8446 §5、Appendix D.4)。TLS 1.2 では、受信側はこれを受け取った時点で受信用の新しい鍵に切り替えます。",
                                },
                            },
                            Choice {
                                text: Tr {
                                    en: "It asks the server to choose another cipher suite.",
                                    ja: "サーバーに別の暗号スイートを選ぶよう求めます。",
                                },
                                correct: false,
                                why: Tr {
                                    en: "The cipher suite was settled in ServerHello; ChangeCipherSpec turns it on.",
                                    ja: "暗号スイートは ServerHello で決まっています。ChangeCipherSpec はそれを使い始める合図です。",
                                },
                            },
                        ],
                    },
                ],
            },
        ],
        summary: &[
            Tr {
                en: "TLS 1.3: one round trip; everything after ServerHello is encrypted, certificates included; RSA key transport and static Diffie-Hellman are gone, so every public-key key exchange has forward secrecy.",
                ja: "TLS 1.3: 1 往復。ServerHello より後は証明書も含めてすべて暗号化されます。RSA 鍵交換と静的な Diffie-Hellman が廃止され、公開鍵による鍵交換はすべて前方秘匿性を持ちます。",
            },
            Tr {
                en: "TLS 1.2: two round trips; certificates in the clear; RSA key transport allowed, where the server's private key decrypted the pre-master secret.",
                ja: "TLS 1.2: 2 往復。証明書は平文です。RSA 鍵交換が使え、その場合はサーバーの秘密鍵がプリマスターシークレットを復号していました。",
            },
            Tr {
                en: "Both versions have CertificateRequest and client certificates: mutual TLS works in either.",
                ja: "どちらの版にも CertificateRequest とクライアント証明書があり、相互TLSはどちらでも使えます。",
            },
        ],
        terms: &["ecdhe", "session-key", "client-certificate"],
    },
    Lesson {
        id: "termination-and-pinning",
        title: Tr {
            en: "Where TLS ends: termination and pinning",
            ja: "TLS の終わる場所: TLS終端と証明書ピンニング",
        },
        goals: &[
            Tr {
                en: "See where the server gets the client's identity from.",
                ja: "サーバーがクライアントの身元をどこから得るかを確かめます。",
            },
            Tr {
                en: "Know what changes when a proxy terminates TLS in front of an application.",
                ja: "プロキシがアプリケーションの前で TLS を終端すると、何が変わるかがわかります。",
            },
            Tr {
                en: "Know what certificate pinning adds, and what it does not replace.",
                ja: "証明書ピンニングが加えるものと、その代わりにならないものがわかります。",
            },
        ],
        minutes: 12,
        parts: &[
            Part {
                scenario: "mutual",
                intro: Tr {
                    en: "Watch the server's answer: it greets the client by the name in the certificate it verified. Then imagine a load balancer that terminates TLS in front of this server.",
                    ja: "サーバーの応答に注目してください。検証した証明書の名前で、クライアントに挨拶します。次に、このサーバーの前で TLS を終端するロードバランサーを想像してください。",
                },
                questions: &[
                    Question {
                        before: Explain::ApplicationData,
                        prompt: Tr {
                            en: "The client is about to send its request, and the server will greet it by name. How does the server know that the client is alice?",
                            ja: "クライアントがこれからリクエストを送り、サーバーは名前で挨拶を返します。クライアントが alice だと、サーバーはどうやって知るのでしょうか。",
                        },
                        choices: &[
                            Choice {
                                text: Tr {
                                    en: "From the client certificate it verified in this handshake, backed by her CertificateVerify.",
                                    ja: "このハンドシェイクで検証したクライアント証明書と、それを裏付ける CertificateVerify からです。",
                                },
                                correct: true,
                                why: Tr {
                                    en: "The name comes from the subject (CN=alice) of the certificate that passed the checklist and whose private key the client proved it holds. The request itself carries no name.",
                                    ja: "名前は、チェックリストに通り、クライアントが秘密鍵の所持を証明した証明書のサブジェクト (CN=alice) から来ます。リクエスト自体には名前がありません。",
                                },
                            },
                            Choice {
                                text: Tr {
                                    en: "From the client's IP address.",
                                    ja: "クライアントの IP アドレスからです。",
                                },
                                correct: false,
                                why: Tr {
                                    en: "An address says where packets come from, not who sent them, and it is not in the certificate.",
                                    ja: "アドレスはパケットの送信元の場所を示すだけで、誰が送ったかは示しません。証明書にも書かれていません。",
                                },
                            },
                            Choice {
                                text: Tr {
                                    en: "From the server name (SNI) in ClientHello.",
                                    ja: "ClientHello のサーバー名 (SNI) からです。",
                                },
                                correct: false,
                                why: Tr {
                                    en: "SNI names the server the client wants to reach, not the client.",
                                    ja: "SNI は、クライアントが接続したいサーバーの名前で、クライアントの名前ではありません。",
                                },
                            },
                            Choice {
                                text: Tr {
                                    en: "From a user name in the HTTP request.",
                                    ja: "HTTP リクエストのユーザー名からです。",
                                },
                                correct: false,
                                why: Tr {
                                    en: "This request (GET / with a Host header) carries no user name; the identity comes from TLS.",
                                    ja: "このリクエスト (GET / と Host ヘッダー) にユーザー名はありません。身元は TLS から得ています。",
                                },
                            },
                        ],
                    },
                    Question {
                        before: Explain::Alert(AlertDescription::CLOSE_NOTIFY),
                        prompt: Tr {
                            en: "Now put a load balancer in front that terminates TLS and forwards plain HTTP to this application. Which is right?",
                            ja: "ここで、TLS を終端して平文の HTTP をこのアプリケーションに転送するロードバランサーを前に置きます。正しいのはどれでしょうか。",
                        },
                        choices: &[
                            Choice {
                                text: Tr {
                                    en: "The load balancer verifies the client certificate and passes alice's identity on, in a header the application accepts only from the load balancer.",
                                    ja: "ロードバランサーがクライアント証明書を検証し、alice の身元をヘッダーで渡します。アプリケーションは、そのヘッダーをロードバランサーからのものだけ受け入れます。",
                                },
                                correct: true,
                                why: Tr {
                                    en: "The TLS connection, and with it the client's proof, ends at the load balancer. It must also remove such a header if a client sends one, or anyone could claim to be alice; the hop behind it can have its own mutual TLS.",
                                    ja: "TLS 接続もクライアントの証明も、ロードバランサーで終わります。クライアントが同じヘッダーを送ってきたら削除しなければならず (さもないと誰でも alice を名乗れます)、その先の区間は別の相互TLSで守れます。",
                                },
                            },
                            Choice {
                                text: Tr {
                                    en: "The client certificate reaches the application, which checks CertificateVerify itself.",
                                    ja: "クライアント証明書はアプリケーションまで届き、アプリケーションが自分で CertificateVerify を検証します。",
                                },
                                correct: false,
                                why: Tr {
                                    en: "The application takes no part in the handshake. CertificateVerify signed the client's handshake with the load balancer, so only the load balancer can check it.",
                                    ja: "アプリケーションはハンドシェイクに参加しません。CertificateVerify はクライアントとロードバランサーのハンドシェイクへの署名なので、検証できるのはロードバランサーだけです。",
                                },
                            },
                            Choice {
                                text: Tr {
                                    en: "Nothing changes: TLS still runs from the client to the application.",
                                    ja: "何も変わりません。TLS は今もクライアントからアプリケーションまで続いています。",
                                },
                                correct: false,
                                why: Tr {
                                    en: "Terminating TLS means the connection ends at the load balancer; behind it runs plain HTTP or a new TLS connection.",
                                    ja: "TLS を終端するとは、接続がロードバランサーで終わることです。その先は平文の HTTP か、新しい TLS 接続です。",
                                },
                            },
                            Choice {
                                text: Tr {
                                    en: "The load balancer needs the client's private key.",
                                    ja: "ロードバランサーには、クライアントの秘密鍵が必要です。",
                                },
                                correct: false,
                                why: Tr {
                                    en: "It verifies the client's signature with the public key in the certificate. Nobody but the client ever needs the client's private key.",
                                    ja: "ロードバランサーは、証明書の公開鍵でクライアントの署名を検証します。クライアントの秘密鍵が必要なのはクライアントだけです。",
                                },
                            },
                        ],
                    },
                ],
            },
            Part {
                scenario: "impostor-server",
                intro: Tr {
                    en: "Some clients pin a server: they accept only one specific public key (or certificate) for it, instead of any certificate a trusted CA issued for its name. Here the impostor sends the real certificate, so its key matches any pin.",
                    ja: "一部のクライアントは、サーバーの証明書ピンニングを行います。信頼する認証局がその名前に発行した証明書なら何でも受け入れるのではなく、特定の公開鍵 (または証明書) だけを受け入れます。ここではなりすましが本物の証明書を送るので、その鍵はピンと一致します。",
                },
                questions: &[Question {
                    before: Explain::CertificateVerify(Participant::Attacker),
                    prompt: Tr {
                        en: "Suppose this client pinned server.example's public key. The copied certificate carries exactly that key. What stops the impostor?",
                        ja: "このクライアントが証明書ピンニングで、server.example の公開鍵だけを受け入れるように設定されていたとします。コピーされた証明書には、まさにその鍵が入っています。なりすましを止めるのは何でしょうか。",
                    },
                    choices: &[
                        Choice {
                            text: Tr {
                                en: "CertificateVerify, just as without pinning.",
                                ja: "証明書ピンニングがない場合と同じく、CertificateVerify です。",
                            },
                            correct: true,
                            why: Tr {
                                en: "Pinning narrows which keys are acceptable; the peer must still prove that it holds the matching private key. The impostor cannot, so the client sends decrypt_error (51).",
                                ja: "証明書ピンニングは受け入れる鍵を絞り込むだけで、相手が対応する秘密鍵を持っていることは別に証明させる必要があります。なりすましにはそれができないので、クライアントは decrypt_error (51) を送ります。",
                            },
                        },
                        Choice {
                            text: Tr {
                                en: "The pin: pinning refuses copied certificates.",
                                ja: "ピンです。証明書ピンニングはコピーされた証明書を拒否します。",
                            },
                            correct: false,
                            why: Tr {
                                en: "A copy carries the pinned key, so the pin check passes. Pinning protects against a certificate with a different key, for example one wrongly issued by a trusted CA.",
                                ja: "コピーにはピンと同じ鍵が入っているので、ピンの検証は通ります。証明書ピンニングが防ぐのは、別の鍵を持つ証明書、たとえば信頼された認証局が誤って発行した証明書によるなりすましです。",
                            },
                        },
                        Choice {
                            text: Tr {
                                en: "Nothing: pinning replaces the signature check.",
                                ja: "何もありません。証明書ピンニングが署名の検証の代わりになります。",
                            },
                            correct: false,
                            why: Tr {
                                en: "Pinning changes which certificates or keys are accepted; the handshake still requires CertificateVerify.",
                                ja: "証明書ピンニングが変えるのは受け入れる証明書や鍵で、ハンドシェイクでは変わらず CertificateVerify が必要です。",
                            },
                        },
                    ],
                }],
            },
        ],
        summary: &[
            Tr {
                en: "The server learns the client's identity from the certificate it verified; the request carries none.",
                ja: "サーバーはクライアントの身元を、検証した証明書から得ます。リクエストには含まれていません。",
            },
            Tr {
                en: "With TLS termination the client certificate is verified at the proxy, and the application learns the identity only from the proxy, over a path it must be able to trust.",
                ja: "TLS終端では、クライアント証明書はプロキシで検証されます。アプリケーションは身元をプロキシからしか知ることができないので、その経路は信頼できるものでなければなりません。",
            },
            Tr {
                en: "Pinning accepts only specific keys or certificates. It guards against wrongly issued certificates, but pins must be updated before keys change, or pinned clients stop connecting.",
                ja: "証明書ピンニングは、特定の鍵や証明書だけを受け入れます。誤発行された証明書によるなりすましを防げますが、鍵を変える前にピンを更新しないと、証明書ピンニングをしているクライアントが接続できなくなります。",
            },
        ],
        terms: &[
            "termination",
            "pinning",
            "client-certificate",
            "certificate-verify",
        ],
    },
    Lesson {
        id: "running-mtls",
        title: Tr {
            en: "Running mTLS: lifecycle, use cases and VPNs",
            ja: "相互TLSの運用: ライフサイクル、用途、VPN",
        },
        goals: &[
            Tr {
                en: "Know the certificate lifecycle (issue, install, renew, revoke) and how ACME automates it.",
                ja: "証明書のライフサイクル (発行、インストール、更新、失効) と、ACME による自動化を知ります。",
            },
            Tr {
                en: "Know where mutual TLS fits: APIs, microservices, IoT, zero trust, B2B.",
                ja: "相互TLSが向いている場面 (API、マイクロサービス、IoT、ゼロトラスト、B2B) を知ります。",
            },
            Tr {
                en: "Know what mutual TLS does not replace: a VPN, and authorization.",
                ja: "相互TLSが代わりにならないもの (VPN、認可) を知ります。",
            },
        ],
        minutes: 12,
        parts: &[
            Part {
                scenario: "expired",
                intro: Tr {
                    en: "The expired client certificate again, now as an operations problem: every certificate expires, and when one does, its client is locked out.",
                    ja: "期限切れのクライアント証明書をもう一度見ます。今回は運用の問題としてです。証明書は必ず期限を迎え、そのときクライアントは締め出されます。",
                },
                questions: &[Question {
                    before: Explain::Alert(AlertDescription::CERTIFICATE_EXPIRED),
                    prompt: Tr {
                        en: "Thousands of devices each hold a client certificate valid for 90 days. What keeps this failure from happening every day?",
                        ja: "数千台の機器が、それぞれ 90 日間有効なクライアント証明書を持っています。この失敗が毎日起きないようにするには、どうすればよいでしょうか。",
                    },
                    choices: &[
                        Choice {
                            text: Tr {
                                en: "Automated renewal: each device gets a new certificate well before the old one expires.",
                                ja: "更新の自動化です。各機器が、古い証明書の期限よりかなり前に新しい証明書を受け取ります。",
                            },
                            correct: true,
                            why: Tr {
                                en: "Protocols such as ACME (RFC 8555) automate issuance and renewal, and monitoring catches what automation misses. A PKI is as much this process as it is CAs and certificates.",
                                ja: "ACME (RFC 8555) などのプロトコルが発行と更新を自動化し、監視が自動化の漏れを見つけます。PKI とは、認証局や証明書だけでなく、こうした運用の仕組み全体のことでもあります。",
                            },
                        },
                        Choice {
                            text: Tr {
                                en: "Issuing certificates valid for 30 years.",
                                ja: "有効期間 30 年の証明書を発行します。",
                            },
                            correct: false,
                            why: Tr {
                                en: "Fewer renewals, but a stolen key stays usable for decades unless it is revoked, and the CA must track it that long. Short lifetimes with automated renewal are the usual answer.",
                                ja: "更新は減りますが、盗まれた鍵は失効させない限り何十年も使え、認証局もそれだけ長く管理しなければなりません。一般的な答えは、短い有効期間と自動更新の組み合わせです。",
                            },
                        },
                        Choice {
                            text: Tr {
                                en: "Turning off the validity check on the server.",
                                ja: "サーバーで有効期間の検証を無効にします。",
                            },
                            correct: false,
                            why: Tr {
                                en: "Then certificates would be accepted forever, long after anyone vouches for them. The check is there on purpose.",
                                ja: "そうすると、誰も保証しなくなった後も、証明書が永久に受け入れられてしまいます。この検証には意味があります。",
                            },
                        },
                        Choice {
                            text: Tr {
                                en: "Setting the server's clock back.",
                                ja: "サーバーの時計を戻します。",
                            },
                            correct: false,
                            why: Tr {
                                en: "That would accept certificates that expired after the date it is set to, refuse certificates issued after it as not yet valid, and break other time checks, such as the dates of CRLs.",
                                ja: "設定した日付より後に期限が切れた証明書が受け入れられ、その日付より後に発行された証明書はまだ有効でないとして拒否され、CRL の日付など、他の時刻の検証も壊れます。",
                            },
                        },
                    ],
                }],
            },
            Part {
                scenario: "mutual",
                intro: Tr {
                    en: "One more successful mutual TLS run. While it plays, think about where mutual TLS fits, and what it leaves to other tools.",
                    ja: "成功する相互TLSをもう一度実行します。再生しながら、相互TLSがどこに向いていて、何を他の仕組みに任せるのかを考えてください。",
                },
                questions: &[
                    Question {
                        before: Explain::CertificateRequest,
                        prompt: Tr {
                            en: "A company already has a VPN into its office network. What does mutual TLS add?",
                            ja: "ある会社は、既に社内ネットワークへの VPN を持っています。相互TLSは何を加えるでしょうか。",
                        },
                        choices: &[
                            Choice {
                                text: Tr {
                                    en: "It authenticates both ends of each application connection and encrypts it end to end, whatever networks it crosses.",
                                    ja: "どのネットワークを通るかに関係なく、アプリケーション接続ごとに両端を認証し、端から端まで暗号化します。",
                                },
                                correct: true,
                                why: Tr {
                                    en: "A VPN protects a network path: traffic in its tunnel is encrypted between the tunnel's ends. The two do different jobs and are often combined; VPNs themselves often authenticate devices with client certificates.",
                                    ja: "VPN が守るのはネットワークの経路で、トンネルに入った通信がトンネルの両端の間で暗号化されます。役割が違うので両者はよく組み合わされ、VPN 自体もクライアント証明書で機器を認証することがよくあります。",
                                },
                            },
                            Choice {
                                text: Tr {
                                    en: "Nothing: the VPN already does the same.",
                                    ja: "何も加えません。VPN が同じことを既にしています。",
                                },
                                correct: false,
                                why: Tr {
                                    en: "A VPN admits a device or user to a network. It does not tell one service which other service is calling it, and inside the network the traffic has left the tunnel.",
                                    ja: "VPN は機器や利用者をネットワークに入れるものです。どのサービスが呼び出しているかをサービスに伝えることはなく、ネットワークの中では、通信は既にトンネルの外に出ています。",
                                },
                            },
                            Choice {
                                text: Tr {
                                    en: "It replaces the VPN, which can be removed.",
                                    ja: "VPN の代わりになるので、VPN は外せます。",
                                },
                                correct: false,
                                why: Tr {
                                    en: "They are not rivals: each protects something the other does not. Zero-trust designs lean on per-connection authentication such as mutual TLS, but many networks keep both.",
                                    ja: "両者は競合するものではなく、それぞれ相手が守らないものを守ります。ゼロトラストの設計は相互TLSのような接続ごとの認証を重視しますが、両方を使い続けるネットワークも多くあります。",
                                },
                            },
                            Choice {
                                text: Tr {
                                    en: "It decides what each user may do.",
                                    ja: "各利用者に何を許すかを決めます。",
                                },
                                correct: false,
                                why: Tr {
                                    en: "Neither mutual TLS nor a VPN does that. TLS says who the client is (authentication); what alice may do (authorization) is the application's decision.",
                                    ja: "相互TLSも VPN もそれはしません。TLS が示すのはクライアントが誰か (認証) で、alice に何を許すか (認可) はアプリケーションが決めます。",
                                },
                            },
                        ],
                    },
                    Question {
                        before: Explain::ApplicationData,
                        prompt: Tr {
                            en: "Which is a typical place for mutual TLS?",
                            ja: "相互TLSが典型的に使われるのはどれでしょうか。",
                        },
                        choices: &[
                            Choice {
                                text: Tr {
                                    en: "Services in a microservice system calling each other's APIs, each with its own certificate.",
                                    ja: "マイクロサービスのシステムで、それぞれ自分の証明書を持つサービスどうしが API を呼び合う場面です。",
                                },
                                correct: true,
                                why: Tr {
                                    en: "Mutual TLS fits where the clients are known in advance: services and APIs, B2B partners, IoT devices, and managed company devices in a zero-trust design.",
                                    ja: "相互TLSは、接続してくるクライアントが事前に決まっている場面に向いています。サービスや API、B2B のパートナー、IoT 機器、ゼロトラスト設計での会社管理の端末などです。",
                                },
                            },
                            Choice {
                                text: Tr {
                                    en: "A public news site asking every reader for a client certificate.",
                                    ja: "公開のニュースサイトが、すべての読者にクライアント証明書を求める場面です。",
                                },
                                correct: false,
                                why: Tr {
                                    en: "Readers have no certificates and need none: one-way TLS fits a public site.",
                                    ja: "読者は証明書を持っておらず、必要もありません。公開サイトには一方向TLSが向いています。",
                                },
                            },
                            Choice {
                                text: Tr {
                                    en: "Encrypting a database's files on disk.",
                                    ja: "データベースのファイルをディスク上で暗号化する場面です。",
                                },
                                correct: false,
                                why: Tr {
                                    en: "TLS protects connections, not stored data.",
                                    ja: "TLS が守るのは通信で、保存されたデータではありません。",
                                },
                            },
                        ],
                    },
                ],
            },
        ],
        summary: &[
            Tr {
                en: "Lifecycle: issue, install, renew before expiry, revoke when compromised. ACME (RFC 8555) automates issuing and renewing.",
                ja: "ライフサイクル: 発行、インストール、期限前の更新、漏えい時の失効。ACME (RFC 8555) は発行と更新を自動化します。",
            },
            Tr {
                en: "Create the private key where it will be used and send the CA only a certificate signing request; install the result as PEM files or, with its key, as a PKCS#12 file.",
                ja: "秘密鍵は使う場所で作り、認証局には証明書署名要求 (CSR) だけを送ります。発行された証明書は PEM ファイルで、または秘密鍵と一緒に PKCS#12 ファイルでインストールします。",
            },
            Tr {
                en: "Use mutual TLS where the clients are known: APIs, microservices, IoT devices, zero trust, B2B.",
                ja: "相互TLSは、クライアントが決まっている場面で使います。API、マイクロサービス、IoT 機器、ゼロトラスト、B2B です。",
            },
            Tr {
                en: "A VPN protects a network path; mutual TLS authenticates the two ends of one application connection. They combine, and neither does authorization.",
                ja: "VPN はネットワークの経路を守り、相互TLSは 1 本のアプリケーション接続の両端を認証します。両者は組み合わせて使え、どちらも認可は行いません。",
            },
        ],
        terms: &["lifecycle", "not-vpn", "pem-der", "mtls", "revocation"],
    },
];
