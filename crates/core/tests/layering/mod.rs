//! The core reads bottom-up: foundation, storage, the campaign document, the
//! capabilities, the views. This test reads every `crate::…` path of `src/` (outside test
//! code) and fails, naming the file, when a module reaches up a layer, or sideways
//! without an entry in [`SIDEWAYS`]. docs/architecture.md draws the same picture.
#![allow(clippy::unwrap_used)] // helpers of the tests below: a panic is the failure

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The layers, bottom first; a module may use any module of a lower layer.
const LAYERS: &[(&str, &[&str])] = &[
    (
        "foundation",
        &["error", "fr", "json_file", "parallel", "clock"],
    ),
    ("typed input", &["files", "operator", "typed_date"]),
    ("typesetting", &["documents", "pades"]),
    ("storage", &["cipher", "journal", "store", "backup"]),
    ("campaign document", &["candidate", "campaign"]),
    (
        "capabilities",
        &[
            "import",
            "dossier",
            "commission",
            "scoring",
            "schedule",
            "allocation",
            "minutes",
            "mail",
        ],
    ),
    (
        "views",
        &[
            "summary",
            "bilan",
            "carry",
            "recent",
            "preferences",
            "demo",
            "forms",
            "catalogue",
        ],
    ),
];

/// The arrows allowed between two modules of one layer, and why. They must not make a
/// circle (checked below).
const SIDEWAYS: &[(&str, &str, &str)] = &[
    ("error", "fr", "messages name files as people read them"),
    (
        "store",
        "cipher",
        "the store opens its file through the cipher",
    ),
    (
        "store",
        "journal",
        "every write appends its journal entry in its own transaction",
    ),
    (
        "backup",
        "cipher",
        "a backup is encrypted like its campaign",
    ),
    ("backup", "journal", "a restore carries the journal forward"),
    (
        "campaign",
        "candidate",
        "the campaign counts its candidates per cell",
    ),
    (
        "dossier",
        "import",
        "a dossier shows what the import received",
    ),
    (
        "scoring",
        "import",
        "academic scores read imported averages",
    ),
    (
        "scoring",
        "dossier",
        "only eligible, complete dossiers are heard",
    ),
    (
        "scoring",
        "commission",
        "who may score: members, recusals, quorum",
    ),
    (
        "schedule",
        "dossier",
        "who is to hear: the eligible dossiers",
    ),
    (
        "schedule",
        "commission",
        "juries are made of the commission's members",
    ),
    (
        "allocation",
        "import",
        "names are folded as the import folds them",
    ),
    (
        "allocation",
        "dossier",
        "withdrawals and eligibility come from dossiers",
    ),
    ("allocation", "scoring", "contracts follow the ranking"),
    (
        "minutes",
        "dossier",
        "the minutes list the dossiers examined",
    ),
    (
        "minutes",
        "commission",
        "the minutes name the members and recusals",
    ),
    (
        "minutes",
        "scoring",
        "the minutes state the scores and the ranking",
    ),
    ("minutes", "allocation", "the minutes state the lists"),
    (
        "mail",
        "dossier",
        "the missing-pieces letters and receipts sent are the dossiers' letters",
    ),
    (
        "mail",
        "schedule",
        "the convocations e-mailed are the plan's, recorded as gone out",
    ),
    (
        "carry",
        "bilan",
        "last year's figures travel with the campaign carried over",
    ),
    (
        "preferences",
        "recent",
        "the preferences keep the recent campaigns",
    ),
];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS
        .iter()
        .position(|(_, modules)| modules.contains(&module))
}

/// Every `.rs` file of `src/` but the test files.
fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let name = path.file_name().unwrap().to_string_lossy();
            if name != "tests.rs" && !name.ends_with("_tests.rs") {
                out.push(path);
            }
        }
    }
}

/// The names lib.rs re-exports at the crate's root (`pub use campaign::{Campaign, …};`),
/// with the module each comes from.
fn root_names(lib: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for line in lib.lines() {
        let Some(rest) = line.strip_prefix("pub use ") else {
            continue;
        };
        let (module, names) = rest.trim_end_matches(';').split_once("::").unwrap();
        for name in names.trim_matches(|c| c == '{' || c == '}').split(',') {
            out.insert(name.trim().to_owned(), module.to_owned());
        }
    }
    out
}

