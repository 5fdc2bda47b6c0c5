//! One protocol shared by 8 threads for 1,000,000 screenings (and full assessments of
//! every vector), each compared with a serial run. Runs in release from tests/run.sh;
//! a debug build skips it (it would take minutes and prove nothing more).

use putokaz::{Case, Options, Protocol, Screening};
use std::sync::Arc;

fn vector_cases() -> Vec<(String, Case, String)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/vectors/cases");
    let mut out = Vec::new();
    let mut paths: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    paths.sort();
    for p in paths {
        let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap();
        if v["pack"] == "bih" {
            out.push((
                v["as_of"].as_str().unwrap().to_owned(),
                Case::from_json(&v["case"].to_string()).unwrap(),
                v["lang"].as_str().unwrap().to_owned(),
            ));
        }
    }
    out
}

#[test]
#[cfg_attr(debug_assertions, ignore = "run in release by tests/run.sh")]
fn eight_threads_agree_with_a_serial_run() {
    const THREADS: usize = 8;
    const TOTAL: usize = 1_000_000;
    let protocol = Protocol::bundled("bih").unwrap();
    let cases = Arc::new(vector_cases());
    let serial: Arc<Vec<(Screening, String)>> = Arc::new(
        cases
            .iter()
            .map(|(at, c, lang)| {
                let at = putokaz::parse_as_of(at).unwrap();
                let full = Options::default().language(lang.parse().unwrap());
                (protocol.screen(c, at, false).unwrap(), protocol.assess(c, at, &full).unwrap().to_json())
            })
            .collect(),
    );
    let handles: Vec<_> = (0..THREADS)
        .map(|t| {
            let (protocol, cases, serial) = (protocol.clone(), Arc::clone(&cases), Arc::clone(&serial));
            std::thread::spawn(move || {
                let mut done = 0usize;
                for i in 0..TOTAL / THREADS {
                    let k = (i * 7 + t) % cases.len();
                    let (at, case, lang) = &cases[k];
                    let at = putokaz::parse_as_of(at).unwrap();
                    assert_eq!(protocol.screen(case, at, false).unwrap(), serial[k].0);
                    if i % 5_000 == 0 {
                        let full = Options::default().language(lang.parse().unwrap());
                        assert_eq!(protocol.assess(case, at, &full).unwrap().to_json(), serial[k].1);
                    }
                    done += 1;
                }
                done
            })
        })
        .collect();
    let done: usize = handles.into_iter().map(|h| h.join().unwrap()).sum();
    assert_eq!(done, TOTAL);
}
