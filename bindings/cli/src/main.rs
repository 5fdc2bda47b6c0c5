//! The `putokaz` command: assess cases, check and test packs, list what is due.
//!
//! Exit codes: 0 success (also when the reader of the output goes away early, as with
//! `| head`); 1 invalid input (a pack or case with errors, a refused line of a batch, or
//! failing pack tests); 2 wrong usage; 3 a file could not be read, or the output could
//! not be written.

use clap::{CommandFactory, Parser, Subcommand};
use output::{warn, Out};
use putokaz::{Case, Error, Language, Options, Protocol};
use std::process::ExitCode;

mod analysis;
mod doc;
mod due;
mod input;
mod manual;
mod output;
mod packs;
mod translit;
mod words;

#[derive(Parser)]
#[command(
    name = "putokaz",
    version,
    about = "Anti-trafficking referral protocols of Bosnia and Herzegovina, as a testable engine",
    after_help = "A PACK is a pack directory (or its pack.toml) or a bundled pack id (bih, ilo-2009); a path that \
                  exists is used before a bundled pack of the same name.\n\nExit codes: 0 success (also when the \
                  reader of the output stops early); 1 invalid input; 2 wrong usage; 3 a file could not be read or \
                  the output could not be written."
)]
pub(crate) struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// Which protocol, at what moment, in which language: shared by the commands that assess.
#[derive(clap::Args)]
pub(crate) struct Context {
    /// The pack: a pack directory (or its pack.toml) or a bundled pack id (bih, ilo-2009).
    #[arg(long, value_name = "PACK", default_value = "bih")]
    pack: String,
    /// The moment of assessment (RFC 3339 with offset); default: now.
    #[arg(long, value_name = "RFC3339")]
    as_of: Option<String>,
    #[command(flatten)]
    lang: Lang,
    /// Set a local_policy parameter for this run: NAME=VALUE (repeatable).
    #[arg(long = "set", value_name = "NAME=VALUE")]
    set: Vec<String>,
}

/// The language of what is written.
#[derive(clap::Args)]
pub(crate) struct Lang {
    /// Language of the text: bs, hr, sr-Latn, sr-Cyrl or en; default: the pack's first language.
    #[arg(long = "lang", value_name = "LANG")]
    code: Option<String>,
}

impl Lang {
    /// The language asked for, or `protocol`'s first.
    pub(crate) fn of(&self, protocol: &Protocol) -> Result<Language, Failure> {
        match &self.code {
            Some(code) => Ok(code.parse()?),
            None => Ok(protocol.languages().first().and_then(|l| Language::parse(l)).unwrap_or(Language::En)),
        }
    }
}

impl Context {
    pub(crate) fn protocol(&self) -> Result<Protocol, Failure> {
        with_settings(packs::load(&self.pack)?.protocol, &self.set)
    }

    pub(crate) fn as_of(&self) -> Result<putokaz::Timestamp, Failure> {
        as_of(self.as_of.as_deref())
    }

    /// The language of the text for `protocol`.
    pub(crate) fn language(&self, protocol: &Protocol) -> Result<Language, Failure> {
        self.lang.of(protocol)
    }

