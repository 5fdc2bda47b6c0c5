//! The handbook's own words in the five languages the engine writes. As with the engine's
//! phrases (`explain::phrases`), Bosnian is the base; Croatian and Serbian (Latin script)
//! give only the words that differ (an empty text means "as in Bosnian"); Serbian in
//! Cyrillic script is the Serbian Latin text transliterated ([`crate::latin_to_cyrillic`]);
//! English is written out in full.
//!
//! Texts with `{0}`, `{1}` take arguments ([`fill`]); the caller escapes what it passes.

use crate::model::Language;
use std::sync::OnceLock;

/// Declares the words and their table: `Name: "bs", "hr", "sr-Latn", "en";`.
macro_rules! words {
    ($($name:ident: $bs:literal, $hr:literal, $sr:literal, $en:literal;)*) => {
        /// A word or sentence of the handbook.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub(crate) enum W { $($name,)* }

        /// Per word: Bosnian, Croatian, Serbian Latin, English.
        const TABLE: &[[&str; 4]] = &[$([$bs, $hr, $sr, $en],)*];
    };
}

words! {
    Handbook: "Priručnik", "Priručnik", "", "Handbook";
    SkipToContent: "Preskoči na sadržaj", "Preskoči na sadržaj", "", "Skip to content";
    Language: "Jezik", "Jezik", "", "Language";
    Contents: "Sadržaj", "Sadržaj", "", "Contents";
    ChooseLanguage: "Odaberite jezik", "Odaberite jezik", "Izaberite jezik", "Choose a language";
    NavOverview: "Pregled", "Pregled", "", "Overview";
    NavFlow: "Tok upućivanja", "Tijek upućivanja", "Tok upućivanja", "Referral flow";
    NavDuties: "Obaveze", "Obveze", "Obaveze", "Duties";
    NavRules: "Pravila", "Pravila", "", "Rules";
    NavIndicators: "Indikatori", "Pokazatelji", "Indikatori", "Indicators";
    NavParameters: "Parametri", "Parametri", "", "Parameters";
    NavMunicipalities: "Općine", "Općine", "Opštine", "Municipalities";
    NavCalendars: "Kalendari", "Kalendari", "", "Calendars";
    NavSources: "Izvori", "Izvori", "", "Sources";
    NavChecks: "Provjere", "Provjere", "", "Checks";
    NavChangelog: "Historija izmjena", "Povijest izmjena", "Istorija izmjena", "Changelog";
    NavChanges: "Šta je promijenjeno", "Što je promijenjeno", "Šta je promijenjeno", "What changed";

    StVerified: "potvrđeno", "potvrđeno", "", "verified";
    StSecondary: "sekundarni izvor", "sekundarni izvor", "", "secondary";
    StUnconfirmed: "nepotvrđeno", "nepotvrđeno", "", "unconfirmed";
    StLocalPolicy: "lokalna politika", "lokalna politika", "", "local policy";
    StHistorical: "historijski izvor", "povijesni izvor", "istorijski izvor", "historical";
    StVerifiedMeans: "viđeno u navedenom primarnom izvoru", "viđeno u navedenom primarnom izvoru", "",
        "seen in the cited primary source";
    StSecondaryMeans: "viđen je samo sekundarni ili izvedeni izvor; treba ga provjeriti u primarnom",
        "viđen je samo sekundarni ili izvedeni izvor; treba ga provjeriti u primarnom", "",
        "only a secondary or derivative source was seen; to be checked against the primary";
    StUnconfirmedMeans: "često se navodi, ali nije potvrđeno ni u jednom viđenom izvoru",
        "često se navodi, ali nije potvrđeno ni u jednom viđenom izvoru", "",
        "commonly stated, not confirmed in any source seen";
    StLocalPolicyMeans: "nije zakon: vrijednost koju svaka općina ili tim određuje za sebe",
        "nije zakon: vrijednost koju svaka općina ili tim određuje za sebe",
        "nije zakon: vrijednost koju svaka opština ili tim određuje za sebe",
        "not law: a value each municipality or team sets for itself";
    StHistoricalMeans: "tekst koji je zamijenjen; navodi se samo pored teksta koji je na snazi",
        "tekst koji je zamijenjen; navodi se samo uz tekst koji je na snazi", "",
        "a text that has been replaced; cited only beside the text in force";
    StatusLegend: "Značenje statusa", "Značenje statusa", "", "What the statuses mean";

    Source: "Izvor", "Izvor", "", "Source";
    Citation: "Navod", "Navod", "", "Citation";
    Status: "Status", "Status", "", "Status";
    Condition: "Uslov", "Uvjet", "Uslov", "Condition";
    Expression: "Kako je napisano u paketu", "Kako je napisano u paketu", "", "As written in the pack";
    Always: "uvijek", "uvijek", "", "always";
    Never: "nikad", "nikad", "", "never";

    CAnd: "i", "i", "", "and";
    COr: "ili", "ili", "", "or";
    CAllOf: "sve od navedenog:", "sve navedeno:", "sve od navedenog:", "all of:";
    CAnyOf: "barem jedno od navedenog:", "barem jedno od navedenog:", "bar jedno od navedenog:", "at least one of:";
    CNot: "ne važi: {0}", "ne vrijedi: {0}", "ne važi: {0}", "not: {0}";
    CAtLeastOf: "najmanje {0} od navedenog:", "najmanje {0} od navedenog:", "", "at least {0} of:";
    CAtMostOf: "najviše {0} od navedenog:", "najviše {0} od navedenog:", "", "at most {0} of:";
    CExactlyOf: "tačno {0} od navedenog:", "točno {0} od navedenog:", "tačno {0} od navedenog:", "exactly {0} of:";
    CCountOf: "broj ispunjenih od navedenog {0}:", "broj ispunjenih od navedenog {0}:", "",
        "the number of these that hold {0}:";
    CIs: "je", "je", "", "is";
    CIsNot: "nije", "nije", "", "is not";
    CLt: "je manje od", "je manje od", "", "is less than";
    CLe: "je najviše", "je najviše", "", "is at most";
    CGt: "je više od", "je više od", "", "is more than";
    CGe: "je najmanje", "je najmanje", "", "is at least";
    CIn: "je jedno od:", "je jedno od:", "", "is one of:";
    CNotIn: "nije nijedno od:", "nije nijedno od:", "", "is none of:";
    CPlus: "plus", "plus", "", "plus";
    CMinus: "minus", "minus", "", "minus";
    CTimes: "puta", "puta", "", "times";
    CKnown: "{0} je poznato", "{0} je poznato", "", "{0} is known";
    CDimension: "dimenzija „{0}” je pozitivna", "dimenzija „{0}” je pozitivna", "", "the dimension “{0}” is positive";
    COverdue: "obaveza „{0}” kasni (ili je ispunjena sa zakašnjenjem)",
        "obveza „{0}” kasni (ili je ispunjena sa zakašnjenjem)",
        "obaveza „{0}” kasni (ili je ispunjena sa zakašnjenjem)",
        "the duty “{0}” is overdue (or was met late)";
    CValueOf: "vrijednost indikatora „{0}”", "vrijednost pokazatelja „{0}”", "vrijednost indikatora „{0}”",
        "the value of “{0}”";
    CParamValue: "„{0}” ({1})", "„{0}” ({1})", "", "“{0}” ({1})";
    CGradeStrong: "broj prisutnih jakih indikatora", "broj prisutnih jakih pokazatelja", "",
        "the number of strong indicators present";
    CGradeMedium: "broj prisutnih srednjih indikatora", "broj prisutnih srednjih pokazatelja", "",
        "the number of medium indicators present";
    CGradeWeak: "broj prisutnih slabih indikatora", "broj prisutnih slabih pokazatelja", "",
        "the number of weak indicators present";
    CThisValue: "zabilježena vrijednost", "zabilježena vrijednost", "", "the observed value";
    SubjIsChild: "osoba je dijete", "osoba je dijete", "", "the person is a child";
    SubjAge: "dob osobe", "dob osobe", "starost osobe", "the person's age";
    SubjSex: "spol osobe", "spol osobe", "pol osobe", "the person's sex";
    SubjCitizenship: "državljanstvo osobe", "državljanstvo osobe", "", "the person's citizenship";
    SubjIsForeign: "osoba je strani državljanin", "osoba je strani državljanin", "", "the person is a foreign citizen";
    SubjAppearsMinor: "postoje razlozi da se vjeruje da je osoba dijete",
        "postoje razlozi za vjerovanje da je osoba dijete", "",
        "there are reasons to believe the person is a child";
    CaseReporter: "institucija koja je prijavila slučaj", "institucija koja je prijavila slučaj", "",
        "the reporting institution";
    CaseMunicipality: "općina slučaja", "općina slučaja", "opština slučaja", "the case's municipality";
    CaseEntity: "entitet slučaja", "entitet slučaja", "", "the case's entity";
    CaseArea: "kanton ili regija slučaja", "kanton (županija) ili regija slučaja", "", "the case's canton or region";
    LevelWord: "nivo", "razina", "nivo", "the level";
    ClassificationWord: "klasifikacija", "klasifikacija", "", "the classification";

    DutiesIntro: "Svaka obaveza: ko postupa, prema kome, u kojem roku i na osnovu čega.",
        "Svaka obveza: tko postupa, prema kome, u kojem roku i na temelju čega.", "",
        "Every duty: who acts, towards whom, by when, and on what basis.";
    WhoActs: "Ko postupa", "Tko postupa", "Ko postupa", "Who acts";
    TowardsWhom: "Prema kome", "Prema kome", "", "Towards whom";
    ClockStarts: "Rok počinje", "Rok počinje", "", "The clock starts";
    AtReport: "prijavom slučaja", "prijavom slučaja", "", "at the report";
    AtEvent: "događajem: {0}", "događajem: {0}", "", "at the event: {0}";
    Due: "Rok", "Rok", "", "Due";
    Immediately: "odmah", "odmah", "", "immediately";
    Priority: "Prioritet", "Prioritet", "", "Priority";
    PriorityN: "prioritet {0}", "prioritet {0}", "", "priority {0}";
    PriorityNote: "1 je najhitnije", "1 je najhitnije", "", "1 is the most urgent";
    MetBy: "Ispunjena kad se zabilježi", "Ispunjena kad se zabilježi", "", "Met when recorded";
    NeedsConsent: "Potrebna saglasnost", "Potrebna suglasnost", "Potrebna saglasnost", "Needs consent";
    ConsentNote: "samo se nudi dok osoba ne da saglasnost", "samo se nudi dok osoba ne da suglasnost",
        "samo se nudi dok osoba ne da saglasnost", "only offered until the person consents";
    Exceptions: "Izuzeci", "Iznimke", "Izuzeci", "Exceptions";
    ExceptionWhen: "Zamjenjuje osnovno pravilo kad važi i:", "Zamjenjuje osnovno pravilo kad vrijedi i:",
        "Zamjenjuje osnovno pravilo kad važi i:", "Replaces the base rule when this also holds:";
    ExceptionOrder: "Izuzeci se provjeravaju ovim redom; primjenjuje se prvi koji važi.",
        "Iznimke se provjeravaju ovim redom; primjenjuje se prva koja vrijedi.",
        "Izuzeci se provjeravaju ovim redom; primjenjuje se prvi koji važi.",
        "Exceptions are tried in this order; the first that holds applies.";
    ExceptionUnique: "Dva izuzetka ne mogu važiti zajedno.", "Dvije iznimke ne mogu vrijediti zajedno.",
        "Dva izuzetka ne mogu važiti zajedno.", "No two exceptions can hold together.";
    ArisesIn: "Nastaje kod klasifikacije", "Nastaje kod klasifikacije", "", "Arises with the classification";
    ArisesAlways: "uvijek kod ove klasifikacije", "uvijek kod ove klasifikacije", "", "always, with this classification";
    When: "kad", "kad", "", "when";
    LevelsPossible: "Mogući nivoi", "Moguće razine", "Mogući nivoi", "Possible levels";
    NoDuty: "Kod ove klasifikacije ne nastaje nijedna obaveza.", "Kod ove klasifikacije ne nastaje nijedna obveza.",
        "Kod ove klasifikacije ne nastaje nijedna obaveza.", "No duty arises with this classification.";
    Escalations: "Eskalacije", "Eskalacije", "", "Escalations";
    EscalationNote: "Isprekidane strelice su eskalacije: obaveze koje nastaju kad druga obaveza kasni.",
        "Isprekidane strelice su eskalacije: obveze koje nastaju kad druga obveza kasni.",
        "Isprekidane strelice su eskalacije: obaveze koje nastaju kad druga obaveza kasni.",
        "Dashed arrows are escalations: duties that arise when another duty is late.";
    EscalatesWhenLate: "Kad ova obaveza kasni, nastaje:", "Kad ova obveza kasni, nastaje:",
        "Kad ova obaveza kasni, nastaje:", "When this duty is late, this arises:";
    NoEscalations: "Paket nema eskalacija.", "Paket nema eskalacija.", "", "The pack has no escalations.";
    OpenDiagram: "Otvori dijagram zasebno (puna veličina)", "Otvori dijagram zasebno (puna veličina)", "",
        "Open the diagram on its own (full size)";
    DiagramOf: "Tok upućivanja: {0}", "Tijek upućivanja: {0}", "Tok upućivanja: {0}", "Referral flow: {0}";
    DiagramDesc: "Ko postupa prema kome kod klasifikacije „{0}”; lista ispod dijagrama kaže isto.",
        "Tko postupa prema kome kod klasifikacije „{0}”; popis ispod dijagrama kaže isto.",
        "Ko postupa prema kome kod klasifikacije „{0}”; lista ispod dijagrama kaže isto.",
        "Who acts towards whom with the classification “{0}”; the list below the diagram says the same.";
    DiagramFailed: "Dijagram nije mogao biti složen; lista ispod kaže isto.",
        "Dijagram nije mogao biti složen; popis ispod kaže isto.", "",
        "The diagram could not be laid out; the list below says the same.";
    FlowIntro: "Za svaku klasifikaciju: ko postupa, prema kome, šta to pokreće i u kojem roku. Dijagrami su složeni automatski iz paketa.",
        "Za svaku klasifikaciju: tko postupa, prema kome, što to pokreće i u kojem roku. Dijagrami su složeni automatski iz paketa.",
        "",
        "For each classification: who acts, towards whom, triggered by what, by when. The diagrams are laid out automatically from the pack.";
    Reporter: "Institucija koja prijavljuje", "Institucija koja prijavljuje", "", "The reporting institution";
    BusinessDaysNote: "radni dani: preskaču se vikendi i praznici entiteta slučaja ({0})",
        "radni dani: preskaču se vikendi i blagdani entiteta slučaja ({0})",
        "radni dani: preskaču se vikendi i praznici entiteta slučaja ({0})",
        "business days: weekends and the holidays of the case's entity are skipped ({0})";
    Roles: "Uloge i šta svaka smije primiti", "Uloge i što svaka smije primiti", "Uloge i šta svaka smije primiti",
        "Roles and what each may receive";
    MayReceive: "smije primiti", "smije primiti", "", "may receive";
    Routed: "instituciju određuje općina slučaja", "instituciju određuje općina slučaja",
        "instituciju određuje opština slučaja", "the case's municipality names the institution";
    Hour1: "sat", "sat", "", "hour";
    Hour2: "sata", "sata", "", "hours";
    Hour5: "sati", "sati", "", "hours";
    Day1: "dan", "dan", "", "day";
    Day2: "dana", "dana", "", "days";
    Day5: "dana", "dana", "", "days";
    BDay1: "radni dan", "radni dan", "", "business day";
    BDay2: "radna dana", "radna dana", "", "business days";
    BDay5: "radnih dana", "radnih dana", "", "business days";
    Month1: "mjesec", "mjesec", "", "month";
    Month2: "mjeseca", "mjeseca", "", "months";
    Month5: "mjeseci", "mjeseci", "", "months";

    RulesIntro: "Kako paket od indikatora dolazi do bodova, nivoa i klasifikacije.",
        "Kako paket od pokazatelja dolazi do bodova, razine i klasifikacije.", "",
        "How the pack goes from indicators to a score, a level and a classification.";
    HitPolicyFirst: "Pravila se provjeravaju ovim redom; odlučuje prvo koje važi.",
        "Pravila se provjeravaju ovim redom; odlučuje prvo koje vrijedi.", "",
        "The rules are tried in this order; the first that holds decides.";
    HitPolicyUnique: "Dva pravila s različitim rezultatom ne mogu važiti zajedno, pa redoslijed nije bitan.",
        "Dva pravila s različitim rezultatom ne mogu vrijediti zajedno, pa redoslijed nije bitan.",
        "Dva pravila sa različitim rezultatom ne mogu važiti zajedno, pa redoslijed nije bitan.",
        "No two rules with different results can hold together, so the order does not matter.";
    NoneHolds: "Kad nijedno ne važi: {0}.", "Kad nijedno ne vrijedi: {0}.", "", "When none holds: {0}.";
    Result: "Rezultat", "Rezultat", "", "Result";
    Overrides: "Pravila politike (najniži nivo)", "Pravila politike (najniža razina)", "", "Policy overrides (level floors)";
    OverridesNote: "Svako pravilo koje važi postavlja najniži nivo; važi najviši takav nivo.",
        "Svako pravilo koje vrijedi postavlja najnižu razinu; vrijedi najviša takva razina.", "",
        "Every override that holds sets a floor; the highest floor wins.";
    FloorAtLeast: "nivo najmanje: {0}", "razina najmanje: {0}", "", "level at least: {0}";
    Score: "Bodovanje", "Bodovanje", "", "Score";
    ScoreNote: "Bodovi su zbir bodova prisutnih indikatora u svakoj dimenziji (najviše {0} po dimenziji) i dodatnih bodova pravila koja važe.",
        "Bodovi su zbroj bodova prisutnih pokazatelja u svakoj dimenziji (najviše {0} po dimenziji) i dodatnih bodova pravila koja vrijede.",
        "",
        "The score is the points of the present indicators in each dimension (at most {0} per dimension) plus the points of the score terms that hold.";
    NoCap: "bez ograničenja", "bez ograničenja", "", "no limit";
    GradePoints: "Bodovi po težini", "Bodovi po težini", "", "Points per grade";
    GradeStrong: "jak", "jak", "", "strong";
    GradeMedium: "srednji", "srednji", "", "medium";
    GradeWeak: "slab", "slab", "", "weak";
    LevelsFrom: "Najmanji broj bodova za nivo", "Najmanji broj bodova za razinu", "", "Least score for each level";
    ScoreTerms: "Dodatni bodovi", "Dodatni bodovi", "", "Score terms";
    Points: "bodovi: {0}", "bodovi: {0}", "", "points: {0}";
    DimensionRule: "Kad je dimenzija pozitivna", "Kad je dimenzija pozitivna", "", "When a dimension is positive";
    DimensionRuleNote: "Za svaku dimenziju, prema broju prisutnih indikatora svake težine u profilu osobe.",
        "Za svaku dimenziju, prema broju prisutnih pokazatelja svake težine u profilu osobe.", "",
        "For each dimension, by the number of present indicators of each grade under the person's profile.";
    Dimensions: "Dimenzije", "Dimenzije", "", "Dimensions";
    Dimension: "Dimenzija", "Dimenzija", "", "Dimension";
    AgeGate: "Dob", "Dob", "Starost", "Age";
    AgeMajority: "Dijete je osoba mlađa od {0} godina na dan procjene.",
        "Dijete je osoba mlađa od {0} godina na dan procjene.", "",
        "A child is a person younger than {0} on the day of the assessment.";
    AgePresume: "Kad dob nije sigurna (raspon seže ispod te granice ili postoje razlozi da se vjeruje da je osoba dijete), osoba se smatra djetetom.",
        "Kad dob nije sigurna (raspon seže ispod te granice ili postoje razlozi za vjerovanje da je osoba dijete), osoba se smatra djetetom.",
        "Kad starost nije sigurna (raspon seže ispod te granice ili postoje razlozi da se vjeruje da je osoba dijete), osoba se smatra djetetom.",
        "When the age is uncertain (a range reaching below that age, or reasons to believe the person is a child), the person is presumed a child.";
    AgeNoPresume: "Kad dob nije sigurna, ne pretpostavlja se da je osoba dijete.",
        "Kad dob nije sigurna, ne pretpostavlja se da je osoba dijete.",
        "Kad starost nije sigurna, ne pretpostavlja se da je osoba dijete.",
        "When the age is uncertain, the person is not presumed a child.";
    Profiles: "Profili", "Profili", "", "Profiles";
    ProfilesNote: "Profil određuje koja kolona težina važi; za osobu može važiti najviše jedan profil.",
        "Profil određuje koji stupac težina vrijedi; za osobu može vrijediti najviše jedan profil.", "",
        "A profile selects which column of grades applies; at most one profile can hold for a person.";
    Facts: "Izvedene činjenice", "Izvedene činjenice", "", "Derived facts";

    IndicatorsIntro: "Sve što se može zabilježiti o osobi, po dimenzijama.",
        "Sve što se može zabilježiti o osobi, po dimenzijama.", "",
        "Everything that may be observed about a person, by dimension.";
    Type: "Vrsta", "Vrsta", "", "Type";
    TypeBool: "da/ne", "da/ne", "", "yes/no";
    TypeCount: "broj", "broj", "", "a count";
    TypeEnum: "jedna od vrijednosti: {0}", "jedna od vrijednosti: {0}", "", "one of: {0}";
    TypeDecimal: "decimalni broj", "decimalni broj", "", "a decimal";
    TypeDuration: "trajanje", "trajanje", "", "a duration";
    Unit: "Jedinica", "Jedinica", "", "Unit";
    Grades: "Težina po profilu", "Težina po profilu", "", "Grade per profile";
    PresentWhen: "Smatra se prisutnim kad", "Smatra se prisutnim kad", "", "Counts as present when";
    Protected: "Zaštićeni podatak: smije usmjeriti slučaj (uz saglasnost), nikad ne utiče na bodove, nivo ni klasifikaciju.",
        "Zaštićeni podatak: smije usmjeriti slučaj (uz suglasnost), nikad ne utječe na bodove, razinu ni klasifikaciju.",
        "Zaštićeni podatak: smije usmjeriti slučaj (uz saglasnost), nikad ne utiče na bodove, nivo ni klasifikaciju.",
        "Protected data: may route a case (with consent), never weighs in the score, the level or the classification.";
    Signals: "Signali bez dimenzije", "Signali bez dimenzije", "", "Signals without a dimension";
    SignalsNote: "Ovi indikatori ne ulaze u dimenzije; čitaju ih pravila, dodatni bodovi i obaveze.",
        "Ovi pokazatelji ne ulaze u dimenzije; čitaju ih pravila, dodatni bodovi i obveze.", "",
        "These indicators count in no dimension; rules, score terms and duties read them.";
    CountsWith: "Broji se kao jedna stavka zajedno s", "Broji se kao jedna stavka zajedno s", "",
        "Counts as one item together with";
    UsedIn: "Koristi se u", "Koristi se u", "", "Used in";
    NotUsed: "ne čita ga nijedno pravilo", "ne čita ga nijedno pravilo", "", "no rule reads it";

    ParamsIntro: "Vrijednosti koje pravila čitaju, s datumom od kojeg važe.",
        "Vrijednosti koje pravila čitaju, s datumom od kojeg vrijede.", "",
        "The values the rules read, with the date each takes effect.";
    Value: "Vrijednost", "Vrijednost", "", "Value";
    FromDate: "od {0}", "od {0}", "", "from {0}";
    LocalPolicyNote: "Lokalna politika: svaka općina može odrediti svoju vrijednost; vrijednost paketa je {0}.",
        "Lokalna politika: svaka općina može odrediti svoju vrijednost; vrijednost paketa je {0}.",
        "Lokalna politika: svaka opština može odrediti svoju vrijednost; vrijednost paketa je {0}.",
        "Local policy: each municipality may set its own value; the pack's default is {0}.";
    SetHere: "U ovom priručniku postavljeno na {0}.", "U ovom priručniku postavljeno na {0}.", "",
        "Set to {0} for this handbook.";

    MunicipalitiesIntro: "Za svaku općinu: entitet, kanton ili regija i institucija svake uloge. Stranicu pretražite pretragom preglednika",
        "Za svaku općinu: entitet, kanton (županija) ili regija i institucija svake uloge. Stranicu pretražite pretraživanjem preglednika",
        "Za svaku opštinu: entitet, kanton ili regija i institucija svake uloge. Stranicu pretražite pretragom pregledača",
        "For each municipality: the entity, the canton or region, and the institution of each role. Search this page with your browser's find";
    Municipality: "Općina", "Općina", "Opština", "Municipality";
    Entity: "Entitet", "Entitet", "", "Entity";
    Area: "Kanton ili regija", "Kanton (županija) ili regija", "Kanton ili regija", "Canton or region";
    Institution: "Institucija", "Institucija", "", "Institution";
    Note: "Napomena", "Napomena", "", "Note";
    RowStatus: "Status kantona ili regije i tima", "Status kantona (županije) ili regije i tima", "",
        "Status of the area and its team";

    CalendarsIntro: "Dani kad su institucije zatvorene za sve, po entitetu; rokovi u radnim danima ih preskaču.",
        "Dani kad su institucije zatvorene za sve, po entitetu; rokovi u radnim danima ih preskaču.", "",
        "The days on which institutions are closed for everyone, by entity; deadlines in business days skip them.";
    CalendarOf: "Kalendar: {0}", "Kalendar: {0}", "", "Calendar: {0}";
    Covers: "Obuhvata {0} – {1}", "Obuhvaća {0} – {1}", "Obuhvata {0} – {1}", "Covers {0} – {1}";
    Weekend: "Vikend", "Vikend", "", "Weekend";
    ClosingDays: "Neradni dani {0}", "Neradni dani {0}", "", "Closing days {0}";
    BusinessDaysPerMonth: "Radni dani po mjesecima {0}", "Radni dani po mjesecima {0}", "", "Business days per month {0}";
    Date: "Datum", "Datum", "", "Date";
    Day: "Dan", "Dan", "", "Day";
    Holiday: "Praznik", "Blagdan", "Praznik", "Holiday";
    Month: "Mjesec", "Mjesec", "", "Month";
    BusinessDays: "Radni dani", "Radni dani", "", "Business days";
    BeyondCalendar: "Rok u radnim danima koji prelazi kraj kalendara računa se samo s vikendima, a procjena na to upozorava.",
        "Rok u radnim danima koji prelazi kraj kalendara računa se samo s vikendima, a procjena na to upozorava.",
        "Rok u radnim danima koji prelazi kraj kalendara računa se samo sa vikendima, a procjena na to upozorava.",
        "A business-day deadline that runs past the end of a calendar is counted with weekends only, and the assessment warns.";
    Mon: "ponedjeljak", "ponedjeljak", "", "Monday";
    Tue: "utorak", "utorak", "", "Tuesday";
    Wed: "srijeda", "srijeda", "", "Wednesday";
    Thu: "četvrtak", "četvrtak", "", "Thursday";
    Fri: "petak", "petak", "", "Friday";
    Sat: "subota", "subota", "", "Saturday";
    Sun: "nedjelja", "nedjelja", "", "Sunday";
    Jan: "januar", "siječanj", "januar", "January";
    Feb: "februar", "veljača", "februar", "February";
    Mar: "mart", "ožujak", "mart", "March";
    Apr: "april", "travanj", "april", "April";
    May: "maj", "svibanj", "maj", "May";
    Jun: "juni", "lipanj", "jun", "June";
    Jul: "juli", "srpanj", "jul", "July";
    Aug: "august", "kolovoz", "avgust", "August";
    Sep: "septembar", "rujan", "septembar", "September";
    Oct: "oktobar", "listopad", "oktobar", "October";
    Nov: "novembar", "studeni", "novembar", "November";
    Dec: "decembar", "prosinac", "decembar", "December";

    SourcesIntro: "Izvori koje paket navodi i koliko je svaki provjeren.",
        "Izvori koje paket navodi i koliko je svaki provjeren.", "",
        "The sources the pack cites, and how well each has been checked.";
    CitedBy: "Navode ga", "Navode ga", "", "Cited by";

    ChecksIntro: "Testovi i zakoni paketa, izvršeni pri izradi ovog priručnika.",
        "Testovi i zakoni paketa, izvršeni pri izradi ovog priručnika.", "",
        "The pack's tests and laws, run when this handbook was built.";
    Tests: "Testovi paketa", "Testovi paketa", "", "The pack's tests";
    Laws: "Zakoni paketa", "Zakoni paketa", "", "The pack's laws";
    Passed: "prošlo", "prošlo", "", "passed";
    Failed: "nije prošlo", "nije prošlo", "", "failed";
    PassedFailed: "{0} prošlo, {1} nije prošlo", "{0} prošlo, {1} nije prošlo", "", "{0} passed, {1} failed";
    NotRun: "Nije izvršeno za ovaj priručnik.", "Nije izvršeno za ovaj priručnik.", "", "Not run for this handbook.";

    ChangelogNone: "Uz paket nije data historija izmjena.", "Uz paket nije dana povijest izmjena.",
        "Uz paket nije data istorija izmjena.", "No changelog was given with the pack.";
    ChangesIntro: "Razlike između verzije {0} i ove: pravila, parametri i ishodi slučajeva.",
        "Razlike između verzije {0} i ove: pravila, parametri i ishodi slučajeva.", "",
        "What differs between version {0} and this one: rules, parameters and the outcomes of cases.";
    ChangesNone: "Ovaj priručnik nije izrađen u poređenju s ranijom verzijom paketa.",
        "Ovaj priručnik nije izrađen u usporedbi s ranijom verzijom paketa.",
        "Ovaj priručnik nije izrađen u poređenju sa ranijom verzijom paketa.",
        "This handbook was not built against an earlier version of the pack.";
    Added: "Dodano", "Dodano", "", "Added";
    Removed: "Uklonjeno", "Uklonjeno", "", "Removed";
    Changed: "Promijenjeno", "Promijenjeno", "", "Changed";
    NothingChanged: "Bez razlika.", "Bez razlika.", "", "No differences.";
    Before: "Ranije", "Prije", "Ranije", "Before";
    Now: "Sada", "Sada", "", "Now";
    OutcomesOver: "Ishodi za {0} slučajeva, procijenjenih na dan {1}", "Ishodi za {0} slučajeva, procijenjenih na dan {1}", "",
        "Outcomes of {0} cases, assessed as of {1}";
    CasesChange: "mijenja se: {0}; isto: {1}; odbijeno u obje verzije: {2}",
        "mijenja se: {0}; isto: {1}; odbijeno u objema verzijama: {2}",
        "mijenja se: {0}; isto: {1}; odbijeno u obje verzije: {2}",
        "change: {0}; unchanged: {1}; refused by both: {2}";
    LevelFromTo: "Nivo (ranije → sada)", "Razina (prije → sada)", "Nivo (ranije → sada)", "Level (before → now)";
    ClassFromTo: "Klasifikacija (ranije → sada)", "Klasifikacija (prije → sada)", "Klasifikacija (ranije → sada)",
        "Classification (before → now)";
    ChangedCases: "Slučajevi koji se mijenjaju", "Slučajevi koji se mijenjaju", "", "Cases that change";
    BecauseOf: "zbog", "zbog", "", "because of";
    Refused: "odbijen", "odbijen", "", "refused";

    IndexIntro: "Ovaj priručnik prikazuje protokol upućivanja onako kako ga program primjenjuje: svako pravilo riječima, s izrazom iz paketa, izvorom i statusom.",
        "Ovaj priručnik prikazuje protokol upućivanja onako kako ga program primjenjuje: svako pravilo riječima, s izrazom iz paketa, izvorom i statusom.",
        "Ovaj priručnik prikazuje protokol upućivanja onako kako ga program primjenjuje: svako pravilo rečima, sa izrazom iz paketa, izvorom i statusom.",
        "This handbook shows the referral protocol as the engine applies it: every rule in words, with the expression from the pack, its source and its status.";
    Version: "Verzija", "Verzija", "", "Version";
    Digest: "Otisak sadržaja", "Otisak sadržaja", "", "Content digest";
    InEffect: "Na snazi", "Na snazi", "", "In effect";
    NoEnd: "bez krajnjeg datuma", "bez krajnjeg datuma", "", "no end date";
    TimeZone: "Vremenska zona", "Vremenska zona", "", "Time zone";
    Languages: "Jezici", "Jezici", "", "Languages";
    ByStatus: "Sadržaj po statusu", "Sadržaj po statusu", "", "Content by status";
    LocalValues: "Ovaj priručnik prikazuje lokalne vrijednosti umjesto vrijednosti paketa: {0}.",
        "Ovaj priručnik prikazuje lokalne vrijednosti umjesto vrijednosti paketa: {0}.", "",
        "This handbook shows local values instead of the pack's: {0}.";
    FallbackTitle: "Nema naziva na ovom jeziku; prikazan je naziv na jeziku {0}",
        "Nema naziva na ovom jeziku; prikazan je naziv na jeziku {0}", "",
        "No label in this language; shown in {0}";
    FallbackLegend: "Oznaka [xx] pored naziva znači da naziva nema na ovom jeziku i da je prikazan na jeziku xx.",
        "Oznaka [xx] uz naziv znači da naziva nema na ovom jeziku i da je prikazan na jeziku xx.", "",
        "A mark [xx] beside a label means that it has no label in this language and is shown in language xx.";
    Built: "Izrađeno iz paketa {0} {1} ({2}) programom putokaz {3}.", "Izrađeno iz paketa {0} {1} ({2}) programom putokaz {3}.", "",
        "Built from the pack {0} {1} ({2}) by putokaz {3}.";
    Count: "Broj", "Broj", "", "Count";
}

