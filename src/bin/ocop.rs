//! The `ocop` command: a thin shell over the library.
//!
//! Exit status: 0 when every line scored, 1 when any line was rejected (all
//! output is still written) or a criteria directory has problems, 2 on a
//! usage or I/O error.

// Per-command code beside this file, in src/bin/ocop/.
#[path = "ocop/book.rs"]
mod book;
#[path = "ocop/fail.rs"]
mod fail;

use std::io::{BufRead, BufReader, BufWriter, IsTerminal, Read, Write};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use ocop::advice::PlanOptions;
use ocop::{BatchScorer, BatchStats, Catalog, ScoreOptions, report};

use fail::{At, Fail};

#[derive(Parser)]
#[command(
    name = "ocop",
    version,
    about = "Scores OCOP evaluations against the criteria of 1048/781, 148 and 26/2026"
)]
struct Cli {
    /// A directory of criteria files that overlays the embedded ones
    /// (`<dir>/<edition>/<set>.json`), e.g. the tables of 148/QĐ-TTg.
    #[arg(long, global = true, value_name = "DIR")]
    criteria: Option<std::path::PathBuf>,
    /// Errors as JSON, for programs that run the command: each rejected
    /// line's record also carries its sentence (`"message"`), and an
    /// error that stops the command is written to stderr as
    /// `{"error": {"kind": …}, "message": …}`.
    #[arg(long, global = true)]
    json_errors: bool,
    #[command(subcommand)]
    command: Command,
}

/// Which rules score an evaluation: shared by every command that scores.
#[derive(Args)]
struct Rules {
    /// Edition for evaluations that name none and give no date.
    #[arg(long)]
    edition: Option<String>,
    /// Use inferred data (reconstructed sets, corrected points, gates).
    #[arg(long)]
    inferred: bool,
    /// Use sets transcribed from a source of low trust (the one bundled
    /// table of 148/QĐ-TTg); every scorecard says so.
    #[arg(long)]
    weak_sources: bool,
}

impl Rules {
    /// The library's options; an unknown edition is a usage error,
    /// whatever the case it is written in.
    fn options(self, catalog: &Catalog) -> Result<ScoreOptions, Fail> {
        let opts = ScoreOptions {
            inferred: self.inferred,
            weak_sources: self.weak_sources,
            ..Default::default()
        };
        Ok(opts.with_edition(catalog, self.edition.as_deref())?)
    }
}

/// The input of a command that reads evaluations.
#[derive(Args)]
struct Input {
    /// Input file (JSON Lines; or a workbook, .xlsx, .xls, .ods or .csv, by
    /// its extension), or - for stdin.
    #[arg(default_value = "-")]
    file: String,
}

impl Input {
    fn open(&self) -> Result<Box<dyn BufRead + Send>, String> {
        open(&self.file).map_err(|e| format!("{}: {e}", self.file))
    }

    /// Evaluations: JSON Lines, or a workbook's products.
    fn source(
        &self,
        catalog: &Catalog,
        opts: &ScoreOptions,
    ) -> Result<book::Source, Fail> {
        book::Source::of(&self.file, catalog, opts, || self.open())
    }
}

/// Worker threads for a batch.
#[derive(Args)]
struct Threads {
    /// Worker threads (default: all cores; at most 256).
    #[arg(long, value_parser = threads_in_range)]
    threads: Option<usize>,
}

/// 1 to the library's [`ocop::MAX_THREADS`].
fn threads_in_range(s: &str) -> Result<usize, String> {
    let n: usize = s.parse().map_err(|e| format!("{e}"))?;
    if (1..=ocop::MAX_THREADS).contains(&n) {
        Ok(n)
    } else {
        Err(format!("give 1 to {} threads", ocop::MAX_THREADS))
    }
}

impl Threads {
    fn apply<'c>(&self, scorer: BatchScorer<'c>) -> BatchScorer<'c> {
        match self.threads {
            Some(n) => scorer.threads(n),
            None => scorer,
        }
    }
}

