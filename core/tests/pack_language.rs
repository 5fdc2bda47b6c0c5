//! What the pack language says, feature by feature: how obligations read what a case
//! does not record, the status of each institution, historical sources, closures of
//! public bodies, the profiles a pack covers. Each is checked on the BiH pack and on
//! small edited copies of it.

use putokaz::{Assessment, Case, ObligationStatus, Options, PackErrorKind, Protocol};

fn bih() -> Protocol {
    Protocol::bundled("bih").unwrap()
}

fn assess(p: &Protocol, json: &str, as_of: &str) -> Assessment {
    let case = Case::from_json(json).unwrap();
    p.assess(&case, putokaz::parse_as_of(as_of).unwrap(), &Options::new().language(putokaz::Language::En)).unwrap()
}

fn status(a: &Assessment, id: &str) -> Option<ObligationStatus> {
    a.obligations.iter().find(|o| &*o.id == id).map(|o| o.status)
}

/// A copy of the BiH pack with edits (file, find, replace), each applied once.
fn edited(edits: &[(&str, &str, &str)]) -> Result<Protocol, putokaz::PackError> {
    let mut files = bih().files().to_vec();
    for (file, find, replace) in edits {
        let entry = files.iter_mut().find(|(p, _)| p == file).unwrap_or_else(|| panic!("no file {file}"));
        assert_eq!(entry.1.matches(find).count(), 1, "{file} must contain {find:?} once");
        entry.1 = entry.1.replacen(find, replace, 1);
    }
    Protocol::from_files(files)
}

mod unrecorded {
    use super::*;

    const AS_OF: &str = "2026-10-13T12:00:00+02:00";

    fn child_with(observations: &str) -> String {
        format!(
            r#"{{"id":"u","reported_at":"2026-10-12T09:00:00+02:00","municipality":"Tuzla","reporter":"school","subject":{{"age":11}},"observations":[{observations}]}}"#
        )
    }

