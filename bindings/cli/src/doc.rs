//! `putokaz doc`: the pack as a handbook, a static site in five languages
//! ([`putokaz::Handbook`]); with `--since`, what changed from an earlier version.

use crate::analysis::read_cases;
use crate::output::Out;
use crate::{as_of, packs, with_settings, Failure};
use putokaz::{Case, Error, Language, PackSource};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// How many synthetic cases `--since` compares on when no `--cases` are given.
const SYNTHETIC_CASES: usize = 1000;

#[derive(clap::Args)]
pub(crate) struct Doc {
    /// A bundled pack id (`bih`, `ilo-2009`) or a pack directory.
    pack: String,
    /// Only this language (repeatable): bs, hr, sr-Latn, sr-Cyrl, en; default: all five.
    #[arg(long = "lang")]
    lang: Vec<String>,
    /// The directory to write the site into (created if missing).
    #[arg(long, default_value = "site")]
    out: PathBuf,
    /// An earlier version of the pack (bundled id or directory): adds "what changed".
    #[arg(long)]
    since: Option<String>,
    /// Cases (JSON Lines) that "what changed" assesses under both versions; default:
    /// 1,000 synthetic cases (seed 1).
    #[arg(long, requires = "since")]
    cases: Option<String>,
    /// The moment "what changed" assesses at; default: 30 days after the latest report
    /// among the cases.
    #[arg(long, requires = "since")]
    as_of: Option<String>,
    /// Show a local_policy parameter at this value: NAME=VALUE (repeatable). The pack's
    /// tests and laws are run with it, and every page says the value is local.
    #[arg(long = "set", value_name = "NAME=VALUE")]
    set: Vec<String>,
}

pub(crate) fn run(args: &Doc) -> Result<ExitCode, Failure> {
    let protocol = with_settings(packs::load(&args.pack)?.protocol, &args.set)?;
    let languages = args.lang.iter().map(|l| l.parse()).collect::<Result<Vec<Language>, Error>>()?;
    let source = source(&args.pack)?;
    let invalid = |e: putokaz::PackError| Failure::Invalid(e.to_string());
    let laws = putokaz::run_pack_laws(&protocol, source.as_ref(), &[]).map_err(invalid)?;
    // The pack's tests run with its laws; the handbook shows the two apart.
    let mut tests = putokaz::run_pack_tests(&protocol, source.as_ref()).map_err(invalid)?;
    tests.retain(|t| !laws.contains(t));
    let changelog = source.read("CHANGELOG.md").ok();
    let old = args.since.as_deref().map(|spec| packs::load(spec).map(|p| p.protocol)).transpose()?;
    let cases = match (&old, &args.cases) {
        (None, _) => Vec::new(),
        (Some(_), Some(path)) => read_cases(path)?.0,
        (Some(_), None) => putokaz::synth::Synth::new(&protocol, 1).take(SYNTHETIC_CASES).collect(),
    };
    let at = match (&old, &args.as_of) {
        (None, _) => None,
        (Some(_), Some(text)) => Some(as_of(Some(text))?),
        (Some(_), None) => Some(after_latest_report(&cases)?),
    };
    let mut book = protocol.handbook().languages(&languages).tests(&tests).laws(&laws);
    if let Some(text) = &changelog {
        book = book.changelog(text);
    }
    if let (Some(old), Some(at)) = (&old, at) {
        book = book.since(old, &cases, at);
    }
    let site = book.render();
    site.write_to(&args.out)
        .map_err(|e| Failure::Io(format!("cannot write the site to {}: {e}", args.out.display())))?;
    let mut out = Out::new();
    out.line(&format!(
        "{} {}: wrote {} files to {}",
        protocol.id(),
        protocol.version(),
        site.files().count(),
        args.out.display()
    ))?;
    out.finish()?;
    Ok(ExitCode::SUCCESS)
}

/// Where the pack's other files (tests, changelog) are read from.
fn source(spec: &str) -> Result<Box<dyn PackSource>, Failure> {
    if let Some(bundled) = putokaz::BundledPack::new(spec) {
        return Ok(Box::new(bundled));
    }
    let dir = putokaz::DirectoryPack::for_path(Path::new(spec)).map_err(|e| Failure::Invalid(e.to_string()))?;
    Ok(Box::new(dir))
}

/// Thirty days after the latest report among `cases`: late enough for their deadlines
/// to have passed, and the same for the same cases.
fn after_latest_report(cases: &[Case]) -> Result<putokaz::Timestamp, Failure> {
    let latest = cases.iter().filter_map(|c| putokaz::parse_as_of(&c.reported_at).ok()).max();
    let latest =
        latest.ok_or_else(|| Failure::Usage("--since needs cases with a valid reported_at, or --as-of".into()))?;
    latest
        .checked_add(std::time::Duration::from_secs(30 * 24 * 3600))
        .map_err(|_| Failure::Usage("the latest report is too late to assess 30 days after it; give --as-of".into()))
}
