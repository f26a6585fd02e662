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

/// Picks the English or Japanese half of a pair.
fn pick(lang: Lang, (en, ja): (&'static str, &'static str)) -> &'static str {
    match lang {
        Lang::En => en,
        Lang::Ja => ja,
    }
}

/// A piece of text on the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[allow(missing_docs)]
pub enum Text {
    Tagline,
    SwitchLanguage,
    Scenario,
    ModeOneWay,
    ModeMutual,
    ModeCompare,
    ModeLabel,
    Play,
    Pause,
    Next,
    Previous,
    First,
    Last,
    Speed,
    NewRandomness,
    Seed,
    StepOf,
    Diagram,
    DiagramText,
    Inspector,
    Explanation,
    Fields,
    Bytes,
    PlaintextView,
    WireView,
    WireNote,
    ChecksHere,
    KeysHere,
    Passed,
    Failed,
    KeyTable,
    KeyTableIntro,
    Holds,
    Later,
    Never,
    Glossary,
    GlossaryOpen,
    Close,
    Encrypted,
    NotEncrypted,
    OutcomeSuccess,
    OutcomeFailed,
    DetectedBy,
    AlertSent,
    Client,
    Server,
    Observer,
    Attacker,
    EpochPlaintext,
    EpochHandshake,
    EpochApplication,
    ApplicationData,
    Alert,
    CompareTitle,
    CompareIntro,
    CompareOnlyMutual,
    CompareAspect,
    CompareWho,
    CompareWhoOneWay,
    CompareWhoMutual,
    CompareCerts,
    CompareCertsOneWay,
    CompareCertsMutual,
    ComparePrevents,
    ComparePreventsOneWay,
    ComparePreventsMutual,
    CompareUses,
    CompareUsesOneWay,
    CompareUsesMutual,
    NoticeTitle,
    NoticeScenario,
    NoticeStep,
    NoticeSeed,
    NoticeLang,
    NoticeMode,
    NoticeRequests,
    Requests,
    RequestsHelp,
    EarlierSteps,
    Dismiss,
    KeyboardHelp,
    NotYetStarted,
    PanicTitle,
    Loading,
    AppLoadFailed,
    PanicBody,
    Reload,
    Catalogue,
    StepNarration,
    SelectField,
    Checklist,
    SentAlertWord,
    StoppedOnAlert,
    OpenFull,
    PresentEnter,
    PresentExit,
    PresentKeys,
    Share,
    ShareLink,
    ShareEmbed,
    Copy,
    Copied,
    Exports,
    ExportsIntro,
    ExportPcap,
    ExportKeylog,
    ExportJson,
    ExportPem,
    ExportSvg,
}

