//! The handbook of a pack (its completeness against the checked model is a unit test of
//! `handbook`): the same bytes for the same pack, every page in its language, conditions in words beside their
//! expressions, fallback labels marked, and what changed between two versions.

use putokaz::{Language, Protocol, Site};

fn bih() -> Protocol {
    Protocol::bundled("bih").unwrap()
}

fn page<'a>(site: &'a Site, path: &str) -> &'a str {
    site.get(path).unwrap_or_else(|| panic!("no page {path}"))
}

#[test]
fn the_same_pack_gives_the_same_bytes() {
    let p = bih();
    assert_eq!(p.handbook().render(), p.handbook().render());
    let reloaded = Protocol::from_files(p.files().to_vec()).unwrap();
    assert_eq!(p.handbook().render(), reloaded.handbook().render());
}

#[test]
fn every_page_is_in_its_language_with_a_switcher_and_relative_links() {
    let site = bih().handbook().render();
    let mut pages = 0;
    for (path, text) in site.files().filter(|(f, _)| f.ends_with(".html") && f.contains('/')) {
        pages += 1;
        let lang = path.split('/').next().unwrap();
        assert!(text.contains(&format!("<html lang=\"{lang}\">")), "{path}");
        for other in Language::ALL.iter().filter(|l| l.as_str() != lang) {
            assert!(text.contains(&format!("hreflang=\"{}\"", other.as_str())), "{path}: no switch to {other}");
        }
        assert!(!text.contains("href=\"/") && !text.contains("src=\"/"), "{path}: an absolute link");
        assert!(!text.contains("<script"), "{path}: a script");
    }
    assert!(pages > 5 * 160, "{pages}");
    let cyrillic = page(&site, "sr-Cyrl/flow.html");
    assert!(cyrillic.contains("Ток упућивања"), "the Serbian Cyrillic words are transliterated");
}

#[test]
fn conditions_read_in_words_beside_their_expressions() {
    let site = bih().handbook().languages(&[Language::En, Language::Bs]).render();
    let en = page(&site, "en/duties/non_punishment.html");
    assert!(en.contains("at least one of:"), "three alternatives become a list");
    assert!(en.contains("the classification is <q>presumed victim</q>"));
    assert!(
        en.contains("classification == &quot;presumed_victim&quot; and (forced_begging or"),
        "the expression as written"
    );
    let bs = page(&site, "bs/duties/notify_police.html");
    assert!(bs.contains("klasifikacija je <q>pretpostavljena žrtva</q>"), "{bs}");
    // A count comparison reads as "at least n of".
    let rules = page(&site, "en/rules.html");
    assert!(rules.contains("the number of strong indicators present is at least 2"), "the dimension rule in words");
    assert!(page(&site, "en/parameters.html").contains("each municipality may set its own value"));
}

#[test]
fn flows_have_diagrams_with_text_alternatives_and_lists() {
    let site = bih().handbook().languages(&[Language::En]).render();
    let flow = page(&site, "en/flow.html");
    for tier in ["presumed_victim", "at_risk"] {
        let svg = page(&site, &format!("en/flow-{tier}.svg"));
        assert!(svg.contains(&format!("<title id=\"flow-{tier}-title\">")), "{tier}");
        assert!(svg.contains("role=\"img\""));
        assert!(flow.contains(&format!("id=\"list-{tier}\"")), "the list beside the {tier} diagram");
    }
    // Escalations are drawn dashed and listed.
    assert!(flow.contains("flow-escalation"));
    assert!(flow.contains("id=\"escalations\""));
    // Business days name the calendars that count them.
    assert!(flow.contains("calendars.html#c-fbih"));
}

#[test]
fn a_label_missing_in_a_language_is_marked_where_it_falls_back() {
    let mut files = bih().files().to_vec();
    let (_, obligations) = files.iter_mut().find(|(path, _)| path == "obligations.toml").unwrap();
    *obligations = obligations.replacen("hr = \"Obavijestiti policiju\", ", "", 1);
    let p = Protocol::from_files(files).unwrap();
    let site = p.handbook().languages(&[Language::Hr]).render();
    let duty = page(&site, "hr/duties/notify_police.html");
    assert!(
        duty.contains("<span class=\"fallback\" lang=\"bs\"><span class=\"mark\""),
        "the Bosnian label stands in, marked and in its own language"
    );
    assert!(duty.contains("[bs]</span> Obavijestiti policiju"));
}

#[test]
fn what_changed_names_the_parameter_and_the_cases_it_moves() {
    let shipped = bih();
    let local = shipped.with_local_parameter("absence_threshold", "20").unwrap();
    let case = putokaz::Case::from_json(
        r#"{"id":"T-1","reported_at":"2026-03-05T10:00:00+01:00","municipality":"Jajce","reporter":"school",
            "subject":{"age":9},"observations":[{"indicator":"unexcused_absences","value":30}]}"#,
    )
    .unwrap();
    let as_of = putokaz::parse_as_of("2026-03-20T12:00:00+01:00").unwrap();
    let site = local.handbook().languages(&[Language::En]).since(&shipped, &[case], as_of).render();
    let changes = page(&site, "en/changes.html");
    assert!(changes.contains("absence_threshold</code></a></th><td>75</td><td>20</td>"), "{changes}");
    assert!(changes.contains("<code>T-1</code>: none → low"), "{changes}");
    assert!(page(&site, "en/index.html").contains("class=\"local\""), "every page says it shows a local value");
    assert!(page(&site, "en/parameters.html").contains("Set to <code>20</code> for this handbook."));
    // Without a comparison the page says so.
    let plain = shipped.handbook().languages(&[Language::En]).render();
    assert!(page(&plain, "en/changes.html").contains("not built against an earlier version"));
}

#[test]
fn a_pack_without_duties_or_routing_still_has_its_handbook() {
    let ilo = Protocol::bundled("ilo-2009").unwrap();
    let site = ilo.handbook().languages(&[Language::En]).render();
    assert!(page(&site, "en/flow.html").contains("No duty arises with this classification."));
    assert!(page(&site, "en/indicators.html").contains("id=\"i-d5_violence_on_victim\""));
    assert!(site.get("en/municipalities.html").is_some());
}
