//! TLS 1.3 and TLS 1.2 side by side: the same mutual handshake in each version, both run for
//! real with the same seed, and a table whose every cell is read off the two runs (the engine's
//! `facts::HandshakeFacts`; this view only words them).

use std::rc::Rc;

use mtls_lab_engine::facts::HandshakeFacts;
use mtls_lab_engine::handshake::CheckKind;
use mtls_lab_engine::trace::Trace;
use yew::prelude::*;

use crate::diagram::{Diagram, participant};
use crate::engine::{prepare, run};
use crate::i18n::{Lang, pick};

/// The two runs compared.
const TLS13: &str = "mutual";
const TLS12: &str = "tls12-mutual";

/// Properties of [`VersionsCompare`].
#[derive(Properties, PartialEq)]
pub struct VersionsProps {
    /// The seed both runs use.
    pub seed: u64,
    /// The language.
    pub lang: Lang,
}

/// One cell of the table for the run of `facts`, by row (`other`: the other run's).
fn cell(lang: Lang, row: usize, facts: &HandshakeFacts, other: &HandshakeFacts) -> String {
    let list = |names: Vec<String>| {
        if names.is_empty() {
            pick(lang, ("none", "なし")).to_string()
        } else {
            names.join(", ")
        }
    };
    match row {
        0 => facts.round_trips.to_string(),
        // A Certificate with its sender, as both sides send one.
        1 => list(
            facts
                .in_clear
                .iter()
                .map(|(from, name)| {
                    if name == "Certificate" {
                        format!("{name} ({})", participant(lang, *from))
                    } else {
                        name.clone()
                    }
                })
                .collect(),
        ),
        2 => pick(
            lang,
            if facts.client_certificate_in_clear {
                (
                    "in the clear: an eavesdropper reads the client's name",
                    "平文: 盗聴者がクライアントの名前を読める",
                )
            } else {
                ("encrypted", "暗号化される")
            },
        )
        .to_string(),
        3 => match facts.server_proof {
            Some(CheckKind::ServerKeyExchangeSignature) => pick(
                lang,
                (
                    "ServerKeyExchange: a signature over both randoms and its ECDHE parameters (curve, public key), not the rest of the handshake",
                    "ServerKeyExchange: 双方の乱数と ECDHE のパラメータ (曲線と公開鍵) への署名。ハンドシェイクの他の部分は含まない",
                ),
            )
            .to_string(),
            Some(_) => pick(
                lang,
                (
                    "CertificateVerify: a signature over a hash of the whole handshake so far",
                    "CertificateVerify: それまでのハンドシェイク全体のハッシュへの署名",
                ),
            )
            .to_string(),
            None => "—".to_string(),
        },
        4 => list(
            facts
                .only_here(other)
                .into_iter()
                .map(str::to_string)
                .collect(),
        ),
        _ => pick(
            lang,
            if facts.ephemeral {
                (
                    "yes: ECDHE, both sides make a new key pair for each connection",
                    "あり: ECDHE (接続ごとに双方が新しい鍵ペアを作る)",
                )
            } else {
                ("no", "なし")
            },
        )
        .to_string(),
    }
}

/// The rows' headings.
const ROWS: [(&str, &str); 6] = [
    (
        "Round trips before the client can send its request",
        "クライアントがリクエストを送れるまでの往復の回数",
    ),
    (
        "Handshake messages sent in the clear",
        "平文で送られるハンドシェイクメッセージ",
    ),
    ("The client's certificate", "クライアント証明書"),
    (
        "How the server proves it holds its private key",
        "サーバーが秘密鍵の所持を証明する方法",
    ),
    (
        "Handshake messages the other version's run lacks",
        "もう一方のバージョンの実行にないハンドシェイクメッセージ",
    ),
    ("Forward secrecy", "前方秘匿性"),
];