#[derive(Subcommand)]
enum Command {
    /// Scores JSON Lines of evaluations; writes one scorecard or error
    /// record per line to stdout.
    Score {
        #[command(flatten)]
        input: Input,
        #[command(flatten)]
        rules: Rules,
        /// Also write each member's points per criterion and per section.
        #[arg(long)]
        points: bool,
        #[command(flatten)]
        threads: Threads,
    },
    /// Summarises scorecards: counts by star, set and carried fields, and
    /// products whose star differs from `recorded_star`.
    Summary {
        /// The output of `ocop score`.
        #[command(flatten)]
        input: Input,
        /// A field to group by (repeatable); default: those of province,
        /// district, commune that the data has.
        #[arg(long = "by", value_name = "FIELD")]
        by: Vec<String>,
        /// Print the summary as JSON (`ocop::report::Summary`).
        #[arg(long)]
        json: bool,
    },
    /// Plans the fewest changes that bring each product to its next star
    /// (or --target); writes one plan or error record per line.
    Plan {
        #[command(flatten)]
        input: Input,
        /// The star to reach, 1 to 5 (default: the star above the final
        /// star, 3★ for a product without one).
        #[arg(long)]
        target: Option<u8>,
        /// A JSON file of costs to minimise:
        /// {"default": 1, "criteria": {"1.2": 5, "8": {"3": 2, "4": 5}}}.
        #[arg(long, value_name = "FILE")]
        costs: Option<std::path::PathBuf>,
        #[command(flatten)]
        rules: Rules,
        #[command(flatten)]
        threads: Threads,
        /// Print the plans for people instead of JSON.
        #[arg(long)]
        text: bool,
    },
    /// Explains each evaluation criterion by criterion: the council's
    /// points, what is left, the options above, each tier's minimum.
    Explain {
        #[command(flatten)]
        input: Input,
        /// Write JSON lines instead of text.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        rules: Rules,
    },
    /// Checks each evaluation as a form would, listing every problem at
    /// once rather than the first; writes one JSON list of problems per
    /// line (`[]` for none). Exit 1 when any line has a problem.
    Check {
        #[command(flatten)]
        input: Input,
        #[command(flatten)]
        rules: Rules,
    },
    /// Scores and plans evaluations and writes a province report: one
    /// self-contained HTML page.
    Report {
        #[command(flatten)]
        input: Input,
        /// Carried fields for the places panel, outermost first (default:
        /// those of province, district, commune that the data has).
        #[arg(long = "by", value_name = "FIELD")]
        by: Vec<String>,
        /// The day certificates are taken on, YYYY-MM-DD (default: today
        /// in Vietnam).
        #[arg(long, value_name = "DATE")]
        as_of: Option<ocop::Date>,
        /// Language of the page: vi or en.
        #[arg(long, default_value = "vi")]
        lang: ocop::html::Lang,
        #[command(flatten)]
        rules: Rules,
        #[command(flatten)]
        threads: Threads,
        /// The HTML file to write, or - for stdout; FILE.xlsx writes the
        /// results workbook instead.
        #[arg(long, short = 'o', value_name = "FILE")]
        output: std::path::PathBuf,
    },
    /// Writes a blank workbook (.xlsx) or CSV file for a set, to type a
    /// council's points into.
    Template {
        /// Set id or phân nhóm name.
        set: String,
        /// Edition (default: the one in force today in Vietnam).
        #[arg(long)]
        edition: Option<String>,
        /// Member columns on each product's sheet.
        #[arg(long, default_value_t = 5)]
        members: usize,
        /// Products (one sheet of points each).
        #[arg(long, default_value_t = 1)]
        products: usize,
        /// The file to write: FILE.xlsx or FILE.csv.
        #[arg(long, short = 'o', value_name = "FILE")]
        output: std::path::PathBuf,
    },
    /// Reads a workbook (.xlsx, .xls, .ods) or CSV file of council points and
    /// writes its evaluations as JSON Lines, an error record in place of
    /// each product with problems.
    Import {
        /// The workbook.
        file: String,
        #[command(flatten)]
        rules: Rules,
    },
    /// Writes Phần III of Mẫu số 02 (the producer's self-assessment) as a
    /// Word document: producer, a table of criterion, option, points and
    /// description (the `descriptions` field), the total and the star.
    Docx {
        /// A JSON file of one evaluation (what the self-assessment page
        /// exports), or - for stdin.
        file: String,
        #[command(flatten)]
        rules: Rules,
        /// The .docx file to write.
        #[arg(long, short = 'o', value_name = "FILE")]
        output: std::path::PathBuf,
    },
    /// Lists editions and their sets.
    Sets {
        /// Only this edition.
        #[arg(long)]
        edition: Option<String>,
    },
    /// Prints one criteria set as a sheet.
    Show {
        /// Set id or phân nhóm name.
        set: String,
        /// Edition (default: the one in force today in Vietnam).
        #[arg(long)]
        edition: Option<String>,
    },
    /// Works with criteria files.
    Criteria {
        #[command(subcommand)]
        command: CriteriaCommand,
    },
}

