//! The bench (a run built from switches, kept in the URL as a bench string) and the
//! bring-your-own-certificate box. Both only collect input and render what the engine says.

use mtls_lab_engine::bench::{Bench, ClientCert, ClientFaults, ServerFaults, Validity};
use mtls_lab_engine::crypto::Group;
use mtls_lab_engine::pki::byo::{ByoError, ByoReport, PemKind};
use mtls_lab_engine::pki::checklist::CheckStatus;
use mtls_lab_engine::scenario;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::engine::{ByoAnchor, ByoAnswer, ByoRequest};
use crate::i18n::{Lang, Text, pick, t};
use crate::lessons;

/// The client-certificate choices of the bench panel (one fault at a time; the URL can hold
/// combinations).
const CLIENT_CHOICES: [(&str, (&str, &str)); 10] = [
    ("ok", ("a good certificate", "正しい証明書")),
    ("none", ("no certificate", "証明書なし")),
    ("exp", ("expired", "期限切れ")),
    ("nyv", ("not yet valid", "まだ有効でない")),
    ("rev", ("revoked", "失効済み")),
    (
        "alt",
        (
            "altered after the CA signed it",
            "認証局の署名後に改ざん済み",
        ),
    ),
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

/// The key switches: RSA-2048 certificates, and in TLS 1.2 RSA key transport.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Keys {
    rsa: bool,
    transport: bool,
}

