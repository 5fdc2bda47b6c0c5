//! What a new protocol version would change: each case assessed under both, and the
//! rules, score parts and obligations that moved.

use super::*;

/// How one case fares under two protocols.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CaseDiff {
    /// The case's id.
    pub case_id: String,
    /// The established level under the first protocol and under the second.
    pub level: (Level, Level),
    /// The established classification under each.
    pub classification: (Classification, Classification),
    /// Obligations whose status differs, as (id, status under A, status under B);
    /// `None` where the obligation does not apply.
    pub obligations: Vec<(String, Option<ObligationStatus>, Option<ObligationStatus>)>,
    /// Rules (kind/id) whose result differs between the two, or that exist in one only,
    /// dimensions and score terms whose points differ (a weight or a grade changed), and
    /// `scoring/levels` when only the level thresholds can explain a changed level: the
    /// causes of the change.
    pub rules: Vec<String>,
    /// The case could not be assessed under one of the protocols: (A's error, B's error).
    pub errors: (Option<String>, Option<String>),
}

impl CaseDiff {
    /// Whether anything an institution acts on differs: level, classification, an obligation, or being refused.
    pub fn changed(&self) -> bool {
        self.level.0 != self.level.1
            || self.classification.0 != self.classification.1
            || !self.obligations.is_empty()
            || self.errors.0.is_some() != self.errors.1.is_some()
    }
}

/// What changes between two protocols over a case set.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diff {
    /// The first protocol: (id, version).
    pub from: (String, String),
    /// The second protocol: (id, version).
    pub to: (String, String),
    /// Parameters whose value at `as_of` differs: (name, value in A, value in B); `None`
    /// where a protocol has no such parameter.
    pub parameters: Vec<(String, Option<String>, Option<String>)>,
    /// Only the cases that change.
    pub cases: Vec<CaseDiff>,
    /// How many cases give the same outcome under both.
    pub unchanged: usize,
    /// Cases refused by both protocols (invalid under each).
    pub refused: usize,
    /// Counts of cases by (level under A, level under B), every pair that occurs.
    pub levels: Vec<(Level, Level, usize)>,
    /// Counts by (classification under A, classification under B).
    pub classifications: Vec<(Classification, Classification, usize)>,
}

fn trace_key(t: &TraceEntry) -> String {
    format!("{}/{}", t.kind.as_str(), t.id)
}

impl Protocol {
    /// Assesses every case under `self` and `other` and reports what changes and which
    /// rules cause it.
    ///
    /// ```
    /// use putokaz::{Case, Level, Protocol};
    ///
    /// let bih = Protocol::bundled("bih")?;
    /// // The same pack with a higher school-absence threshold.
    /// let stricter = bih.with_local_parameter("absence_threshold", "150")?;
    /// let case = Case::from_json(r#"{"id": "d-1", "reported_at": "2026-10-12T09:00:00+02:00",
    ///     "municipality": "Tuzla", "reporter": "school", "subject": {"age": 12},
    ///     "observations": [{"indicator": "unexcused_absences", "value": 90}]}"#)?;
    /// let d = bih.diff(&stricter, &[case], putokaz::parse_as_of("2026-10-13T12:00:00+02:00")?);
    /// assert_eq!(d.cases[0].level, (Level::Low, Level::None));
    /// assert_eq!(d.cases[0].rules, ["classification/at_risk", "dimension/exploitation"]);
    /// # Ok::<(), putokaz::Error>(())
    /// ```
    pub fn diff(&self, other: &Protocol, cases: &[Case], as_of: Timestamp) -> Diff {
        let options = Options::fast().trace(true);
        let mut out = Vec::new();
        let mut levels: BTreeMap<(Level, Level), usize> = BTreeMap::new();
        let mut classes: BTreeMap<(Classification, Classification), usize> = BTreeMap::new();
        let mut unchanged = 0;
        let mut refused = 0;
        for case in cases {
            let a = self.assess(case, as_of, &options);
            let b = other.assess(case, as_of, &options);
            let d = case_diff(&case.id, &a, &b);
            if let (Ok(a), Ok(b)) = (&a, &b) {
                *levels.entry((a.level.value, b.level.value)).or_default() += 1;
                *classes.entry((a.classification.value, b.classification.value)).or_default() += 1;
            }
            if d.changed() {
                out.push(d);
            } else if d.errors.0.is_some() {
                refused += 1;
            } else {
                unchanged += 1;
            }
        }
        let date = as_of.to_zoned(self.inner.meta.time_zone.clone()).date();
        let values = |p: &Protocol| -> BTreeMap<String, Option<String>> {
            p.parameters(date).into_iter().map(|x| (x.id, x.value.map(|v| v.to_string()))).collect()
        };
        let (va, vb) = (values(self), values(other));
        let mut names: Vec<&String> = va.keys().chain(vb.keys()).collect();
        names.sort();
        names.dedup();
        let parameters = names
            .into_iter()
            .filter(|n| va.get(*n) != vb.get(*n))
            .map(|n| (n.clone(), va.get(n).cloned().flatten(), vb.get(n).cloned().flatten()))
            .collect();
        Diff {
            from: (self.id().to_owned(), self.version().to_owned()),
            parameters,
            to: (other.id().to_owned(), other.version().to_owned()),
            cases: out,
            unchanged,
            refused,
            levels: levels.into_iter().map(|((a, b), n)| (a, b, n)).collect(),
            classifications: classes.into_iter().map(|((a, b), n)| (a, b, n)).collect(),
        }
    }
}