#[derive(Subcommand)]
enum CriteriaCommand {
    /// Checks a directory of criteria files (laid out as
    /// `<dir>/<edition>/<set>.json`) and lists every problem in every
    /// file; exit 1 when there is any.
    Check {
        /// The directory.
        dir: std::path::PathBuf,
    },
    /// Writes a workbook for typing one criteria set (.xlsx): the set's
    /// identity on the first sheet, one row per part, group, criterion
    /// and option on the second.
    Template {
        /// Pre-fill it from this set (id or phân nhóm name).
        #[arg(long)]
        like: Option<String>,
        /// The edition of `--like`, and of the rules the template shows
        /// (default: the one in force today in Vietnam).
        #[arg(long)]
        edition: Option<String>,
        /// The workbook to write.
        #[arg(short, long)]
        output: std::path::PathBuf,
    },
    /// Reads a criteria workbook, checks it as `criteria check` does
    /// (every problem at its cell), and writes DIR/<edition>/<set>.json
    /// for `--criteria DIR`.
    Build {
        /// The workbook.
        file: std::path::PathBuf,
        /// The criteria directory to write into.
        #[arg(short, long, value_name = "DIR")]
        output: std::path::PathBuf,
    },
}

fn open(file: &str) -> std::io::Result<Box<dyn BufRead + Send>> {
    Ok(if file == "-" {
        Box::new(BufReader::with_capacity(1 << 16, std::io::stdin()))
    } else {
        Box::new(BufReader::with_capacity(1 << 16, std::fs::File::open(file)?))
    })
}

