//! The `ocop` command: a thin shell over the library.
//!
//! Exit status: 0 when every line scored, 1 when any line was rejected (all
//! output is still written) or a criteria directory has problems, 2 on a
//! usage or I/O error.

use std::io::{BufRead, BufReader, BufWriter, IsTerminal};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use ocop::{BatchScorer, BatchStats, Catalog, ScoreOptions, report};

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
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Scores JSON Lines of evaluations; writes one scorecard or error
    /// record per line to stdout.
    Score {
        /// Input file, or - for stdin.
        #[arg(default_value = "-")]
        file: String,
        /// Edition for evaluations that name none and give no date.
        #[arg(long)]
        edition: Option<String>,
        /// Use inferred data (reconstructed sets, corrected points, gates).
        #[arg(long)]
        inferred: bool,
        /// Also write each member's points per criterion and per section.
        #[arg(long)]
        points: bool,
        /// Worker threads (default: all cores).
        #[arg(long)]
        threads: Option<usize>,
    },
    /// Summarises scorecards: counts by star, set and carried fields, and
    /// products whose star differs from `recorded_star`.
    Summary {
        /// Input file (output of `ocop score`), or - for stdin.
        #[arg(default_value = "-")]
        file: String,
        /// A field to group by (repeatable); default province, district, commune.
        #[arg(long = "by", value_name = "FIELD")]
        by: Vec<String>,
        /// Print the summary as JSON (`ocop::report::Summary`).
        #[arg(long)]
        json: bool,
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
        /// Edition (default: the one in force today, qd26-2026).
        #[arg(long, default_value = "qd26-2026")]
        edition: String,
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
}

fn open(file: &str) -> std::io::Result<Box<dyn BufRead + Send>> {
    Ok(if file == "-" {
        Box::new(BufReader::with_capacity(1 << 16, std::io::stdin()))
    } else {
        Box::new(BufReader::with_capacity(1 << 16, std::fs::File::open(file)?))
    })
}

fn run(cli: Cli) -> Result<ExitCode, String> {
    if let Command::Criteria { command: CriteriaCommand::Check { dir } } =
        &cli.command
    {
        return check_criteria(dir);
    }
    let loaded;
    let catalog = match &cli.criteria {
        Some(dir) => {
            loaded = Catalog::from_dir(dir).map_err(|e| e.to_string())?;
            &loaded
        }
        None => Catalog::official(),
    };
    // An edition given on the command line is a usage error when unknown,
    // whatever the case it is written in.
    let edition = |id: &str| -> Result<String, String> {
        catalog
            .find_edition(id)
            .map(|e| e.id().to_owned())
            .map_err(|e| e.to_string())
    };
    match cli.command {
        Command::Score { file, edition: ed, inferred, points, threads } => {
            let ed = ed.as_deref().map(edition).transpose()?;
            let input = open(&file).map_err(|e| format!("{file}: {e}"))?;
            let out = BufWriter::with_capacity(1 << 16, std::io::stdout());
            let tty = std::io::stderr().is_terminal();
            let progress = |s: BatchStats| {
                if tty && s.lines >= 100_000 {
                    eprint!("\r{} lines, {} rejected", s.lines, s.rejected);
                }
            };
            let options =
                ScoreOptions { inferred, edition: ed, ..Default::default() };
            let mut scorer = BatchScorer::new(catalog)
                .options(options)
                .points(points)
                .progress(&progress);
            if let Some(n) = threads {
                scorer = scorer.threads(n);
            }
            let stats = scorer.run(input, out).map_err(|e| e.to_string())?;
            if tty && stats.lines >= 100_000 {
                eprintln!();
            }
            eprintln!(
                "{} lines: {} scored, {} rejected",
                stats.lines, stats.scored, stats.rejected
            );
            Ok(if stats.rejected > 0 {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
        Command::Summary { file, by, json } => {
            let input = open(&file).map_err(|e| format!("{file}: {e}"))?;
            let by: Vec<&str> = by.iter().map(String::as_str).collect();
            let by = if by.is_empty() {
                &report::DEFAULT_GROUPS[..]
            } else {
                &by[..]
            };
            let s = report::Summary::from_reader_with(input, by, catalog)
                .map_err(|e| e.to_string())?;
            if json {
                let text =
                    serde_json::to_string(&s).map_err(|e| e.to_string())?;
                println!("{text}");
            } else {
                print!("{s}");
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Sets { edition: only } => {
            let only = only.as_deref().map(edition).transpose()?;
            let mut out = String::new();
            for ed in catalog.editions() {
                if only.as_deref().is_some_and(|e| e != ed.id()) {
                    continue;
                }
                out += &report::edition_text(ed);
            }
            print!("{out}");
            Ok(ExitCode::SUCCESS)
        }
        Command::Show { set, edition: ed } => {
            let ed = catalog.find_edition(&ed).map_err(|e| e.to_string())?;
            let s = ed.find_set(&set).map_err(|e| e.to_string())?;
            print!("{}", report::sheet_text(s));
            Ok(ExitCode::SUCCESS)
        }
        Command::Criteria { .. } => unreachable!("handled above"),
    }
}

/// `ocop criteria check DIR`: every problem, one a line.
fn check_criteria(dir: &std::path::Path) -> Result<ExitCode, String> {
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
            _ => Err(e.to_string()),
        },
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(msg) => {
            eprintln!("ocop: {msg}");
            ExitCode::from(2)
        }
    }
}