/// The words for `text` in `lang`.
pub fn t(lang: Lang, text: Text) -> &'static str {
    use Text::*;
    pick(
        lang,
        match text {
            Tagline => (
                "Watch, step through and break a real TLS 1.3 handshake — one-way and mutual.",
                "本物の TLS 1.3 ハンドシェイクを見て、一歩ずつ進め、壊してみる ― 片方向 TLS と相互TLS。",
            ),
            SwitchLanguage => ("日本語", "English"),
            Scenario => ("Scenario", "シナリオ"),
            ModeOneWay => ("One-way TLS", "片方向 TLS"),
            ModeMutual => ("Mutual TLS", "相互TLS"),
            ModeCompare => ("Compare", "比較"),
            ModeLabel => ("View", "表示"),
            Play => ("Play", "再生"),
            Pause => ("Pause", "一時停止"),
            Next => ("Next step", "次へ"),
            Previous => ("Previous step", "前へ"),
            First => ("First step", "最初へ"),
            Last => ("Last step", "最後へ"),
            Speed => ("Speed", "速さ"),
            NewRandomness => ("Restart with new randomness", "乱数を変えてやり直す"),
            Seed => ("Seed", "シード"),
            StepOf => ("Step", "ステップ"),
            Diagram => (
                "The handshake, record by record",
                "レコードごとのハンドシェイク",
            ),
            DiagramText => ("The same steps as a list", "同じ手順をリストで"),
            Inspector => ("Inspector", "詳細"),
            Explanation => ("What happens here", "ここで起きていること"),
            Fields => ("Decoded fields", "フィールドの解析"),
            Bytes => ("Bytes", "バイト列"),
            PlaintextView => ("What the endpoints see", "両端が見る内容 (平文)"),
            WireView => ("What the wire carries", "通信路を流れるバイト"),
            WireNote => (
                "This record is encrypted: an observer sees only this ciphertext and the 5-byte header.",
                "このレコードは暗号化されています。盗聴者に見えるのはこの暗号文と 5 バイトのヘッダーだけです。",
            ),
            ChecksHere => ("Checks made at this step", "このステップでの検証"),
            KeysHere => ("Keys at this step", "このステップで使われた鍵"),
            Passed => ("passed", "成功"),
            Failed => ("failed", "失敗"),
            KeyTable => ("Who holds which key", "誰がどの鍵を持っているか"),
            KeyTableIntro => (
                "Live for the current step. The highlighted rows are the keys this step creates or uses.",
                "現在のステップの状態です。強調された行は、このステップで生成・使用される鍵です。",
            ),
            Holds => ("holds", "保持"),
            Later => ("not yet", "まだ"),
            Never => ("never", "持たない"),
            Glossary => ("Glossary", "用語集"),
            GlossaryOpen => ("Glossary", "用語集を開く"),
            Close => ("Close", "閉じる"),
            Encrypted => ("encrypted", "暗号化"),
            NotEncrypted => ("not encrypted", "平文"),
            OutcomeSuccess => (
                "Handshake complete: the request and the answer crossed encrypted, then both sides closed.",
                "ハンドシェイク完了: リクエストと応答が暗号化されてやり取りされ、両者が接続を閉じました。",
            ),
            OutcomeFailed => ("The connection was refused", "接続は拒否されました"),
            DetectedBy => ("Noticed by", "検出した側"),
            AlertSent => ("Alert", "アラート"),
            Client => ("Client", "クライアント"),
            Server => ("Server", "サーバー"),
            Observer => ("Observer on the wire", "通信路の盗聴者"),
            Attacker => ("Attacker", "攻撃者"),
            EpochPlaintext => ("plaintext", "平文"),
            EpochHandshake => ("handshake keys", "ハンドシェイク鍵"),
            EpochApplication => ("application keys", "アプリケーション鍵"),
            ApplicationData => ("Application data", "アプリケーションデータ"),
            Alert => ("Alert", "Alert"),
            CompareTitle => (
                "One-way and mutual TLS side by side",
                "片方向 TLS と相互TLS の比較",
            ),
            CompareIntro => (
                "Both runs use the same seed. The highlighted arrows exist only in mutual TLS: the server asks for a certificate, and the client proves it holds the matching private key.",
                "どちらも同じシードで実行しています。強調された矢印は相互TLS にだけあります。サーバーが証明書を要求し、クライアントは対応する秘密鍵を持っていることを証明します。",
            ),
            CompareOnlyMutual => ("only in mutual TLS", "相互TLS のみ"),
            CompareAspect => ("", ""),
            CompareWho => ("Who is authenticated", "誰が認証されるか"),
            CompareWhoOneWay => ("The server only", "サーバーのみ"),
            CompareWhoMutual => ("The server and the client", "サーバーとクライアントの両方"),
            CompareCerts => ("Certificates needed", "必要な証明書"),
            CompareCertsOneWay => ("A server certificate", "サーバー証明書"),
            CompareCertsMutual => (
                "A server certificate and a client certificate (with its private key on the client)",
                "サーバー証明書とクライアント証明書 (クライアント側にその秘密鍵)",
            ),
            ComparePrevents => ("What it protects against", "何を防ぐか"),
            ComparePreventsOneWay => (
                "Eavesdropping and tampering; talking to a fake server",
                "盗聴と改ざん、偽サーバーへの接続",
            ),
            ComparePreventsMutual => (
                "The same, plus clients without a trusted certificate and key: stolen passwords alone do not get in, and a phishing proxy cannot relay the login",
                "左記に加えて、信頼された証明書と秘密鍵を持たないクライアントの接続。盗まれたパスワードだけでは入れず、フィッシングのプロキシーは認証を中継できません",
            ),
            CompareUses => ("Typical uses", "主な用途"),
            CompareUsesOneWay => (
                "Public websites, HTTPS everywhere",
                "一般公開の Web サイト、HTTPS 全般",
            ),
            CompareUsesMutual => (
                "APIs between companies (B2B), microservices, IoT devices, zero-trust access",
                "企業間 API (B2B)、マイクロサービス、IoT デバイス、ゼロトラストのアクセス制御",
            ),
            NoticeTitle => (
                "Some link settings were not understood",
                "リンクの一部の設定を解釈できませんでした",
            ),
            NoticeScenario => (
                "Unknown scenario; showing",
                "不明なシナリオのため、次を表示しています:",
            ),
            NoticeStep => (
                "Step out of range or malformed; showing",
                "ステップが範囲外か不正なため、次を表示しています:",
            ),
            NoticeSeed => (
                "Malformed seed; using a fresh one",
                "シードが不正なため、新しいシードを使います",
            ),
            NoticeLang => ("Unknown language; using", "不明な言語のため、次を使います:"),
            NoticeMode => (
                "Unknown view; showing",
                "不明な表示モードのため、次を表示しています:",
            ),
            NoticeRequests => (
                "Number of requests must be 0 to 1000; using",
                "リクエスト数は 0 から 1000 です。次を使います:",
            ),
            Requests => ("Requests", "リクエスト数"),
            RequestsHelp => (
                "How many times the client sends its request over this connection",
                "この接続でクライアントがリクエストを送る回数",
            ),
            EarlierSteps => (
                "earlier steps — select to go back",
                "ステップ省略 — 選ぶと前に戻ります",
            ),
            Dismiss => ("Dismiss", "閉じる"),
            KeyboardHelp => (
                "Keys: → next, ← previous, space play/pause, Home first, End last.",
                "キー操作: → 次へ、← 前へ、スペース 再生/一時停止、Home 最初、End 最後。",
            ),
            NotYetStarted => ("", ""),
            PanicTitle => ("Something went wrong", "問題が発生しました"),
            AppLoadFailed => (
                "The lab's controls could not be loaded. Reload the page to try again.",
                "操作パネルを読み込めませんでした。ページを再読み込みしてください。",
            ),
            Loading => (
                "A real run, made in this page. The controls are loading…",
                "このページ内で実行した本物の通信です。操作パネルを読み込んでいます…",
            ),
            PanicBody => (
                "The lab hit an internal error. Nothing was sent anywhere. Reload to start again.",
                "ラボで内部エラーが起きました。データはどこにも送信されていません。再読み込みしてやり直してください。",
            ),
            Reload => ("Reload", "再読み込み"),
            Catalogue => ("Scenarios", "シナリオ一覧"),
            StepNarration => ("Step", "ステップ"),
            SentAlertWord => (
                "stopped the handshake and sent the alert",
                "ハンドシェイクを中止し、アラートを送信:",
            ),
            StoppedOnAlert => ("stopped on the peer's alert", "相手のアラートを受けて停止"),
            OpenFull => ("Open in mTLS Lab", "mTLS Lab で開く"),
            PresentEnter => ("Presenter mode", "プレゼンモード"),
            PresentExit => ("Leave presenter mode", "プレゼンモードを終了"),
            PresentKeys => (
                "→ next · ← previous · space play/pause · Home/End · 1–9 scenario · Esc leave",
                "→ 次へ · ← 前へ · スペース 再生/一時停止 · Home/End · 1–9 シナリオ · Esc 終了",
            ),
            Share => ("Share and embed", "共有と埋め込み"),
            ShareLink => (
                "Link to this view (scenario, step, seed, language)",
                "この表示へのリンク (シナリオ、ステップ、シード、言語)",
            ),
            ShareEmbed => ("Embed in a page (iframe)", "ページに埋め込む (iframe)"),
            Copy => ("Copy", "コピー"),
            Copied => ("copied", "コピーしました"),
            Exports => ("Export this run", "この実行をエクスポート"),
            ExportsIntro => (
                "The same files the CLI writes for this seed (mtls-lab run <id> --seed <n> --pcap/--keylog/--json/--pem/--mermaid). The capture carries its secrets, so Wireshark decrypts it with no extra file. The keys in the PEM bundle are lab keys: never use them for anything real.",
                "同じシードで CLI が書き出すものと同じファイルです (mtls-lab run <id> --seed <n> --pcap/--keylog/--json/--pem/--mermaid)。キャプチャーには秘密が埋め込まれているため、Wireshark で追加のファイルなしに復号できます。PEM に含まれる秘密鍵は学習用です。実際の用途には決して使わないでください。",
            ),
            ExportPcap => ("Capture (.pcapng)", "キャプチャー (.pcapng)"),
            ExportKeylog => ("Key log (SSLKEYLOGFILE)", "鍵ログ (SSLKEYLOGFILE)"),
            ExportJson => ("Trace (JSON)", "トレース (JSON)"),
            ExportPem => (
                "Certificates and lab keys (PEM)",
                "証明書と学習用の鍵 (PEM)",
            ),
            ExportSvg => ("Diagram (SVG)", "図 (SVG)"),
            Checklist => ("Verification checklist", "検証チェックリスト"),
            SelectField => (
                "Select a field to highlight its bytes, or a byte to find its field.",
                "フィールドを選ぶとそのバイトが強調されます。バイトを選ぶと対応するフィールドが分かります。",
            ),
        },
    )
}
