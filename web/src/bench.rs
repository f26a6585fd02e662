//! The bench (a run built from switches, kept in the URL as a bench string) and the
//! bring-your-own-certificate box. Both only collect input and render what the engine says.

use mtls_lab_engine::bench::{Bench, ClientCert, ClientFaults, ServerFaults, Validity};
use mtls_lab_engine::crypto::Group;
use mtls_lab_engine::pki::byo::{ByoError, ByoReport, PemKind};
use mtls_lab_engine::pki::checklist::CheckStatus;
use mtls_lab_engine::scenario;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::i18n::{Lang, Text, t};
use crate::lessons;

fn pick(lang: Lang, (en, ja): (&'static str, &'static str)) -> &'static str {
    match lang {
        Lang::En => en,
        Lang::Ja => ja,
    }
}

/// The client-certificate choices of the bench panel (one fault at a time; the URL can hold
/// combinations).
const CLIENT_CHOICES: [(&str, (&str, &str)); 9] = [
    ("ok", ("a good certificate", "正しい証明書")),
    ("none", ("no certificate", "証明書なし")),
    ("exp", ("expired", "期限切れ")),
    ("nyv", ("not yet valid", "まだ有効でない")),
    ("rev", ("revoked", "失効済み")),
    (
        "eku",
        ("serverAuth only (wrong EKU)", "serverAuth のみ (EKU 違い)"),
    ),
    ("ca", ("from an unknown CA", "未知の認証局が発行")),
    ("mi", ("without its intermediate", "中間証明書なし")),
    ("key", ("without its private key", "秘密鍵なし")),
];

const SERVER_CHOICES: [(&str, (&str, &str)); 4] = [
    ("ok", ("a good certificate", "正しい証明書")),
    ("name", ("for another name", "別の名前の証明書")),
    ("self", ("self-signed", "自己署名")),
    ("key", ("without its private key", "秘密鍵なし")),
];

fn bench_of(mutual: bool, client: &str, server: &str, p256: bool, hrr: bool) -> Bench {
    let mut faults = ClientFaults::default();
    let client = match client {
        "none" => ClientCert::Absent,
        other => {
            match other {
                "exp" => faults.validity = Validity::Expired,
                "nyv" => faults.validity = Validity::NotYetValid,
                "rev" => faults.revoked = true,
                "eku" => faults.wrong_eku = true,
                "ca" => faults.unknown_ca = true,
                "mi" => faults.missing_intermediate = true,
                "key" => faults.wrong_key = true,
                _ => {}
            }
            ClientCert::Present(faults)
        }
    };
    let server = ServerFaults {
        self_signed: server == "self",
        name_mismatch: server == "name",
        wrong_key: server == "key",
    };
    Bench {
        mutual,
        client,
        server,
        group: if p256 {
            Group::Secp256r1
        } else {
            Group::X25519
        },
        hello_retry: hrr,
    }
}

fn select_value(e: &Event) -> String {
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
        .map(|s| s.value())
        .unwrap_or_default()
}

fn checked(e: &Event) -> bool {
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        .is_some_and(|i| i.checked())
}

/// Properties of [`BenchPanel`].
#[derive(Properties, PartialEq)]
pub struct BenchProps {
    /// The language.
    pub lang: Lang,
    /// Runs a bench string.
    pub onrun: Callback<String>,
}

