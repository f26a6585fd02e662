//! The service worker that keeps the lab working offline after the first visit.
//!
//! `web/sw.js` is a template: this fills in every file of the built site (paths relative to the
//! site's root, `./` for the page itself) and a version made from their names and contents,
//! and writes it as `dist/sw.js`. A new build with any changed file is a new worker: browsers
//! that visit the site again install it, it caches the new files and deletes the old cache.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

/// The site's files under `dist`, relative and sorted, without the worker itself.
fn site_files(dist: &Path) -> Result<Vec<String>, String> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), String> {
        let entries =
            std::fs::read_dir(dir).map_err(|e| format!("cannot list {}: {e}", dir.display()))?;
        for entry in entries {
            let path = entry
                .map_err(|e| format!("cannot list {}: {e}", dir.display()))?
                .path();
            if path.is_dir() {
                walk(&path, out)?;
            } else {
                out.push(path);
            }
        }
        Ok(())
    }
    let mut paths = Vec::new();
    walk(dist, &mut paths)?;
    let mut files: Vec<String> = paths
        .iter()
        .filter_map(|p| p.strip_prefix(dist).ok())
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .filter(|p| p != "sw.js")
        .collect();
    files.sort();
    Ok(files)
}

/// The worker's text: the template with the version and the list of files filled in.
fn worker(template: &str, version: &str, files: &[String]) -> Option<String> {
    // The page itself is requested as the site's root (`./`), with any query.
    let list: Vec<String> = std::iter::once("./".to_string())
        .chain(files.iter().map(|f| format!("./{f}")))
        .collect();
    let json = serde_json::to_string(&list).ok()?;
    (template.contains("'__VERSION__'") && template.contains("__FILES__")).then(|| {
        template
            .replace("__VERSION__", version)
            .replace("__FILES__", &json)
    })
}

/// Writes `dist/sw.js` from `template` (web/sw.js); returns the version and the number of files.
pub fn apply(dist: &Path, template: &Path) -> Result<(String, usize), String> {
    let files = site_files(dist)?;
    let mut hasher = Sha256::new();
    for f in &files {
        let bytes =
            std::fs::read(dist.join(f)).map_err(|e| format!("cannot read dist/{f}: {e}"))?;
        hasher.update(f.as_bytes());
        hasher.update((bytes.len() as u64).to_le_bytes());
        hasher.update(&bytes);
    }
    let version = crate::app_files::short_hex(&hasher.finalize());
    let text = std::fs::read_to_string(template)
        .map_err(|e| format!("cannot read {}: {e}", template.display()))?;
    let text = worker(&text, &version, &files).ok_or_else(|| {
        format!(
            "{} has no '__VERSION__' and __FILES__ to fill in",
            template.display()
        )
    })?;
    std::fs::write(dist.join("sw.js"), text)
        .map_err(|e| format!("cannot write dist/sw.js: {e}"))?;
    Ok((version, files.len() + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_worker_names_the_page_and_every_file_and_refuses_a_template_without_slots() {
        let files = vec![
            "index.html".to_string(),
            "snippets/a/inline0.js".to_string(),
        ];
        let text = worker(
            "const VERSION = '__VERSION__';\nconst FILES = __FILES__;",
            "abc",
            &files,
        )
        .expect("both slots");
        assert_eq!(
            text,
            "const VERSION = 'abc';\nconst FILES = [\"./\",\"./index.html\",\"./snippets/a/inline0.js\"];"
        );
        assert_eq!(worker("const FILES = __FILES__;", "abc", &files), None);
    }
}