/// The same mutual handshake in TLS 1.3 and TLS 1.2, side by side, with the comparison table.
/// The TLS 1.2 run comes from the page's TLS 1.2 module, loaded when this view first shows.
#[component]
pub fn VersionsCompare(props: &VersionsProps) -> Html {
    let lang = props.lang;
    let tls13 = use_memo(props.seed, |seed| run(TLS13, *seed, 1));
    let tls12 = use_state(|| None::<Rc<Trace>>);
    {
        let tls12 = tls12.clone();
        use_effect_with(props.seed, move |seed| {
            let seed = *seed;
            prepare(TLS12, seed, 1, move |_| {
                tls12.set(Some(run(TLS12, seed, 1)))
            });
        });
    }
    let title = pick(
        lang,
        (
            "TLS 1.3 and TLS 1.2 side by side: the same mutual TLS handshake",
            "TLS 1.3 と TLS 1.2 の比較: 同じ相互TLSのハンドシェイク",
        ),
    );
    let intro = pick(
        lang,
        (
            "Both runs use the same seed and the same certificates. The arrows marked ★ exist only in TLS 1.2. Every cell of the table is read off the two runs.",
            "どちらも同じシードと同じ証明書で実行しています。★ の付いた矢印は TLS 1.2 にだけあります。表の各欄は 2 つの実行から読み取ったものです。",
        ),
    );
    let Some(tls12) = (*tls12).clone() else {
        return html! {
            <section class="compare" data-testid="compare-versions">
                <h2>{ title }</h2>
                <p role="status">{ pick(lang, ("Loading the TLS 1.2 engine…", "TLS 1.2 のエンジンを読み込んでいます…")) }</p>
            </section>
        };
    };
    let tls13: Rc<Trace> = (*tls13).clone();
    // A TLS 1.2 step is emphasised when TLS 1.3 has no message of that name from that sender.
    let emphasis: Vec<bool> = tls12
        .steps
        .iter()
        .map(|s| {
            let label = s.messages.first().map(|m| m.name.as_str());
            label.is_some()
                && !tls13.steps.iter().any(|o| {
                    o.from == s.from && o.messages.first().map(|m| m.name.as_str()) == label
                })
        })
        .collect();
    let (facts13, facts12) = (HandshakeFacts::of(&tls13), HandshakeFacts::of(&tls12));
    let rows = ROWS.iter().enumerate().map(|(i, heading)| {
        html! {
            <tr>
                <th scope="row">{ pick(lang, *heading) }</th>
                <td data-testid={format!("versions-13-{i}")} data-col="TLS 1.3">{ cell(lang, i, &facts13, &facts12) }</td>
                <td data-testid={format!("versions-12-{i}")} data-col="TLS 1.2">{ cell(lang, i, &facts12, &facts13) }</td>
            </tr>
        }
    });
    let only12 = pick(lang, ("only in TLS 1.2", "TLS 1.2 にだけある"));
    html! {
        <section class="compare" data-testid="compare-versions">
            <h2>{ title }</h2>
            <p>{ intro }</p>
            <div class="pair">
                <div class="card">
                    <h3>{ "TLS 1.3" }</h3>
                    <Diagram trace={tls13.clone()} upto={usize::MAX} lang={lang} emphasis={Rc::new(vec![false; tls13.steps.len()])} title={"TLS 1.3".to_string()} />
                </div>
                <div class="card">
                    <h3>{ "TLS 1.2" }<span class="legend">{ " ★ " }{ only12 }</span></h3>
                    <Diagram trace={tls12.clone()} upto={usize::MAX} lang={lang} emphasis={Rc::new(emphasis)} title={"TLS 1.2".to_string()} />
                </div>
            </div>
            <div class="card scroll">
                <table class="comparison">
                    <thead><tr><th></th><th scope="col">{ "TLS 1.3" }</th><th scope="col">{ "TLS 1.2" }</th></tr></thead>
                    <tbody>{ for rows }</tbody>
                </table>
                <p class="hint">{ pick(lang, (
                    "TLS 1.2 also allowed RSA key transport, where the client encrypts the pre-master secret with the RSA public key in the server's certificate: it has no forward secrecy, and TLS 1.3 removed it (RFC 8446 §1.2).",
                    "TLS 1.2 では RSA 鍵交換も使えました。クライアントがプリマスターシークレットをサーバー証明書の RSA 公開鍵で暗号化する方式で、前方秘匿性がなく、TLS 1.3 で廃止されました (RFC 8446 §1.2)。",
                )) }</p>
            </div>
        </section>
    }
}