/// The top-level modules a file's code names (`crate::x…`, `crate::{x, y::{z}}`), outside
/// its tests: a `#[cfg(test)] mod tests { … }` tail and `#[cfg(test)] mod x;` lines.
fn modules_named(text: &str) -> BTreeSet<String> {
    // Each `#[cfg(test)] mod tests { … }` block is left out, up to its closing brace.
    let mut code = String::new();
    let mut rest = text;
    while let Some(i) = rest.find("#[cfg(test)]\nmod tests {") {
        code.push_str(&rest[..i]);
        let block = &rest[i..];
        let open = block.find('{').unwrap_or(0);
        let mut depth = 0;
        let mut end = block.len();
        for (j, c) in block[open..].char_indices() {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        end = open + j + 1;
                        break;
                    }
                }
                _ => {}
            }
        }
        rest = &block[end..];
    }
    code.push_str(rest);
    let mut lines = Vec::new();
    let mut skip_next = false;
    for line in code.lines() {
        let trimmed = line.trim_start();
        if skip_next {
            skip_next = false;
            if ["mod ", "pub mod ", "use "]
                .iter()
                .any(|p| trimmed.starts_with(p))
            {
                continue;
            }
        }
        if trimmed == "#[cfg(test)]" {
            skip_next = true;
            continue;
        }
        if !trimmed.starts_with("//") {
            lines.push(line);
        }
    }
    let code = lines.join("\n");
    let mut out = BTreeSet::new();
    let ident = |s: &str| {
        s.chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect::<String>()
    };
    for (i, _) in code.match_indices("crate::") {
        let rest = &code[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            // The first name of each part at the group's own depth.
            let mut depth = 0;
            let mut part = String::new();
            let mut parts = Vec::new();
            for c in group.chars() {
                match c {
                    '{' => {
                        depth += 1;
                        part.push(c);
                    }
                    '}' if depth == 0 => break,
                    '}' => {
                        depth -= 1;
                        part.push(c);
                    }
                    ',' if depth == 0 => parts.push(std::mem::take(&mut part)),
                    c => part.push(c),
                }
            }
            parts.push(part);
            for part in parts {
                let name = ident(part.trim());
                if !name.is_empty() {
                    out.insert(name);
                }
            }
        } else {
            let name = ident(rest);
            if !name.is_empty() {
                out.insert(name);
            }
        }
    }
    out
}

#[test]
fn the_core_reads_bottom_up() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    files.sort();
    let roots = root_names(&std::fs::read_to_string(src.join("lib.rs")).unwrap());
    let allowed: BTreeSet<(&str, &str)> = SIDEWAYS.iter().map(|(a, b, _)| (*a, *b)).collect();
    let mut wrong = Vec::new();
    let mut seen = 0;
    for file in &files {
        let relative = file.strip_prefix(&src).unwrap();
        let first = relative
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy();
        let module = first.trim_end_matches(".rs").to_owned();
        if module == "lib" {
            continue;
        }
        let shown = format!("crates/core/src/{}", relative.display());
        let Some(from) = layer_of(&module) else {
            wrong.push(format!(
                "{shown}: module « {module} » is in no layer of LAYERS"
            ));
            continue;
        };
        for used in modules_named(&std::fs::read_to_string(file).unwrap()) {
            let used = roots.get(&used).cloned().unwrap_or(used);
            if used == module {
                continue;
            }
            seen += 1;
            let Some(to) = layer_of(&used) else {
                wrong.push(format!(
                    "{shown} uses « {used} », which is in no layer of LAYERS"
                ));
                continue;
            };
            if to > from {
                wrong.push(format!(
                    "{shown} reaches up: « {module} » ({}) uses « {used} » ({})",
                    LAYERS[from].0, LAYERS[to].0
                ));
            } else if to == from && !allowed.contains(&(module.as_str(), used.as_str())) {
                wrong.push(format!(
                    "{shown} reaches sideways: « {module} » uses « {used} » ({}), which SIDEWAYS does not allow",
                    LAYERS[from].0
                ));
            }
        }
    }
    assert!(
        seen > 50,
        "too few arrows read ({seen}): is the parser broken?"
    );
    assert!(
        wrong.is_empty(),
        "the layering is broken:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn sideways_arrows_make_no_circle() {
    let mut next: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (a, b, _) in SIDEWAYS {
        assert_eq!(layer_of(a), layer_of(b), "{a} → {b} is not sideways");
        assert!(layer_of(a).is_some(), "{a} is in no layer");
        next.entry(a).or_default().push(b);
    }
    fn reaches<'a>(
        next: &BTreeMap<&'a str, Vec<&'a str>>,
        from: &'a str,
        goal: &str,
        seen: &mut BTreeSet<&'a str>,
    ) -> bool {
        next.get(from)
            .into_iter()
            .flatten()
            .any(|n| *n == goal || (seen.insert(n) && reaches(next, n, goal, seen)))
    }
    for (a, _, _) in SIDEWAYS {
        assert!(
            !reaches(&next, a, a, &mut BTreeSet::new()),
            "SIDEWAYS makes a circle through « {a} »"
        );
    }
}

#[test]
fn the_parser_sees_grouped_and_inline_paths() {
    let names = modules_named(
        "use crate::{fr, journal::{Entry, JournalRow}, scoring};\n#[cfg(test)]\nmod tests;\nfn f() { crate::store::x(); }\n// crate::demo\n#[cfg(test)]\nuse crate::minutes;\nuse crate::backup;\n#[cfg(test)]\nmod tests {\n    use crate::allocation;\n}",
    );
    assert_eq!(
        names.into_iter().collect::<Vec<_>>(),
        vec!["backup", "fr", "journal", "scoring", "store"]
    );
}
