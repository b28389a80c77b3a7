//! One function per command that reads evaluations or scorecards: each
//! parses nothing and computes nothing of its own, but calls the library
//! and writes what it returns.

use std::io::{BufWriter, IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use ocop::advice::PlanOptions;
use ocop::report::{self, Output, ReportOptions};
use ocop::{BatchScorer, BatchStats, Catalog};

use crate::fail::{At, Fail};
use crate::{Input, Rules, Threads, book, exit};

/// `ocop score`: a scorecard or error record per line.
pub fn score(
    catalog: &Catalog,
    input: Input,
    rules: Rules,
    points: bool,
    threads: Threads,
    json_errors: bool,
) -> Result<ExitCode, Fail> {
    let options = rules.options(catalog)?;
    let input = input.source(catalog, &options)?;
    let out = BufWriter::with_capacity(1 << 16, std::io::stdout());
    let tty = std::io::stderr().is_terminal();
    let progress = |s: BatchStats| {
        if tty && s.lines >= 100_000 {
            eprint!("\r{} lines, {} rejected", s.lines, s.rejected);
        }
    };
    let scorer = BatchScorer::new(catalog)
        .options(options)
        .points(points)
        .messages(json_errors)
        .progress(&progress);
    let stats = input.score(&threads.apply(scorer), out)?;
    if tty && stats.lines >= 100_000 {
        eprintln!();
    }
    eprintln!(
        "{} lines: {} scored, {} rejected",
        stats.lines, stats.scored, stats.rejected
    );
    Ok(exit(stats))
}

/// `ocop summary`: scorecards counted, as text or JSON. A workbook is a
/// usage error that says what to run first.
pub fn summary(
    catalog: &Catalog,
    input: &str,
    by: &[String],
    json: bool,
) -> Result<ExitCode, Fail> {
    if input != "-" && book::is_workbook(input) {
        return Err(format!(
            "{input}: summary reads scorecards (the output of `ocop score`), \
             not a workbook; score it first: ocop score {input} | ocop summary"
        )
        .into());
    }
    let r = crate::open(input).map_err(|e| format!("{input}: {e}"))?;
    let by: Vec<&str> = by.iter().map(String::as_str).collect();
    let s = report::Summary::from_reader_with(r, &by, catalog)?;
    if json {
        let text = serde_json::to_string(&s).map_err(|e| e.to_string())?;
        println!("{text}");
    } else {
        print!("{s}");
    }
    Ok(ExitCode::SUCCESS)
}

/// The flags of `ocop plan` of its own.
pub struct PlanArgs {
    pub target: Option<u8>,
    pub costs: Option<PathBuf>,
    pub text: bool,
}

/// `ocop plan`: a plan or error record per line, and the counts.
pub fn plan(
    catalog: &Catalog,
    input: Input,
    args: PlanArgs,
    rules: Rules,
    threads: Threads,
    json_errors: bool,
) -> Result<ExitCode, Fail> {
    let score = rules.options(catalog)?;
    let costs = match &args.costs {
        None => None,
        Some(path) => Some(
            std::fs::read_to_string(path)
                .map_err(|e| format!("{}: {e}", path.display()))?,
        ),
    };
    // Target and costs checked before any line is read, by the library's
    // one rule.
    let opts =
        PlanOptions::new(catalog, args.target, costs.as_deref(), score)?;
    let input = input.source(catalog, &opts.score)?;
    let mut out = Lines::stdout();
    let mut counts = report::PlanCounts::default();
    let scorer = threads.apply(BatchScorer::new(catalog));
    let text = args.text;
    let stats = input.map_each(
        &scorer,
        |ev| catalog.plan(ev, &opts),
        |line, result| {
            out.line(|buf| match &result {
                Ok(plan) => {
                    counts.add(plan);
                    if text {
                        let _ = writeln!(buf, "{plan}");
                    } else if let Ok(json) = serde_json::to_vec(plan) {
                        buf.extend_from_slice(&json);
                    }
                }
                Err(e) if text => {
                    let _ = write!(buf, "line {line}: {e}");
                }
                Err(e) => {
                    BatchScorer::error_record_as(buf, line, e, json_errors)
                }
            })
        },
    )?;
    out.finish()?;
    eprintln!(
        "{} lines: {} planned, {} rejected",
        stats.lines, stats.scored, stats.rejected
    );
    eprintln!("{counts}");
    Ok(exit(stats))
}

/// `ocop explain`: each evaluation criterion by criterion.
pub fn explain(
    catalog: &Catalog,
    input: Input,
    json: bool,
    rules: Rules,
    json_errors: bool,
) -> Result<ExitCode, Fail> {
    let options = rules.options(catalog)?;
    let input = input.source(catalog, &options)?;
    let mut out = Lines::stdout();
    let scorer = BatchScorer::new(catalog);
    let stats = input.map_each(
        &scorer,
        |ev| catalog.explain(ev, &options),
        |line, result| {
            out.line(|buf| match &result {
                Ok(x) if json => {
                    if let Ok(j) = serde_json::to_vec(x) {
                        buf.extend_from_slice(&j);
                    }
                }
                Ok(x) => {
                    let _ = writeln!(buf, "{x}");
                }
                Err(e) if json => {
                    BatchScorer::error_record_as(buf, line, e, json_errors)
                }
                Err(e) => {
                    let _ = writeln!(buf, "line {line}: {e}");
                }
            })
        },
    )?;
    out.finish()?;
    eprintln!(
        "{} lines: {} explained, {} rejected",
        stats.lines, stats.scored, stats.rejected
    );
    Ok(exit(stats))
}

/// `ocop check`: every problem of each evaluation, one list a line.
pub fn check(
    catalog: &Catalog,
    input: Input,
    rules: Rules,
    json_errors: bool,
) -> Result<ExitCode, Fail> {
    let options = rules.options(catalog)?;
    let input = input.source(catalog, &options)?;
    let mut out = Lines::stdout();
    let scorer = BatchScorer::new(catalog);
    let mut with_problems = 0u64;
    let stats = input.check_each(
        &scorer,
        |ev| catalog.check_with(ev, &options),
        |line, result| {
            out.line(|buf| match &result {
                Ok(problems) => {
                    with_problems += u64::from(!problems.is_empty());
                    BatchScorer::problems_record(buf, problems);
                }
                Err(e) => {
                    BatchScorer::error_record_as(buf, line, e, json_errors)
                }
            })
        },
    )?;
    out.finish()?;
    eprintln!(
        "{} lines: {} without problems, {with_problems} with, {} rejected",
        stats.lines,
        stats.scored - with_problems,
        stats.rejected
    );
    let clean = with_problems == 0 && stats.rejected == 0;
    Ok(if clean { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

/// The flags of `ocop report` of its own.
pub struct ReportArgs {
    pub by: Vec<String>,
    pub as_of: Option<ocop::Date>,
    pub lang: report::Lang,
    pub output: PathBuf,
}

/// `ocop report`: the library's report ([`report::collect`]) written to
/// the file. An extension the report does not write is a usage error,
/// found before any line is read.
pub fn report(
    catalog: &Catalog,
    input: Input,
    args: ReportArgs,
    rules: Rules,
    threads: Threads,
) -> Result<ExitCode, Fail> {
    let output = &args.output;
    let kind = Output::for_path(output).ok_or_else(|| {
        format!("{}: a report writes .html or .xlsx", output.display())
    })?;
    let score = rules.options(catalog)?;
    let mut opts = ReportOptions::default();
    opts.plan = PlanOptions { score, ..Default::default() };
    opts.by = args.by;
    opts.as_of = args.as_of;
    opts.lang = args.lang;
    opts.output = kind;
    opts.threads = threads.threads;
    let report = match input.source(catalog, &opts.plan.score)? {
        book::Source::Lines(r) => report::collect(catalog, r, &opts)?,
        book::Source::Book(p) => report::collect_products(catalog, p, &opts),
    };
    let stats = report.stats;
    // Written as it is made: a large workbook is never held whole.
    let written = if output.as_os_str() == "-" {
        let out = BufWriter::with_capacity(1 << 16, std::io::stdout());
        report.write_to(out)?
    } else {
        let file = std::fs::File::create(output)
            .map_err(|e| format!("{}: {e}", output.display()))?;
        let out = BufWriter::with_capacity(1 << 16, file);
        // A report that could not be written leaves no part of a file.
        report.write_to(out).at(output.display()).inspect_err(|_| {
            let _ = std::fs::remove_file(output);
        })?
    };
    eprintln!(
        "{} lines: {} scored, {} rejected; wrote {} ({} KB)",
        stats.lines,
        stats.scored,
        stats.rejected,
        output.display(),
        written.div_ceil(1024)
    );
    Ok(exit(stats))
}

/// `ocop import`: a workbook's evaluations as JSON Lines.
pub fn import(
    catalog: &Catalog,
    file: &str,
    rules: Rules,
    json_errors: bool,
) -> Result<ExitCode, Fail> {
    let options = rules.options(catalog)?;
    let out = BufWriter::new(std::io::stdout());
    let stats = book::import(catalog, file, &options, out, json_errors)?;
    eprintln!(
        "{} products: {} read, {} rejected",
        stats.lines, stats.scored, stats.rejected
    );
    Ok(exit(stats))
}

/// `ocop docx`: Phần III of Mẫu 02 for one evaluation, as Word.
pub fn docx(
    catalog: &Catalog,
    file: &str,
    rules: Rules,
    output: &std::path::Path,
) -> Result<ExitCode, Fail> {
    let options = rules.options(catalog)?;
    let mut text = String::new();
    crate::open(file)
        .and_then(|mut r| r.read_to_string(&mut text))
        .map_err(|e| format!("{file}: {e}"))?;
    let ev = ocop::Evaluation::from_json(text.trim_end()).at(file)?;
    let bytes = ocop::docx::part_iii(catalog, &ev, &options).at(file)?;
    std::fs::write(output, bytes)
        .map_err(|e| format!("{}: {e}", output.display()))?;
    Ok(ExitCode::SUCCESS)
}

/// `ocop sets`: the editions and their sets.
pub fn sets(
    catalog: &Catalog,
    only: Option<String>,
) -> Result<ExitCode, Fail> {
    let only = match only {
        Some(id) => Some(catalog.find_edition(&id)?.id().to_owned()),
        None => None,
    };
    let mut out = String::new();
    for ed in catalog.editions() {
        if only.as_deref().is_some_and(|e| e != ed.id()) {
            continue;
        }
        out += &ed.to_string();
    }
    print!("{out}");
    Ok(ExitCode::SUCCESS)
}

/// `ocop show`: one set as a sheet.
pub fn show(
    catalog: &Catalog,
    set: &str,
    edition: Option<String>,
) -> Result<ExitCode, Fail> {
    let ed = catalog.edition_or_today(edition.as_deref())?;
    print!("{}", ed.find_set(set)?);
    Ok(ExitCode::SUCCESS)
}

/// Standard output for commands that write one line per input line from
/// a callback: a write error is kept and reported once at the end, and
/// the batch still reads (and counts) the whole input.
struct Lines {
    out: BufWriter<std::io::Stdout>,
    buf: Vec<u8>,
    failed: Option<std::io::Error>,
}

impl Lines {
    fn stdout() -> Lines {
        let out = BufWriter::with_capacity(1 << 16, std::io::stdout());
        Lines { out, buf: Vec::new(), failed: None }
    }

    /// Writes what `fill` puts in the buffer, then a newline.
    fn line(&mut self, fill: impl FnOnce(&mut Vec<u8>)) {
        self.buf.clear();
        fill(&mut self.buf);
        self.buf.push(b'\n');
        if self.failed.is_none() {
            self.failed = self.out.write_all(&self.buf).err();
        }
    }

    fn finish(mut self) -> Result<(), String> {
        match self.failed.take().or_else(|| self.out.flush().err()) {
            Some(e) => Err(format!("output: {e}")),
            None => Ok(()),
        }
    }
}