impl W {
    /// The word in `lang`.
    pub(crate) fn get(self, lang: Language) -> &'static str {
        static CYRILLIC: OnceLock<Vec<String>> = OnceLock::new();
        let row = &TABLE[self as usize];
        let or_bs = |t: &'static str| if t.is_empty() { row[0] } else { t };
        match lang {
            Language::Bs => row[0],
            Language::Hr => or_bs(row[1]),
            Language::SrLatn => or_bs(row[2]),
            Language::En => row[3],
            Language::SrCyrl => {
                let table = CYRILLIC.get_or_init(|| {
                    TABLE.iter().map(|r| crate::latin_to_cyrillic(if r[2].is_empty() { r[0] } else { r[2] })).collect()
                });
                &table[self as usize]
            }
        }
    }

    /// The word in `lang` with `{0}`, `{1}`, … replaced by `args`.
    pub(crate) fn fill(self, lang: Language, args: &[&str]) -> String {
        fill(self.get(lang), args)
    }
}

/// `template` with `{0}`, `{1}`, … replaced by `args`, in one pass (an argument that
/// itself contains `{1}` is not expanded again).
pub(crate) fn fill(template: &str, args: &[&str]) -> String {
    let mut out = String::with_capacity(template.len() + args.iter().map(|a| a.len()).sum::<usize>());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}').and_then(|close| after[..close].parse::<usize>().ok().map(|i| (i, close))) {
            Some((i, close)) if i < args.len() => {
                out.push_str(args[i]);
                rest = &after[close + 1..];
            }
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The form of a counted word: Bosnian, Croatian and Serbian have one form for 1, 21,
/// 31 …, one for 2–4, 22–24 …, and one for the rest (5–20, 25–30 …); English one for 1.
pub(crate) fn plural(lang: Language, n: u32, [one, few, many]: [W; 3]) -> &'static str {
    let form = match lang {
        Language::En if n == 1 => one,
        Language::En => many,
        _ if n % 10 == 1 && n % 100 != 11 => one,
        _ if (2..=4).contains(&(n % 10)) && !(12..=14).contains(&(n % 100)) => few,
        _ => many,
    };
    form.get(lang)
}