/// The bench: switches that build a custom run.
#[component]
pub fn BenchPanel(props: &BenchProps) -> Html {
    let lang = props.lang;
    let open = use_state(|| false);
    let mutual = use_state(|| true);
    let client = use_state(|| "exp".to_string());
    let server = use_state(|| "ok".to_string());
    let p256 = use_state(|| false);
    let hrr = use_state(|| false);
    let bench = bench_of(*mutual, &client, &server, *p256, *hrr);
    let code = bench.encode();
    let expected = bench.expected();
    let toggle = {
        let open = open.clone();
        Callback::from(move |_| open.set(!*open))
    };
    let run = {
        let onrun = props.onrun.clone();
        let code = code.clone();
        Callback::from(move |_| onrun.emit(code.clone()))
    };
    let options = |choices: &[(&'static str, (&'static str, &'static str))], current: &str| {
        choices
            .iter()
            .map(|(v, words)| html! { <option value={*v} selected={*v == current}>{ pick(lang, *words) }</option> })
            .collect::<Html>()
    };
    let on_select = |state: &UseStateHandle<String>| {
        let state = state.clone();
        Callback::from(move |e: Event| state.set(select_value(&e)))
    };
    let on_check = |state: &UseStateHandle<bool>| {
        let state = state.clone();
        Callback::from(move |e: Event| state.set(checked(&e)))
    };
    let expectation = match expected {
        scenario::Expected::Success => {
            pick(lang, ("the handshake succeeds", "ハンドシェイクは成功")).to_string()
        }
        scenario::Expected::Failed { detected_by, alert } => format!(
            "{}: {} {}",
            crate::diagram::participant(lang, detected_by),
            t(lang, Text::AlertSent),
            alert.name()
        ),
    };
    html! {
        <section class="card bench" aria-labelledby="bench-title" data-testid="bench">
            <h2 id="bench-title">
                <button class="fold" aria-expanded={open.to_string()} onclick={toggle} data-testid="bench-toggle">
                    { if *open { "▾ " } else { "▸ " } }{ pick(lang, ("The bench: build your own run", "ベンチ: 自分で組み立てる")) }
                </button>
            </h2>
            if *open {
                <div class="bench-grid">
                    <label class="check"><input type="checkbox" checked={*mutual} onchange={on_check(&mutual)} data-testid="bench-mutual" />
                        { t(lang, Text::ModeMutual) }</label>
                    <label>{ pick(lang, ("Client certificate", "クライアント証明書")) }
                        <select onchange={on_select(&client)} data-testid="bench-client" disabled={!*mutual}>{ options(&CLIENT_CHOICES, &client) }</select></label>
                    <label>{ pick(lang, ("Server certificate", "サーバー証明書")) }
                        <select onchange={on_select(&server)} data-testid="bench-server">{ options(&SERVER_CHOICES, &server) }</select></label>
                    <label class="check"><input type="checkbox" checked={*p256} onchange={on_check(&p256)} />
                        { pick(lang, ("Key exchange on P-256 (secp256r1) instead of x25519", "鍵交換を x25519 ではなく P-256 (secp256r1) で")) }</label>
                    <label class="check"><input type="checkbox" checked={*hrr} onchange={on_check(&hrr)} />
                        { pick(lang, ("Force a HelloRetryRequest", "HelloRetryRequest を起こす")) }</label>
                </div>
                <p>{ pick(lang, ("Bench string:", "ベンチ文字列:")) }{ " " }<code data-testid="bench-code">{ code.clone() }</code>
                   { " → " }{ expectation }</p>
                <button class="primary" onclick={run} data-testid="bench-run">{ pick(lang, ("Run it", "実行する")) }</button>
            }
        </section>
    }
}

/// A pasted-input error in words.
pub fn byo_error(lang: Lang, e: &ByoError) -> String {
    match e {
        ByoError::Empty => pick(lang, ("Paste a certificate first (PEM text starting with -----BEGIN CERTIFICATE-----).", "まず証明書を貼り付けてください (-----BEGIN CERTIFICATE----- で始まる PEM テキスト)。")).into(),
        ByoError::TooLarge { length, max } => match lang {
            Lang::En => format!("That is {length} bytes; the box takes at most {max}."),
            Lang::Ja => format!("{length} バイトあります。受け付けるのは最大 {max} バイトです。"),
        },
        ByoError::TooManyCertificates { max } => match lang {
            Lang::En => format!("More than {max} certificates: paste one chain (leaf first)."),
            Lang::Ja => format!("証明書が {max} 個を超えています。チェーンを 1 つ (リーフを先頭に) 貼り付けてください。"),
        },
        ByoError::PrivateKey { block, label } => match lang {
            Lang::En => format!("Block {block} is a private key ({label}). It was not read or kept — and never paste a private key anywhere. Paste only the certificate."),
            Lang::Ja => format!("ブロック {block} は秘密鍵 ({label}) です。読み込みも保存もしていません。秘密鍵はどこにも貼り付けないでください。証明書だけを貼り付けてください。"),
        },
        ByoError::NotPem => pick(lang, ("This is neither PEM text nor a DER certificate.", "PEM テキストでも DER 形式の証明書でもありません。")).into(),
        ByoError::MissingPemHeader => pick(lang, ("This looks like base64 without its -----BEGIN CERTIFICATE----- and -----END CERTIFICATE----- lines.", "-----BEGIN CERTIFICATE----- と -----END CERTIFICATE----- の行がない base64 のようです。")).into(),
        ByoError::NotACertificate { block, kind, label } => {
            let what = match kind {
                PemKind::CertificateRequest => pick(lang, ("a certificate signing request (CSR), not a certificate", "証明書ではなく証明書署名要求 (CSR)")),
                PemKind::PublicKey => pick(lang, ("a bare public key, not a certificate", "証明書ではなく公開鍵だけ")),
                PemKind::Crl => pick(lang, ("a CRL, not a certificate", "証明書ではなく CRL")),
                PemKind::Pkcs7 => pick(lang, ("a PKCS#7 bundle; export the certificates as PEM", "PKCS#7 形式。証明書を PEM で書き出してください")),
                _ => pick(lang, ("not a certificate", "証明書ではありません")),
            };
            match lang {
                Lang::En => format!("Block {block} ({label}) is {what}."),
                Lang::Ja => format!("ブロック {block} ({label}) は{what}。"),
            }
        }
        ByoError::MissingEnd { block } => match lang {
            Lang::En => format!("Block {block} has a BEGIN line but no END line."),
            Lang::Ja => format!("ブロック {block} に BEGIN 行はありますが END 行がありません。"),
        },
        ByoError::MismatchedEnd { block } => match lang {
            Lang::En => format!("Block {block}'s END line names a different label than its BEGIN line."),
            Lang::Ja => format!("ブロック {block} の END 行のラベルが BEGIN 行と違います。"),
        },
        ByoError::BadBase64 { block, line } => match lang {
            Lang::En => format!("Block {block}, line {line}: not valid base64 (a character was lost or changed in copying?)."),
            Lang::Ja => format!("ブロック {block} の {line} 行目: base64 として不正です (コピーで文字が欠けたり変わったりしていませんか)。"),
        },
        ByoError::BadDer { block } => match lang {
            Lang::En => format!("Block {block} decodes, but the bytes are not an X.509 certificate."),
            Lang::Ja => format!("ブロック {block} は復号できますが、中身が X.509 証明書ではありません。"),
        },
        other => other.to_string(),
    }
}

/// Properties of [`ByoBox`].
#[derive(Properties, PartialEq)]
pub struct ByoProps {
    /// The language.
    pub lang: Lang,
    /// The seed whose lab CA the certificate is checked against.
    pub seed: u64,
}

fn report_view(lang: Lang, seed: u64, report: &ByoReport) -> Html {
    let certs = report.certificates.iter().enumerate().map(|(i, c)| {
        html! {
            <li>
                <strong>{ format!("#{} ", i + 1) }</strong>{ c.subject.clone() }
                <div class="detail">{ pick(lang, ("issued by ", "発行者: ")) }{ c.issuer.clone() }{ format!(" · {:?}", c.key) }</div>
            </li>
        }
    });
    let role = |name: (&'static str, &'static str),
                r: &mtls_lab_engine::pki::byo::RoleReport,
                id: &'static str| {
        let rows = r.checklist.rows.iter().chain(r.leaf_checks.iter()).enumerate().map(|(i, row)| {
            let (mark, words) = lessons::check_status(lang, row.status);
            let leaf_only = i >= r.checklist.rows.len();
            html! {
                <li class={match row.status { CheckStatus::Passed => "ok", CheckStatus::Failed => "bad", _ => "muted" }}>
                    <span class="mark" aria-hidden="true">{ mark }</span>{ " " }
                    if leaf_only { { pick(lang, ("(leaf alone) ", "(リーフ単体) ")) } }
                    { lessons::checklist_item(lang, row.item) }{ " — " }<strong>{ words }</strong>
                    if let Some(reason) = row.reason {
                        <div class="detail">{ lessons::checklist_reason(lang, reason) }
                            if let Some(d) = &row.detail { { " " }<code>{ d.clone() }</code> }</div>
                    }
                </li>
            }
        });
        html! {
            <div class="checklist" data-testid={id}>
                <h3>{ pick(lang, name) }{ ": " }
                    <span class={if r.passes { "ok" } else { "bad" }}>{ if r.passes { pick(lang, ("✓ would pass", "✓ 通る")) } else { pick(lang, ("✕ would be refused", "✕ 拒否される")) } }</span>
                </h3>
                <ol>{ for rows }</ol>
            </div>
        }
    };
    html! {
        <>
            <ul class="byo-certs">{ for certs }</ul>
            <p class="hint">{ match lang {
                Lang::En => format!("Checked against the lab's CA for seed {seed}, at the current time."),
                Lang::Ja => format!("シード {seed} のラボの認証局に対して、現在時刻で検証しました。"),
            } }</p>
            { role(("As a client certificate", "クライアント証明書として"), &report.as_client, "byo-client") }
            { role(("As a server certificate for server.example", "server.example のサーバー証明書として"), &report.as_server, "byo-server") }
        </>
    }
}

