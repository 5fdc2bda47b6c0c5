//! The BiH handbook against the protocol's own lists: every obligation (with each
//! exception), indicator, parameter, source, role and municipality has its page or entry,
//! in every language.

use crate::{Language, Protocol};

#[test]
fn every_obligation_indicator_parameter_and_municipality_has_its_page_or_entry() {
    let p = Protocol::bundled("bih").unwrap();
    let c = &p.inner;
    let site = p.handbook().render();
    let slugs = super::site::unique_slugs(p.municipalities());
    let page = |path: &str| site.get(path).unwrap_or_else(|| panic!("no page {path}"));
    for lang in Language::ALL {
        let l = lang.as_str();
        let duties = page(&format!("{l}/duties.html"));
        assert!(c.obligations.len() >= 16);
        for o in &c.obligations {
            let duty = page(&format!("{l}/duties/{}.html", o.id));
            assert!(duties.contains(&format!("href=\"duties/{}.html\"", o.id)), "{l}: duty {} not in the index", o.id);
            for ex in &o.exceptions {
                let name = ex.exception.as_deref().unwrap_or_default();
                assert!(duty.contains(&format!("id=\"x-{}\"", super::site::slug(name))), "{l}: exception {name}");
            }
        }
        let indicators = page(&format!("{l}/indicators.html"));
        for i in &c.indicators {
            assert!(indicators.contains(&format!("id=\"i-{}\"", i.id)), "{l}: no entry for indicator {}", i.id);
        }
        let parameters = page(&format!("{l}/parameters.html"));
        for prm in &c.params {
            assert!(parameters.contains(&format!("id=\"p-{}\"", prm.id)), "{l}: no entry for parameter {}", prm.id);
        }
        let sources = page(&format!("{l}/sources.html"));
        for s in &c.sources {
            assert!(sources.contains(&format!("id=\"s-{}\"", s.id)), "{l}: no entry for source {}", s.id);
        }
        let flow = page(&format!("{l}/flow.html"));
        for r in &c.roles {
            assert!(flow.contains(&format!("id=\"role-{}\"", r.id)), "{l}: role {}", r.id);
        }
        let index = page(&format!("{l}/municipalities.html"));
        // The key to press is the same in every script (not transliterated).
        assert!(index.contains("<kbd>Ctrl+F</kbd>"), "{l}: the index does not say how to search it");
        let rows = &c.routing.as_ref().unwrap().rows;
        assert_eq!(rows.len(), 143);
        let pages = site.files().filter(|(f, _)| f.starts_with(&format!("{l}/municipalities/"))).count();
        assert_eq!(pages, rows.len(), "{l}: one page per municipality");
        for m in rows {
            assert!(index.contains(&format!(">{}</a>", m.name)), "{l}: {} not in the index", m.name);
            let slug = &slugs[m.index as usize];
            let own = page(&format!("{l}/municipalities/{slug}.html"));
            assert!(own.contains(&format!("<h1>{}</h1>", m.name)), "{l}: {}", m.name);
            for inst in &m.institutions {
                assert!(own.contains(&crate::handbook::html::esc(inst)), "{l}: {} of {}", inst, m.name);
                let listed = format!("<li>{}</li>", crate::handbook::html::esc(inst));
                assert!(index.contains(&listed), "{l}: {} of {} cannot be found on the index", inst, m.name);
            }
        }
    }
}

#[test]
fn a_parameter_names_the_duties_whose_deadline_it_is() {
    let p = Protocol::bundled("bih").unwrap();
    let c = &p.inner;
    let site = p.handbook().languages(&[Language::En]).render();
    let parameters = site.get("en/parameters.html").unwrap();
    let mut deadlines = 0;
    for o in &c.obligations {
        for d in o.defs() {
            if let crate::protocol::DueRef::Param(i) = d.due {
                let id = &c.params[i as usize].id;
                let start = parameters.find(&format!("id=\"p-{id}\"")).unwrap();
                let entry = &parameters[start..start + parameters[start..].find("</section>").unwrap()];
                assert!(entry.contains(&format!("href=\"duties/{}.html\"", o.id)), "{id} does not name {}", o.id);
                deadlines += 1;
            }
        }
    }
    assert!(deadlines >= 10, "the BiH pack takes most deadlines from parameters");
}