/// The weekday's name, Monday first.
pub(crate) fn weekday(lang: Language, monday_zero: usize) -> &'static str {
    [W::Mon, W::Tue, W::Wed, W::Thu, W::Fri, W::Sat, W::Sun][monday_zero % 7].get(lang)
}

/// The month's name, January as 1.
pub(crate) fn month(lang: Language, month: usize) -> &'static str {
    [W::Jan, W::Feb, W::Mar, W::Apr, W::May, W::Jun, W::Jul, W::Aug, W::Sep, W::Oct, W::Nov, W::Dec][(month + 11) % 12]
        .get(lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_has_a_bosnian_and_an_english_text() {
        for row in TABLE {
            assert!(!row[0].is_empty() && !row[3].is_empty(), "{row:?}");
        }
    }

    #[test]
    fn languages_fall_back_to_bosnian_and_cyrillic_is_transliterated() {
        assert_eq!(W::NavMunicipalities.get(Language::Hr), "Općine");
        assert_eq!(W::NavMunicipalities.get(Language::SrLatn), "Opštine");
        assert_eq!(W::NavMunicipalities.get(Language::SrCyrl), "Општине");
        assert_eq!(W::Handbook.get(Language::SrLatn), "Priručnik");
        assert!(W::SubjIsChild.get(Language::SrCyrl).chars().all(|c| !c.is_ascii_alphabetic()));
    }

    #[test]
    fn templates_take_their_arguments_once() {
        assert_eq!(fill("{0} passed, {1} failed", &["3", "{0}"]), "3 passed, {0} failed");
        assert_eq!(fill("a {x} b {7}", &["z"]), "a {x} b {7}");
    }

    #[test]
    fn counted_words_take_their_form() {
        let days = [W::BDay1, W::BDay2, W::BDay5];
        let forms: Vec<&str> = [1, 2, 5, 11, 21, 22, 25].iter().map(|n| plural(Language::Bs, *n, days)).collect();
        assert_eq!(
            forms,
            ["radni dan", "radna dana", "radnih dana", "radnih dana", "radni dan", "radna dana", "radnih dana"]
        );
        assert_eq!(plural(Language::En, 1, days), "business day");
        assert_eq!(plural(Language::En, 3, days), "business days");
    }
}