fn run(cli: Cli) -> Result<ExitCode, Fail> {
    let json_errors = cli.json_errors;
    if let Command::Criteria { command: CriteriaCommand::Check { dir } } =
        &cli.command
    {
        return check_criteria(dir);
    }
    let loaded;
    let catalog = match &cli.criteria {
        Some(dir) => {
            loaded = Catalog::from_dir(dir).at(dir.display())?;
            &loaded
        }
        None => Catalog::official(),
    };
    match cli.command {
        Command::Score { input, rules, points, threads } => {
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
        Command::Summary { input, by, json } => {
            let input = input.open()?;
            let by: Vec<&str> = by.iter().map(String::as_str).collect();
            let s = report::Summary::from_reader_with(input, &by, catalog)?;
            if json {
                let text =
                    serde_json::to_string(&s).map_err(|e| e.to_string())?;
                println!("{text}");
            } else {
                print!("{s}");
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Plan { input, target, costs, rules, threads, text } => {
            let score = rules.options(catalog)?;
            let costs = match &costs {
                None => None,
                Some(path) => Some(
                    std::fs::read_to_string(path)
                        .map_err(|e| format!("{}: {e}", path.display()))?,
                ),
            };
            // Target and costs checked before any line is read, by the
            // library's one rule.
            let opts =
                PlanOptions::new(catalog, target, costs.as_deref(), score)?;
            let input = input.source(catalog, &opts.score)?;
            let mut out = Lines::stdout();
            let mut counts = report::PlanCounts::default();
            let scorer = threads.apply(BatchScorer::new(catalog));
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
                        Err(e) => BatchScorer::error_record_as(
                            buf,
                            line,
                            e,
                            json_errors,
                        ),
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
        Command::Explain { input, json, rules } => {
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
                        Err(e) if json => BatchScorer::error_record_as(
                            buf,
                            line,
                            e,
                            json_errors,
                        ),
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
        Command::Check { input, rules } => {
            let options = rules.options(catalog)?;
            let input = input.source(catalog, &options)?;
            let mut out = Lines::stdout();
            let scorer = BatchScorer::new(catalog);
            let mut with_problems = 0u64;
            let stats = input.map_each(
                &scorer,
                |ev| Ok(catalog.check_with(ev, &options)),
                |line, result| {
                    out.line(|buf| match &result {
                        Ok(problems) => {
                            with_problems += u64::from(!problems.is_empty());
                            BatchScorer::problems_record(buf, problems);
                        }
                        Err(e) => BatchScorer::error_record_as(
                            buf,
                            line,
                            e,
                            json_errors,
                        ),
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
        Command::Report { input, by, as_of, lang, rules, threads, output } => {
            let score = rules.options(catalog)?;
            let by: Vec<&str> = by.iter().map(String::as_str).collect();
            let summary = match &by[..] {
                [] => report::Summary::default(),
                by => report::Summary::new(by),
            };
            let as_of = as_of.unwrap_or_else(ocop::Date::today_in_vietnam);
            let mut summary = summary.as_of(as_of);
            let input = input.source(catalog, &score)?;
            let opts = PlanOptions { score, ..Default::default() };
            let scorer = threads.apply(BatchScorer::new(catalog));
            // FILE.xlsx: the results workbook, which also lists each
            // product's council mean per criterion.
            let book = book::results_wanted(&output);
            let mut results = ocop::report::Results::default();
            // A line that is an evaluation but cannot be scored keeps its
            // carried fields, so that its certificate is still listed.
            let mut unscored = 0;
            let stats = input.map_each(
                &scorer,
                |ev| {
                    let scored = catalog.score_and_plan(ev, &opts).and_then(
                        |(card, plan)| {
                            let x =
                                book.then(|| catalog.explain(ev, &opts.score));
                            Ok((card, plan, x.transpose()?))
                        },
                    );
                    Ok(scored.map_err(|e| (e, ev.carried())))
                },
                |line, result| {
                    let (e, fields) = match result {
                        Ok(Ok((card, plan, x))) => {
                            summary.add_plan(&card, &plan);
                            if book {
                                results.add(line, Ok((card.clone(), plan, x)));
                            }
                            summary.add_with(line, &Ok(card), Some(catalog));
                            return;
                        }
                        Ok(Err((e, fields))) => {
                            unscored += 1;
                            (e, Some(fields))
                        }
                        Err(e) => (e, None),
                    };
                    summary.add_rejected(line, &e, fields.as_ref());
                    if book {
                        results.add(line, Err(e));
                    }
                },
            )?;
            let stats = BatchStats {
                scored: stats.scored - unscored,
                rejected: stats.rejected + unscored,
                ..stats
            };
            let page = if book {
                results
                    .xlsx(&summary, lang == ocop::html::Lang::Vi)
                    .map_err(|e| e.to_string())?
            } else {
                ocop::html::page(&summary, lang).into_bytes()
            };
            if output.as_os_str() == "-" {
                let mut out = std::io::stdout().lock();
                out.write_all(&page)
                    .and_then(|()| out.flush())
                    .map_err(|e| format!("output: {e}"))?;
            } else {
                std::fs::write(&output, &page)
                    .map_err(|e| format!("{}: {e}", output.display()))?;
            }
            eprintln!(
                "{} lines: {} scored, {} rejected; wrote {} ({} KB)",
                stats.lines,
                stats.scored,
                stats.rejected,
                output.display(),
                page.len().div_ceil(1024)
            );
            Ok(exit(stats))
        }
        Command::Template { set, edition, members, products, output } => {
            book::template(
                catalog,
                &set,
                edition.as_deref(),
                members,
                products,
                &output,
            )?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Import { file, rules } => {
            let options = rules.options(catalog)?;
            let out = BufWriter::new(std::io::stdout());
            let stats =
                book::import(catalog, &file, &options, out, json_errors)?;
            eprintln!(
                "{} products: {} read, {} rejected",
                stats.lines, stats.scored, stats.rejected
            );
            Ok(exit(stats))
        }
        Command::Docx { file, rules, output } => {
            let options = rules.options(catalog)?;
            let mut text = String::new();
            open(&file)
                .and_then(|mut r| r.read_to_string(&mut text))
                .map_err(|e| format!("{file}: {e}"))?;
            let ev = ocop::Evaluation::from_json(text.trim_end()).at(&file)?;
            let bytes =
                ocop::docx::part_iii(catalog, &ev, &options).at(&file)?;
            std::fs::write(&output, bytes)
                .map_err(|e| format!("{}: {e}", output.display()))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Sets { edition: only } => {
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
        Command::Show { set, edition: ed } => {
            let ed = catalog.edition_or_today(ed.as_deref())?;
            let s = ed.find_set(&set)?;
            print!("{s}");
            Ok(ExitCode::SUCCESS)
        }
        Command::Criteria { command } => book::criteria(command, catalog),
    }
}

/// 0 when every line was handled, 1 when any was rejected.
fn exit(stats: BatchStats) -> ExitCode {
    if stats.rejected > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS }
}

/// `ocop criteria check DIR`: every problem, one a line.
fn check_criteria(dir: &std::path::Path) -> Result<ExitCode, Fail> {
    match Catalog::from_dir(dir) {
        Ok(catalog) => {
            let sets: usize =
                catalog.editions().map(|e| e.sets().count()).sum();
            println!(
                "{}: no problems ({} editions, {sets} sets with the embedded data)",
                dir.display(),
                catalog.editions().count()
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => match e.kind() {
            ocop::ErrorKind::InvalidData { problems } => {
                for p in problems {
                    println!("{p}");
                }
                eprintln!("{}: {} problems", dir.display(), problems.len());
                Ok(ExitCode::from(1))
            }
            _ => Err(e).at(dir.display()),
        },
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let json = cli.json_errors;
    match run(cli) {
        Ok(code) => code,
        Err(fail) => {
            fail.report(json);
            ExitCode::from(2)
        }
    }
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