/// A contribution's kind as the trace names the rule kind it comes from.
fn contribution_kind(kind: crate::assessment::ContributionKind) -> &'static str {
    match kind {
        crate::assessment::ContributionKind::Dimension => crate::assessment::RuleKind::Dimension.as_str(),
        crate::assessment::ContributionKind::ScoreTerm => crate::assessment::RuleKind::ScoreTerm.as_str(),
    }
}

fn case_diff(id: &str, a: &Result<Assessment, Error>, b: &Result<Assessment, Error>) -> CaseDiff {
    let (a, b) = match (a, b) {
        (Ok(a), Ok(b)) => (a, b),
        _ => {
            let err = |r: &Result<Assessment, Error>| r.as_ref().err().map(|e| e.kind().to_owned());
            let level = |r: &Result<Assessment, Error>| r.as_ref().map_or(Level::None, |x| x.level.value);
            let class = |r: &Result<Assessment, Error>| {
                r.as_ref().map_or(Classification::InsufficientIndicators, |x| x.classification.value)
            };
            return CaseDiff {
                case_id: id.to_owned(),
                level: (level(a), level(b)),
                classification: (class(a), class(b)),
                obligations: Vec::new(),
                rules: Vec::new(),
                errors: (err(a), err(b)),
            };
        }
    };
    let mut obligations = Vec::new();
    let status = |x: &Assessment, id: &str| x.obligations.iter().find(|o| &*o.id == id).map(|o| o.status);
    let mut ids: Vec<&str> = a.obligations.iter().chain(&b.obligations).map(|o| &*o.id).collect();
    ids.sort_unstable();
    ids.dedup();
    for id in ids {
        let (sa, sb) = (status(a, id), status(b, id));
        if sa != sb {
            obligations.push((id.to_owned(), sa, sb));
        }
    }
    let result_of = |x: &Assessment| -> BTreeMap<String, crate::value::Tri> {
        x.trace
            .iter()
            .filter(|t| t.kind != crate::assessment::RuleKind::Obligation)
            .map(|t| (trace_key(t), t.result))
            .collect()
    };
    let (ra, rb) = (result_of(a), result_of(b));
    let mut rules: Vec<String> = ra.iter().filter(|(k, v)| rb.get(*k) != Some(v)).map(|(k, _)| k.clone()).collect();
    rules.extend(rb.keys().filter(|k| !ra.contains_key(*k)).cloned());
    // A weight or a grade that changed moves points with no rule's result changing: the
    // dimension or score term whose points differ is the cause.
    let points_of = |x: &Assessment| -> BTreeMap<String, rust_decimal::Decimal> {
        x.score.contributions.iter().map(|c| (format!("{}/{}", contribution_kind(c.kind), c.id), c.points)).collect()
    };
    let (pa, pb) = (points_of(a), points_of(b));
    rules.extend(pa.keys().chain(pb.keys()).filter(|k| pa.get(*k) != pb.get(*k)).cloned());
    // The same rules and the same score, another level: the level thresholds differ.
    if rules.is_empty() && a.level.value != b.level.value && a.score.value == b.score.value {
        rules.push("scoring/levels".to_owned());
    }
    rules.sort();
    rules.dedup();
    CaseDiff {
        case_id: id.to_owned(),
        level: (a.level.value, b.level.value),
        classification: (a.classification.value, b.classification.value),
        obligations,
        rules,
        errors: (None, None),
    }
}
