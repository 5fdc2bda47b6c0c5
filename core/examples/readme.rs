//! The Rust example of the README, as a whole program: `cargo run -p putokaz --example readme`.

use putokaz::{Case, Decimal, Options, Protocol, Timestamp};

fn main() -> Result<(), putokaz::Error> {
    let bih = Protocol::bundled("bih")?; // immutable, Send + Sync, cheap to clone
    let case = Case::from_json(
        r#"{
            "id": "TZ-2026-118",
            "reported_at": "2026-10-12T09:00:00+02:00",
            "municipality": "Tuzla",
            "reporter": "school",
            "subject": { "birth_date": "2014-05-30" },
            "observations": [ { "indicator": "unexcused_absences", "value": 90 } ]
        }"#,
    )?;
    let as_of: Timestamp = putokaz::parse_as_of("2026-10-13T12:00:00+02:00")?;
    let a = bih.assess(&case, as_of, &Options::default())?;
    let score: Decimal = a.score.value; // exact: no floating point anywhere
    println!("{} / {} (score {score})", a.level.value, a.classification.value);
    for o in &a.obligations {
        let due = o.due.as_ref().map_or_else(|| "not started".to_owned(), ToString::to_string);
        let to = o.recipient.institution.as_deref().unwrap_or(&o.recipient.role);
        println!("{}: {} → {to}, due {due}", o.status.as_str(), o.id);
    }
    Ok(())
}
