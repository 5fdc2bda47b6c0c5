//! The C enums, each written once: one list per type gives its numbers, its stable
//! names (the strings the assessment JSON and the core use), the `_name` function of the
//! header, and the conversions to and from the core's enum. cbindgen reads the crate
//! after macro expansion (`[parse.expand]` in cbindgen.toml), so the header shows the
//! enums as they are generated here.
//!
//! Numbering: `putokaz_result` has 0 for success; every other enum starts at 1, so 0 is
//! never one of its values (a zeroed or unset variable is recognisably not a value, and
//! its `_name` is `""`). Numbers are part of the ABI: they are never reused, and new
//! values take new numbers.

use putokaz::{ChildBasis, Classification, Direction, IndicatorKind, Level, ObligationStatus, ParameterKind, Tri};

/// Declares a C enum from one list: `Variant = number => "name"`, with `from Core` when
/// the variants mirror the core enum `Core` one to one (the conversions are generated,
/// and an exhaustive match makes a new core variant a compile error here until it gets
/// its own number).
macro_rules! c_enum {
    (@message) => { "" };
    (@message $message:literal) => { $message };
    (@convert [] $name:ident [$($variant:ident)*]) => {};
    (@convert [$core:ident] $name:ident [$($variant:ident)*]) => {
        impl From<$core> for $name {
            fn from(v: $core) -> $name {
                match v {
                    $($core::$variant => $name::$variant,)*
                }
            }
        }

        impl From<$name> for $core {
            fn from(v: $name) -> $core {
                match v {
                    $($name::$variant => $core::$variant,)*
                }
            }
        }
    };
    (
        $(#[$meta:meta])*
        pub enum $name:ident $(from $core:ident)? {
            $($(#[$vmeta:meta])* $variant:ident = $num:literal => $text:literal $(: $message:literal)?,)*
        }
        $(#[$fmeta:meta])*
        name: $name_fn:ident;
    ) => {
        $(#[$meta])*
        #[repr(u32)]
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum $name {
            $(
                #[doc = concat!(" `\"", $text, "\"`", $(": ", $message, ".")?)]
                $(#[$vmeta])*
                $variant = $num,
            )*
        }

        impl $name {
            /// Every value, in the order listed.
            #[allow(dead_code)]
            pub(crate) const ALL: &'static [$name] = &[$($name::$variant),*];

            /// The value with this number, if there is one.
            pub(crate) fn from_u32(number: u32) -> Option<$name> {
                match number {
                    $($num => Some($name::$variant),)*
                    _ => None,
                }
            }

            /// The stable name, with a terminating NUL for C.
            pub(crate) fn name_nul(self) -> &'static str {
                match self {
                    $($name::$variant => concat!($text, "\0"),)*
                }
            }

            /// The stable name.
            #[allow(dead_code)]
            pub(crate) fn name(self) -> &'static str {
                let z = self.name_nul();
                &z[..z.len() - 1]
            }

            /// The sentence that says what the value means (results only).
            #[allow(dead_code)]
            pub(crate) fn message(self) -> &'static str {
                match self {
                    $($name::$variant => c_enum!(@message $($message)?),)*
                }
            }
        }

        c_enum!(@convert [$($core)?] $name [$($variant)*]);

        $(#[$fmeta])*
        /// A static string, never NULL, not to be freed; `""` for a number that is not a
        /// value.
        #[no_mangle]
        pub extern "C" fn $name_fn(value: u32) -> *const std::ffi::c_char {
            $crate::boundary::guard_static(|| $name::from_u32(value).map_or("\0", $name::name_nul))
        }
    };
}
pub(crate) use c_enum;

c_enum! {
    /// A risk level, in order: comparisons between levels work on the numbers.
    pub enum putokaz_level from Level {
        /// No indicator weighs enough for a level.
        None = 1 => "none",
        Low = 2 => "low",
        Moderate = 3 => "moderate",
        High = 4 => "high",
        VeryHigh = 5 => "very_high",
    }
    /// The name of a `putokaz_level` as in the assessment JSON.
    name: putokaz_level_name;
}

c_enum! {
    /// The classification against the legal definition of trafficking. Never "identified
    /// victim": that is an authority's decision, not a screening result.
    pub enum putokaz_classification from Classification {
        PresumedVictim = 1 => "presumed_victim",
        AtRisk = 2 => "at_risk",
        InsufficientIndicators = 3 => "insufficient_indicators",
    }
    /// The name of a `putokaz_classification` as in the assessment JSON.
    name: putokaz_classification_name;
}

c_enum! {
    /// A three-valued truth: settled false, settled true, or depending on unknown inputs.
    pub enum putokaz_tri from Tri {
        False = 1 => "false",
        True = 2 => "true",
        Unknown = 3 => "unknown",
    }
    /// The name of a `putokaz_tri` as in the assessment JSON.
    name: putokaz_tri_name;
}

c_enum! {
    /// On what basis the subject is (or is not) treated as a child.
    pub enum putokaz_child_basis from ChildBasis {
        /// Nothing is known about the age.
        Unknown = 1 => "unknown",
        /// The age computed from the birth date at `as_of`.
        BirthDate = 2 => "birth_date",
        /// The age as stated.
        StatedAge = 3 => "stated_age",
        /// An age range wholly below, or wholly at or above, the age of majority.
        AgeRange = 4 => "age_range",
        /// An age range reaching below majority: presumed a child until verified.
        PresumedMinorAgeRange = 5 => "presumed_minor_age_range",
        /// No age, but reasons to believe the person is a child: presumed a child.
        PresumedMinorAppearance = 6 => "presumed_minor_appearance",
    }
    /// The name of a `putokaz_child_basis` as in the assessment JSON.
    name: putokaz_child_basis_name;
}

c_enum! {
    /// Where an obligation stands at `as_of`.
    pub enum putokaz_obligation_status from ObligationStatus {
        /// Due time passed, not met.
        Overdue = 1 => "overdue",
        /// Not met, due time not passed (or its clock has not started).
        Pending = 2 => "pending",
        /// Only offered: waits for the consent it needs.
        Offered = 3 => "offered",
        /// Whether it applies depends on inputs that are unknown.
        DependsOnUnknown = 4 => "depends_on_unknown",
        /// Fulfilled by an event.
        Met = 5 => "met",
    }
    /// The name of a `putokaz_obligation_status` as in the assessment JSON.
    name: putokaz_obligation_status_name;
}

c_enum! {
    /// The value type of an indicator, which says which `putokaz_case_observe_*` function
    /// records it.
    pub enum putokaz_indicator_kind from IndicatorKind {
        /// `putokaz_case_observe_bool`.
        Bool = 1 => "bool",
        /// `putokaz_case_observe_count`.
        Count = 2 => "count",
        /// `putokaz_case_observe_enum`, with one of the indicator's values.
        Enum = 3 => "enum",
    }
    /// The name of a `putokaz_indicator_kind` as in the pack format.
    name: putokaz_indicator_kind_name;
}

c_enum! {
    /// The direction of a discretionary override.
    pub enum putokaz_direction from Direction {
        /// One level up.
        Raise = 1 => "raise",
        /// One level down (never below a policy floor).
        Lower = 2 => "lower",
    }
    /// The name of a `putokaz_direction` as in the case JSON.
    name: putokaz_direction_name;
}

c_enum! {
    /// The type of a pack parameter, which says how its value is written: a decimal
    /// (`"2.5"`), a whole number, a duration (`"24h"`, `"3d"`, `"5bd"`), `true` or `false`.
    pub enum putokaz_parameter_kind from ParameterKind {
        Decimal = 1 => "decimal",
        Count = 2 => "count",
        Duration = 3 => "duration",
        Bool = 4 => "bool",
    }
    /// The name of a `putokaz_parameter_kind` as in the pack format.
    name: putokaz_parameter_kind_name;
}

c_enum! {
    /// A list of names a case may use, for `putokaz_protocol_term_count` and
    /// `putokaz_protocol_term`.
    pub enum putokaz_vocabulary {
        /// Institution types: `$.reporter`, an event's `by`, an observation's `observed_by`.
        Role = 1 => "role",
        /// Kinds of events: an event's `kind`.
        EventKind = 2 => "event_kind",
        /// Consent scopes: a consent's `scope`.
        ConsentScope = 3 => "consent_scope",
    }
    /// The name of a `putokaz_vocabulary`.
    name: putokaz_vocabulary_name;
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::{c_char, CStr};

    fn s(p: *const c_char) -> String {
        unsafe { CStr::from_ptr(p) }.to_str().unwrap().to_owned()
    }

    macro_rules! check_enum {
        ($c:ident, $core:ty, $name_fn:ident) => {
            let mut seen = std::collections::HashSet::new();
            for v in $c::ALL {
                let n = *v as u32;
                assert!(n != 0 && seen.insert(n), "{v:?}: 0 or a number used twice");
                assert_eq!($c::from_u32(n), Some(*v));
                assert_eq!(s($name_fn(n)), v.name());
                let json = serde_json::to_value(<$core>::from(*v)).unwrap();
                assert_eq!(json.as_str(), Some(v.name()), "{v:?} is not named as in the core");
                assert_eq!($c::from(<$core>::from(*v)), *v);
            }
            assert_eq!(s($name_fn(0)), "");
            assert_eq!(s($name_fn(1000)), "");
        };
    }

    #[test]
    fn every_enum_is_numbered_from_one_and_named_as_in_the_core() {
        check_enum!(putokaz_level, Level, putokaz_level_name);
        check_enum!(putokaz_classification, Classification, putokaz_classification_name);
        check_enum!(putokaz_tri, Tri, putokaz_tri_name);
        check_enum!(putokaz_child_basis, ChildBasis, putokaz_child_basis_name);
        check_enum!(putokaz_obligation_status, ObligationStatus, putokaz_obligation_status_name);
        check_enum!(putokaz_indicator_kind, IndicatorKind, putokaz_indicator_kind_name);
        check_enum!(putokaz_direction, Direction, putokaz_direction_name);
        check_enum!(putokaz_parameter_kind, ParameterKind, putokaz_parameter_kind_name);
        assert_eq!(s(putokaz_vocabulary_name(putokaz_vocabulary::ConsentScope as u32)), "consent_scope");
    }

    #[test]
    fn levels_compare_by_number() {
        let numbers: Vec<u32> = Level::ALL.iter().map(|l| putokaz_level::from(*l) as u32).collect();
        assert!(numbers.windows(2).all(|w| w[0] < w[1]));
    }
}