/// Bring your own certificate: paste PEM, see what the lab's verifier says.
#[component]
pub fn ByoBox(props: &ByoProps) -> Html {
    let lang = props.lang;
    let open = use_state(|| false);
    let text = use_state(String::new);
    let result = use_state(|| None::<Result<ByoReport, ByoError>>);
    let toggle = {
        let open = open.clone();
        Callback::from(move |_| open.set(!*open))
    };
    let oninput = {
        let text = text.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(area) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
            {
                text.set(area.value());
            }
        })
    };
    let check = {
        let text = text.clone();
        let result = result.clone();
        let seed = props.seed;
        Callback::from(move |_| {
            let now = (js_sys::Date::now() / 1000.0) as i64;
            let Some(outcome) = crate::engine::byo(&text, seed, now) else {
                return;
            };
            // A pasted private key is dropped from the box at once.
            if matches!(outcome, Err(ByoError::PrivateKey { .. })) {
                text.set(String::new());
            }
            result.set(Some(outcome));
        })
    };
    html! {
        <section class="card byo" aria-labelledby="byo-title" data-testid="byo">
            <h2 id="byo-title">
                <button class="fold" aria-expanded={open.to_string()} onclick={toggle} data-testid="byo-toggle">
                    { if *open { "▾ " } else { "▸ " } }{ pick(lang, ("Bring your own certificate", "自分の証明書を調べる")) }
                </button>
            </h2>
            if *open {
                <p class="hint">{ pick(lang, ("Paste a certificate (PEM). It is checked in this page and sent nowhere. Never paste a private key.", "証明書 (PEM) を貼り付けてください。このページの中で検証し、どこにも送信しません。秘密鍵は貼り付けないでください。")) }</p>
                <textarea rows="6" class="byo-input" data-testid="byo-input" value={(*text).clone()} {oninput}
                          aria-label={pick(lang, ("Certificate in PEM", "PEM 形式の証明書"))}
                          placeholder="-----BEGIN CERTIFICATE-----" />
                <button class="primary" onclick={check} data-testid="byo-check">{ pick(lang, ("Check it", "検証する")) }</button>
                { match &*result {
                    None => html! {},
                    Some(Err(e)) => html! { <p class="notice bad" role="alert" data-testid="byo-error">{ byo_error(lang, e) }</p> },
                    Some(Ok(report)) => report_view(lang, props.seed, report),
                } }
            }
        </section>
    }
}
