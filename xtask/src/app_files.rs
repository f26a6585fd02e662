//! Content-hashed names for the app's module.
//!
//! Trunk hashes the names of the files it loads itself (the first module, the CSS) but not of
//! the app's module, which the first module imports (a "worker" link in `index.html`). So after
//! the build this renames `mtls-lab-web.js` and `mtls-lab-web_bg.wasm` to names carrying a hash
//! of both files and writes the names into `<meta name="mtls-lab-app">`, where the first module
//! looks for them. A host may then cache every file of the site for ever: a new build never
//! pairs a new first module with an old app.

use std::path::Path;

use sha2::{Digest, Sha256};

const JS: &str = "mtls-lab-web.js";
const WASM: &str = "mtls-lab-web_bg.wasm";

/// The first 8 bytes of a digest in hex: the content hash in the site's file names and versions.
pub fn short_hex(digest: &[u8]) -> String {
    digest.iter().take(8).map(|b| format!("{b:02x}")).collect()
}

/// The hashed names for the app's files with these contents.
fn hashed_names(js: &[u8], wasm: &[u8]) -> (String, String) {
    let mut hasher = Sha256::new();
    hasher.update(js);
    hasher.update(wasm);
    let hash = short_hex(&hasher.finalize());
    (
        format!("mtls-lab-web-{hash}.js"),
        format!("mtls-lab-web-{hash}_bg.wasm"),
    )
}

/// `html` with the meta tag naming `js` and `wasm` (see [`crate::csp::with_meta`]).
fn with_meta(html: &str, js: &str, wasm: &str) -> Option<String> {
    let meta = format!("<meta name=\"mtls-lab-app\" content=\"{js} {wasm}\" />");
    crate::csp::with_meta(html, "name=\"mtls-lab-app\"", &meta)
}

/// Renames the app's files in `dist` and names them in `dist/index.html`; returns the names.
pub fn apply(dist: &Path) -> Result<(String, String), String> {
    let read = |name: &str| {
        std::fs::read(dist.join(name)).map_err(|e| format!("cannot read dist/{name}: {e}"))
    };
    let (js, wasm) = (read(JS)?, read(WASM)?);
    let (js_name, wasm_name) = hashed_names(&js, &wasm);
    for (from, to) in [(JS, &js_name), (WASM, &wasm_name)] {
        std::fs::rename(dist.join(from), dist.join(to))
            .map_err(|e| format!("cannot rename dist/{from}: {e}"))?;
    }
    let index = dist.join("index.html");
    let html = std::fs::read_to_string(&index)
        .map_err(|e| format!("cannot read {}: {e}", index.display()))?;
    let html = with_meta(&html, &js_name, &wasm_name)
        .ok_or_else(|| format!("{} has no <meta charset>", index.display()))?;
    std::fs::write(&index, html).map_err(|e| format!("cannot write {}: {e}", index.display()))?;
    Ok((js_name, wasm_name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_change_with_either_file_and_land_after_the_charset() {
        let (js, wasm) = hashed_names(b"glue", b"code");
        assert!(js.starts_with("mtls-lab-web-") && js.ends_with(".js"));
        assert_eq!(wasm, js.replace(".js", "_bg.wasm"));
        assert_ne!(hashed_names(b"glue", b"code2").0, js);
        assert_ne!(hashed_names(b"glue2", b"code").0, js);
        let html = "<head>\n    <meta charset=\"utf-8\" />\n    <title>x</title>\n";
        let once = with_meta(html, "a.js", "a.wasm").expect("has a charset");
        assert!(once.contains(
            "<meta charset=\"utf-8\" />\n    <meta name=\"mtls-lab-app\" content=\"a.js a.wasm\" />"
        ));
        let twice = with_meta(&once, "b.js", "b.wasm").expect("has a charset");
        assert_eq!(twice.matches("mtls-lab-app").count(), 1);
        assert!(twice.contains("b.js b.wasm"));
    }
}
