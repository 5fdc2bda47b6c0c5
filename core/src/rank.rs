//! "What to ask next": the unknown inputs that could still change what is established,
//! ranked by how far each would move it.
//!
//! A *question* settles one or more inputs at once: the subject's age (is the person a
//! child?), the citizenship (foreign?), or every unknown indicator that carries one label
//! (ILO items such as "violence on the victim" appear once at recruitment and once at
//! destination; the person asking sees one question). Each question is answered both
//! ways and the stages re-run ([`Evaluation::rerun`]); questions that change nothing are
//! left out. Protected attributes are never asked about.
//!
//! Order, most decisive first: (1) how many of the two answers change the
//! classification, (2) how many levels the farther answer moves the level, (3) how many
//! points it moves the score; ties by the input's name (an indicator id, `subject.age`,
//! `subject.citizenship`), alphabetically.

use crate::assessment::{Outcome, UnknownFinding};
use crate::eval::{Changed, Evaluation, Extent, Inputs};
use crate::explain::phrases;
use crate::model::{Classification, Language, Level};
use crate::plan::words::Text;
use crate::value::Tri;
use rust_decimal::Decimal;

/// Inputs one question settles.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Question {
    Child,
    Foreign,
    /// Unknown indicators sharing one label, in pack order.
    Indicators(Vec<u32>),
}

/// What is established under one answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Established {
    level: Level,
    class: Classification,
    score: Decimal,
}

impl Established {
    fn of(e: &Evaluation<'_>) -> Established {
        Established { level: e.level.established, class: e.class.established, score: e.score.established }
    }

    fn outcome(self) -> (Level, Classification) {
        (self.level, self.class)
    }
}

/// The `limit` most decisive questions for `eval`, in `lang`.
pub(crate) fn rank(eval: &Evaluation<'_>, lang: Language, limit: usize) -> Vec<UnknownFinding> {
    if limit == 0 {
        return Vec::new();
    }
    let c = eval.ctx.c;
    let now = Established::of(eval);
    let mut ranked: Vec<(Effect, Text, Question, Established, Established)> = Vec::new();
    for q in questions(eval) {
        let yes = answer(eval, &q, true);
        let no = match q {
            // Unknown indicators already count as absent in what is established.
            Question::Indicators(_) if c.plan.absent_changes_nothing => now,
            _ => answer(eval, &q, false),
        };
        // Only answers that could change the level or the classification are worth asking.
        if yes.outcome() == now.outcome() && no.outcome() == now.outcome() {
            continue;
        }
        ranked.push((Effect::of(now, yes, no), name(eval, &q), q, yes, no));
    }
    ranked.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    let phrases = phrases(lang);
    let words = &c.plan.words;
    ranked
        .into_iter()
        .take(limit)
        .map(|(_, input, q, yes, no)| {
            let (inputs, label): (Vec<Text>, Text) = match &q {
                Question::Child => (vec![input.clone()], Text::from(phrases.ask_age.as_str())),
                Question::Foreign => (vec![input.clone()], Text::from(phrases.ask_citizenship.as_str())),
                Question::Indicators(ids) => (
                    ids.iter().map(|i| words.indicators[*i as usize].0.id.clone()).collect(),
                    words.indicators[ids[0] as usize].0.label(lang),
                ),
            };
            let outcome = |e: Established| Outcome { level: e.level, classification: e.class };
            UnknownFinding { input, inputs, label, if_present: outcome(yes), if_absent: outcome(no) }
        })
        .collect()
}

/// How far an answer moves what is established: larger is more decisive.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Effect {
    classification_changes: u8,
    level_steps: u8,
    score_moved: Decimal,
}

impl Effect {
    fn of(now: Established, yes: Established, no: Established) -> Effect {
        let steps = |l: Level| (l as i8 - now.level as i8).unsigned_abs();
        let moved = |s: Decimal| (s - now.score).abs();
        Effect {
            classification_changes: u8::from(yes.class != now.class) + u8::from(no.class != now.class),
            level_steps: steps(yes.level).max(steps(no.level)),
            score_moved: moved(yes.score).max(moved(no.score)),
        }
    }
}

/// Every question the case leaves open: the age gate and citizenship when unknown, and the
/// unknown, unprotected indicators grouped by their label in the pack's first language.
fn questions(eval: &Evaluation<'_>) -> Vec<Question> {
    let c = eval.ctx.c;
    let mut out = Vec::new();
    if eval.inputs.is_child == Tri::Unknown {
        out.push(Question::Child);
    }
    if eval.inputs.is_foreign == Tri::Unknown {
        out.push(Question::Foreign);
    }
    let lang = c.meta.languages.first().map_or("", String::as_str);
    let mut groups: Vec<(&str, Vec<u32>)> = Vec::new();
    for (i, ind) in c.indicators.iter().enumerate() {
        if eval.inputs.present.get(i as u32) != Tri::Unknown || ind.protected {
            continue;
        }
        let key = ind.label.get(lang).map_or(ind.id.as_str(), String::as_str);
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, ids)) => ids.push(i as u32),
            None => groups.push((key, vec![i as u32])),
        }
    }
    out.extend(groups.into_iter().map(|(_, ids)| Question::Indicators(ids)));
    out
}

fn name(eval: &Evaluation<'_>, q: &Question) -> Text {
    let words = &eval.ctx.c.plan.words;
    match q {
        Question::Child => words.subject_age.clone(),
        Question::Foreign => words.subject_citizenship.clone(),
        Question::Indicators(ids) => words.indicators[ids[0] as usize].0.id.clone(),
    }
}

fn answer(eval: &Evaluation<'_>, q: &Question, yes: bool) -> Established {
    let mut inputs: Inputs = eval.inputs.clone();
    let changed = match q {
        Question::Child => {
            inputs.is_child = Tri::from(yes);
            Changed::All
        }
        Question::Foreign => {
            inputs.is_foreign = Tri::from(yes);
            Changed::All
        }
        Question::Indicators(ids) => {
            for &i in ids {
                inputs.present.set(i, Tri::from(yes));
                inputs.settled.push((i, yes));
            }
            Changed::Indicators(ids.clone())
        }
    };
    Established::of(&eval.rerun(inputs, &changed, Extent::EstablishedOnly))
}
