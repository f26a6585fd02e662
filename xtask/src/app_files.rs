//! Content-hashed names for the modules the page loads itself.
//!
//! Trunk hashes the names of the files it loads itself (the first module, the CSS) but not of
//! the modules the page imports on its own ("worker" links in `index.html`): the app, which the
//! first module imports, and the TLS 1.2 engine, which the app imports when it wants a TLS 1.2
//! run. So after the build this renames each module's `.js` and `_bg.wasm` to names carrying a
//! hash of both files and writes the names into a meta tag (`<meta name="mtls-lab-app">`,
//! `<meta name="mtls-lab-tls12">`), where the page looks for them. A host may then cache every
//! file of the site for ever: a new build never pairs a new first module with an old app.

use std::path::Path;

use sha2::{Digest, Sha256};

/// The modules: Trunk's name for each (its bin) and the meta tag that names its files.
pub const MODULES: [(&str, &str); 2] = [
    ("mtls-lab-web", "mtls-lab-app"),
    ("mtls-lab-tls12", "mtls-lab-tls12"),
];

/// The first 8 bytes of a digest in hex: the content hash in the site's file names and versions.
pub fn short_hex(digest: &[u8]) -> String {
    digest.iter().take(8).map(|b| format!("{b:02x}")).collect()
}

/// The hashed names for a module's files (`stem`: Trunk's name) with these contents.
fn hashed_names(stem: &str, js: &[u8], wasm: &[u8]) -> (String, String) {
    let mut hasher = Sha256::new();
    hasher.update(js);
    hasher.update(wasm);
    let hash = short_hex(&hasher.finalize());
    (
        format!("{stem}-{hash}.js"),
        format!("{stem}-{hash}_bg.wasm"),
    )
}

/// `html` with the meta tag `name` naming `js` and `wasm` (see [`crate::csp::with_meta`]).
fn with_meta(html: &str, name: &str, js: &str, wasm: &str) -> Option<String> {
    let meta = format!("<meta name=\"{name}\" content=\"{js} {wasm}\" />");
    crate::csp::with_meta(html, &format!("name=\"{name}\""), &meta)
}

/// Renames each module's files in `dist` and names them in `dist/index.html`; returns the
/// names, in the order of [`MODULES`].
pub fn apply(dist: &Path) -> Result<Vec<(String, String)>, String> {
    MODULES
        .iter()
        .map(|(stem, meta)| apply_module(dist, stem, meta))
        .collect()
}

/// [`apply`] for one module.
fn apply_module(dist: &Path, stem: &str, meta: &str) -> Result<(String, String), String> {
    let read = |name: &str| {
        std::fs::read(dist.join(name)).map_err(|e| format!("cannot read dist/{name}: {e}"))
    };
    let (js_file, wasm_file) = (format!("{stem}.js"), format!("{stem}_bg.wasm"));
    let (js, wasm) = (read(&js_file)?, read(&wasm_file)?);
    let (js_name, wasm_name) = hashed_names(stem, &js, &wasm);
    for (from, to) in [(&js_file, &js_name), (&wasm_file, &wasm_name)] {
        std::fs::rename(dist.join(from), dist.join(to))
            .map_err(|e| format!("cannot rename dist/{from}: {e}"))?;
    }
    let index = dist.join("index.html");
    let html = std::fs::read_to_string(&index)
        .map_err(|e| format!("cannot read {}: {e}", index.display()))?;
    let html = with_meta(&html, meta, &js_name, &wasm_name)
        .ok_or_else(|| format!("{} has no <meta charset>", index.display()))?;
    std::fs::write(&index, html).map_err(|e| format!("cannot write {}: {e}", index.display()))?;
    Ok((js_name, wasm_name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_change_with_either_file_and_land_after_the_charset() {
        let (js, wasm) = hashed_names("mtls-lab-web", b"glue", b"code");
        assert!(js.starts_with("mtls-lab-web-") && js.ends_with(".js"));
        assert_eq!(wasm, js.replace(".js", "_bg.wasm"));
        assert_ne!(hashed_names("mtls-lab-web", b"glue", b"code2").0, js);
        assert_ne!(hashed_names("mtls-lab-web", b"glue2", b"code").0, js);
        let html = "<head>\n    <meta charset=\"utf-8\" />\n    <title>x</title>\n";
        let once = with_meta(html, "mtls-lab-app", "a.js", "a.wasm").expect("has a charset");
        assert!(once.contains(
            "<meta charset=\"utf-8\" />\n    <meta name=\"mtls-lab-app\" content=\"a.js a.wasm\" />"
        ));
        let twice = with_meta(&once, "mtls-lab-app", "b.js", "b.wasm").expect("has a charset");
        assert_eq!(twice.matches("mtls-lab-app").count(), 1);
        assert!(twice.contains("b.js b.wasm"));
        let both = with_meta(&twice, "mtls-lab-tls12", "c.js", "c.wasm").expect("has a charset");
        assert!(both.contains("b.js b.wasm") && both.contains("c.js c.wasm"));
    }
}
