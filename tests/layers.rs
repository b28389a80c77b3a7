//! The modules form layers: each imports (by `crate::` paths, outside its
//! tests) only modules declared before it in `src/lib.rs`, so no two
//! import each other, directly or around a circle.

use std::collections::BTreeMap;
use std::path::Path;

/// The modules in declaration order.
fn order(lib: &str) -> Vec<String> {
    lib.lines()
        .filter_map(|l| {
            let l = l.trim();
            let l = l.strip_prefix("pub ").unwrap_or(l);
            let name = l.strip_prefix("mod ")?.strip_suffix(';')?;
            Some(name.to_owned())
        })
        .collect()
}

/// The items the crate root re-exports, with the module each comes from:
/// `crate::DATA_VERSION` belongs to `embedded` when lib.rs says
/// `pub use embedded::DATA_VERSION;`.
fn root_items(lib: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let flat = lib.replace('\n', " ");
    for stmt in flat.split(';') {
        let Some(rest) = stmt.trim().strip_prefix("pub use ") else {
            continue;
        };
        let Some((module, items)) = rest.split_once("::") else { continue };
        let items = items.trim().trim_start_matches('{').trim_end_matches('}');
        for item in items.split(',') {
            let item = item.trim();
            let name = item.rsplit(" as ").next().unwrap_or(item).trim();
            if !name.is_empty() {
                out.push((name.to_owned(), module.trim().to_owned()));
            }
        }
    }
    out
}

/// The text of module `m`: `src/m.rs`, or every file of `src/m/`.
fn module_text(src: &Path, m: &str) -> String {
    let file = src.join(format!("{m}.rs"));
    if let Ok(t) = std::fs::read_to_string(&file) {
        return t;
    }
    let dir = src.join(m);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "rs"))
        .collect();
    files.sort();
    // Each file's own test part is cut before joining.
    files
        .iter()
        .map(|f| {
            let t = std::fs::read_to_string(f).unwrap();
            t.split("#[cfg(test)]").next().unwrap_or("").to_owned()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The crate modules a file imports, outside its `#[cfg(test)]` part and
/// its comments. A root item counts as an import of the module that
/// defines it.
fn imports_with(
    text: &str,
    modules: &[String],
    roots: &[(String, String)],
) -> Vec<String> {
    let mut found = imports(text, modules);
    let code = code_of(text);
    for (item, module) in roots {
        let direct = format!("crate::{item}");
        let grouped = code.match_indices("crate::{").any(|(i, _)| {
            let g = &code[i + 8..];
            g[..g.find('}').unwrap_or(0)]
                .split(|c: char| !c.is_alphanumeric() && c != '_')
                .any(|n| n == item)
        });
        let hit = code.match_indices(&direct).any(|(i, _)| {
            !code[i + direct.len()..]
                .starts_with(|c: char| c.is_alphanumeric() || c == '_')
        });
        if (hit || grouped) && !found.contains(module) {
            found.push(module.clone());
        }
    }
    found
}

/// A file's code outside its test part and its comments.
fn code_of(text: &str) -> String {
    let code = text.split("#[cfg(test)]").next().unwrap_or("");
    code.lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The crate modules a file imports, outside its `#[cfg(test)]` part and
/// its comments.
fn imports(text: &str, modules: &[String]) -> Vec<String> {
    let code = code_of(text);
    let mut found = Vec::new();
    for (i, _) in code.match_indices("crate::") {
        let rest = &code[i + "crate::".len()..];
        let names: Vec<&str> = match rest.strip_prefix('{') {
            Some(group) => group[..group.find('}').unwrap_or(0)]
                .split(|c: char| !c.is_alphanumeric() && c != '_')
                .collect(),
            None => vec![
                rest.split(|c: char| !c.is_alphanumeric() && c != '_')
                    .next()
                    .unwrap_or(""),
            ],
        };
        for n in names {
            if modules.iter().any(|m| m == n) && !found.iter().any(|f| f == n)
            {
                found.push(n.to_owned());
            }
        }
    }
    found
}

#[test]
fn each_module_imports_only_the_layers_below_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let lib = std::fs::read_to_string(src.join("lib.rs")).unwrap();
    let order = order(&lib);
    assert!(order.len() >= 15, "{order:?}");
    let roots = root_items(&lib);
    assert!(roots.iter().any(|(i, _)| i == "Catalog"), "{roots:?}");
    let mut graph = BTreeMap::new();
    for (i, m) in order.iter().enumerate() {
        let text = module_text(&src, m);
        let deps = imports_with(&text, &order, &roots);
        for d in &deps {
            let j = order.iter().position(|o| o == d).unwrap();
            assert!(
                j < i && d != m,
                "{m} imports {d}, which is not below it in src/lib.rs"
            );
        }
        graph.insert(m.clone(), deps);
    }
    // The data model depends on nothing above the leaf modules.
    for d in &graph["criteria"] {
        assert!(
            ["error", "date", "embedded", "input"].contains(&d.as_str()),
            "{d}"
        );
    }
}

#[test]
fn the_checker_sees_imports() {
    let modules: Vec<String> =
        ["a", "b", "c"].iter().map(|s| s.to_string()).collect();
    let text = "use crate::a::X;\nuse crate::{b, c::Y};\n// crate::c\n\
                #[cfg(test)]\nmod t { use crate::c; }";
    assert_eq!(imports(text, &modules), ["a", "b", "c"]);
    let text = "use crate::a;\n// use crate::b;\n#[cfg(test)]\nuse crate::c;";
    assert_eq!(imports(text, &modules), ["a"]);
    let roots = root_items("pub use a::{X, Y as Z};\npub use b::W;");
    assert_eq!(
        roots,
        [("X", "a"), ("Z", "a"), ("W", "b")]
            .map(|(i, m)| (i.to_owned(), m.to_owned()))
    );
    let text = "use crate::W;\nfn f() -> crate::Z { crate::WX }";
    assert_eq!(imports_with(text, &modules, &roots), ["a", "b"]);
}

#[test]
fn the_readme_shows_the_oracle_example_as_it_is() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let example =
        std::fs::read_to_string(root.join("examples/oracle.rs")).unwrap();
    let start = readme.find("## Testing your scorer against ocop").unwrap();
    let block = &readme[start..];
    let block = &block[block.find("```rust\n").unwrap() + 8..];
    let block = &block[..block.find("```\n").unwrap()];
    assert_eq!(block, example);
}
