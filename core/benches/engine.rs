//! Engine benchmarks (divan): pack load, screening and assessment with and without the
//! trace, JSON in and out, on the BiH pack and on a neutral peer workload. Cases come from
//! the seeded synthetic generator, so every run measures the same mix. Run: `cargo bench -p putokaz --features synth --bench engine`.

use divan::{black_box, Bencher};
use putokaz::synth::Synth;
use putokaz::{Case, Options, Protocol};
use std::sync::OnceLock;

fn main() {
    divan::main();
}

const AS_OF: &str = "2026-12-31T12:00:00+01:00";
const CASES: usize = 1000;

type Workload = (Protocol, Vec<Case>, Vec<String>);

/// The pack's synthetic cases, each adjusted by `adjust` (with its position) before it is
/// written as JSON.
fn workload(p: Protocol, mut adjust: impl FnMut(usize, &mut Case)) -> Workload {
    let mut cases: Vec<Case> = Synth::new(&p, 42).take(CASES).collect();
    for (n, case) in cases.iter_mut().enumerate() {
        adjust(n, case);
    }
    let json = cases.iter().map(Case::to_json).collect();
    (p, cases, json)
}

/// The bundled BiH pack and its synthetic mix.
fn setup() -> &'static Workload {
    static S: OnceLock<Workload> = OnceLock::new();
    S.get_or_init(|| workload(Protocol::bundled("bih").unwrap(), |_, _| {}))
}

/// The neutral peer workload (`peer-pack/`): 16 weighted yes/no signals, a threshold on
/// a count, five levels, eight duties with hour deadlines — the shape of decision other
/// rule engines are measured on.
fn peer() -> &'static Workload {
    static S: OnceLock<Workload> = OnceLock::new();
    S.get_or_init(|| {
        // The generator's reporters, event kinds and consents are the BiH pack's; give
        // the peer pack's own instead (events keep their times).
        workload(Protocol::from_toml(include_str!("peer-pack/pack.toml")).unwrap(), |n, case| {
            case.reporter = Some(if n % 2 == 0 { "office_a" } else { "office_b" }.to_owned());
            for (k, e) in case.events.iter_mut().enumerate() {
                e.kind = format!("done_{}", (n + k) % 8);
            }
            case.consents.clear();
        })
    })
}

/// Runs `f` on the cases in turn, one case per iteration, so caches are not kept warm by
/// repeating one case.
fn rotating<T>(b: Bencher, mut f: impl FnMut(usize) -> T) {
    let mut i = 0;
    b.counter(1u32).bench_local(|| {
        i = (i + 1) % CASES;
        black_box(f(i))
    });
}

fn as_of() -> jiff::Timestamp {
    putokaz::parse_as_of(AS_OF).unwrap()
}

#[divan::bench]
fn load_and_check_bih_pack() -> Protocol {
    Protocol::bundled("bih").unwrap()
}

/// A pack of `facts` derived facts in chains of 1,000, each fact reading the one before:
/// checking time grows with the pack, not with its square.
#[divan::bench(args = [1_000, 2_000, 4_000, 8_000], sample_count = 10)]
fn load_and_check_fact_chains(b: Bencher, facts: usize) {
    let base = include_str!("../../tests/malformed/base-pack.toml");
    let mut text = base.to_owned();
    for i in 0..facts {
        let reads = if i % 1_000 == 0 { "long_hours".to_owned() } else { format!("f{}", i - 1) };
        text.push_str(&format!(
            "\n[facts.f{i}]\nlabel = {{ en = \"f\" }}\nwhen = \"{reads} and long_hours\"\nsource = \"s\"\nstatus = \"verified\"\n"
        ));
    }
    b.bench(|| Protocol::from_toml(black_box(&text)).unwrap());
}

/// Level, classification, score and obligation statuses: no words, no trace.
#[divan::bench]
fn screen(b: Bencher) {
    let (p, cases, _) = setup();
    let at = as_of();
    rotating(b, |i| p.screen(&cases[i], at, false).unwrap());
}

/// The full assessment model without trace, ranking or text.
#[divan::bench]
fn assess_trace_off(b: Bencher) {
    let (p, cases, _) = setup();
    let at = as_of();
    rotating(b, |i| p.assess(&cases[i], at, &Options::fast()).unwrap());
}

/// Everything: trace, ranked unknowns, rendered text.
#[divan::bench]
fn assess_full(b: Bencher) {
    let (p, cases, _) = setup();
    let at = as_of();
    rotating(b, |i| p.assess(&cases[i], at, &Options::default()).unwrap());
}

#[divan::bench]
fn case_from_json(b: Bencher) {
    let (_, _, json) = setup();
    rotating(b, |i| Case::from_json(&json[i]).unwrap());
}

/// JSON in, JSON out, trace off: what the C JSON entry does.
#[divan::bench]
fn assess_json_trace_off(b: Bencher) {
    let (p, _, json) = setup();
    rotating(b, |i| p.assess_json(&json[i], AS_OF, &Options::fast()).unwrap());
}

#[divan::bench]
fn assessment_to_json(b: Bencher) {
    let (p, cases, _) = setup();
    let at = as_of();
    let full: Vec<_> = cases.iter().take(100).map(|c| p.assess(c, at, &Options::default()).unwrap()).collect();
    let mut i = 0;
    b.counter(1u32).bench_local(|| {
        i = (i + 1) % full.len();
        black_box(full[i].to_json())
    });
}

/// JSON in, screening JSON out: what the C screening entry does.
#[divan::bench]
fn screen_json(b: Bencher) {
    let (p, _, json) = setup();
    rotating(b, |i| p.screen_json(&json[i], AS_OF, false).unwrap());
}

/// Screening with the most decisive unknown input ranked (what a frame's `top_unknown` costs).
#[divan::bench]
fn screen_ranked(b: Bencher) {
    let (p, cases, _) = setup();
    let at = as_of();
    rotating(b, |i| p.screen(&cases[i], at, true).unwrap());
}

/// The peer workload screened from a parsed case.
#[divan::bench]
fn peer_screen(b: Bencher) {
    let (p, cases, _) = peer();
    let at = as_of();
    rotating(b, |i| p.screen(&cases[i], at, false).unwrap());
}

/// The peer workload, case JSON in, screening JSON out.
#[divan::bench]
fn peer_screen_json(b: Bencher) {
    let (p, _, json) = peer();
    rotating(b, |i| p.screen_json(&json[i], AS_OF, false).unwrap());
}

/// The peer workload's assessment without trace, ranking or text.
#[divan::bench]
fn peer_assess_trace_off(b: Bencher) {
    let (p, cases, _) = peer();
    let at = as_of();
    rotating(b, |i| p.assess(&cases[i], at, &Options::fast()).unwrap());
}
