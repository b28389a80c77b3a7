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

/// The crate modules a file imports, outside its `#[cfg(test)]` part and
/// its comments.
fn imports(text: &str, modules: &[String]) -> Vec<String> {
    let code = text.split("#[cfg(test)]").next().unwrap_or("");
    let code: String = code
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n");
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
    let mut graph = BTreeMap::new();
    for (i, m) in order.iter().enumerate() {
        let file = src.join(format!("{m}.rs"));
        let text = std::fs::read_to_string(&file)
            .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let deps = imports(&text, &order);
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
        assert!(["error", "date", "embedded"].contains(&d.as_str()), "{d}");
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