    /// The issue's example: school absences alone no longer show the police, nor the
    /// begging protocol, as duties that "depend on unknown".
    #[test]
    fn school_absences_show_no_duty_that_depends_on_an_unrecorded_signal() {
        let a = assess(&bih(), &child_with(r#"{"indicator":"unexcused_absences","value":96}"#), AS_OF);
        for id in ["notify_police", "inform_prosecutor", "begging_joint_response", "locate_parents"] {
            assert_eq!(status(&a, id), None, "{id}");
        }
        assert!(a.obligations.iter().all(|o| o.status != ObligationStatus::DependsOnUnknown), "{:#?}", a.obligations);
        assert!(!a.text.contains("Notify the police"), "{}", a.text);
        // What recording `found_begging` would add is said, apart from the duties.
        let begging = a.could_arise.iter().find(|x| &*x.obligation == "begging_joint_response").unwrap();
        assert_eq!(begging.if_recorded.iter().map(|i| &**i).collect::<Vec<_>>(), ["found_begging"]);
        assert!(a.text.contains("Would also apply if recorded:\n  - [exploiter_family_member]"), "{}", a.text);
        assert!(a.text.contains("  - [found_begging]: Police and the Centre for Social Work respond together"));
        // At level low the police route is false whatever a crime signal says: not even
        // a possibility to record.
        assert!(a.could_arise.iter().all(|x| &*x.obligation != "notify_police"));
    }

    #[test]
    fn an_indicator_recorded_as_null_stays_unknown() {
        let a = assess(
            &bih(),
            &child_with(r#"{"indicator":"unexcused_absences","value":96},{"indicator":"found_begging","value":null}"#),
            AS_OF,
        );
        let o = a.obligations.iter().find(|o| &*o.id == "begging_joint_response").unwrap();
        assert_eq!(o.status, ObligationStatus::DependsOnUnknown);
        assert_eq!(o.depends_on, ["found_begging"]);
        assert!(a.could_arise.iter().all(|x| &*x.obligation != "begging_joint_response"));
    }

    #[test]
    fn a_recorded_indicator_decides_as_before() {
        let a = assess(&bih(), &child_with(r#"{"indicator":"found_begging","value":true}"#), AS_OF);
        assert_eq!(status(&a, "begging_joint_response"), Some(ObligationStatus::Overdue));
        assert!(status(&a, "locate_parents").is_some());
        assert!(a.could_arise.iter().all(|x| !x.obligation.starts_with("begging")));
    }

    #[test]
    fn the_subject_keeps_its_three_valued_reading() {
        let json = r#"{"id":"u","reported_at":"2026-10-12T09:00:00+02:00","municipality":"Tuzla","reporter":"police","observations":[{"indicator":"found_begging","value":true}]}"#;
        let a = assess(&bih(), json, AS_OF);
        let o = a.obligations.iter().find(|o| &*o.id == "begging_joint_response").unwrap();
        assert_eq!(
            (o.status, o.depends_on.as_slice()),
            (ObligationStatus::DependsOnUnknown, &["subject.is_child".to_owned()][..])
        );
    }

    /// Through a fact: at level moderate the police route reads `crime_signal`, whose
    /// eleven signals are not recorded; they are what recording could add.
    #[test]
    fn unrecorded_signals_behind_a_fact_are_named() {
        let json = r#"{"id":"m","reported_at":"2026-03-05T10:00:00+01:00","municipality":"Mostar","reporter":"labour_inspector","subject":{"age":30,"citizenship":"BA"},
            "observations":[{"indicator":"d1_deceived_wages","value":true},{"indicator":"d1_deceived_working_conditions","value":true},{"indicator":"d1_deceived_contract","value":true},
            {"indicator":"d2_violence_on_victim","value":false}]}"#;
        let a = assess(&bih(), json, "2026-03-06T12:00:00+01:00");
        assert_eq!(a.level.value, putokaz::Level::Moderate);
        assert_eq!(status(&a, "notify_police"), None);
        let police = a.could_arise.iter().find(|x| &*x.obligation == "notify_police").unwrap();
        let ids: Vec<&str> = police.if_recorded.iter().map(|i| &**i).collect();
        assert!(ids.contains(&"d5_violence_on_victim") && ids.contains(&"forced_marriage"), "{ids:?}");
        // Recorded as absent: not something to record.
        assert!(!ids.contains(&"d2_violence_on_victim"), "{ids:?}");
    }

    #[test]
    fn the_reading_is_declared_once_on_the_base() {
        let e = edited(&[(
            "obligations.toml",
            "exception = \"csw_reported\"\nlabel = { bs = \"Ne vraćati",
            "exception = \"csw_reported\"\nunrecorded = \"absent\"\nlabel = { bs = \"Ne vraćati",
        )])
        .unwrap_err();
        assert_eq!(e.issues[0].kind, PackErrorKind::Schema);
        assert!(e.issues[0].message.contains("belongs on the base definition"), "{}", e.issues[0].message);
        let e = edited(&[(
            "obligations.toml",
            "when = \"subject.is_child and exploiter_family_member\"\nunrecorded = \"absent\"",
            "when = \"subject.is_child and exploiter_family_member\"\nunrecorded = \"never\"",
        )])
        .unwrap_err();
        assert_eq!(e.issues[0].kind, PackErrorKind::InvalidValue);
        assert_eq!(e.issues[0].location.as_ref().unwrap().file, "obligations.toml");
    }

    /// Without the declaration the same case reads the indicator as unknown, as before.
    #[test]
    fn the_default_reading_is_unknown() {
        let p = edited(&[(
            "obligations.toml",
            "when = \"subject.is_child and exploiter_family_member\"\nunrecorded = \"absent\"",
            "when = \"subject.is_child and exploiter_family_member\"",
        )])
        .unwrap();
        let a = assess(&p, &child_with(r#"{"indicator":"unexcused_absences","value":96}"#), AS_OF);
        assert_eq!(status(&a, "no_return_without_assessment"), Some(ObligationStatus::DependsOnUnknown));
        assert!(a.could_arise.iter().all(|x| &*x.obligation != "no_return_without_assessment"));
    }
}

mod institution_statuses {
    use super::*;
    use putokaz::{RelianceKind, SourceStatus};

    const AS_OF: &str = "2026-03-06T12:00:00+01:00";

    /// A presumed child victim in Jezero, where no Centre for Social Work is known: the
    /// table names the municipal social-protection service, `unconfirmed`.
    fn jezero() -> Assessment {
        let json = r#"{"id":"j","reported_at":"2026-03-05T10:00:00+01:00","municipality":"Jezero","reporter":"school",
            "subject":{"age":12,"citizenship":"BA"},"observations":[{"indicator":"forced_begging","value":true}]}"#;
        assess(&bih(), json, AS_OF)
    }

    #[test]
    fn every_party_carries_its_institutions_status() {
        let a = jezero();
        let notice = a.obligations.iter().find(|o| &*o.id == "notify_csw").unwrap();
        assert_eq!(notice.recipient.institution.as_deref(), Some("Opštinska služba socijalne zaštite Jezero"));
        assert_eq!(notice.recipient.status, Some(SourceStatus::Unconfirmed));
        // The school is a kind of institution, with no status of its own.
        assert_eq!((notice.actor.role.as_ref(), notice.actor.status), ("reporter", None));
        let prosecutor = a.obligations.iter().find(|o| &*o.id == "inform_prosecutor").unwrap();
        assert_eq!(prosecutor.recipient.status, Some(SourceStatus::Verified));
        // The jurisdiction lists the same statuses.
        let j = a.jurisdiction.as_ref().unwrap();
        let csw = j.institutions.iter().find(|p| &*p.role == "csw").unwrap();
        assert_eq!(csw.status, Some(SourceStatus::Unconfirmed));
        assert!(j.institutions.iter().all(|p| p.status.is_some()));
    }

    #[test]
    fn a_non_verified_institution_is_relied_on_and_marked() {
        let a = jezero();
        let csw = a.relied_on.iter().find(|r| r.kind == RelianceKind::Institution && &*r.id == "csw@Jezero").unwrap();
        assert_eq!(csw.status, SourceStatus::Unconfirmed);
        assert_eq!(
            csw.source.iter().map(|s| &**s).collect::<Vec<_>>(),
            ["bih-locations", "rs-courts", "eurcenter-teams"]
        );
        // Listed once, though several obligations name it; a verified one never.
        assert_eq!(a.relied_on.iter().filter(|r| &*r.id == "csw@Jezero").count(), 1);
        assert!(a.relied_on.iter().all(|r| &*r.id != "prosecutor@Jezero"));
        assert!(a.text.contains("→ Opštinska služba socijalne zaštite Jezero (unconfirmed)"), "{}", a.text);
        assert!(a.text.contains("→ Okružno javno tužilaštvo Banja Luka;"), "{}", a.text);
    }

    #[test]
    fn a_state_institution_has_the_roles_own_status() {
        let json = include_str!("../protocols/bih/examples/travnik-foreign-worker.json");
        let a = assess(&bih(), json, "2026-12-31T12:00:00+01:00");
        let state = a.obligations.iter().find(|o| &*o.id == "inform_state_prosecutor").expect("the state route");
        assert_eq!(state.recipient.status, Some(SourceStatus::Secondary));
        assert!(a.relied_on.iter().any(|r| r.kind == RelianceKind::Institution && &*r.id == "state_prosecutor"));
        assert!(bih().provenance_table().contains("| role | `state_prosecutor` | cc-bih | secondary |"));
    }

    #[test]
    fn role_provenance_is_checked() {
        let routed = edited(&[(
            "obligations.toml",
            "routed = true\nshares = [\"subject\", \"observations\", \"events\", \"municipality\", \"reporter\", \"level\", \"classification\"]\n\n[[roles]]\nid = \"prosecutor\"",
            "routed = true\nshares = [\"subject\", \"observations\", \"events\", \"municipality\", \"reporter\", \"level\", \"classification\"]\nsource = \"cc-bih\"\nstatus = \"secondary\"\n\n[[roles]]\nid = \"prosecutor\"",
        )])
        .unwrap_err();
        assert_eq!(routed.issues[0].kind, PackErrorKind::Schema);
        assert!(routed.issues[0].message.contains("is routed"), "{}", routed.issues[0].message);
        let half = edited(&[(
            "obligations.toml",
            "source = \"cc-bih\"\nstatus = \"secondary\"\ncitation = \"The Prosecutor's",
            "source = \"cc-bih\"\ncitation = \"The Prosecutor's",
        )])
        .unwrap_err();
        assert_eq!(half.issues[0].kind, PackErrorKind::Schema);
        let unknown =
            edited(&[("sources-routing.toml", "source = [\"bih-locations\",", "source = [\"bih-locatons\",")])
                .unwrap_err();
        assert_eq!(unknown.issues[0].kind, PackErrorKind::UnknownName);
        assert!(unknown.issues[0].message.contains("did you mean `bih-locations`"), "{}", unknown.issues[0].message);
    }
}

mod historical_sources {
    use super::*;

    const RESIDENCE: &str = "source = [\"law-foreigners-2015\", \"law-aliens-2008\"]\nstatus = \"unconfirmed\"";

    #[test]
    fn the_bih_pack_cites_its_historical_sources_only_beside_their_successors() {
        let p = bih();
        assert!(p.warnings().is_empty(), "{:?}", p.warnings());
        let aliens = p.sources().iter().find(|s| s.id == "law-aliens-2008").unwrap();
        assert!(aliens.historical && aliens.superseded_by.as_deref() == Some("law-foreigners-2015"));
        assert_eq!(aliens.status, putokaz::SourceStatus::Verified);
        assert!(p.provenance_table().contains("| law-foreigners-2015, law-aliens-2008 (historical) | unconfirmed |"));
        let a = assess(
            &p,
            include_str!("../protocols/bih/examples/travnik-foreign-worker.json"),
            "2026-12-31T12:00:00+01:00",
        );
        let residence = a.relied_on.iter().find(|r| &*r.id == "humanitarian_residence").unwrap();
        assert!(residence.historical);
        assert!(a.relied_on.iter().filter(|r| &*r.id != "humanitarian_residence").all(|r| !r.historical));
    }

    #[test]
    fn a_verified_item_citing_a_historical_source_is_warned_about_at_the_item() {
        let p = edited(&[(
            "obligations.toml",
            RESIDENCE,
            "source = [\"law-foreigners-2015\", \"law-aliens-2008\"]\nstatus = \"verified\"",
        )])
        .unwrap();
        let w = p.warnings().iter().find(|w| w.kind == PackErrorKind::VerifiedCitesHistorical).expect("a warning");
        assert_eq!(w.location.as_ref().unwrap().file, "obligations.toml");
        assert!(w.message.contains("`law-aliens-2008`"), "{}", w.message);
        assert_eq!(p.warnings().len(), 1, "{:?}", p.warnings());
    }

    #[test]
    fn a_historical_source_cited_without_its_successor_is_warned_about() {
        let p = edited(&[("obligations.toml", RESIDENCE, "source = \"law-aliens-2008\"\nstatus = \"unconfirmed\"")])
            .unwrap();
        let w = p.warnings().iter().find(|w| w.kind == PackErrorKind::HistoricalWithoutSuccessor).expect("a warning");
        assert!(w.message.contains("without `law-foreigners-2015`"), "{}", w.message);
    }

    #[test]
    fn a_successor_must_be_a_source_of_the_pack_and_only_a_historical_source_has_one() {
        let e = edited(&[(
            "sources.toml",
            "superseded_by = \"law-foreigners-2015\"",
            "superseded_by = \"law-foreigners-2016\"",
        )])
        .unwrap_err();
        assert_eq!(e.issues[0].kind, PackErrorKind::UnknownName);
        assert!(e.issues[0].message.contains("did you mean `law-foreigners-2015`"), "{}", e.issues[0].message);
        let e = edited(&[(
            "sources.toml",
            "historical = true\nsuperseded_by = \"law-foreigners-2015\"",
            "superseded_by = \"law-foreigners-2015\"",
        )])
        .unwrap_err();
        assert_eq!(e.issues[0].kind, PackErrorKind::Schema);
    }
}

mod closures {
    use super::*;

    const CLOSURE: &str = "date = \"2026-01-14\"";

    #[test]
    fn a_skipped_closure_is_relied_on_with_its_status() {
        let json = r#"{"id":"c","reported_at":"2026-01-12T10:00:00+01:00","municipality":"Prnjavor","reporter":"school",
            "subject":{"age":12},"observations":[{"indicator":"not_enrolled_in_school","value":true}]}"#;
        let a = assess(&bih(), json, "2026-01-12T12:00:00+01:00");
        let r = a.relied_on.iter().find(|r| &*r.id == "RS@2026-01-14").unwrap();
        assert_eq!((r.kind, r.status), (putokaz::RelianceKind::Closure, putokaz::SourceStatus::Secondary));
        assert_eq!(r.source.iter().map(|s| &**s).collect::<Vec<_>>(), ["rs-conclusion-2026-01-14"]);
        // A deadline in another month skips nothing.
        let later = json.replace("2026-01-12T10", "2026-03-02T10");
        let a = assess(&bih(), &later, "2026-03-02T12:00:00+01:00");
        assert!(a.relied_on.iter().all(|r| r.kind != putokaz::RelianceKind::Closure));
        assert!(bih()
            .provenance_table()
            .contains("| closure | `RS@2026-01-14` | rs-conclusion-2026-01-14 | secondary |"));
    }

    #[test]
    fn closures_are_checked_against_the_calendar_and_the_roles() {
        let outside = edited(&[("calendars.toml", CLOSURE, "date = \"2029-01-15\"")]).unwrap_err();
        assert_eq!(outside.issues[0].kind, PackErrorKind::InvalidValue);
        assert!(outside.issues[0].message.contains("outside the calendar"), "{}", outside.issues[0].message);
        let holiday = edited(&[("calendars.toml", CLOSURE, "date = \"2026-01-09\"")]).unwrap_err();
        assert_eq!(holiday.issues[0].kind, PackErrorKind::Conflict);
        assert_eq!(holiday.issues[0].location.as_ref().unwrap().file, "calendars.toml");
        let twice = edited(&[("calendars.toml", "date = \"2026-02-16\"", "date = \"2026-01-14\"")]).unwrap_err();
        assert_eq!(twice.issues[0].kind, PackErrorKind::Duplicate);
        let role = edited(&[("calendars.toml", "closed = [\"csw\", \"police\", \"prosecutor\", \"coordination_team\", \"school\"]\nsource = \"rs-conclusion-2026-01-14\"", "closed = [\"cws\"]\nsource = \"rs-conclusion-2026-01-14\"")]).unwrap_err();
        assert_eq!(role.issues[0].kind, PackErrorKind::UnknownName);
        assert!(role.issues[0].message.contains("did you mean `csw`"), "{}", role.issues[0].message);
    }
}

mod coverage {
    use super::*;

    const AS_OF: &str = "2026-03-06T12:00:00+01:00";

    fn adult_with(value: &str) -> String {
        format!(
            r#"{{"id":"s","reported_at":"2026-03-05T10:00:00+01:00","municipality":"Tuzla","reporter":"ngo","subject":{{"age":24,"citizenship":"BA"}},
            "observations":[{{"indicator":"d4_excessive_hours","value":true}}{value}]}}"#
        )
    }

    #[test]
    fn a_sign_outside_the_covered_profiles_unsettles_the_level_and_says_so() {
        let plain = assess(&bih(), &adult_with(""), AS_OF);
        for value in ["true", "null"] {
            let a = assess(
                &bih(),
                &adult_with(&format!(r#",{{"indicator":"sexual_exploitation_signs","value":{value}}}"#)),
                AS_OF,
            );
            assert_eq!(a.level.outside_coverage.iter().map(|f| &**f).collect::<Vec<_>>(), ["sexual"], "{value}");
            assert!(!a.level.settled);
            assert!(a.warnings.iter().any(|w| w.code == putokaz::WarningKind::OutsideCoveredProfiles));
            assert!(a.relied_on.iter().any(|r| r.kind == putokaz::RelianceKind::Coverage));
            let outside = a.text.find("Outside the profiles this pack assesses (sexual)").expect("said in the text");
            assert!(outside < a.text.find("Level:").unwrap(), "{}", a.text);
            // It never raises or lowers anything by itself.
            assert_eq!(
                (&a.score, a.level.value, a.level.possible, &a.classification),
                (&plain.score, plain.level.value, plain.level.possible, &plain.classification)
            );
            let case = Case::from_json(&adult_with(&format!(
                r#",{{"indicator":"sexual_exploitation_signs","value":{value}}}"#
            )))
            .unwrap();
            let s = bih().screen(&case, putokaz::parse_as_of(AS_OF).unwrap(), false).unwrap();
            assert!(!s.level_settled);
        }
    }

    #[test]
    fn an_absent_or_unrecorded_sign_says_nothing() {
        for value in ["", r#",{"indicator":"sexual_exploitation_signs","value":false}"#] {
            let a = assess(&bih(), &adult_with(value), AS_OF);
            assert!(a.level.outside_coverage.is_empty());
            assert!(a.warnings.iter().all(|w| w.code != putokaz::WarningKind::OutsideCoveredProfiles));
            assert!(!a.text.contains("Outside the profiles"));
        }
        assert!(bih().provenance_table().contains("| coverage | `coverage` | ilo-2009 | secondary |"));
        let info = bih().indicators().into_iter().find(|i| i.id == "sexual_exploitation_signs").unwrap();
        assert_eq!(info.outside_coverage.as_deref(), Some("sexual"));
    }

    #[test]
    fn coverage_is_checked() {
        let without = edited(&[(
            "indicators.toml",
            "[coverage]\ncovered = [\"labour\"]\nsource = \"ilo-2009\"\nstatus = \"secondary\"\ncitation = ",
            "# ",
        )]);
        let e = without.unwrap_err();
        assert_eq!(e.issues[0].kind, PackErrorKind::Schema);
        assert!(e.issues[0].message.contains("needs a `[coverage]` table"), "{}", e.issues[0].message);
        let covered = edited(&[("indicators.toml", "outside_coverage = \"sexual\"", "outside_coverage = \"labour\"")])
            .unwrap_err();
        assert_eq!(covered.issues[0].kind, PackErrorKind::InvalidValue);
        let graded = edited(&[(
            "indicators.toml",
            "type = \"bool\"\noutside_coverage = \"sexual\"",
            "type = \"bool\"\ndimension = \"exploitation\"\ngrades = { adult_labour = \"weak\" }\noutside_coverage = \"sexual\"",
        )])
        .unwrap_err();
        assert_eq!(graded.issues[0].kind, PackErrorKind::InvalidValue);
        assert!(graded.issues[0].message.contains("not graded"), "{}", graded.issues[0].message);
    }
}

mod forms {
    use super::*;

    const AS_OF: &str = "2026-03-16T12:00:00+01:00";

    /// A child presumed victim in Jajce (level high: forced to beg with a daily quota),
    /// reported two weeks before `as_of`, by `reporter`
    /// (no reporter at all when empty).
    fn child_reported_by(reporter: &str) -> String {
        let reporter = if reporter.is_empty() { String::new() } else { format!(r#""reporter":"{reporter}","#) };
        format!(
            r#"{{"id":"f","reported_at":"2026-03-02T08:40:00+01:00","municipality":"Jajce",{reporter}"subject":{{"birth_date":"2015-09-14"}},
            "observations":[{{"indicator":"forced_begging","value":true}},{{"indicator":"daily_money_quota","value":true}}]}}"#
        )
    }

    fn finding<'a>(a: &'a Assessment, id: &str) -> &'a putokaz::ObligationFinding {
        a.obligations.iter().find(|o| &*o.id == id).unwrap_or_else(|| panic!("{id} does not apply"))
    }

    /// Who reported the case decides only when the CSW's and the police's clocks start:
    /// without a reporter those duties keep the base's status and list the other form,
    /// which is what the case says once the reporter is known.
    #[test]
    fn an_unknown_exception_leaves_a_certain_duty_with_its_other_form() {
        let open = assess(&bih(), &child_reported_by(""), AS_OF);
        for (id, exception, reporter) in
            [("csw_assessment", "csw_reported", "csw"), ("inform_prosecutor", "police_reported", "police")]
        {
            let o = finding(&open, id);
            assert_eq!(o.status, ObligationStatus::Pending, "{id}: the base waits for its anchor event");
            assert!(o.depends_on.is_empty() && o.exception.is_none(), "{id}");
            let [form] = &o.forms_possible[..] else { panic!("{id}: {:?}", o.forms_possible) };
            assert_eq!((&*form.exception, &form.depends_on[..]), (exception, &["case.reporter".to_owned()][..]));
            assert_eq!(&*form.anchor, "reported_at");
            // The form is what the duty is once the case says the exception holds.
            let settled = assess(&bih(), &child_reported_by(reporter), AS_OF);
            let s = finding(&settled, id);
            assert_eq!(s.exception.as_deref(), Some(exception));
            assert_eq!((form.status, &form.actor, &form.due), (s.status, &s.actor, &s.due), "{id}");
            assert_eq!(form.status, ObligationStatus::Overdue, "{id}");
            // And the base is what it is once the case says it does not.
            let school = assess(&bih(), &child_reported_by("school"), AS_OF);
            assert_eq!(finding(&school, id).status, o.status, "{id}");
            assert!(finding(&school, id).forms_possible.is_empty(), "{id}");
        }
        assert!(
            open.text.contains("      another form (csw_reported, settled by: case.reporter): [OVERDUE] "),
            "{}",
            open.text
        );
        // The trace shows what the other form reads.
        let trace = assess_traced(&child_reported_by(""));
        let entry = trace.trace.iter().find(|t| &*t.id == "csw_assessment").unwrap();
        assert!(entry.reads.iter().any(|r| &*r.name == "case.reporter" && &*r.value == "unknown"), "{:?}", entry.reads);
    }

    /// An adult presumed victim whose citizenship is not recorded: care applies whoever
    /// the person is; only who provides it (the CSW, or the Ministry of Security for a
    /// foreign adult) depends on the citizenship.
    #[test]
    fn who_provides_care_is_a_form_of_the_duty() {
        let travnik = include_str!("../protocols/bih/examples/travnik-foreign-worker.json");
        let with = |citizenship: &str| travnik.replace(r#", "citizenship": "NP""#, citizenship);
        let as_of = "2026-06-06T12:00:00+02:00";
        let open = assess(&bih(), &with(""), as_of);
        let care = finding(&open, "care");
        assert_ne!(care.status, ObligationStatus::DependsOnUnknown);
        assert_eq!(&*care.actor.role, "csw");
        let [form] = &care.forms_possible[..] else { panic!("{:?}", care.forms_possible) };
        assert_eq!((&*form.exception, &form.depends_on[..]), ("foreign_adult", &["subject.is_foreign".to_owned()][..]));
        let foreign = assess(&bih(), &with(r#", "citizenship": "NP""#), as_of);
        let settled = finding(&foreign, "care");
        assert_eq!((form.status, &form.actor, &form.due), (settled.status, &settled.actor, &settled.due));
        assert_eq!(&*form.actor.role, "ministry_of_security");
        let domestic = assess(&bih(), &with(r#", "citizenship": "BA""#), as_of);
        assert_eq!((finding(&domestic, "care").status, &finding(&domestic, "care").actor), (care.status, &care.actor));
    }

    fn assess_traced(json: &str) -> Assessment {
        let case = Case::from_json(json).unwrap();
        let options = Options::new().language(putokaz::Language::En).trace(true);
        bih().assess(&case, putokaz::parse_as_of(AS_OF).unwrap(), &options).unwrap()
    }

    /// `overdue.X` of a duty whose forms disagree on it is unknown: an escalation that
    /// reads it depends on what settles the form.
    #[test]
    fn forms_that_disagree_leave_overdue_unknown() {
        let p = edited(&[(
            "obligations.toml",
            "when = \"(overdue.notify_csw or overdue.notify_police) and level",
            "when = \"overdue.inform_prosecutor and level",
        )])
        .unwrap();
        let open = assess(&p, &child_reported_by(""), AS_OF);
        assert_eq!(status(&open, "escalate_to_team"), Some(ObligationStatus::DependsOnUnknown));
        assert!(finding(&open, "escalate_to_team").depends_on.contains(&"overdue.inform_prosecutor".to_owned()));
        assert_eq!(
            status(&assess(&p, &child_reported_by("police"), AS_OF), "escalate_to_team"),
            Some(ObligationStatus::Overdue)
        );
        assert_eq!(status(&assess(&p, &child_reported_by("school"), AS_OF), "escalate_to_team"), None);
    }
}

mod provider {
    use super::*;

    const TRAVNIK: &str = include_str!("../protocols/bih/examples/travnik-foreign-worker.json");

    /// The Ministry of Security arranges a foreign adult's shelter; an NGO provides it.
    #[test]
    fn a_provider_is_named_beside_the_actor() {
        let a = assess(&bih(), TRAVNIK, "2026-06-06T12:00:00+02:00");
        let care = a.obligations.iter().find(|o| &*o.id == "care").unwrap();
        assert_eq!((&*care.actor.role, care.exception.as_deref()), ("ministry_of_security", Some("foreign_adult")));
        let provider = care.provider.as_ref().expect("a provider");
        assert_eq!((&*provider.role, provider.institution.as_deref()), ("ngo", Some("NGO (support and shelter)")));
        assert!(
            a.text.contains(
                "(secondary) → The person concerned (child or presumed victim); provided by NGO (support and shelter); due "
            ),
            "{}",
            a.text
        );
        // Obligations without one say so.
        assert!(a.obligations.iter().filter(|o| &*o.id != "care").all(|o| o.provider.is_none()));
        assert!(a.to_json().contains(r#""provider":{"role":"ngo","#));
    }

    #[test]
    fn a_provider_is_a_role_other_than_the_actor() {
        let unknown = edited(&[("obligations.toml", "provider = \"ngo\"", "provider = \"ngos\"")]).unwrap_err();
        assert_eq!(unknown.issues[0].kind, PackErrorKind::UnknownName);
        let actor =
            edited(&[("obligations.toml", "provider = \"ngo\"", "provider = \"ministry_of_security\"")]).unwrap_err();
        assert_eq!(actor.issues[0].kind, PackErrorKind::InvalidValue);
        assert!(actor.issues[0].message.contains("is its actor"), "{}", actor.issues[0].message);
        let reporter = edited(&[("obligations.toml", "provider = \"ngo\"", "provider = \"reporter\"")]).unwrap_err();
        assert_eq!(reporter.issues[0].kind, PackErrorKind::UnknownName);
    }
}
