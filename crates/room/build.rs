//! Embeds the member page (ui/dist-member, built by `npm --prefix ui run build`) in the
//! binary: the hub serves these files and nothing else.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn mime(path: &Path) -> &'static str {
    match path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
    {
        "html" => "text/html; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "ttf" => "font/ttf",
        "json" => "application/json",
        _ => "application/octet-stream",
    }
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            walk(&path, out);
        } else {
            out.push(path);
        }
    }
}

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    let dist = manifest.join("../../ui/dist-member");
    println!("cargo:rerun-if-changed={}", dist.display());
    let index = dist.join("index.html");
    assert!(
        index.is_file(),
        "The member page is not built ({} is missing): run `npm --prefix ui run build` first.",
        index.display()
    );
    let mut files = Vec::new();
    walk(&dist, &mut files);
    files.sort();
    let mut code = String::from("pub(crate) static ASSETS: &[(&str, &str, &[u8])] = &[\n");
    for file in files {
        let rel = file
            .strip_prefix(&dist)
            .expect("under dist")
            .to_string_lossy()
            .replace('\\', "/");
        let route = if rel == "index.html" {
            "/".to_owned()
        } else {
            format!("/{rel}")
        };
        let abs = file.canonicalize().expect("listed file exists");
        writeln!(
            code,
            "    ({route:?}, {:?}, include_bytes!({:?})),",
            mime(&file),
            abs.display().to_string()
        )
        .expect("write to a string");
    }
    code.push_str("];\n");
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets it")).join("assets.rs");
    std::fs::write(out, code).expect("OUT_DIR is writable");
}
