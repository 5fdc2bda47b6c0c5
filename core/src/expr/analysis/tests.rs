//! The analysis against exhaustive trial, on conditions small enough to try every input.

use super::domain::{regions, Value};
use super::*;
use crate::expr::compile::{compile, NameError, Resolve, Resolved, Type};
use crate::expr::{eval_tri, parse, Env, SubjectField, Val};
use proptest::prelude::*;
use std::sync::Arc;

/// `a`..`d` are indicators, `age` a whole number ≥ 0, `rate` any decimal, `sex` a
/// closed text, `town` an open one; `f` is the fact `a and b`.
struct Pack;

impl Resolve for Pack {
    fn resolve(&self, path: &[String]) -> Result<Resolved, NameError> {
        let sexes = || Some(Arc::from(vec!["female".to_owned(), "male".to_owned(), "other".to_owned()]));
        let (leaf, ty, domain) = match path.join(".").as_str() {
            "a" => (Leaf::Present(0), Type::Bool, None),
            "b" => (Leaf::Present(1), Type::Bool, None),
            "c" => (Leaf::Present(2), Type::Bool, None),
            "d" => (Leaf::Present(3), Type::Bool, None),
            "f" => (Leaf::Fact(0), Type::Bool, None),
            "age" => (Leaf::Subject(SubjectField::Age), Type::Num, None),
            "rate" => (Leaf::Param(0), Type::Num, None),
            "other_rate" => (Leaf::Param(1), Type::Num, None),
            "sex" => (Leaf::Subject(SubjectField::Sex), Type::Text, sexes()),
            "town" => (Leaf::Case(crate::expr::CaseField::Municipality), Type::Text, None),
            "level" => (Leaf::Level, Type::Level, None),
            "classification" => (Leaf::Classification, Type::Classification, None),
            other => return Err(NameError::unknown(format!("unknown name `{other}`"))),
        };
        Ok(Resolved { leaf, ty, domain })
    }
}

impl Domains for Pack {
    fn domain(&self, leaf: Leaf) -> Domain {
        match leaf {
            Leaf::Subject(SubjectField::Age) => Domain::Number { whole: true, min: Some(Decimal::ZERO), max: None },
            Leaf::Param(_) => Domain::Number { whole: false, min: None, max: None },
            Leaf::Subject(SubjectField::Sex) => {
                Domain::Text(Some(Arc::from(vec!["female".to_owned(), "male".to_owned(), "other".to_owned()])))
            }
            Leaf::Case(_) => Domain::Text(None),
            _ => Domain::Bool,
        }
    }
}

fn expr(src: &str) -> Expr {
    compile(&parse::parse(src).unwrap(), Type::Bool, &Pack).unwrap()
}

fn verdict(conditions: &[(&str, bool)]) -> Verdict {
    let fact = expr("a and b");
    let mut an = Analysis::new(&Pack, &[&fact], &[0]);
    let all: Vec<(Cond, bool)> = conditions.iter().map(|(c, w)| (an.condition(&expr(c)), *w)).collect();
    an.can_hold(&all)
}

fn both(a: &str, b: &str) -> Verdict {
    verdict(&[(a, true), (b, true)])
}

use Verdict::{Impossible, Possible};

#[test]
fn truth_values() {
    assert_eq!(verdict(&[("a and not a", true)]), Impossible);
    assert_eq!(both("a or b", "not a"), Possible);
    assert_eq!(both("a and (b or c)", "not b and not c"), Impossible);
    assert_eq!(verdict(&[("a or not a", false)]), Impossible);
    assert_eq!(verdict(&[("true", true)]), Possible);
    assert_eq!(verdict(&[("false", true)]), Impossible);
}

#[test]
fn facts_are_inlined() {
    assert_eq!(both("f", "not a"), Impossible);
    assert_eq!(both("f", "a and c"), Possible);
}

