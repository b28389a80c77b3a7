//! Writes the seed corpora of the fuzz targets under `corpus/<target>/`:
//! the bundled examples, generated lines of every edition, and the
//! embedded set files. Run from `fuzz/`: `cargo +nightly run --bin seed`.

use std::path::Path;

use ocop::{Catalog, generate::Generator};

fn write(target: &str, name: &str, bytes: &[u8]) {
    let dir = Path::new("corpus").join(target);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(name), bytes).unwrap();
}

fn main() {
    let examples =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/data");
    let mut lines = Vec::new();
    for f in std::fs::read_dir(&examples).unwrap() {
        let path = f.unwrap().path();
        if path.extension().is_none_or(|x| x != "json" && x != "jsonl") {
            continue;
        }
        let text = std::fs::read_to_string(path).unwrap();
        lines.extend(text.lines().map(str::to_owned));
    }
    for ed in Catalog::official().editions().filter(|e| e.has_tables()) {
        // An edition whose only table is opt-in (148) has none to draw.
        let Ok(mut g) = Generator::new(ed, 7) else { continue };
        lines.extend((0..40).map(|_| g.next_line()));
    }
    for (i, line) in lines.iter().enumerate() {
        write("fast_vs_general", &format!("line-{i:04}"), line.as_bytes());
        write("plan", &format!("line-{i:04}"), line.as_bytes());
    }
    for (i, chunk) in lines.chunks(5).enumerate() {
        write("batch", &format!("lines-{i:04}"), chunk.join("\n").as_bytes());
    }
    let criteria =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../criteria/qd26-2026");
    for f in std::fs::read_dir(criteria).unwrap() {
        let p = f.unwrap().path();
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        if name.ends_with(".json")
            && name != "edition.json"
            && name != "classification.json"
        {
            write("set_file", &name, &std::fs::read(&p).unwrap());
        }
    }
    println!("{} lines, seeds written under corpus/", lines.len());
    // Workbooks: the first byte picks the format (0 .xlsx, 1 .ods, 2 CSV,
    // 3 .xls).
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let books = [
        (0u8, "examples/data/tan-hong-2021.xlsx"),
        (0, "tests/fixtures/openpyxl-hoa.xlsx"),
        (0, "tests/fixtures/date1904.xlsx"),
        (1, "tests/fixtures/tan-hong-2021.ods"),
        (3, "tests/fixtures/tan-hong-2021.xls"),
    ];
    for (pick, f) in books {
        let mut bytes = vec![pick];
        bytes.extend(std::fs::read(dir.join(f)).unwrap());
        let name = Path::new(f).file_name().unwrap().to_string_lossy();
        write("workbook_bytes", &name, &bytes);
    }
    let set = Catalog::official().edition("qd26-2026").unwrap().set("hoa").unwrap();
    let csv = ocop::workbook::template(set, 3, 2, ocop::workbook::Format::Csv).unwrap();
    let filled = "id,set,edition,date,member,criterion,points,province\n\
                  P1,hoa,qd26-2026,2026-05-01,TV1,1.1,4,Huế\n\
                  P1,hoa,qd26-2026,2026-05-01,tv1,1.2,#2,Huế\n\
                  P2;x;;;;;\n";
    for (i, text) in [csv, filled.as_bytes().to_vec()].iter().enumerate() {
        write("csv_text", &format!("csv-{i}"), text);
        let mut bytes = vec![2];
        bytes.extend(text);
        write("workbook_bytes", &format!("csv-{i}"), &bytes);
    }
}