    /// `base` in the language asked for with `--lang`.
    pub(crate) fn options(&self, base: Options) -> Result<Options, Failure> {
        match &self.lang.code {
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

/// How `--json` writes an assessment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum JsonForm {
    /// Indented, for reading.
    Pretty,
    /// One line: the bytes `to_json()` gives from Rust, C and Python.
    Canonical,
}

#[derive(Subcommand)]
enum Command {
    /// Assess a case (JSON), or many (JSON Lines with --jsonl).
    Assess {
        /// The case file, or `-` for standard input.
        case: String,
        #[command(flatten)]
        ctx: Context,
        /// Print the assessment as JSON instead of text: indented (`--json`, `--json=pretty`)
        /// or canonical, one line with the bytes of `to_json()` (`--json=canonical`).
        #[arg(long, value_name = "FORM", num_args = 0..=1, require_equals = true, default_missing_value = "pretty")]
        json: Option<JsonForm>,
        /// Read one case per line and write one canonical JSON assessment per line.
        #[arg(long)]
        jsonl: bool,
        /// Leave out the trace and the ranking of unknowns (faster).
        #[arg(long)]
        fast: bool,
    },
    /// Check a pack and print every problem found, or which pack was checked.
    Check {
        /// A pack directory (or its pack.toml) or a bundled pack id.
        pack: String,
    },
    /// What a protocol change would do to a case set: which cases change level,
    /// classification or obligations, and which rules cause it.
    Diff {
        /// The protocol as it is: a pack directory or a bundled pack id.
        from: String,
        /// The protocol to compare with: a pack directory or a bundled pack id.
        to: String,
        /// Cases as JSON Lines, or `-` for standard input.
        cases: String,
        /// The moment both protocols assess the cases for (RFC 3339 with offset); default: now.
        #[arg(long, value_name = "RFC3339")]
        as_of: Option<String>,
        /// Set a local_policy parameter in the second protocol: NAME=VALUE (repeatable).
        #[arg(long = "set", value_name = "NAME=VALUE")]
        set: Vec<String>,
        #[command(flatten)]
        lang: Lang,
        /// Print the comparison as JSON (ids and machine names) instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Explain a decision; with --what-if, the smallest indicator changes that would
    /// move its level up or down.
    Explain {
        /// The case file, or `-` for standard input.
        case: String,
        #[command(flatten)]
        ctx: Context,
        /// Search for counterfactuals (up to two changes).
        #[arg(long)]
        what_if: bool,
        /// How many change sets to show in each direction.
        #[arg(long, default_value_t = 5)]
        limit: usize,
        /// JSON instead of text (`--json=canonical`: one line, as `assess` gives it).
        #[arg(long, value_name = "FORM", num_args = 0..=1, require_equals = true, default_missing_value = "pretty")]
        json: Option<JsonForm>,
    },
    /// Write synthetic, fictional cases as JSON Lines (seeded, reproducible): for
    /// benchmarks, scaling runs and demonstrations. Not data about anyone.
    Synth {
        /// The pack whose municipalities, indicators and time zone the cases use.
        #[arg(long, value_name = "PACK", default_value = "bih")]
        pack: String,
        /// The seed: the same seed gives the same cases.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// How many cases.
        #[arg(long, default_value_t = 1000)]
        count: usize,
        /// Every time the cases hold is before this moment (RFC 3339 with offset), so they
        /// can be assessed as of it; default: the generator's own end, printed on standard error.
        #[arg(long, value_name = "RFC3339")]
        as_of: Option<String>,
    },
    /// Print the pack's provenance table (rule → source → status) as Markdown.
    Provenance {
        /// A pack directory (or its pack.toml) or a bundled pack id.
        pack: String,
    },
    /// Run a pack's own test cases and check its laws.
    Test {
        /// A pack directory (or its pack.toml) or a bundled pack id.
        pack: String,
    },
    /// Write the pack as a handbook: a static site (HTML, CSS, SVG) in five languages,
    /// with the referral flow as diagrams and a page per duty and per municipality.
    Doc(doc::Doc),
    /// List pending and overdue obligations across many cases, grouped by institution:
    /// the agenda of a coordination team meeting.
    Due {
        /// Cases as JSON Lines, or `-` for standard input.
        cases: String,
        #[command(flatten)]
        ctx: Context,
        /// Only cases of this coordination team: its name, or the code of its area (`SBK`).
        #[arg(long, value_name = "TEAM")]
        team: Option<String>,
    },
    /// Write a completion script for a shell to standard output.
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Write the manual page (roff) of the command, or with --dir the pages of it and of
    /// every subcommand into a directory.
    Man {
        /// Write putokaz.1 and putokaz-SUBCOMMAND.1 into this directory.
        #[arg(long, value_name = "DIR")]
        dir: Option<std::path::PathBuf>,
    },
    /// Write Serbian Latin text in Serbian Cyrillic, as the engine does (for a pack's
    /// `sr-Cyrl` labels, which the checker compares with their `sr-Latn` ones).
    Translit {
        /// The texts; without any, each line of standard input.
        text: Vec<String>,
    },
}

/// Why the command failed, and its exit code.
pub(crate) enum Failure {
    Invalid(String),
    Usage(String),
    Io(String),
    /// The reader of standard output went away: stop quietly.
    Closed,
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
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        // Help and version go through the one writer, so that a full disk is reported.
        Err(e) if matches!(e.kind(), clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion) => {
            return exit(print_help(&e));
        }
        Err(e) => e.exit(),
    };
    exit(run(cli.command))
}

fn print_help(e: &clap::Error) -> Result<ExitCode, Failure> {
    let mut out = Out::new();
    out.raw(&e.render().to_string())?;
    out.finish()?;
    Ok(ExitCode::SUCCESS)
}

fn run(command: Command) -> Result<ExitCode, Failure> {
    match command {
        Command::Assess { case, ctx, json, jsonl, fast } => assess(&case, &ctx, json, jsonl, fast),
        Command::Check { pack } => check(&pack),
        Command::Test { pack } => test(&pack),
        Command::Diff { from, to, cases, as_of, set, lang, json } => {
            analysis::diff(&from, &to, &cases, as_of.as_deref(), &set, &lang, json)
        }
        Command::Explain { case, ctx, what_if, limit, json } => {
            if what_if {
                analysis::what_if(&ctx, &case, limit, json.is_some())
            } else {
                assess(&case, &ctx, json, false, false)
            }
        }
        Command::Synth { pack, seed, count, as_of } => synth(&pack, seed, count, as_of.as_deref()),
        Command::Provenance { pack } => provenance(&pack),
        Command::Due { cases, ctx, team } => due::run(&ctx, &cases, team.as_deref()),
        Command::Completions { shell } => manual::completions(shell, &mut Cli::command()),
        Command::Man { dir } => manual::man(&Cli::command(), dir.as_deref()),
        Command::Translit { text } => translit::run(&text),
        Command::Doc(args) => doc::run(&args),
    }
}

fn exit(result: Result<ExitCode, Failure>) -> ExitCode {
    match result {
        Ok(code) => code,
        Err(Failure::Closed) => ExitCode::SUCCESS,
        Err(Failure::Invalid(m)) => {
            warn(&m);
            ExitCode::from(1)
        }
        Err(Failure::Usage(m)) => {
            warn(&format!("error: {m}"));
            ExitCode::from(2)
        }
        Err(Failure::Io(m)) => {
            warn(&format!("error: {m}"));
            ExitCode::from(3)
        }
    }
}

pub(crate) fn as_of(text: Option<&str>) -> Result<putokaz::Timestamp, Failure> {
    match text {
        Some(t) => Ok(putokaz::parse_as_of(t)?),
        None => Ok(putokaz::Timestamp::now()),
    }
}

fn assess(
    case_path: &str,
    ctx: &Context,
    json: Option<JsonForm>,
    jsonl: bool,
    fast: bool,
) -> Result<ExitCode, Failure> {
    let protocol = ctx.protocol()?;
    let at = ctx.as_of()?;
    let options = ctx.options(if fast { Options::fast() } else { Options::default() })?;
    let mut out = Out::new();
    if jsonl {
        // One case per line, one assessment (or error) per line; memory stays constant.
        let mut failed = false;
        for line in input::json_lines(case_path)? {
            let line = line?;
            match line.case.and_then(|c| protocol.assess(&c, at, &options)) {
                Ok(a) => out.raw(&a.to_json())?,
                Err(e) => {
                    failed = true;
                    let kind = e.kind();
                    let err =
                        serde_json::json!({ "line": line.number, "error": { "kind": kind, "message": e.to_string() } });
                    out.raw(&err.to_string())?;
                }
            }
        }
        out.finish()?;
        return Ok(if failed { ExitCode::from(1) } else { ExitCode::SUCCESS });
    }
    let case = input::case_file(case_path)?;
    match json {
        Some(form) => {
            let a = protocol.assess(&case, at, &options)?;
            out.raw(&if form == JsonForm::Canonical { a.to_json() } else { a.to_json_pretty() })?;
        }
        None => out.text(&protocol.assess(&for_display(case), at, &options)?.text)?,
    }
    out.finish()?;
    Ok(ExitCode::SUCCESS)
}

/// The case with its free texts escaped, for an assessment that is printed as text: an id
/// or a reason cannot then forge a line. Nothing the engine decides on changes (a
/// municipality that needs escaping names no municipality of any pack).
fn for_display(mut case: Case) -> Case {
    let escaped = |s: &mut String| {
        if let std::borrow::Cow::Owned(e) = output::escape(s) {
            *s = e;
        }
    };
    escaped(&mut case.id);
    if let Some(m) = case.municipality.as_mut() {
        escaped(m);
    }
    if let Some(d) = case.discretionary_override.as_mut() {
        escaped(&mut d.reason);
        escaped(&mut d.reviewer);
    }
    case
}

fn synth(pack: &str, seed: u64, count: usize, as_of_text: Option<&str>) -> Result<ExitCode, Failure> {
    let protocol = packs::load(pack)?.protocol;
    let stream = match as_of_text {
        Some(t) => putokaz::synth::Synth::until(&protocol, seed, as_of(Some(t))?),
        None => {
            let stream = putokaz::synth::Synth::new(&protocol, seed);
            let zone = putokaz::TimeZone::get(protocol.time_zone()).unwrap_or(putokaz::TimeZone::UTC);
            let end = putokaz::OffsetTimestamp::in_zone(stream.end(), &zone);
            warn(&format!("synth: every time is before {end}: assess the cases with --as-of {end} or later"));
            stream
        }
    };
    let mut out = Out::new();
    for case in stream.take(count) {
        out.raw(&case.to_json())?;
    }
    out.finish()?;
    Ok(ExitCode::SUCCESS)
}

fn provenance(pack: &str) -> Result<ExitCode, Failure> {
    let protocol = packs::load(pack)?.protocol;
    let mut out = Out::new();
    out.text(&protocol.provenance_table())?;
    out.finish()?;
    Ok(ExitCode::SUCCESS)
}

fn check(spec: &str) -> Result<ExitCode, Failure> {
    let mut out = Out::new();
    let code = match packs::load(spec) {
        Ok(pack) => {
            let p = &pack.protocol;
            for w in p.warnings() {
                out.text(&format!("warning: {w}"))?;
            }
            out.line(&format!(
                "{}: ok — {} indicators, {} warnings",
                pack.identity(),
                p.indicators().len(),
                p.warnings().len()
            ))?;
            ExitCode::SUCCESS
        }
        Err(Failure::Invalid(m)) => {
            out.text(&m)?;
            let n = m.lines().filter(|l| !l.starts_with("  |")).count();
            out.line(&format!("{spec}: {n} problem(s)"))?;
            ExitCode::from(1)
        }
        Err(other) => return Err(other),
    };
    out.finish()?;
    Ok(code)
}

fn test(spec: &str) -> Result<ExitCode, Failure> {
    let pack = packs::load(spec)?;
    let outcomes =
        putokaz::run_pack_tests(&pack.protocol, &*pack.source()?).map_err(|e| Failure::Invalid(e.to_string()))?;
    let mut out = Out::new();
    let mut failed = 0;
    for o in &outcomes {
        if o.passed() {
            out.line(&format!("ok     {} :: {}", o.file, o.name))?;
        } else {
            failed += 1;
            out.line(&format!("FAILED {} :: {}", o.file, o.name))?;
            for f in &o.failures {
                out.text(&format!("         {f}"))?;
            }
        }
    }
    out.line(&format!("pack {}: {} passed, {} failed", pack.identity(), outcomes.len() - failed, failed))?;
    out.finish()?;
    Ok(if failed == 0 { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

#[cfg(test)]
mod tests {
    use super::Cli;
    use clap::CommandFactory;

    #[test]
    fn every_subcommand_and_option_says_what_it_is_for() {
        let cli = Cli::command();
        cli.clone().debug_assert();
        for sub in cli.get_subcommands() {
            assert!(sub.get_about().is_some(), "`{}` has no help", sub.get_name());
            for arg in sub.get_arguments().filter(|a| !matches!(a.get_id().as_str(), "help" | "version")) {
                assert!(arg.get_help().is_some(), "`{} {}` has no help", sub.get_name(), arg.get_id());
            }
        }
    }
}
