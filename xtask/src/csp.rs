//! A strict Content-Security-Policy for the built site.
//!
//! Trunk's loader is one inline module script whose text changes with every build (it names
//! the hashed file names), so its hash is computed after the build and written into a `<meta>`
//! policy in `dist/index.html`: no other inline script can run, WebAssembly may compile
//! (`'wasm-unsafe-eval'`, not `'unsafe-eval'`), and nothing is fetched from anywhere but the
//! site itself. Deployers who can set headers should also send `frame-ancestors` (see
//! docs/SECURITY.md); a `<meta>` policy cannot carry it.

use std::path::Path;

use base64::Engine;
use sha2::{Digest, Sha256};

/// The policy, with the loader's hash in place of `{loader}`.
const POLICY: &str = "default-src 'none'; script-src 'self' {loader} 'wasm-unsafe-eval'; \
style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; \
form-action 'none'; object-src 'none'";

/// The text of the first inline `<script type="module">` in `html`.
fn loader_script(html: &str) -> Option<&str> {
    let open = "<script type=\"module\">";
    let start = html.find(open)? + open.len();
    let end = start + html[start..].find("</script>")?;
    Some(&html[start..end])
}

/// The policy for a page whose loader script is `script`.
pub fn policy_for(script: &str) -> String {
    let digest = Sha256::digest(script.as_bytes());
    let hash = base64::engine::general_purpose::STANDARD.encode(digest);
    POLICY.replace("{loader}", &format!("'sha256-{hash}'"))
}

/// Writes the policy into `index.html` (replacing an earlier one) and returns it.
pub fn apply(index: &Path) -> Result<String, String> {
    let html = std::fs::read_to_string(index)
        .map_err(|e| format!("cannot read {}: {e}", index.display()))?;
    let script = loader_script(&html)
        .ok_or_else(|| format!("{} has no inline loader script", index.display()))?;
    let policy = policy_for(script);
    let meta = format!("<meta http-equiv=\"Content-Security-Policy\" content=\"{policy}\" />");
    let out = with_meta(&html, "http-equiv=\"Content-Security-Policy\"", &meta)
        .ok_or_else(|| format!("{} has no <meta charset>", index.display()))?;
    std::fs::write(index, out).map_err(|e| format!("cannot write {}: {e}", index.display()))?;
    Ok(policy)
}

/// `html` with `meta` right after `<meta charset>`, and without any earlier line containing
/// `marker` (so running a step twice leaves one tag); `None` without a `<meta charset>`.
pub fn with_meta(html: &str, marker: &str, meta: &str) -> Option<String> {
    let kept: String = html
        .lines()
        .filter(|l| !l.contains(marker))
        .map(|l| format!("{l}\n"))
        .collect();
    let charset = "<meta charset=\"utf-8\" />";
    let at = kept.find(charset)? + charset.len();
    Some(format!("{}\n    {meta}{}", &kept[..at], &kept[at..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_pins_exactly_the_loader() {
        let html =
            "<head><meta charset=\"utf-8\" />\n<script type=\"module\">\nimport x;\n</script>";
        let script = loader_script(html).expect("found");
        assert_eq!(script, "\nimport x;\n");
        let policy = policy_for(script);
        assert!(policy.contains("'sha256-"));
        assert!(policy.contains("'wasm-unsafe-eval'") && !policy.contains("'unsafe-eval'"));
        assert_ne!(policy, policy_for("\nimport y;\n"));
    }
}
