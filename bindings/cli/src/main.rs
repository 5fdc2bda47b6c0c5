//! The `putokaz` command: assess cases, check and test packs, list what is due.
//!
//! Exit codes: 0 success; 1 invalid input (a pack or case with errors, or failing pack
//! tests); 2 wrong usage; 3 a file could not be read or written.

use clap::{Parser, Subcommand};
use putokaz::{Case, Error, Options, Protocol};
use std::io::{BufRead, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

mod analysis;
mod due;

#[derive(Parser)]
#[command(
    name = "putokaz",
    version,
    about = "Anti-trafficking referral protocols of Bosnia and Herzegovina, as a testable engine"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// Which protocol, at what moment, in which language: shared by the commands that assess.
#[derive(clap::Args)]
pub(crate) struct Context {
    /// A bundled pack id (`bih`, `ilo-2009`) or a pack directory.
    #[arg(long, default_value = "bih")]
    pack: String,
    /// The moment of assessment (RFC 3339 with offset); default: now.
    #[arg(long)]
    as_of: Option<String>,
    /// Language of the text: bs, hr, sr-Latn, sr-Cyrl or en; default: the pack's first language.
    #[arg(long)]
    lang: Option<String>,
    /// Set a local_policy parameter for this run: NAME=VALUE (repeatable).
    #[arg(long = "set", value_name = "NAME=VALUE")]
    set: Vec<String>,
}

impl Context {
    pub(crate) fn protocol(&self) -> Result<Protocol, Failure> {
        with_settings(load(&self.pack)?, &self.set)
    }

    pub(crate) fn as_of(&self) -> Result<jiff::Timestamp, Failure> {
        as_of(self.as_of.as_deref())
    }

    /// `base` in the language asked for with `--lang`.
    pub(crate) fn options(&self, base: Options) -> Result<Options, Failure> {
        match &self.lang {
            Some(code) => Ok(base.language(code.parse()?)),
            None => Ok(base),
        }
    }
}

/// Applies `NAME=VALUE` settings of local_policy parameters.
pub(crate) fn with_settings(mut protocol: Protocol, set: &[String]) -> Result<Protocol, Failure> {
    for s in set {
        let (name, value) =
            s.split_once('=').ok_or_else(|| Failure::Usage(format!("--set takes NAME=VALUE, not `{s}`")))?;
        protocol = protocol.with_local_parameter(name, value)?;
    }
    Ok(protocol)
}

#[derive(Subcommand)]
enum Command {
    /// Assess a case (JSON), or many (JSON Lines with --jsonl).
    Assess {
        /// The case file, or `-` for standard input.
        case: String,
        #[command(flatten)]
        ctx: Context,
        /// Print the assessment as JSON instead of text.
        #[arg(long)]
        json: bool,
        /// Read one case per line and write one JSON assessment per line.
        #[arg(long)]
        jsonl: bool,
        /// Leave out the trace and the ranking of unknowns (faster).
        #[arg(long)]
        fast: bool,
    },
    /// Check a pack and print every problem found.
    Check {
        /// A bundled pack id or a pack directory.
        pack: String,
    },
    /// What a protocol change would do to a case set: which cases change level,
    /// classification or obligations, and which rules cause it.
    Diff {
        /// The protocol as it is (bundled id or directory).
        from: String,
        /// The protocol to compare with.
        to: String,
        /// Cases as JSON Lines, or `-`.
        cases: String,
        #[arg(long)]
        as_of: Option<String>,
        /// Set a local_policy parameter in the second protocol: NAME=VALUE (repeatable).
        #[arg(long = "set", value_name = "NAME=VALUE")]
        set: Vec<String>,
        #[arg(long)]
        json: bool,
    },
    /// Explain a decision; with --what-if, the smallest indicator changes that would
    /// move its level up or down.
    Explain {
        case: String,
        #[command(flatten)]
        ctx: Context,
        /// Search for counterfactuals (up to two changes).
        #[arg(long)]
        what_if: bool,
        /// How many change sets to show in each direction.
        #[arg(long, default_value_t = 5)]
        limit: usize,
        #[arg(long)]
        json: bool,
    },
    /// Write synthetic, fictional cases as JSON Lines (seeded, reproducible): for
    /// benchmarks, scaling runs and demonstrations. Not data about anyone.
    Synth {
        #[arg(long, default_value = "bih")]
        pack: String,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        #[arg(long, default_value_t = 1000)]
        count: usize,
    },
    /// Print the pack's provenance table (rule → source → status) as Markdown.
    Provenance {
        /// A bundled pack id or a pack directory.
        pack: String,
    },
    /// Run a pack's own test cases.
    Test {
        /// A bundled pack id or a pack directory.
        pack: String,
    },
    /// List pending and overdue obligations across many cases, grouped by institution:
    /// the agenda of a coordination team meeting.
    Due {
        /// Cases as JSON Lines, or `-` for standard input.
        cases: String,
        #[command(flatten)]
        ctx: Context,
        /// Only cases whose coordination team is this one (exact name or area code).
        #[arg(long)]
        team: Option<String>,
    },
}

/// Why the command failed, and its exit code.
pub(crate) enum Failure {
    Invalid(String),
    Usage(String),
    Io(String),
}

impl From<Error> for Failure {
    fn from(e: Error) -> Failure {
        match e {
            Error::Usage(u) => Failure::Usage(u.message),
            other => Failure::Invalid(other.to_string()),
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Assess { case, ctx, json, jsonl, fast } => assess(&case, &ctx, json, jsonl, fast),
        Command::Check { pack } => check(&pack),
        Command::Test { pack } => test(&pack),
        Command::Diff { from, to, cases, as_of, set, json } => {
            analysis::diff(&from, &to, &cases, as_of.as_deref(), &set, json)
        }
        Command::Explain { case, ctx, what_if, limit, json } => {
            if what_if {
                analysis::what_if(&ctx, &case, limit, json)
            } else {
                assess(&case, &ctx, json, false, false)
            }
        }
        Command::Synth { pack, seed, count } => synth(&pack, seed, count),
        Command::Provenance { pack } => load(&pack).map(|p| {
            print!("{}", p.provenance_table());
            ExitCode::SUCCESS
        }),
        Command::Due { cases, ctx, team } => due::run(&ctx, &cases, team.as_deref()),
    };
    match result {
        Ok(code) => code,
        Err(Failure::Invalid(m)) => {
            eprintln!("{m}");
            ExitCode::from(1)
        }
        Err(Failure::Usage(m)) => {
            eprintln!("error: {m}");
            ExitCode::from(2)
        }
        Err(Failure::Io(m)) => {
            eprintln!("error: {m}");
            ExitCode::from(3)
        }
    }
}

/// A bundled id, a pack directory, or the `pack.toml` in one.
fn pack_dir(spec: &str) -> Option<PathBuf> {
    if Protocol::bundled_ids().contains(&spec) {
        return None;
    }
    let p = Path::new(spec);
    Some(if p.is_file() { p.parent().map_or_else(|| PathBuf::from("."), Path::to_path_buf) } else { p.to_path_buf() })
}

pub(crate) fn load(spec: &str) -> Result<Protocol, Failure> {
    match pack_dir(spec) {
        None => Ok(Protocol::bundled(spec)?),
        Some(dir) if dir.join("pack.toml").is_file() => {
            Protocol::from_dir(&dir).map_err(|e| Failure::Invalid(e.to_string()))
        }
        Some(dir) => Err(Failure::Usage(format!(
            "`{}` is neither a bundled pack ({}) nor a directory with a pack.toml",
            dir.display(),
            Protocol::bundled_ids().join(", ")
        ))),
    }
}

pub(crate) fn as_of(text: Option<&str>) -> Result<jiff::Timestamp, Failure> {
    match text {
        Some(t) => Ok(putokaz::parse_as_of(t)?),
        None => Ok(jiff::Timestamp::now()),
    }
}

/// The non-blank lines of a JSON Lines file (or `-`), each with its 1-based number.
pub(crate) fn json_lines(path: &str) -> Result<impl Iterator<Item = Result<(usize, String), Failure>>, Failure> {
    Ok(open(path)?.lines().enumerate().filter_map(|(n, line)| match line {
        Ok(l) if l.trim().is_empty() => None,
        Ok(l) => Some(Ok((n + 1, l))),
        Err(e) => Some(Err(Failure::Io(format!("cannot read line {}: {e}", n + 1)))),
    }))
}

pub(crate) fn open(path: &str) -> Result<Box<dyn BufRead>, Failure> {
    if path == "-" {
        return Ok(Box::new(std::io::stdin().lock()));
    }
    let f = std::fs::File::open(path).map_err(|e| Failure::Io(format!("cannot read {path}: {e}")))?;
    Ok(Box::new(std::io::BufReader::new(f)))
}

fn assess(case_path: &str, ctx: &Context, json: bool, jsonl: bool, fast: bool) -> Result<ExitCode, Failure> {
    let protocol = ctx.protocol()?;
    let at = ctx.as_of()?;
    let options = ctx.options(if fast { Options::fast() } else { Options::default() })?;
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let io = |e: std::io::Error| Failure::Io(format!("cannot write: {e}"));
    if jsonl {
        // One case per line, one assessment (or error) per line; memory stays constant.
        let mut failed = false;
        for line in json_lines(case_path)? {
            let (n, line) = line?;
            let result = Case::from_json(&line).map_err(Error::from).and_then(|c| protocol.assess(&c, at, &options));
            match result {
                Ok(a) => writeln!(out, "{}", a.to_json()).map_err(io)?,
                Err(e) => {
                    failed = true;
                    let err = serde_json::json!({ "line": n, "error": { "kind": e.kind(), "message": e.to_string() } });
                    writeln!(out, "{err}").map_err(io)?;
                }
            }
        }
        out.flush().map_err(io)?;
        return Ok(if failed { ExitCode::from(1) } else { ExitCode::SUCCESS });
    }
    let mut text = String::new();
    open(case_path)?.read_to_string(&mut text).map_err(|e| Failure::Io(format!("cannot read {case_path}: {e}")))?;
    let case = Case::from_json(&text).map_err(Error::from)?;
    let a = protocol.assess(&case, at, &options)?;
    if json {
        writeln!(out, "{}", a.to_json_pretty()).map_err(io)?;
    } else {
        writeln!(out, "{}", a.text).map_err(io)?;
    }
    out.flush().map_err(io)?;
    Ok(ExitCode::SUCCESS)
}

fn synth(pack: &str, seed: u64, count: usize) -> Result<ExitCode, Failure> {
    let protocol = load(pack)?;
    let mut out = BufWriter::new(std::io::stdout().lock());
    for case in putokaz::synth::Synth::new(&protocol, seed).take(count) {
        writeln!(out, "{}", case.to_json()).map_err(|e| Failure::Io(format!("cannot write: {e}")))?;
    }
    out.flush().map_err(|e| Failure::Io(format!("cannot write: {e}")))?;
    Ok(ExitCode::SUCCESS)
}

fn check(pack: &str) -> Result<ExitCode, Failure> {
    match load(pack) {
        Ok(p) => {
            for w in p.warnings() {
                println!("warning: {w}");
            }
            println!(
                "{} {} ({}): ok — {} indicators, {} warnings",
                p.id(),
                p.version(),
                p.digest(),
                p.indicators().len(),
                p.warnings().len()
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(Failure::Invalid(m)) => {
            println!("{m}");
            let n = m.lines().filter(|l| !l.starts_with("  |")).count();
            println!("{pack}: {n} problem(s)");
            Ok(ExitCode::from(1))
        }
        Err(other) => Err(other),
    }
}

fn test(pack: &str) -> Result<ExitCode, Failure> {
    let protocol = load(pack)?;
    let outcomes = match pack_dir(pack) {
        None => putokaz::run_pack_tests(
            &protocol,
            &putokaz::BundledPack::new(pack).ok_or_else(|| Failure::Usage("no bundled pack has that id".into()))?,
        ),
        Some(dir) => putokaz::run_pack_tests(
            &protocol,
            &putokaz::DirectoryPack::for_path(&dir).map_err(|e| Failure::Invalid(e.to_string()))?,
        ),
    }
    .map_err(|e| Failure::Invalid(e.to_string()))?;
    let mut failed = 0;
    for o in &outcomes {
        if o.passed() {
            println!("ok     {} :: {}", o.file, o.name);
        } else {
            failed += 1;
            println!("FAILED {} :: {}", o.file, o.name);
            for f in &o.failures {
                println!("         {f}");
            }
        }
    }
    println!("pack {}: {} passed, {} failed", protocol.id(), outcomes.len() - failed, failed);
    Ok(if failed == 0 { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

use std::io::Read;