#[test]
fn numbers_are_intervals_whole_where_the_leaf_is_whole() {
    assert_eq!(both("age < 18", "age >= 18"), Impossible);
    assert_eq!(both("age < 18", "age > 16"), Possible);
    assert_eq!(verdict(&[("age > 17 and age < 18", true)]), Impossible);
    assert_eq!(verdict(&[("rate > 17 and rate < 18", true)]), Possible);
    assert_eq!(verdict(&[("age < 0", true)]), Impossible);
    assert_eq!(verdict(&[("age == 17.5", true)]), Impossible);
    assert_eq!(verdict(&[("rate == 17.5 and rate != 17.5", true)]), Impossible);
    assert_eq!(verdict(&[("age >= -1 - 2", true)]), Possible);
    assert_eq!(verdict(&[("age in [1, 2] and age > 2", true)]), Impossible);
    assert_eq!(verdict(&[("age in [1, 2] and age >= 2", true)]), Possible);
}

#[test]
fn levels_run_from_none_to_very_high() {
    assert_eq!(both("level >= \"low\"", "level == \"none\""), Impossible);
    assert_eq!(verdict(&[("level > \"none\" and level < \"low\"", true)]), Impossible);
    assert_eq!(verdict(&[("level > \"very_high\"", true)]), Impossible);
    assert_eq!(both("level >= \"low\"", "level <= \"moderate\""), Possible);
}

#[test]
fn texts_and_classifications() {
    assert_eq!(both("sex == \"female\"", "sex == \"male\""), Impossible);
    assert_eq!(verdict(&[("sex != \"female\" and sex != \"male\" and sex != \"other\"", true)]), Impossible);
    assert_eq!(verdict(&[("town != \"Jajce\" and town != \"Tuzla\"", true)]), Possible);
    assert_eq!(both("town == \"Jajce\"", "town in [\"Tuzla\", \"Travnik\"]"), Impossible);
    assert_eq!(both("classification == \"at_risk\"", "classification == \"presumed_victim\""), Impossible);
    assert_eq!(
        verdict(&[("classification not in [\"at_risk\", \"presumed_victim\", \"insufficient_indicators\"]", true)]),
        Impossible
    );
}

#[test]
fn counts_of_conditions() {
    assert_eq!(verdict(&[("count(a, b) >= 2 and not a", true)]), Impossible);
    assert_eq!(both("count(a, b, c) >= 2", "count(a, b, c) <= 1"), Impossible);
    assert_eq!(both("count(a, b, c) >= 2", "not a"), Possible);
}

/// Free atoms over-approximate: what the model cannot see into may hold either way,
/// but the same sub-condition is the same atom.
#[test]
fn free_atoms_are_sound_not_complete() {
    assert_eq!(verdict(&[("known(age) and not known(age)", true)]), Impossible);
    assert_eq!(both("rate > other_rate", "rate <= other_rate"), Possible);
    assert_eq!(both("rate * 2 > 3", "rate * 2 > 3"), Possible);
}

#[test]
fn a_spent_budget_is_undecided() {
    // Twenty free atoms of which at least ten and at most nine hold: no input, but a
    // search that must look at many assignments to see it.
    let fact = expr("a");
    let mut an = Analysis::with_budget(&Pack, &[&fact], &[], 10_000, 1 << 30);
    let atoms: Vec<String> = (1..=20).map(|i| format!("rate * {i} > 1")).collect();
    let list = atoms.join(", ");
    let hard = an.condition(&expr(&format!("count({list}) >= 10 and count({list}) <= 9")));
    assert_eq!(an.can_hold(&[(hard, true)]), Verdict::Undecided);
    // With a budget to spare, the search ends with the proof.
    let mut an = Analysis::with_budget(&Pack, &[&fact], &[], 1 << 30, 1 << 30);
    let hard = an.condition(&expr(&format!("count({list}) >= 10 and count({list}) <= 9")));
    assert_eq!(an.can_hold(&[(hard, true)]), Verdict::Impossible);
    // The pack budget is shared: once spent, every question is undecided.
    let mut an = Analysis::with_budget(&Pack, &[&fact], &[], 1 << 30, 100);
    let easy = an.condition(&expr("a and b and c and d"));
    assert_eq!(an.can_hold(&[(easy, true)]), Verdict::Possible);
    let hard = an.condition(&expr(&format!("count({list}) >= 10 and count({list}) <= 9")));
    assert_eq!(an.can_hold(&[(hard, true)]), Verdict::Undecided);
    assert_eq!(an.can_hold(&[(easy, true)]), Verdict::Undecided);
}