/// The bench the panel's switches describe. TLS 1.2 has no HelloRetryRequest: with `tls12`,
/// `hrr` is ignored (its box is disabled). RSA key transport needs TLS 1.2 and RSA keys and
/// has no group: without them it is ignored, and with it the group is x25519's (unused).
fn bench_of(
    mutual: bool,
    client: &str,
    server: &str,
    (p256, hrr, tls12): (bool, bool, bool),
    keys: Keys,
) -> Bench {
    let transport = keys.transport && keys.rsa && tls12;
    let mut faults = ClientFaults::default();
    let client = match client {
        "none" => ClientCert::Absent,
        other => {
            match other {
                "exp" => faults.validity = Validity::Expired,
                "nyv" => faults.validity = Validity::NotYetValid,
                "rev" => faults.revoked = true,
                "alt" => faults.altered = true,
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
        group: if p256 && !transport {
            Group::Secp256r1
        } else {
            Group::X25519
        },
        hello_retry: hrr && !tls12,
        tls12,
        rsa: keys.rsa,
        rsa_transport: transport,
    }
}

fn select_value(e: &Event) -> String {
    crate::views::event_select(e)
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
    let tls12 = use_state(|| false);
    let rsa = use_state(|| false);
    let transport = use_state(|| false);
    // Ask before telling: the outcome stays hidden until the learner has guessed it or run it;
    // changing a switch hides it again. `guess`: 0 succeeds, 1 the client stops it, 2 the server.
    let guess = use_state(|| None::<u8>);
    let ran = use_state(|| false);
    let keys = Keys {
        rsa: *rsa,
        transport: *transport,
    };
    let bench = bench_of(*mutual, &client, &server, (*p256, *hrr, *tls12), keys);
    let transport_on = bench.rsa_transport;
    let code = bench.encode();
    let expected = bench.expected();
    let toggle = {
        let open = open.clone();
        Callback::from(move |_| open.set(!*open))
    };
    let run = {
        let onrun = props.onrun.clone();
        let code = code.clone();
        let ran = ran.clone();
        Callback::from(move |_| {
            ran.set(true);
            onrun.emit(code.clone());
        })
    };
    let hide = {
        let (guess, ran) = (guess.clone(), ran.clone());
        move || {
            guess.set(None);
            ran.set(false);
        }
    };
    let options = |choices: &[(&'static str, (&'static str, &'static str))], current: &str| {
        choices
            .iter()
            .map(|(v, words)| html! { <option value={*v} selected={*v == current}>{ pick(lang, *words) }</option> })
            .collect::<Html>()
    };
    let on_select = |state: &UseStateHandle<String>| {
        let state = state.clone();
        let hide = hide.clone();
        Callback::from(move |e: Event| {
            state.set(select_value(&e));
            hide();
        })
    };
    let on_check = |state: &UseStateHandle<bool>| {
        let state = state.clone();
        let hide = hide.clone();
        Callback::from(move |e: Event| {
            state.set(checked(&e));
            hide();
        })
    };
    let answer: u8 = match expected {
        scenario::Expected::Success => 0,
        scenario::Expected::Failed { detected_by, .. } => {
            if detected_by == mtls_lab_engine::trace::Participant::Client {
                1
            } else {
                2
            }
        }
    };
    let choices = [
        ("the handshake succeeds", "ハンドシェイクは成功する"),
        (
            "the client stops it with an alert",
            "クライアントがアラートを送って止める",
        ),
        (
            "the server stops it with an alert",
            "サーバーがアラートを送って止める",
        ),
    ];
    let guesses = choices.iter().enumerate().map(|(i, words)| {
        let i = i as u8;
        let guess = guess.clone();
        html! {
            <label class="check">
                <input type="radio" name="bench-guess" value={i.to_string()} checked={*guess == Some(i)}
                       data-testid={format!("bench-guess-{i}")}
                       onchange={Callback::from(move |_| guess.set(Some(i)))} />
                { pick(lang, *words) }
            </label>
        }
    });
    let revealed = guess.is_some() || *ran;
    let feedback = guess.map(|g| {
        if g == answer {
            pick(lang, ("Right.", "正解です。"))
        } else {
            pick(lang, ("Not quite.", "不正解です。"))
        }
    });
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
                    <label class="check"><input type="checkbox" checked={*p256 && !transport_on} disabled={transport_on} onchange={on_check(&p256)} />
                        { pick(lang, ("Key exchange on P-256 (secp256r1) instead of x25519", "鍵交換を x25519 ではなく P-256 (secp256r1) で")) }</label>
                    <label class="check"><input type="checkbox" checked={*tls12} onchange={on_check(&tls12)} data-testid="bench-tls12" />
                        { pick(lang, ("TLS 1.2 instead of TLS 1.3", "TLS 1.3 ではなく TLS 1.2 で")) }</label>
                    <label class="check"><input type="checkbox" checked={*hrr && !*tls12} disabled={*tls12} onchange={on_check(&hrr)} />
                        { pick(lang, ("Force a HelloRetryRequest (TLS 1.3 only)", "HelloRetryRequest を起こす (TLS 1.3 のみ)")) }</label>
                    <label class="check"><input type="checkbox" checked={*rsa} onchange={on_check(&rsa)} data-testid="bench-rsa" />
                        { pick(lang, ("RSA-2048 keys instead of ECDSA P-256 (server and client certificates; the CAs stay P-256)", "ECDSA P-256 ではなく RSA-2048 の鍵 (サーバー証明書とクライアント証明書。認証局は P-256 のまま)")) }</label>
                    <label class="check"><input type="checkbox" checked={transport_on} disabled={!(*rsa && *tls12)} onchange={on_check(&transport)} data-testid="bench-krsa" />
                        { pick(lang, ("RSA key transport instead of ECDHE (TLS 1.2 with RSA keys only)", "ECDHE ではなく RSA 鍵交換 (TLS 1.2 で RSA の鍵を使うときのみ)")) }</label>
                </div>
                <p>{ pick(lang, ("Bench string:", "ベンチ文字列:")) }{ " " }<code data-testid="bench-code">{ code.clone() }</code></p>
                <fieldset class="guess">
                    <legend>{ pick(lang, ("What will happen? Guess before you run it.", "どうなるでしょう? 実行する前に予想してください。")) }</legend>
                    { for guesses }
                </fieldset>
                <p role="status" aria-live="polite" data-testid="bench-expected">
                    if revealed {
                        if let Some(f) = feedback { <strong>{ f }</strong>{ " " } }
                        { pick(lang, ("What happens: ", "起きること: ")) }{ expectation.clone() }
                    }
                </p>
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
                PemKind::CertificateRequest => pick(lang, ("a certificate signing request (CSR), not a certificate", "証明書ではなく証明書署名要求 (CSR) です")),
                PemKind::PublicKey => pick(lang, ("a bare public key, not a certificate", "証明書ではなく公開鍵だけです")),
                PemKind::Crl => pick(lang, ("a CRL, not a certificate: paste only the certificates (the lab's own bundle holds CRLs and keys too)", "証明書ではなく CRL です。証明書だけを貼り付けてください (ラボが書き出したファイルには CRL や鍵も入っています)")),
                PemKind::Pkcs7 => pick(lang, ("a PKCS#7 bundle; export the certificates as PEM", "PKCS#7 形式です。証明書を PEM で書き出してください")),
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
    /// The seed whose lab CA the certificate may be checked against.
    pub seed: u64,
}

/// Whom the box trusts, as the learner chose.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Trusting {
    /// The lab's root CA for the page's seed.
    Lab,
    /// A CA the learner pastes.
    Pasted,
    /// No CA: the leaf alone.
    Nobody,
}

/// One role's verdict and rows: the checklist against the trusted root, or without a root the
/// checks on the leaf alone, with a sentence saying what could not be checked.
fn role_view(
    lang: Lang,
    name: String,
    r: &mtls_lab_engine::pki::byo::RoleReport,
    id: &'static str,
) -> Html {
    // `leaf_only`: a check on the leaf alone (repeated after the chain stopped, or the only
    // checks without a CA); `marked`: say so in front of it.
    let row_view = |row: &mtls_lab_engine::pki::checklist::ChecklistRow,
                    leaf_only: bool,
                    marked: bool| {
        let (mark, words) = lessons::check_status(lang, row.status);
        html! {
            <li class={match row.status { CheckStatus::Passed => "ok", CheckStatus::Failed => "bad", _ => "muted" }}>
                <span class="mark" aria-hidden="true">{ mark }</span>{ " " }
                if marked { { pick(lang, ("(leaf alone) ", "(リーフ単体) ")) } }
                { if leaf_only { mtls_lab_texts::leaf_check_item(lang, row.item) } else { lessons::checklist_item(lang, row.item) } }{ " — " }<strong>{ words }</strong>
                if let Some(reason) = row.reason {
                    <div class="detail">{ lessons::checklist_reason(lang, reason) }
                        if let Some(d) = &row.detail { { " " }<code>{ d.clone() }</code> }</div>
                }
            </li>
        }
    };
    let (rows, note) = match &r.checklist {
        Some(list) => (
            list.rows
                .iter()
                .map(|row| row_view(row, false, false))
                // A leaf check is repeated only where the chain stopped the list before it.
                .chain(
                    r.leaf_checks
                        .iter()
                        .filter(|row| {
                            list.rows.iter().any(|l| {
                                l.item == row.item && l.status == CheckStatus::NotReached
                            })
                        })
                        .map(|row| row_view(row, true, true)),
                )
                .collect::<Html>(),
            r.root.as_ref().map(|root| match lang {
                Lang::En => format!("Checked against the trusted root: {root}"),
                Lang::Ja => format!("照合した信頼するルートCA: {root}"),
            }),
        ),
        None => (
            r.leaf_checks.iter().map(|row| row_view(row, true, false)).collect::<Html>(),
            Some(pick(lang, (
                "Not checked without a CA to trust: the chain to a root, each certificate's signature, and revocation. Only the checks on the leaf alone were made.",
                "信頼するCAがないため、ルートCAまでのチェーン・各証明書の署名・失効は検証していません。リーフ単体でできる検査だけを行いました。",
            )).to_string()),
        ),
    };
    let verdict = match (r.passes, r.checklist.is_some()) {
        (true, true) => pick(lang, ("✓ would pass", "✓ 通る")),
        (false, _) => pick(lang, ("✕ would be refused", "✕ 拒否される")),
        (true, false) => pick(
            lang,
            (
                "✓ passes the checks on the leaf alone",
                "✓ リーフ単体の検査には通る",
            ),
        ),
    };
    html! {
        <div class="checklist" data-testid={id}>
            <h3>{ name }{ ": " }
                <span class={if r.passes { "ok" } else { "bad" }}>{ verdict }</span>
            </h3>
            if let Some(note) = note { <p class="hint" data-testid={format!("{id}-note")}>{ note }</p> }
            <ol>{ rows }</ol>
        </div>
    }
}

fn report_view(
    lang: Lang,
    trusting: Trusting,
    seed: u64,
    server_name: &str,
    report: &ByoReport,
) -> Html {
    let certs = report.certificates.iter().enumerate().map(|(i, c)| {
        html! {
            <li>
                <strong>{ format!("#{} ", i + 1) }</strong>{ c.subject.clone() }
                <div class="detail">{ pick(lang, ("issued by ", "発行者: ")) }{ c.issuer.clone() }{ format!(" · {}", mtls_lab_texts::key_algorithm(&c.key)) }</div>
            </li>
        }
    });
    let how = match (trusting, lang) {
        (Trusting::Lab, Lang::En) => format!("Checked against the lab's root CA for seed {seed}, at the current time; as a client certificate, also against the lab's intermediate CA's CRL."),
        (Trusting::Lab, Lang::Ja) => format!("シード {seed} のラボのルートCAに対して、現在時刻で検証しました。クライアント証明書としては、ラボの中間CAの CRL でも確認しました。"),
        (Trusting::Pasted, _) => pick(lang, ("Checked against the CA you pasted, at the current time (no CRL, so revocation is not checked).", "貼り付けたCAに対して、現在時刻で検証しました (CRL がないため失効は確認しません)。")).to_string(),
        (Trusting::Nobody, _) => pick(lang, ("No CA to trust was given: only what the leaf certificate shows by itself was checked, at the current time.", "信頼するCAを指定していないため、リーフ証明書だけでわかることを現在時刻で検証しました。")).to_string(),
    };
    let server = match (server_name.trim(), lang) {
        ("", _) => pick(
            lang,
            (
                "As a server certificate (no name given)",
                "サーバー証明書として (名前の指定なし)",
            ),
        )
        .to_string(),
        (name, Lang::En) => format!("As a server certificate for {name}"),
        (name, Lang::Ja) => format!("{name} のサーバー証明書として"),
    };
    html! {
        <>
            <ul class="byo-certs">{ for certs }</ul>
            <p class="hint" data-testid="byo-how">{ how }</p>
            { role_view(lang, pick(lang, ("As a client certificate", "クライアント証明書として")).to_string(), &report.as_client, "byo-client") }
            { role_view(lang, server, &report.as_server, "byo-server") }
        </>
    }
}

/// A textarea's value from its input event.
fn area_value(e: &InputEvent) -> Option<String> {
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
        .map(|a| a.value())
}

/// Bring your own certificate: paste a chain, choose whom to trust (the lab's CA, a CA you
/// paste, or none), see what a verifier says. Nothing pasted leaves the page.
#[component]
pub fn ByoBox(props: &ByoProps) -> Html {
    let lang = props.lang;
    let open = use_state(|| false);
    let text = use_state(String::new);
    let ca = use_state(String::new);
    let name = use_state(|| mtls_lab_engine::scenario::SERVER_NAME.to_string());
    let trusting = use_state(|| Trusting::Lab);
    // Which "now" the validity dates are judged at: today, or the lab's fixed date (the
    // lessons' certificates are valid around it, so a lab certificate passes at it).
    let at_lab_date = use_state(|| false);
    // How many checks were made: the answer on screen carries it, so one can tell it belongs to
    // the latest check even when two inputs get the same message.
    let checks = use_state(|| 0u32);
    let result = use_state(|| None::<(Trusting, String, ByoAnswer)>);
    let toggle = {
        let open = open.clone();
        Callback::from(move |_| open.set(!*open))
    };
    let oninput = {
        let text = text.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(v) = area_value(&e) {
                text.set(v);
            }
        })
    };
    let on_ca = {
        let ca = ca.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(v) = area_value(&e) {
                ca.set(v);
            }
        })
    };
    let on_name = {
        let name = name.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            {
                name.set(input.value());
            }
        })
    };
    let choose = |choice: Trusting| {
        let trusting = trusting.clone();
        Callback::from(move |_: Event| trusting.set(choice))
    };
    let check = {
        let (text, ca, name, trusting, result, at_lab_date, checks) = (
            text.clone(),
            ca.clone(),
            name.clone(),
            trusting.clone(),
            result.clone(),
            at_lab_date.clone(),
            checks.clone(),
        );
        let seed = props.seed;
        Callback::from(move |_| {
            let anchor = match *trusting {
                Trusting::Lab => ByoAnchor::Lab { seed },
                Trusting::Pasted => ByoAnchor::Pasted { pem: (*ca).clone() },
                Trusting::Nobody => ByoAnchor::None,
            };
            let request = ByoRequest {
                input: (*text).clone(),
                anchor,
                server_name: (*name).clone(),
                now: if *at_lab_date {
                    mtls_lab_engine::scenario::LAB_NOW
                } else {
                    (js_sys::Date::now() / 1000.0) as i64
                },
            };
            let answer = crate::engine::byo(&request);
            // A pasted private key is dropped from its box at once.
            match &answer {
                ByoAnswer::Input {
                    error: ByoError::PrivateKey { .. },
                } => text.set(String::new()),
                ByoAnswer::Anchor {
                    error: ByoError::PrivateKey { .. },
                } => ca.set(String::new()),
                _ => {}
            }
            result.set(Some((*trusting, (*name).clone(), answer)));
            checks.set(*checks + 1);
        })
    };
    let radio = |choice: Trusting, id: &'static str, words: (&'static str, &'static str)| {
        html! {
            <label class="choice">
                <input type="radio" name="byo-trust" data-testid={id} checked={*trusting == choice} onchange={choose(choice)} />
                { " " }{ pick(lang, words) }
            </label>
        }
    };
    html! {
        <section class="card byo" aria-labelledby="byo-title" data-testid="byo">
            <h2 id="byo-title">
                <button class="fold" aria-expanded={open.to_string()} onclick={toggle} data-testid="byo-toggle">
                    { if *open { "▾ " } else { "▸ " } }{ pick(lang, ("Bring your own certificate", "自分の証明書を調べる")) }
                </button>
            </h2>
            if *open {
                <p class="hint">{ pick(lang, ("Paste a certificate chain (PEM, the leaf first, then its intermediates). It is checked in this page and sent nowhere. Never paste a private key.", "証明書チェーン (PEM、リーフ証明書を先頭に、続けて中間CA証明書) を貼り付けてください。このページの中で検証し、どこにも送信しません。秘密鍵は貼り付けないでください。")) }</p>
                <textarea rows="6" class="byo-input" data-testid="byo-input" value={(*text).clone()} {oninput}
                          aria-label={pick(lang, ("Certificate chain in PEM", "PEM 形式の証明書チェーン"))}
                          placeholder="-----BEGIN CERTIFICATE-----" />
                <fieldset class="byo-trust">
                    <legend>{ pick(lang, ("Which root CA to trust", "信頼するルートCA")) }</legend>
                    { radio(Trusting::Lab, "byo-trust-lab", ("The lab's root CA (this seed)", "ラボのルートCA (このシード)")) }
                    { radio(Trusting::Pasted, "byo-trust-pasted", ("A CA certificate I paste", "自分で貼り付けるCA証明書")) }
                    { radio(Trusting::Nobody, "byo-trust-none", ("None: check the leaf alone", "なし (リーフ証明書単体を検査)")) }
                </fieldset>
                if *trusting == Trusting::Pasted {
                    <label class="byo-field">{ pick(lang, ("Root CA certificate to trust (PEM)", "信頼するルートCA証明書 (PEM)")) }
                        <textarea rows="4" class="byo-input" data-testid="byo-ca" value={(*ca).clone()} oninput={on_ca}
                                  placeholder="-----BEGIN CERTIFICATE-----" />
                    </label>
                }
                <fieldset class="byo-trust">
                    <legend>{ pick(lang, ("Validity judged at", "有効期間を判定する日時")) }</legend>
                    <label class="choice">
                        <input type="radio" name="byo-at" data-testid="byo-at-today" checked={!*at_lab_date}
                               onchange={{ let at = at_lab_date.clone(); Callback::from(move |_: Event| at.set(false)) }} />
                        { " " }{ pick(lang, ("Now (this computer's clock)", "現在 (このコンピューターの時計)")) }
                    </label>
                    <label class="choice">
                        <input type="radio" name="byo-at" data-testid="byo-at-lab" checked={*at_lab_date}
                               onchange={{ let at = at_lab_date.clone(); Callback::from(move |_: Event| at.set(true)) }} />
                        { " " }{ pick(lang, ("The lab's date, 2026-01-01 00:00 UTC: the lessons run at it, so a certificate from the lab is judged as in its lesson", "ラボの日時 2026-01-01 00:00 UTC (レッスンはこの日時で実行されるので、ラボの証明書はレッスンと同じ結果になります)")) }
                    </label>
                </fieldset>
                <label class="byo-field">{ pick(lang, ("Server name to check (empty: not checked) ", "照合するサーバー名 (空欄なら照合しない) ")) }
                    <input type="text" data-testid="byo-name" value={(*name).clone()} oninput={on_name} spellcheck="false" />
                </label>
                <button class="primary" onclick={check} data-testid="byo-check">{ pick(lang, ("Check it", "検証する")) }</button>
                { match &*result {
                    None => html! {},
                    Some((_, _, ByoAnswer::Input { error })) => html! { <p class="notice bad" role="alert" data-testid="byo-error" data-check={checks.to_string()}>{ byo_error(lang, error) }</p> },
                    Some((_, _, ByoAnswer::Anchor { error })) => html! {
                        <p class="notice bad" role="alert" data-testid="byo-error" data-check={checks.to_string()}>{ pick(lang, ("The CA box: ", "CAの欄: ")) }{ byo_error(lang, error) }</p>
                    },
                    Some((_, _, ByoAnswer::NoLab)) => html! { <p class="notice bad" role="alert" data-testid="byo-error" data-check={checks.to_string()}>{ pick(lang, ("The lab's CA could not be made.", "ラボのCAを作れませんでした。")) }</p> },
                    Some((trusting, name, ByoAnswer::Report { report })) => report_view(lang, *trusting, props.seed, name, report),
                } }
            }
        </section>
    }
}
