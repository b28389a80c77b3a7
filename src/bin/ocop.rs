//! The `ocop` command: a thin shell over the library.
//!
//! Exit status: 0 when every line scored, 1 when any line was rejected (all
//! output is still written) or a criteria directory has problems, 2 on a
//! usage or I/O error.

// Per-command code beside this file, in src/bin/ocop/.
#[path = "ocop/book.rs"]
mod book;
#[path = "ocop/commands.rs"]
mod commands;
#[path = "ocop/fail.rs"]
mod fail;

use std::io::{BufRead, BufReader};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use ocop::{BatchScorer, BatchStats, Catalog, ScoreOptions};

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
        /// Scorecards: the output of `ocop score` (JSON Lines), or - for
        /// stdin. A workbook is not read here: score it first
        /// (`ocop score book.xlsx | ocop summary`).
        #[arg(default_value = "-")]
        input: String,
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
        lang: ocop::report::Lang,
        #[command(flatten)]
        rules: Rules,
        #[command(flatten)]
        threads: Threads,
        /// The HTML file to write (.html, .htm or no extension), or - for
        /// stdout; FILE.xlsx writes the results workbook instead. Any other
        /// extension is a usage error.
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

/// The catalog, then the command's own function (in `ocop/commands.rs`).
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
        Command::Score { input, rules, points, threads } => commands::score(
            catalog,
            input,
            rules,
            points,
            threads,
            json_errors,
        ),
        Command::Summary { input, by, json } => {
            commands::summary(catalog, &input, &by, json)
        }
        Command::Plan { input, target, costs, rules, threads, text } => {
            let plan = commands::PlanArgs { target, costs, text };
            commands::plan(catalog, input, plan, rules, threads, json_errors)
        }
        Command::Explain { input, json, rules } => {
            commands::explain(catalog, input, json, rules, json_errors)
        }
        Command::Check { input, rules } => {
            commands::check(catalog, input, rules, json_errors)
        }
        Command::Report { input, by, as_of, lang, rules, threads, output } => {
            let args = commands::ReportArgs { by, as_of, lang, output };
            commands::report(catalog, input, args, rules, threads)
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
            commands::import(catalog, &file, rules, json_errors)
        }
        Command::Docx { file, rules, output } => {
            commands::docx(catalog, &file, rules, &output)
        }
        Command::Sets { edition } => commands::sets(catalog, edition),
        Command::Show { set, edition } => {
            commands::show(catalog, &set, edition)
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