#[test]
fn regions_cover_the_line() {
    let d = |s: &str| s.parse::<Decimal>().unwrap();
    let r = regions(false, None, None, &[d("1"), d("2")]);
    assert_eq!(r.len(), 5);
    let r = regions(true, Some(d("0")), None, &[d("0.5"), d("1")]);
    // 0, (0.5, 1) has no whole number, 1, (1, ∞); (0, 0.5) has none either.
    assert_eq!(r, vec![Value::Point(d("0")), Value::Point(d("1")), Value::Between(Some(d("1")), None)]);
    let r = regions(true, Some(d("0")), Some(d("4")), &[d("1")]);
    assert_eq!(
        r,
        vec![
            Value::Point(d("0")),
            Value::Point(d("1")),
            Value::Between(Some(d("1")), Some(d("4"))),
            Value::Point(d("4"))
        ]
    );
}

/// The values the exhaustive check tries: every whole age the constants can tell
/// apart, every level, both truth values of each indicator.
struct Input {
    present: [bool; 3],
    age: u32,
    level: Level,
}

impl Env for Input {
    fn leaf(&self, leaf: Leaf) -> Val<'_> {
        match leaf {
            Leaf::Present(i) => Val::Bool(Tri::from(self.present[i as usize])),
            Leaf::Fact(_) => Val::Bool(Tri::from(self.present[0] && self.present[1])),
            Leaf::Subject(SubjectField::Age) => Val::Num(Range::point(Decimal::from(self.age))),
            Leaf::Level => Val::Level(self.level, self.level),
            _ => Val::Bool(Tri::Unknown),
        }
    }
}

fn condition() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        Just("a".to_owned()),
        Just("b".to_owned()),
        Just("c".to_owned()),
        Just("f".to_owned()),
        (prop::sample::select(vec!["<", "<=", ">", ">=", "==", "!="]), 0u32..6)
            .prop_map(|(op, n)| format!("age {op} {n}")),
        (prop::sample::select(vec!["<", ">=", "=="]), prop::sample::select(Level::ALL.to_vec()))
            .prop_map(|(op, l)| format!("level {op} \"{}\"", l.as_str())),
    ];
    leaf.prop_recursive(4, 24, 3, |inner| {
        prop_oneof![
            inner.clone().prop_map(|x| format!("not ({x})")),
            (inner.clone(), inner.clone()).prop_map(|(x, y)| format!("({x}) and ({y})")),
            (inner.clone(), inner.clone()).prop_map(|(x, y)| format!("({x}) or ({y})")),
            (prop::collection::vec(inner, 1..4), 0u32..4)
                .prop_map(|(xs, n)| format!("count({}) >= {n}", xs.join(", "))),
        ]
    })
}

proptest! {
    /// Where the model has no free atoms it is exact: a verdict agrees with trying
    /// every input.
    #[test]
    fn verdicts_agree_with_trying_every_input(x in condition(), y in condition(), wanted in any::<bool>()) {
        let (ex, ey) = (expr(&x), expr(&y));
        let mut found = false;
        for bits in 0..8u8 {
            for age in 0..8 {
                for level in Level::ALL {
                    let input = Input { present: [bits & 1 != 0, bits & 2 != 0, bits & 4 != 0], age, level };
                    if eval_tri(&ex, &input) == Tri::True && eval_tri(&ey, &input) == Tri::from(wanted) {
                        found = true;
                    }
                }
            }
        }
        let v = verdict(&[(&x, true), (&y, wanted)]);
        prop_assert_eq!(v, if found { Possible } else { Impossible }, "{} / {} ({})", x, y, wanted);
    }
}
