/*
 * putokaz.h: the C API of putokaz, the anti-trafficking referral protocols of Bosnia and
 * Herzegovina as a pure function: observations about a person in; an exact risk score, a
 * classification and the referral obligations (who must act, by when, why) out.
 *
 * Two ways in:
 *   - JSON: putokaz_assess_json(protocol, case_json, as_of, language, &json, &diagnostic).
 *   - Typed, for registries with no JSON library: putokaz_case_new + putokaz_case_set_* /
 *     putokaz_case_observe_* / putokaz_case_add_*, then putokaz_assess, then the
 *     putokaz_assessment_* accessors.
 * The engine reads no clock: every assessment is made "as of" a time the caller passes
 * (RFC 3339 with an offset, "2026-03-04T12:00:00+01:00").
 *
 * CONVENTIONS (they hold for every function below)
 *
 * Results. Every function that can fail returns a putokaz_result: PUTOKAZ_RESULT_OK (0)
 *   or the reason. The numbers are never reused or renumbered. putokaz_result_name()
 *   gives a code's stable name ("case.unknown_indicator"), putokaz_error_message() a
 *   sentence. Nothing crashes the host: every function body runs inside a panic guard,
 *   and a panic inside the library becomes PUTOKAZ_RESULT_PANIC.
 *
 * Arguments. Every pointer argument is checked: NULL where a value is required gives
 *   PUTOKAZ_RESULT_NULL_PARAMETER (only arguments documented as optional may be NULL).
 *   Text arguments are NUL-terminated UTF-8; anything else gives
 *   PUTOKAZ_RESULT_INVALID_UTF8, except case JSON: bytes that are not UTF-8 are not
 *   JSON, PUTOKAZ_RESULT_CASE_SYNTAX as in every language. A pointer that is not NULL must be valid: the library
 *   cannot detect dangling or foreign pointers.
 *
 * Out-parameters. Results go through the trailing pointer arguments, which are written
 *   only on success (the exceptions: `written`, see below, and `diagnostic`).
 *
 * Strings out. Texts are copied into a buffer the caller owns: the arguments
 *   `char *buf, size_t len, size_t *written`. On success the text and a terminating NUL
 *   are copied and *written is the text's length in bytes, without the NUL. When the text
 *   and its NUL do not fit in `len` bytes, nothing is copied, the function returns
 *   PUTOKAZ_RESULT_BUFFER_TOO_SMALL and *written is still set to the text's length, so
 *   the caller can retry with *written + 1 bytes. `buf` may be NULL when `len` is 0, which
 *   makes a size query. Whole documents (the assessment JSON, the case JSON) are instead
 *   returned as a string the library allocates, which the caller frees with
 *   putokaz_string_free().
 *
 * Strings lent. Functions with a `const char **` out-parameter (the putokaz_assessment_*_str
 *   accessors, the vocabulary of a protocol) lend a NUL-terminated UTF-8 text instead of
 *   copying it, as sqlite3_column_text does: it belongs to the object it was read from,
 *   is never freed by the caller, never changes, and stays valid exactly as long as that
 *   object — until putokaz_assessment_free for an assessment's texts, until the last
 *   putokaz_protocol_free of a protocol for its vocabulary. Copy it to keep it longer.
 *
 * Errors in detail. Functions whose failure can need explaining (loading a pack, reading
 *   a case, assessing) take a last argument `putokaz_diagnostic **diagnostic`. It may be
 *   NULL (no detail wanted). Otherwise *diagnostic must be NULL on entry and, when the
 *   call fails, is set to a new diagnostic that the caller frees with
 *   putokaz_diagnostic_free() (then sets the variable back to NULL before passing it
 *   again): its code, kind, message, the JSON path of a case error, the file, line and
 *   column of every problem of a pack. A *diagnostic that still holds one is refused with
 *   PUTOKAZ_RESULT_DIAGNOSTIC_IN_USE, before anything is done: the library never
 *   overwrites (leaks) nor frees a diagnostic it was handed. No diagnostic text ever
 *   contains a value taken from a case (cases hold personal data, and error text ends up
 *   in logs). Other functions fail only for reasons their result code says in full.
 *
 * Ownership. Each object is created by the library and released by exactly one call:
 *   putokaz_protocol    shared (Arc): putokaz_protocol_free; immutable, so one protocol
 *                       may be used by any number of threads at once without locking
 *   putokaz_case        owned (Box): putokaz_case_free
 *   putokaz_assessment  owned (Box): putokaz_assessment_free
 *   putokaz_diagnostic  owned (Box): putokaz_diagnostic_free
 *   char * from the library: putokaz_string_free
 *   Every _free function accepts NULL and then does nothing. No function consumes
 *   (frees) an argument, whether it succeeds or fails. Static strings (putokaz_version,
 *   putokaz_result_name, the *_name functions) are never freed; lent strings (above)
 *   are never freed by the caller.
 *
 * Enums. Every enum but putokaz_result (where 0 is PUTOKAZ_RESULT_OK) numbers its values
 *   from 1: 0 is never a value, so a zeroed variable is recognisably unset, and a
 *   *_name function gives "" for it. Each value's name (the string of the JSON) is shown
 *   beside it. Numbers are never reused.
 *
 * Threads. Objects are not tied to a thread. Functions taking a const pointer only read
 *   it and may run concurrently on one object; functions taking a non-const pointer
 *   (the putokaz_case_set_* family) need the object to themselves. The library keeps no
 *   global mutable state other than caches (putokaz_global_cleanup releases them).
 *
 * Versions. PUTOKAZ_VERSION_* describe this header; putokaz_version() and
 *   putokaz_version_number() the library actually linked.
 */


#ifndef PUTOKAZ_H
#define PUTOKAZ_H

/* Generated by cbindgen from bindings/c/src; do not edit. Regenerate with tests/c/gen_header.sh. */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PUTOKAZ_STRINGIFY_(x) #x
#define PUTOKAZ_STRINGIFY(x) PUTOKAZ_STRINGIFY_(x)
// The version of the library this header belongs to, as text ("MAJOR.MINOR.PATCH").
#define PUTOKAZ_VERSION_STRING \
    PUTOKAZ_STRINGIFY(PUTOKAZ_VERSION_MAJOR) "." \
    PUTOKAZ_STRINGIFY(PUTOKAZ_VERSION_MINOR) "." \
    PUTOKAZ_STRINGIFY(PUTOKAZ_VERSION_PATCH)

// The major version of the library this header belongs to.
#define PUTOKAZ_VERSION_MAJOR 0

// The minor version of the library this header belongs to.
#define PUTOKAZ_VERSION_MINOR 1

// The patch version of the library this header belongs to.
#define PUTOKAZ_VERSION_PATCH 0

// The version packed into one number, as SQLite does:
// `MAJOR * 1000000 + MINOR * 1000 + PATCH` (0.1.0 is 1000, 1.2.3 is 1002003).
// Minor and patch numbers stay below 1000. Compare it with `putokaz_version_number()`
// to tell the header a program was compiled with from the library it runs with.
#define PUTOKAZ_VERSION_NUMBER (((PUTOKAZ_VERSION_MAJOR * 1000000) + (PUTOKAZ_VERSION_MINOR * 1000)) + PUTOKAZ_VERSION_PATCH)

// On what basis the subject is (or is not) treated as a child.
enum putokaz_child_basis
#ifdef __cplusplus
  : uint32_t
#endif // __cplusplus
 {
    // `"unknown"`
    // Nothing is known about the age.
    PUTOKAZ_CHILD_BASIS_UNKNOWN = 1,
    // `"birth_date"`
    // The age computed from the birth date at `as_of`.
    PUTOKAZ_CHILD_BASIS_BIRTH_DATE = 2,
    // `"stated_age"`
    // The age as stated.
    PUTOKAZ_CHILD_BASIS_STATED_AGE = 3,
    // `"age_range"`
    // An age range wholly below, or wholly at or above, the age of majority.
    PUTOKAZ_CHILD_BASIS_AGE_RANGE = 4,
    // `"presumed_minor_age_range"`
    // An age range reaching below majority: presumed a child until verified.
    PUTOKAZ_CHILD_BASIS_PRESUMED_MINOR_AGE_RANGE = 5,
    // `"presumed_minor_appearance"`
    // No age, but reasons to believe the person is a child: presumed a child.
    PUTOKAZ_CHILD_BASIS_PRESUMED_MINOR_APPEARANCE = 6,
};
#ifndef __cplusplus
typedef uint32_t putokaz_child_basis;
#endif // __cplusplus

// The classification against the legal definition of trafficking. Never "identified
// victim": that is an authority's decision, not a screening result.
enum putokaz_classification
#ifdef __cplusplus
  : uint32_t
#endif // __cplusplus
 {
    // `"presumed_victim"`
    PUTOKAZ_CLASSIFICATION_PRESUMED_VICTIM = 1,
    // `"at_risk"`
    PUTOKAZ_CLASSIFICATION_AT_RISK = 2,
    // `"insufficient_indicators"`
    PUTOKAZ_CLASSIFICATION_INSUFFICIENT_INDICATORS = 3,
};
#ifndef __cplusplus
typedef uint32_t putokaz_classification;
#endif // __cplusplus

// The direction of a discretionary override.
enum putokaz_direction
#ifdef __cplusplus
  : uint32_t
#endif // __cplusplus
 {
    // `"raise"`
    // One level up.
    PUTOKAZ_DIRECTION_RAISE = 1,
    // `"lower"`
    // One level down (never below a policy floor).
    PUTOKAZ_DIRECTION_LOWER = 2,
};
#ifndef __cplusplus
typedef uint32_t putokaz_direction;
#endif // __cplusplus

// The value type of an indicator, which says which `putokaz_case_observe_*` function
// records it.
enum putokaz_indicator_kind
#ifdef __cplusplus
  : uint32_t
#endif // __cplusplus
 {
    // `"bool"`
    // `putokaz_case_observe_bool`.
    PUTOKAZ_INDICATOR_KIND_BOOL = 1,
    // `"count"`
    // `putokaz_case_observe_count`.
    PUTOKAZ_INDICATOR_KIND_COUNT = 2,
    // `"enum"`
    // `putokaz_case_observe_enum`, with one of the indicator's values.
    PUTOKAZ_INDICATOR_KIND_ENUM = 3,
};
#ifndef __cplusplus
typedef uint32_t putokaz_indicator_kind;
#endif // __cplusplus

// A risk level, in order: comparisons between levels work on the numbers.
enum putokaz_level
#ifdef __cplusplus
  : uint32_t
#endif // __cplusplus
 {
    // `"none"`
    // No indicator weighs enough for a level.
    PUTOKAZ_LEVEL_NONE = 1,
    // `"low"`
    PUTOKAZ_LEVEL_LOW = 2,
    // `"moderate"`
    PUTOKAZ_LEVEL_MODERATE = 3,
    // `"high"`
    PUTOKAZ_LEVEL_HIGH = 4,
    // `"very_high"`
    PUTOKAZ_LEVEL_VERY_HIGH = 5,
};
#ifndef __cplusplus
typedef uint32_t putokaz_level;
#endif // __cplusplus

// Where an obligation stands at `as_of`.
enum putokaz_obligation_status
#ifdef __cplusplus
  : uint32_t
#endif // __cplusplus
 {
    // `"overdue"`
    // Due time passed, not met.
    PUTOKAZ_OBLIGATION_STATUS_OVERDUE = 1,
    // `"pending"`
    // Not met, due time not passed (or its clock has not started).
    PUTOKAZ_OBLIGATION_STATUS_PENDING = 2,
    // `"offered"`
    // Only offered: waits for the consent it needs.
    PUTOKAZ_OBLIGATION_STATUS_OFFERED = 3,
    // `"depends_on_unknown"`
    // Whether it applies depends on inputs that are unknown.
    PUTOKAZ_OBLIGATION_STATUS_DEPENDS_ON_UNKNOWN = 4,
    // `"met"`
    // Fulfilled by an event.
    PUTOKAZ_OBLIGATION_STATUS_MET = 5,
};
#ifndef __cplusplus
typedef uint32_t putokaz_obligation_status;
#endif // __cplusplus

// The type of a pack parameter, which says how its value is written: a decimal
// (`"2.5"`), a whole number, a duration (`"24h"`, `"3d"`, `"5bd"`), `true` or `false`.
enum putokaz_parameter_kind
#ifdef __cplusplus
  : uint32_t
#endif // __cplusplus
 {
    // `"decimal"`
    PUTOKAZ_PARAMETER_KIND_DECIMAL = 1,
    // `"count"`
    PUTOKAZ_PARAMETER_KIND_COUNT = 2,
    // `"duration"`
    PUTOKAZ_PARAMETER_KIND_DURATION = 3,
    // `"bool"`
    PUTOKAZ_PARAMETER_KIND_BOOL = 4,
};
#ifndef __cplusplus
typedef uint32_t putokaz_parameter_kind;
#endif // __cplusplus

// What a call did: `PUTOKAZ_RESULT_OK` (0) or why it failed. Every fallible function
// returns one. The numbers are part of the ABI and are never reused. Each value is
// shown with its stable name (`putokaz_result_name`) and the sentence
// `putokaz_error_message` gives.
enum putokaz_result
#ifdef __cplusplus
  : uint32_t
#endif // __cplusplus
 {
    // `"ok"`: success.
    PUTOKAZ_RESULT_OK = 0,
    // `"null_parameter"`: a pointer argument that must not be NULL was NULL.
    // Only arguments documented as optional may be NULL.
    PUTOKAZ_RESULT_NULL_PARAMETER = 1,
    // `"invalid_utf8"`: a text argument is not valid UTF-8.
    PUTOKAZ_RESULT_INVALID_UTF8 = 2,
    // `"buffer_too_small"`: the buffer is too small for the text (the length needed was written).
    // `*written` tells the length needed (without the terminating NUL).
    PUTOKAZ_RESULT_BUFFER_TOO_SMALL = 3,
    // `"index_out_of_range"`: the index is not below the count of the list.
    PUTOKAZ_RESULT_INDEX_OUT_OF_RANGE = 4,
    // `"panic"`: internal error: putokaz panicked and the panic was stopped at the C boundary (please report it).
    // A bug in putokaz: please report it.
    PUTOKAZ_RESULT_PANIC = 5,
    // `"usage"`: the API was used in a way it does not allow (see the diagnostic for which).
    // An unknown bundled pack, a bad `as_of` or date, an unknown language, an
    // unknown or non-local parameter, an argument out of its range.
    PUTOKAZ_RESULT_USAGE = 6,
    // `"io"`: a file or directory could not be read.
    PUTOKAZ_RESULT_IO = 7,
    // `"no_value"`: the value is absent.
    // `null` in the assessment JSON: the institution of a role that has none, the due
    // time of an obligation whose clock has not started.
    PUTOKAZ_RESULT_NO_VALUE = 8,
    // `"overflow"`: the number does not fit the C type.
    PUTOKAZ_RESULT_OVERFLOW = 9,
    // `"internal"`: internal error in putokaz (please report it).
    // A bug in putokaz: please report it.
    PUTOKAZ_RESULT_INTERNAL = 10,
    // `"diagnostic_in_use"`: the diagnostic argument still holds a diagnostic: free it and set it to NULL before passing it again.
    // `*diagnostic` must be NULL on entry: a diagnostic from an earlier call is freed
    // with `putokaz_diagnostic_free` (and the variable set to NULL) before the pointer
    // is passed again. Nothing was done, and `*diagnostic` is left as it was.
    PUTOKAZ_RESULT_DIAGNOSTIC_IN_USE = 11,
    // `"pack.other"`: the pack has a problem of a kind this version of the C API does not know.
    // A kind newer than this header: the diagnostic's kind names it.
    PUTOKAZ_RESULT_PACK_OTHER = 100,
    // `"pack.syntax"`: the pack is not valid TOML or CSV.
    PUTOKAZ_RESULT_PACK_SYNTAX = 101,
    // `"pack.schema"`: the pack has a missing, unknown or mistyped key.
    PUTOKAZ_RESULT_PACK_SCHEMA = 102,
    // `"pack.missing_file"`: a file of the pack cannot be read.
    // A file listed in `pack.toml` (or `pack.toml` itself) cannot be read.
    PUTOKAZ_RESULT_PACK_MISSING_FILE = 103,
    // `"pack.unknown_name"`: the pack names something that does not exist.
    PUTOKAZ_RESULT_PACK_UNKNOWN_NAME = 104,
    // `"pack.type"`: a condition of the pack has the wrong type.
    PUTOKAZ_RESULT_PACK_TYPE = 105,
    // `"pack.duplicate"`: the pack defines an id twice.
    PUTOKAZ_RESULT_PACK_DUPLICATE = 106,
    // `"pack.cycle"`: derived facts or escalations of the pack refer to each other in a circle.
    PUTOKAZ_RESULT_PACK_CYCLE = 107,
    // `"pack.protected"`: a protected attribute reaches a score, level or classification.
    // Or a duty without consent, or outside the roles the attribute routes to.
    PUTOKAZ_RESULT_PACK_PROTECTED = 108,
    // `"pack.conflict"`: two rules of the pack disagree with no declared priority.
    // Two results of a `unique` table, two profiles, two exceptions.
    PUTOKAZ_RESULT_PACK_CONFLICT = 109,
    // `"pack.invalid_value"`: the pack has a malformed or out-of-range value.
    PUTOKAZ_RESULT_PACK_INVALID_VALUE = 110,
    // `"pack.limit"`: the pack is larger than the engine accepts.
    PUTOKAZ_RESULT_PACK_LIMIT = 111,
    // `"pack.missing_label"`: a label of the pack is missing in one of its languages.
    // A warning: a pack loads with it.
    PUTOKAZ_RESULT_PACK_MISSING_LABEL = 112,
    // `"pack.unreachable"`: a rule of the pack can never fire.
    // A warning: a pack loads with it.
    PUTOKAZ_RESULT_PACK_UNREACHABLE = 113,
    // `"pack.verified_cites_historical"`: a verified item of the pack cites a source marked historical.
    // A warning: a pack loads with it.
    PUTOKAZ_RESULT_PACK_VERIFIED_CITES_HISTORICAL = 114,
    // `"pack.historical_without_successor"`: an item of the pack cites a historical source but not the source that superseded it.
    // A warning: a pack loads with it.
    PUTOKAZ_RESULT_PACK_HISTORICAL_WITHOUT_SUCCESSOR = 115,
    // `"case.other"`: the case has a problem of a kind this version of the C API does not know.
    // A kind newer than this header: the diagnostic's kind names it.
    PUTOKAZ_RESULT_CASE_OTHER = 200,
    // `"case.syntax"`: the case is not valid JSON.
    PUTOKAZ_RESULT_CASE_SYNTAX = 201,
    // `"case.schema"`: the case has a missing, unknown or mistyped field.
    // Or an empty case id.
    PUTOKAZ_RESULT_CASE_SCHEMA = 202,
    // `"case.unknown_indicator"`: an observation names an indicator the pack does not have.
    PUTOKAZ_RESULT_CASE_UNKNOWN_INDICATOR = 203,
    // `"case.wrong_type"`: a value does not fit its field or indicator.
    PUTOKAZ_RESULT_CASE_WRONG_TYPE = 204,
    // `"case.invalid_date"`: a date or time of the case cannot be read.
    PUTOKAZ_RESULT_CASE_INVALID_DATE = 205,
    // `"case.impossible_date"`: a date or time of the case cannot be true.
    PUTOKAZ_RESULT_CASE_IMPOSSIBLE_DATE = 206,
    // `"case.conflict"`: two observations or consents of the case disagree.
    PUTOKAZ_RESULT_CASE_CONFLICT = 207,
    // `"case.unknown_municipality"`: the municipality is not in the pack's routing table.
    PUTOKAZ_RESULT_CASE_UNKNOWN_MUNICIPALITY = 208,
    // `"case.unknown_kind"`: an event kind, role or consent scope the pack does not declare.
    PUTOKAZ_RESULT_CASE_UNKNOWN_KIND = 209,
    // `"case.invalid_override"`: a discretionary override needs a reason and a reviewer.
    PUTOKAZ_RESULT_CASE_INVALID_OVERRIDE = 210,
    // `"case.limit"`: the case is larger than the engine accepts.
    PUTOKAZ_RESULT_CASE_LIMIT = 211,
    // `"case.out_of_effect"`: as_of is outside the dates in which the pack is in effect.
    PUTOKAZ_RESULT_CASE_OUT_OF_EFFECT = 212,
};
#ifndef __cplusplus
typedef uint32_t putokaz_result;
#endif // __cplusplus

// A three-valued truth: settled false, settled true, or depending on unknown inputs.
enum putokaz_tri
#ifdef __cplusplus
  : uint32_t
#endif // __cplusplus
 {
    // `"false"`
    PUTOKAZ_TRI_FALSE = 1,
    // `"true"`
    PUTOKAZ_TRI_TRUE = 2,
    // `"unknown"`
    PUTOKAZ_TRI_UNKNOWN = 3,
};
#ifndef __cplusplus
typedef uint32_t putokaz_tri;
#endif // __cplusplus

// A list of names a case may use, for `putokaz_protocol_term_count` and
// `putokaz_protocol_term`.
enum putokaz_vocabulary
#ifdef __cplusplus
  : uint32_t
#endif // __cplusplus
 {
    // `"role"`
    // Institution types: `$.reporter`, an event's `by`, an observation's `observed_by`.
    PUTOKAZ_VOCABULARY_ROLE = 1,
    // `"event_kind"`
    // Kinds of events: an event's `kind`.
    PUTOKAZ_VOCABULARY_EVENT_KIND = 2,
    // `"consent_scope"`
    // Consent scopes: a consent's `scope`.
    PUTOKAZ_VOCABULARY_CONSENT_SCOPE = 3,
};
#ifndef __cplusplus
typedef uint32_t putokaz_vocabulary;
#endif // __cplusplus

// The result of assessing one case. Owned by the caller (Box): made by
// `putokaz_assess`, freed with `putokaz_assessment_free`. Immutable: its accessors may
// be called from several threads at once. It does not refer to the protocol or the
// case it came from, which may be freed first. The `_str` accessors lend texts that
// stay valid until the assessment is freed.
typedef struct putokaz_assessment putokaz_assessment;

// A case under construction. Owned by the caller (Box): created by `putokaz_case_new`
// or `putokaz_case_from_json`, freed with `putokaz_case_free`. Functions that take a
// `putokaz_case *` change it and must not run at the same time as any other use of the
// same case; functions that take a `const putokaz_case *` (`putokaz_assess`,
// `putokaz_case_to_json`) may run on one case from several threads at once.
typedef struct putokaz_case putokaz_case;

// The detail of one failed call. Owned by the caller (Box): freed with
// `putokaz_diagnostic_free`. Immutable: its functions may be called from any thread.
typedef struct putokaz_diagnostic putokaz_diagnostic;

// A loaded, checked protocol pack. Shared ownership (Arc): immutable once loaded, so
// one protocol may be used from any number of threads at once without locking (every
// function that takes a `const putokaz_protocol *` only reads it). Each protocol
// returned by a `putokaz_protocol_*` function, including `putokaz_protocol_clone`, is
// released once with `putokaz_protocol_free`; the memory goes when the last is
// released. Texts it lends (the vocabulary) stay valid until then.
typedef struct putokaz_protocol putokaz_protocol;

// What an assessment includes beyond the level, classification, score and obligations
// (which it always has): a bit set for `putokaz_assess_json_with`.
typedef uint32_t putokaz_assess_flags;

// The trace of every rule that fired or could fire.
#define PUTOKAZ_ASSESS_TRACE 1

// The ten most decisive unknown inputs, ranked ("what to ask next").
#define PUTOKAZ_ASSESS_UNKNOWNS 2

// The assessment rendered as text.
#define PUTOKAZ_ASSESS_TEXT 4

// All of the above: what `putokaz_assess_json` gives.
#define PUTOKAZ_ASSESS_FULL 7

#ifdef __cplusplus
extern "C" {
#endif // __cplusplus

// The version of the library, as text (`"0.1.0"`): a static string, never NULL, not to
// be freed. Compare it with `PUTOKAZ_VERSION_STRING`, the version of the header.
const char *putokaz_version(void);

// The version of the library packed as `PUTOKAZ_VERSION_NUMBER` is.
uint32_t putokaz_version_number(void);

// Releases the caches the library keeps for the whole process: the time zones read
// from its time-zone database (they are read again when next needed). Call it once at
// the end, after every object is freed, so that a leak checker sees nothing held; it is
// never needed for correctness, and the library stays usable after it. Safe to call from
// any thread, at any time, any number of times.
//
// What it cannot release is the engine's own phrase tables, built once and never
// changed: they stay reachable until the process ends and are named in
// `bindings/c/valgrind.supp`, the suppressions file for valgrind.
void putokaz_global_cleanup(void);

// The name of a `putokaz_level` as in the assessment JSON.
// A static string, never NULL, not to be freed; `""` for a number that is not a
// value.
const char *putokaz_level_name(uint32_t value);

// The name of a `putokaz_classification` as in the assessment JSON.
// A static string, never NULL, not to be freed; `""` for a number that is not a
// value.
const char *putokaz_classification_name(uint32_t value);

// The name of a `putokaz_tri` as in the assessment JSON.
// A static string, never NULL, not to be freed; `""` for a number that is not a
// value.
const char *putokaz_tri_name(uint32_t value);

// The name of a `putokaz_child_basis` as in the assessment JSON.
// A static string, never NULL, not to be freed; `""` for a number that is not a
// value.
const char *putokaz_child_basis_name(uint32_t value);

// The name of a `putokaz_obligation_status` as in the assessment JSON.
// A static string, never NULL, not to be freed; `""` for a number that is not a
// value.
const char *putokaz_obligation_status_name(uint32_t value);

// The name of a `putokaz_indicator_kind` as in the pack format.
// A static string, never NULL, not to be freed; `""` for a number that is not a
// value.
const char *putokaz_indicator_kind_name(uint32_t value);

// The name of a `putokaz_direction` as in the case JSON.
// A static string, never NULL, not to be freed; `""` for a number that is not a
// value.
const char *putokaz_direction_name(uint32_t value);

// The name of a `putokaz_parameter_kind` as in the pack format.
// A static string, never NULL, not to be freed; `""` for a number that is not a
// value.
const char *putokaz_parameter_kind_name(uint32_t value);

// The name of a `putokaz_vocabulary`.
// A static string, never NULL, not to be freed; `""` for a number that is not a
// value.
const char *putokaz_vocabulary_name(uint32_t value);

// The stable machine name of a result code: `"ok"`, `"null_parameter"`, ...,
// `"pack.syntax"`, `"case.unknown_indicator"` (for engine errors the same names as the
// Rust `Error::kind()` and the Python `kind`).
// A static string, never NULL, not to be freed; `""` for a number that is not a
// value.
const char *putokaz_result_name(uint32_t value);

// Copies a sentence saying what a result code means into `buf` (see "Strings out").
// For the details of one failure (which field, which pack line) use the diagnostic.
// An unknown code gets a sentence saying so.
//
// Returns `PUTOKAZ_RESULT_OK`, `PUTOKAZ_RESULT_NULL_PARAMETER` (`written` NULL, or
// `buf` NULL with `len` > 0) or `PUTOKAZ_RESULT_BUFFER_TOO_SMALL`.
//
// # Safety
// See "Strings out".
putokaz_result putokaz_error_message(uint32_t code, char *buf, size_t len, size_t *written);

// Frees a string returned by the library (`putokaz_assess_json`,
// `putokaz_assessment_to_json`, `putokaz_case_to_json`). NULL does nothing. Passing any
// other pointer, or the same one twice, is undefined behaviour.
//
// # Safety
// `s` is NULL or a string this library returned and that was not freed yet.
void putokaz_string_free(char *s);

// Writes to `*count` how many packs are bundled into the library.
//
// # Safety
// `count` is NULL or writable.
putokaz_result putokaz_bundled_pack_count(size_t *count);

// Copies the id of the bundled pack at `index` into `buf` (see "Strings out"). Index 0
// is the default pack, `"bih"`; `"ilo-2009"` follows.
//
// # Safety
// See "Strings out".
putokaz_result putokaz_bundled_pack_id(size_t index, char *buf, size_t len, size_t *written);

// Loads a pack bundled into the library by its id (`"bih"`, `"ilo-2009"`; see
// `putokaz_bundled_pack_id`). On success `*out` is a new protocol the caller releases
// with `putokaz_protocol_free`. An unknown id is `PUTOKAZ_RESULT_USAGE`.
//
// # Safety
// `id` is NULL or a NUL-terminated string; `out` is NULL or writable; `diagnostic` is
// NULL or writable.
putokaz_result putokaz_protocol_bundled(const char *id,
                                        const putokaz_protocol **out,
                                        putokaz_diagnostic **diagnostic);

// Loads a pack from disk: `path` is a pack directory (holding `pack.toml`) or a pack's
// main TOML file (the files it lists are read relative to the file's directory). On
// success `*out` is a new protocol the caller releases with `putokaz_protocol_free`.
// A path that cannot be opened is `PUTOKAZ_RESULT_IO`; a listed file that cannot be read
// is `PUTOKAZ_RESULT_PACK_MISSING_FILE`; any problem in the pack is its
// `PUTOKAZ_RESULT_PACK_*` code, and the diagnostic lists every problem with its file,
// line and column. The path must be UTF-8.
//
// # Safety
// `path` is NULL or a NUL-terminated string; `out` and `diagnostic` are NULL or
// writable.
putokaz_result putokaz_protocol_from_path(const char *path,
                                          const putokaz_protocol **out,
                                          putokaz_diagnostic **diagnostic);

// Loads a pack given as one self-contained TOML text (everything in one `pack.toml`;
// it cannot list other files). On success `*out` is a new protocol the caller releases
// with `putokaz_protocol_free`; otherwise the code of the pack's first problem, and the
// diagnostic lists them all with line and column.
//
// # Safety
// `toml` is NULL or a NUL-terminated string; `out` and `diagnostic` are NULL or
// writable.
putokaz_result putokaz_protocol_from_toml(const char *toml,
                                          const putokaz_protocol **out,
                                          putokaz_diagnostic **diagnostic);

// A new protocol like `protocol` with a `local_policy` parameter set to `value`
// (written as in a pack: a decimal such as `"2.5"`, a whole number, a duration such as
// `"3bd"`, `true` or `false`). `protocol` is not changed or consumed. Assessments made
// with the new protocol list the value under `local_parameters`. An unknown parameter,
// one that is not `local_policy`, or a malformed value is `PUTOKAZ_RESULT_USAGE`.
// On success `*out` is released with `putokaz_protocol_free`.
//
// # Safety
// `protocol` is NULL or live; `name` and `value` are NULL or NUL-terminated; `out` and
// `diagnostic` are NULL or writable.
putokaz_result putokaz_protocol_with_local_parameter(const putokaz_protocol *protocol,
                                                     const char *name,
                                                     const char *value,
                                                     const putokaz_protocol **out,
                                                     putokaz_diagnostic **diagnostic);

// Another reference to the same protocol (no copy is made), for a thread or component
// that releases it on its own schedule. `*out` is released with `putokaz_protocol_free`.
//
// # Safety
// `protocol` is NULL or live; `out` is NULL or writable.
putokaz_result putokaz_protocol_clone(const putokaz_protocol *protocol,
                                      const putokaz_protocol **out);

// Releases a protocol. NULL does nothing. Assessments made with it stay valid (they
// hold no reference to it).
//
// # Safety
// `protocol` is NULL or a protocol from this library, released at most once per time
// it was returned.
void putokaz_protocol_free(const putokaz_protocol *protocol);

// Copies the pack's id (such as `"bih"`) into `buf` (see "Strings out").
//
// # Safety
// `protocol` is NULL or live; see "Strings out".
putokaz_result putokaz_protocol_id(const putokaz_protocol *protocol,
                                   char *buf,
                                   size_t len,
                                   size_t *written);

// Copies the pack's semver version into `buf` (see "Strings out").
//
// # Safety
// `protocol` is NULL or live; see "Strings out".
putokaz_result putokaz_protocol_version(const putokaz_protocol *protocol,
                                        char *buf,
                                        size_t len,
                                        size_t *written);

// Copies the digest of the pack's content (`"sha256:<64 hex digits>"`, 71 bytes) into
// `buf` (see "Strings out"). Every assessment names it, so a result can be replayed
// against the same pack.
//
// # Safety
// `protocol` is NULL or live; see "Strings out".
putokaz_result putokaz_protocol_digest(const putokaz_protocol *protocol,
                                       char *buf,
                                       size_t len,
                                       size_t *written);

// Writes to `*count` how many indicators the pack's catalogue has.
//
// # Safety
// `protocol` is NULL or live; `count` is NULL or writable.
putokaz_result putokaz_protocol_indicator_count(const putokaz_protocol *protocol, size_t *count);

// Copies the id of the indicator at `index` of the catalogue into `buf` (see "Strings
// out"). `putokaz_protocol_indicator` lends it instead.
//
// # Safety
// `protocol` is NULL or live; see "Strings out".
putokaz_result putokaz_protocol_indicator_id(const putokaz_protocol *protocol,
                                             size_t index,
                                             char *buf,
                                             size_t len,
                                             size_t *written);

// The indicator at `index` of the catalogue: its id (lent, see "Strings lent") and its
// value type, which says which `putokaz_case_observe_*` function records it.
//
// # Safety
// `protocol` is NULL or live; `id` and `kind` are NULL or writable.
putokaz_result putokaz_protocol_indicator(const putokaz_protocol *protocol,
                                          size_t index,
                                          const char **id,
                                          putokaz_indicator_kind *kind);

// Writes to `*kind` the value type of the indicator `indicator_id`. An id the pack does
// not have is `PUTOKAZ_RESULT_CASE_UNKNOWN_INDICATOR`.
//
// # Safety
// `protocol` is NULL or live; `indicator_id` is NULL or NUL-terminated; `kind` is NULL
// or writable.
putokaz_result putokaz_protocol_indicator_kind(const putokaz_protocol *protocol,
                                               const char *indicator_id,
                                               putokaz_indicator_kind *kind);

// Lends the label of the indicator at `index` in `language` (one of the pack's
// languages, see `putokaz_protocol_language`; NULL for the first). A language that is
// not the pack's is `PUTOKAZ_RESULT_USAGE`; a label the pack does not give in it,
// `PUTOKAZ_RESULT_NO_VALUE`.
//
// # Safety
// `protocol` is NULL or live; `language` is NULL or NUL-terminated; `out` is NULL or
// writable.
putokaz_result putokaz_protocol_indicator_label(const putokaz_protocol *protocol,
                                                size_t index,
                                                const char *language,
                                                const char **out);

// Writes to `*count` how many values the enum indicator at `index` has (0 for a bool or
// count indicator): the values `putokaz_case_observe_enum` accepts for it.
//
// # Safety
// `protocol` is NULL or live; `count` is NULL or writable.
putokaz_result putokaz_protocol_indicator_value_count(const putokaz_protocol *protocol,
                                                      size_t index,
                                                      size_t *count);

// Lends the value at `value_index` of the enum indicator at `index`.
//
// # Safety
// `protocol` is NULL or live; `out` is NULL or writable.
putokaz_result putokaz_protocol_indicator_value(const putokaz_protocol *protocol,
                                                size_t index,
                                                size_t value_index,
                                                const char **out);

// Writes to `*count` how many municipalities the pack's routing table has (0 for a pack
// without one).
//
// # Safety
// `protocol` is NULL or live; `count` is NULL or writable.
putokaz_result putokaz_protocol_municipality_count(const putokaz_protocol *protocol, size_t *count);

// The municipality at `index` of the routing table, in table order: its name as a case
// gives it (`$.municipality`), its entity (`"FBiH"`, `"RS"`, `"BD"`: which holiday
// calendar applies) and its area (the FBiH canton, the RS region, or `"BD"`). All three
// are lent (see "Strings lent").
//
// # Safety
// `protocol` is NULL or live; `name`, `entity` and `area` are NULL or writable.
putokaz_result putokaz_protocol_municipality(const putokaz_protocol *protocol,
                                             size_t index,
                                             const char **name,
                                             const char **entity,
                                             const char **area);

// Writes to `*index` the position of the municipality named `name` (exactly as the
// routing table writes it) in the table. A name not in it is
// `PUTOKAZ_RESULT_CASE_UNKNOWN_MUNICIPALITY`.
//
// # Safety
// `protocol` is NULL or live; `name` is NULL or NUL-terminated; `index` is NULL or
// writable.
putokaz_result putokaz_protocol_municipality_find(const putokaz_protocol *protocol,
                                                  const char *name,
                                                  size_t *index);

// Writes to `*count` how many routed roles the municipality at `index` has an
// institution for.
//
// # Safety
// `protocol` is NULL or live; `count` is NULL or writable.
putokaz_result putokaz_protocol_municipality_institution_count(const putokaz_protocol *protocol,
                                                               size_t index,
                                                               size_t *count);

// The routed role at `institution_index` of the municipality at `index` (such as
// `"csw"`) and the concrete institution that holds it there (such as
// `"JU Centar za socijalni rad Jajce"`), both lent: the institutions an assessment names
// for a case in that municipality.
//
// # Safety
// `protocol` is NULL or live; `role` and `institution` are NULL or writable.
putokaz_result putokaz_protocol_municipality_institution(const putokaz_protocol *protocol,
                                                         size_t index,
                                                         size_t institution_index,
                                                         const char **role,
                                                         const char **institution);

// Writes to `*count` how many names the pack declares in `vocabulary` (a
// `putokaz_vocabulary`: roles, event kinds or consent scopes). A number that is not a
// `putokaz_vocabulary` is `PUTOKAZ_RESULT_USAGE`.
//
// # Safety
// `protocol` is NULL or live; `count` is NULL or writable.
putokaz_result putokaz_protocol_term_count(const putokaz_protocol *protocol,
                                           uint32_t vocabulary,
                                           size_t *count);

// Lends the id of the name at `index` of `vocabulary`, as a case writes it (`"school"`,
// `"csw_notified"`, `"roma_mediator"`).
//
// # Safety
// `protocol` is NULL or live; `out` is NULL or writable.
putokaz_result putokaz_protocol_term_id(const putokaz_protocol *protocol,
                                        uint32_t vocabulary,
                                        size_t index,
                                        const char **out);

// Lends the label of the name at `index` of `vocabulary` in `language` (as for
// `putokaz_protocol_indicator_label`).
//
// # Safety
// `protocol` is NULL or live; `language` is NULL or NUL-terminated; `out` is NULL or
// writable.
putokaz_result putokaz_protocol_term_label(const putokaz_protocol *protocol,
                                           uint32_t vocabulary,
                                           size_t index,
                                           const char *language,
                                           const char **out);

// Writes to `*count` how many languages the pack's labels are written in.
//
// # Safety
// `protocol` is NULL or live; `count` is NULL or writable.
putokaz_result putokaz_protocol_language_count(const putokaz_protocol *protocol, size_t *count);

// Lends the code of the pack's language at `index` (`"bs"`, `"hr"`, `"sr-Latn"`,
// `"sr-Cyrl"`, `"en"`); index 0 is the default, used when `language` is NULL. Each is a
// `language` the assessing functions accept.
//
// # Safety
// `protocol` is NULL or live; `out` is NULL or writable.
putokaz_result putokaz_protocol_language(const putokaz_protocol *protocol,
                                         size_t index,
                                         const char **out);

// Writes to `*count` how many parameters the pack has.
//
// # Safety
// `protocol` is NULL or live; `count` is NULL or writable.
putokaz_result putokaz_protocol_parameter_count(const putokaz_protocol *protocol, size_t *count);

// The parameter at `index`: its name (lent; the NAME of
// `putokaz_protocol_with_local_parameter`), its type, and whether it is `local_policy`
// (each municipality may set its own value).
//
// # Safety
// `protocol` is NULL or live; `id`, `kind` and `local_policy` are NULL or writable.
putokaz_result putokaz_protocol_parameter(const putokaz_protocol *protocol,
                                          size_t index,
                                          const char **id,
                                          putokaz_parameter_kind *kind,
                                          bool *local_policy);

// Lends the unit of the parameter at `index` (such as `"unexcused lessons (časovi) in
// the school year"`); `PUTOKAZ_RESULT_NO_VALUE` when it has none.
//
// # Safety
// `protocol` is NULL or live; `out` is NULL or writable.
putokaz_result putokaz_protocol_parameter_unit(const putokaz_protocol *protocol,
                                               size_t index,
                                               const char **out);

// Lends the label of the parameter at `index` in `language` (as for
// `putokaz_protocol_indicator_label`).
//
// # Safety
// `protocol` is NULL or live; `language` is NULL or NUL-terminated; `out` is NULL or
// writable.
putokaz_result putokaz_protocol_parameter_label(const putokaz_protocol *protocol,
                                                size_t index,
                                                const char *language,
                                                const char **out);

// Copies the value of the parameter at `index` in force on `date` (`YYYY-MM-DD`) into
// `buf` (see "Strings out"), written as in a pack (`"75"`, `"2.5"`, `"5bd"`, `"true"`),
// with the local value this protocol was given by `putokaz_protocol_with_local_parameter`
// if any. A date that is not `YYYY-MM-DD` is `PUTOKAZ_RESULT_USAGE`; no value in force
// on that date, `PUTOKAZ_RESULT_NO_VALUE`.
//
// # Safety
// `protocol` is NULL or live; `date` is NULL or NUL-terminated; see "Strings out".
putokaz_result putokaz_protocol_parameter_value(const putokaz_protocol *protocol,
                                                size_t index,
                                                const char *date,
                                                char *buf,
                                                size_t len,
                                                size_t *written);

// Starts a case: `id` is a pseudonymous id (never a name), `reported_at` when the case
// was first reported, RFC 3339 with an offset (`"2026-03-02T09:15:00+01:00"`). On
// success `*out` is a new case the caller frees with `putokaz_case_free`.
//
// # Safety
// `id` and `reported_at` are NULL or NUL-terminated; `out` is NULL or writable.
putokaz_result putokaz_case_new(const char *id, const char *reported_at, putokaz_case **out);

// Reads a case from JSON (the format `putokaz_assess_json` takes), for callers that
// store cases as JSON but want the typed accessors of `putokaz_assess`. On success
// `*out` is a new case freed with `putokaz_case_free`; malformed JSON or an unknown
// field is a `PUTOKAZ_RESULT_CASE_*` code whose diagnostic names the JSON path.
//
// # Safety
// `json` is NULL or NUL-terminated; `out` and `diagnostic` are NULL or writable.
putokaz_result putokaz_case_from_json(const char *json,
                                      putokaz_case **out,
                                      putokaz_diagnostic **diagnostic);

// Frees a case. NULL does nothing.
//
// # Safety
// `case` is NULL or a case from this library, not freed yet.
void putokaz_case_free(putokaz_case *case_);

// The case as JSON (the format `putokaz_assess_json` takes), in `*out`: a new string
// the caller frees with `putokaz_string_free`.
//
// # Safety
// `case` is NULL or live; `out` is NULL or writable.
putokaz_result putokaz_case_to_json(const putokaz_case *case_, char **out);

// Sets the municipality (a name from the pack's routing table, such as `"Jajce"`),
// which names the concrete institutions. JSON: `$.municipality`.
//
// # Safety
// `case` is NULL or live and not in use elsewhere; `municipality` is NULL or
// NUL-terminated.
putokaz_result putokaz_case_set_municipality(putokaz_case *case_, const char *municipality);

// Sets the institution type that reported (a role of the pack, such as `"school"`).
// JSON: `$.reporter`.
//
// # Safety
// As `putokaz_case_set_municipality`.
putokaz_result putokaz_case_set_reporter(putokaz_case *case_, const char *reporter);

// Sets the subject's birth date, `YYYY-MM-DD`. The age is given one way: this replaces
// an age or age range set before. JSON: `$.subject.birth_date`.
//
// # Safety
// As `putokaz_case_set_municipality`.
putokaz_result putokaz_case_set_birth_date(putokaz_case *case_, const char *birth_date);

// Sets the subject's age in whole years; replaces a birth date or age range set
// before. JSON: `$.subject.age`.
//
// # Safety
// `case` is NULL or live and not in use elsewhere.
putokaz_result putokaz_case_set_age(putokaz_case *case_, uint32_t age);

// Sets an estimated age range in whole years (`min` ≤ `max`, checked when assessing);
// replaces a birth date or age set before. A range reaching below the age of majority
// makes the subject a presumed child. JSON: `$.subject.age_range`.
//
// # Safety
// `case` is NULL or live and not in use elsewhere.
putokaz_result putokaz_case_set_age_range(putokaz_case *case_, uint32_t min, uint32_t max);

// Records whether there are reasons to believe the subject is a child (when the age
// is unknown or uncertain). JSON: `$.subject.appears_minor`.
//
// # Safety
// `case` is NULL or live and not in use elsewhere.
putokaz_result putokaz_case_set_appears_minor(putokaz_case *case_, bool appears_minor);

// Sets the subject's sex: `"female"`, `"male"` or `"other"`. JSON: `$.subject.sex`.
//
// # Safety
// As `putokaz_case_set_municipality`.
putokaz_result putokaz_case_set_sex(putokaz_case *case_, const char *sex);

// Sets the subject's citizenship, an ISO 3166-1 alpha-2 code such as `"BA"`. JSON:
// `$.subject.citizenship`.
//
// # Safety
// As `putokaz_case_set_municipality`.
putokaz_result putokaz_case_set_citizenship(putokaz_case *case_, const char *citizenship);

// Records a yes/no indicator (type bool). Observations are numbered from 0 in the order
// they are added: the n-th is `$.observations[n]` in diagnostics. Observing one
// indicator twice with different values is `PUTOKAZ_RESULT_CASE_CONFLICT` when
// assessing.
//
// # Safety
// As `putokaz_case_set_municipality`.
putokaz_result putokaz_case_observe_bool(putokaz_case *case_, const char *indicator, bool value);

// Records a counted indicator (type count), such as unexcused school days.
//
// # Safety
// As `putokaz_case_set_municipality`.
putokaz_result putokaz_case_observe_count(putokaz_case *case_,
                                          const char *indicator,
                                          uint64_t value);

// Records an indicator with named values (type enum): `value` is one of the values the
// pack lists for it.
//
// # Safety
// As `putokaz_case_set_municipality`; `value` is NULL or NUL-terminated.
putokaz_result putokaz_case_observe_enum(putokaz_case *case_,
                                         const char *indicator,
                                         const char *value);

// Records that an indicator was asked about and is not known (JSON `null`): the
// assessment then says what would change if it were found present or absent.
//
// # Safety
// As `putokaz_case_set_municipality`.
putokaz_result putokaz_case_observe_unknown(putokaz_case *case_, const char *indicator);

// Records when and by whom the observation at `index` was made (the n-th observation
// added is index n): `observed_at` an RFC 3339 time with an offset, `observed_by` a
// role of the pack (`"reporter"` names the case's reporter); either may be NULL, which
// leaves it unknown (and clears a value set before). JSON: `$.observations[n].observed_at`
// and `$.observations[n].observed_by`, checked when assessing as the JSON is. An index
// not below the number of observations added is `PUTOKAZ_RESULT_INDEX_OUT_OF_RANGE`.
//
// # Safety
// As `putokaz_case_set_municipality`; `observed_at` and `observed_by` are NULL or
// NUL-terminated.
putokaz_result putokaz_case_set_observed(putokaz_case *case_,
                                         size_t index,
                                         const char *observed_at,
                                         const char *observed_by);

// Records that something happened: `kind` is an event kind of the pack (such as
// `"csw_notified"`), `at` an RFC 3339 time with an offset, `by` the role that acted (or
// NULL when not known; `"reporter"` names the case's reporter). Events fulfil
// obligations and start the clocks of others. The n-th event added is `$.events[n]`.
//
// # Safety
// As `putokaz_case_set_municipality`; `kind` and `at` are NULL or NUL-terminated; `by`
// is NULL or NUL-terminated.
putokaz_result putokaz_case_add_event(putokaz_case *case_,
                                      const char *kind,
                                      const char *at,
                                      const char *by);

// Records a consent: `scope` is a consent scope of the pack (such as
// `"roma_mediator"`), `given` whether it was given (false: refused), `at` when (RFC
// 3339, or NULL). The n-th consent added is `$.consents[n]`.
//
// # Safety
// As `putokaz_case_set_municipality`; `scope` is NULL or NUL-terminated; `at` is NULL
// or NUL-terminated.
putokaz_result putokaz_case_add_consent(putokaz_case *case_,
                                        const char *scope,
                                        bool given,
                                        const char *at);

// Records a worker's documented decision to move the level one step (`direction` is a
// `putokaz_direction`), with the reason and the reviewer who approved it; it never
// takes the level below a policy floor. A `direction` that is not a
// `putokaz_direction` is `PUTOKAZ_RESULT_USAGE`. JSON: `$.discretionary_override`.
//
// # Safety
// As `putokaz_case_set_municipality`; `reason` and `reviewer` are NULL or
// NUL-terminated.
putokaz_result putokaz_case_set_discretionary_override(putokaz_case *case_,
                                                       uint32_t direction,
                                                       const char *reason,
                                                       const char *reviewer);

// Assesses a case given as JSON and returns the assessment as JSON, in `*out`: a new
// NUL-terminated string the caller frees with `putokaz_string_free` (the library
// allocates it, so no size has to be guessed). The JSON is byte for byte what the Rust
// and Python APIs give for the same protocol, case and `as_of`.
//
// `as_of` is the moment the assessment is made for, RFC 3339 with an offset
// (`"2026-03-04T12:00:00+01:00"`): the engine reads no clock. `language` is one of the
// five the engine writes — `"bs"`, `"hr"`, `"sr-Latn"`, `"sr-Cyrl"`, `"en"` — for the
// labels and text, or NULL for the pack's first language (`putokaz_protocol_language`
// lists the pack's). The assessment
// carries the full trace and the ranked unknown inputs.
//
// Errors: a bad `as_of` or unknown language is `PUTOKAZ_RESULT_USAGE`; a case that
// cannot be assessed is a `PUTOKAZ_RESULT_CASE_*` code whose diagnostic names the JSON
// path (never the value).
//
// # Safety
// `protocol` is NULL or live; `case_json` and `as_of` are NULL or NUL-terminated;
// `language` is NULL or NUL-terminated; `out` and `diagnostic` are NULL or writable.
putokaz_result putokaz_assess_json(const putokaz_protocol *protocol,
                                   const char *case_json,
                                   const char *as_of,
                                   const char *language,
                                   char **out,
                                   putokaz_diagnostic **diagnostic);

// Like `putokaz_assess_json`, with `flags` choosing what the assessment includes besides
// the level, classification, score, obligations and everything else it always has:
// `PUTOKAZ_ASSESS_TRACE`, `PUTOKAZ_ASSESS_UNKNOWNS`, `PUTOKAZ_ASSESS_TEXT`, or
// `PUTOKAZ_ASSESS_FULL` (the same as `putokaz_assess_json`). With 0 the JSON has an
// empty `trace`, `unknowns` and `text`, and the call is many times faster: the ranking
// of unknowns re-evaluates the case once per unknown input. Unknown bits are
// `PUTOKAZ_RESULT_USAGE`.
//
// # Safety
// As for `putokaz_assess_json`.
putokaz_result putokaz_assess_json_with(const putokaz_protocol *protocol,
                                        const char *case_json,
                                        const char *as_of,
                                        const char *language,
                                        putokaz_assess_flags flags,
                                        char **out,
                                        putokaz_diagnostic **diagnostic);

// Screens a case given as JSON: the outcome without words, as one line of JSON in
// `*out` (freed with `putokaz_string_free`): `case_id`, `level`, `level_min`,
// `level_max`, `level_settled`, `classification`, `classification_settled`, `score`,
// `score_min`, `score_max` (exact decimals as text), `is_child`, `child_basis`, the
// counts `overdue`, `pending`, `offered`, `depends_on_unknown` and `met`, `next_due`
// (RFC 3339 in the pack's time zone) and `next_due_unix`, and `first_unknown` (the
// most decisive unknown input, when `rank_unknowns` is true; null otherwise). The same
// level, classification, score and statuses as `putokaz_assess_json`; for registries
// that screen many cases. Errors as for `putokaz_assess_json`.
//
// # Safety
// `protocol` is NULL or live; `case_json` and `as_of` are NULL or NUL-terminated; `out`
// and `diagnostic` are NULL or writable.
putokaz_result putokaz_screen_json(const putokaz_protocol *protocol,
                                   const char *case_json,
                                   const char *as_of,
                                   bool rank_unknowns,
                                   char **out,
                                   putokaz_diagnostic **diagnostic);

// Assesses a case built with the typed API (or read by `putokaz_case_from_json`). On
// success `*out` is a new assessment the caller frees with `putokaz_assessment_free`;
// the case is not consumed or changed. `as_of` and `language` as for
// `putokaz_assess_json`. This is where the case is checked against the pack: an
// unknown indicator, a value of the wrong type, an unreadable date, an unknown role,
// event kind, consent scope or municipality are `PUTOKAZ_RESULT_CASE_*` codes whose
// diagnostic names the field by its JSON path.
//
// # Safety
// `protocol` and `case` are NULL or live; `as_of` is NULL or NUL-terminated; `language`
// is NULL or NUL-terminated; `out` and `diagnostic` are NULL or writable.
putokaz_result putokaz_assess(const putokaz_protocol *protocol,
                              const putokaz_case *case_,
                              const char *as_of,
                              const char *language,
                              putokaz_assessment **out,
                              putokaz_diagnostic **diagnostic);

// Like `putokaz_assess`, with `flags` as for `putokaz_assess_json_with`: with 0 the
// assessment has no trace, no ranked unknowns and no text, and costs far less.
//
// # Safety
// As for `putokaz_assess`.
putokaz_result putokaz_assess_with(const putokaz_protocol *protocol,
                                   const putokaz_case *case_,
                                   const char *as_of,
                                   const char *language,
                                   putokaz_assess_flags flags,
                                   putokaz_assessment **out,
                                   putokaz_diagnostic **diagnostic);

// Frees an assessment. NULL does nothing.
//
// # Safety
// `assessment` is NULL or an assessment from this library, not freed yet.
void putokaz_assessment_free(putokaz_assessment *assessment);

// Writes the established risk level to `*out`.
//
// # Safety
// `assessment` is NULL or live; `out` is NULL or writable.
putokaz_result putokaz_assessment_level(const putokaz_assessment *assessment, putokaz_level *out);

// Writes the established classification to `*out`.
//
// # Safety
// `assessment` is NULL or live; `out` is NULL or writable.
putokaz_result putokaz_assessment_classification(const putokaz_assessment *assessment,
                                                 putokaz_classification *out);

// Writes to `*out` whether the subject is treated as a child (unknown when nothing
// settles the age).
//
// # Safety
// `assessment` is NULL or live; `out` is NULL or writable.
putokaz_result putokaz_assessment_is_child(const putokaz_assessment *assessment, putokaz_tri *out);

// Writes to `*out` on what basis the subject is (or is not) treated as a child.
//
// # Safety
// `assessment` is NULL or live; `out` is NULL or writable.
putokaz_result putokaz_assessment_child_basis(const putokaz_assessment *assessment,
                                              putokaz_child_basis *out);

// Copies the score (from what is established) as an exact decimal string, such as
// `"8.75"` or `"3"`, into `buf` (see "Strings out").
//
// # Safety
// `assessment` is NULL or live; see "Strings out".
putokaz_result putokaz_assessment_score(const putokaz_assessment *assessment,
                                        char *buf,
                                        size_t len,
                                        size_t *written);

// The score as a scaled integer, for arithmetic without floating point: the score is
// exactly `*value / 10^*scale` (`"8.75"` gives 875 and 2; `"3"` gives 3 and 0). A score
// whose digits do not fit 64 bits is `PUTOKAZ_RESULT_OVERFLOW`.
//
// # Safety
// `assessment` is NULL or live; `value` and `scale` are NULL or writable.
putokaz_result putokaz_assessment_score_scaled(const putokaz_assessment *assessment,
                                               int64_t *value,
                                               uint32_t *scale);

// Writes to `*count` how many obligations the assessment lists (most urgent first).
//
// # Safety
// `assessment` is NULL or live; `count` is NULL or writable.
putokaz_result putokaz_assessment_obligation_count(const putokaz_assessment *assessment,
                                                   size_t *count);

// Copies the id of the obligation at `index` (such as `"notify_csw"`) into `buf`.
// Every `putokaz_assessment_obligation_*` function returns
// `PUTOKAZ_RESULT_INDEX_OUT_OF_RANGE` for an index not below the count.
//
// # Safety
// `assessment` is NULL or live; see "Strings out".
putokaz_result putokaz_assessment_obligation_id(const putokaz_assessment *assessment,
                                                size_t index,
                                                char *buf,
                                                size_t len,
                                                size_t *written);

// Copies the label of the obligation at `index`, in the assessment's language, into
// `buf`.
//
// # Safety
// `assessment` is NULL or live; see "Strings out".
putokaz_result putokaz_assessment_obligation_label(const putokaz_assessment *assessment,
                                                   size_t index,
                                                   char *buf,
                                                   size_t len,
                                                   size_t *written);

// Writes the status of the obligation at `index` to `*out`.
//
// # Safety
// `assessment` is NULL or live; `out` is NULL or writable.
putokaz_result putokaz_assessment_obligation_status(const putokaz_assessment *assessment,
                                                    size_t index,
                                                    putokaz_obligation_status *out);

// Writes the priority of the obligation at `index` to `*out` (1 is the most urgent).
//
// # Safety
// `assessment` is NULL or live; `out` is NULL or writable.
putokaz_result putokaz_assessment_obligation_priority(const putokaz_assessment *assessment,
                                                      size_t index,
                                                      uint8_t *out);

// Copies the role that must act on the obligation at `index` (a role id of the pack,
// or `"reporter"`) into `buf`.
//
// # Safety
// `assessment` is NULL or live; see "Strings out".
putokaz_result putokaz_assessment_obligation_actor_role(const putokaz_assessment *assessment,
                                                        size_t index,
                                                        char *buf,
                                                        size_t len,
                                                        size_t *written);

// Copies the concrete institution that must act on the obligation at `index` (such as
// `"JU Centar za socijalni rad Jajce"`) into `buf`: for a role the routing table routes
// (CSW, police, prosecutor, coordination team, Roma mediator), the institution of the
// case's municipality. For any other role — a school, a health centre, and the reporter,
// which a case records by its type (`$.reporter`), never by name — it is the role's
// label in the assessment's language (`"School"`): the caller, who knows which school
// reported, names it. `PUTOKAZ_RESULT_NO_VALUE` when it cannot be named (a routed role
// of a case with no municipality).
//
// # Safety
// `assessment` is NULL or live; see "Strings out".
putokaz_result putokaz_assessment_obligation_actor_institution(const putokaz_assessment *assessment,
                                                               size_t index,
                                                               char *buf,
                                                               size_t len,
                                                               size_t *written);

// Copies the role towards which the obligation at `index` is owed into `buf`.
//
// # Safety
// `assessment` is NULL or live; see "Strings out".
putokaz_result putokaz_assessment_obligation_recipient_role(const putokaz_assessment *assessment,
                                                            size_t index,
                                                            char *buf,
                                                            size_t len,
                                                            size_t *written);

// Copies the concrete institution towards which the obligation at `index` is owed into
// `buf`; `PUTOKAZ_RESULT_NO_VALUE` when it cannot be named.
//
// # Safety
// `assessment` is NULL or live; see "Strings out".
putokaz_result putokaz_assessment_obligation_recipient_institution(const putokaz_assessment *assessment,
                                                                   size_t index,
                                                                   char *buf,
                                                                   size_t len,
                                                                   size_t *written);

// Copies the due time of the obligation at `index` into `buf`, RFC 3339 in the pack's
// time zone (`"2026-03-03T09:00:00+01:00"`). `PUTOKAZ_RESULT_NO_VALUE` while its clock
// has not started (the event it counts from has not happened).
//
// # Safety
// `assessment` is NULL or live; see "Strings out".
putokaz_result putokaz_assessment_obligation_due(const putokaz_assessment *assessment,
                                                 size_t index,
                                                 char *buf,
                                                 size_t len,
                                                 size_t *written);

// Writes the due time of the obligation at `index` to `*out` as Unix seconds.
// `PUTOKAZ_RESULT_NO_VALUE` while its clock has not started.
//
// # Safety
// `assessment` is NULL or live; `out` is NULL or writable.
putokaz_result putokaz_assessment_obligation_due_unix(const putokaz_assessment *assessment,
                                                      size_t index,
                                                      int64_t *out);

// Writes to `*out` how late the obligation at `index` is (overdue: from its due time to
// `as_of`) or was (met after its due time), in whole seconds. `PUTOKAZ_RESULT_NO_VALUE`
// when it is not late.
//
// # Safety
// `assessment` is NULL or live; `out` is NULL or writable.
putokaz_result putokaz_assessment_obligation_late_seconds(const putokaz_assessment *assessment,
                                                          size_t index,
                                                          int64_t *out);

// Writes to `*count` how many unknown inputs could still change the level or the
// classification, ranked most decisive first: what to ask next.
//
// # Safety
// `assessment` is NULL or live; `count` is NULL or writable.
putokaz_result putokaz_assessment_unknown_count(const putokaz_assessment *assessment,
                                                size_t *count);

// Copies the input of the unknown at `index` (an indicator id, or `"subject.age"`,
// `"subject.citizenship"`) into `buf`. `PUTOKAZ_RESULT_INDEX_OUT_OF_RANGE` for an index
// not below the count.
//
// # Safety
// `assessment` is NULL or live; see "Strings out".
putokaz_result putokaz_assessment_unknown_input(const putokaz_assessment *assessment,
                                                size_t index,
                                                char *buf,
                                                size_t len,
                                                size_t *written);

// Copies the label of the unknown at `index`, in the assessment's language, into
// `buf`.
//
// # Safety
// `assessment` is NULL or live; see "Strings out".
putokaz_result putokaz_assessment_unknown_label(const putokaz_assessment *assessment,
                                                size_t index,
                                                char *buf,
                                                size_t len,
                                                size_t *written);

// Copies the assessment in words (level, classification, reasons, obligations), in
// the language chosen when assessing, into `buf`. It is several hundred bytes to a few
// kilobytes: ask for the size first (`len` 0) or use a large buffer.
//
// # Safety
// `assessment` is NULL or live; see "Strings out".
putokaz_result putokaz_assessment_text(const putokaz_assessment *assessment,
                                       char *buf,
                                       size_t len,
                                       size_t *written);

// Lends the score as `putokaz_assessment_score` copies it: `*out` is valid until the
// assessment is freed (see "Strings lent").
//
// # Safety
// `assessment` is NULL or live; `out` is NULL or writable.
putokaz_result putokaz_assessment_score_str(const putokaz_assessment *assessment, const char **out);

// Lends the assessment in words, as `putokaz_assessment_text` copies it (see "Strings
// lent").
//
// # Safety
// `assessment` is NULL or live; `out` is NULL or writable.
putokaz_result putokaz_assessment_text_str(const putokaz_assessment *assessment, const char **out);

// Lends the id of the obligation at `index`, as
// `putokaz_assessment_obligation_id` copies it (see "Strings lent").
//
// # Safety
// `assessment` is NULL or live; `out` is NULL or writable.
putokaz_result putokaz_assessment_obligation_id_str(const putokaz_assessment *assessment,
                                                    size_t index,
                                                    const char **out);

// Lends the label of the obligation at `index`, as
// `putokaz_assessment_obligation_label` copies it (see "Strings lent").
//
// # Safety
// `assessment` is NULL or live; `out` is NULL or writable.
putokaz_result putokaz_assessment_obligation_label_str(const putokaz_assessment *assessment,
                                                       size_t index,
                                                       const char **out);

// Lends the role that must act of the obligation at `index`, as
// `putokaz_assessment_obligation_actor_role` copies it (see "Strings lent").
//
// # Safety
// `assessment` is NULL or live; `out` is NULL or writable.
putokaz_result putokaz_assessment_obligation_actor_role_str(const putokaz_assessment *assessment,
                                                            size_t index,
                                                            const char **out);

// Lends the institution that must act (`PUTOKAZ_RESULT_NO_VALUE` when it cannot be named) of the obligation at `index`, as
// `putokaz_assessment_obligation_actor_institution` copies it (see "Strings lent").
//
// # Safety
// `assessment` is NULL or live; `out` is NULL or writable.
putokaz_result putokaz_assessment_obligation_actor_institution_str(const putokaz_assessment *assessment,
                                                                   size_t index,
                                                                   const char **out);

// Lends the role towards which it is owed of the obligation at `index`, as
// `putokaz_assessment_obligation_recipient_role` copies it (see "Strings lent").
//
// # Safety
// `assessment` is NULL or live; `out` is NULL or writable.
putokaz_result putokaz_assessment_obligation_recipient_role_str(const putokaz_assessment *assessment,
                                                                size_t index,
                                                                const char **out);

// Lends the institution towards which it is owed (`PUTOKAZ_RESULT_NO_VALUE` when it cannot
// be named) of the obligation at `index`, as
// `putokaz_assessment_obligation_recipient_institution` copies it (see "Strings lent").
//
// # Safety
// `assessment` is NULL or live; `out` is NULL or writable.
putokaz_result putokaz_assessment_obligation_recipient_institution_str(const putokaz_assessment *assessment,
                                                                       size_t index,
                                                                       const char **out);

// Lends the due time (`PUTOKAZ_RESULT_NO_VALUE` while its clock has not started) of the obligation at `index`, as
// `putokaz_assessment_obligation_due` copies it (see "Strings lent").
//
// # Safety
// `assessment` is NULL or live; `out` is NULL or writable.
putokaz_result putokaz_assessment_obligation_due_str(const putokaz_assessment *assessment,
                                                     size_t index,
                                                     const char **out);

// Lends the input of the unknown at `index`, as `putokaz_assessment_unknown_input` copies it
// (see "Strings lent").
//
// # Safety
// `assessment` is NULL or live; `out` is NULL or writable.
putokaz_result putokaz_assessment_unknown_input_str(const putokaz_assessment *assessment,
                                                    size_t index,
                                                    const char **out);

// Lends the label of the unknown at `index`, as `putokaz_assessment_unknown_label` copies it
// (see "Strings lent").
//
// # Safety
// `assessment` is NULL or live; `out` is NULL or writable.
putokaz_result putokaz_assessment_unknown_label_str(const putokaz_assessment *assessment,
                                                    size_t index,
                                                    const char **out);

// The whole assessment as JSON, in `*out`: a new string the caller frees with
// `putokaz_string_free`. The same bytes `putokaz_assess_json` gives for the same case.
//
// # Safety
// `assessment` is NULL or live; `out` is NULL or writable.
putokaz_result putokaz_assessment_to_json(const putokaz_assessment *assessment, char **out);

// Frees a diagnostic. NULL does nothing.
//
// # Safety
// `diagnostic` is NULL or a diagnostic from this library, not freed yet.
void putokaz_diagnostic_free(putokaz_diagnostic *diagnostic);

// The result code of the failure the diagnostic describes (the same code the failed
// call returned). `PUTOKAZ_RESULT_NULL_PARAMETER` if `diagnostic` is NULL.
//
// # Safety
// `diagnostic` is NULL or a live diagnostic.
putokaz_result putokaz_diagnostic_code(const putokaz_diagnostic *diagnostic);

// Copies the stable machine name of the failure (`"case.unknown_indicator"`,
// `"pack.syntax"`, `"usage"`, `"null_parameter"`, ...) into `buf`. For engine errors it
// is the core's own kind name, which may be more precise than the code when the library
// is newer than this header's list of codes.
//
// # Safety
// `diagnostic` is NULL or live; see "Strings out" for `buf`, `len`, `written`.
putokaz_result putokaz_diagnostic_kind(const putokaz_diagnostic *diagnostic,
                                       char *buf,
                                       size_t len,
                                       size_t *written);

// Copies the message of the failure, without its location or path (for a pack, the
// message of its first issue) into `buf`. Never contains a value taken from a case.
//
// # Safety
// `diagnostic` is NULL or live; see "Strings out".
putokaz_result putokaz_diagnostic_message(const putokaz_diagnostic *diagnostic,
                                          char *buf,
                                          size_t len,
                                          size_t *written);

// Copies the JSON path of a case error (such as `$.observations[2].indicator`; for a
// case built with the typed API, the path the same case has as JSON: observations,
// events and consents are numbered from 0 in the order they were added) into `buf`.
// `PUTOKAZ_RESULT_NO_VALUE` when the failure is not a case error.
//
// # Safety
// `diagnostic` is NULL or live; see "Strings out".
putokaz_result putokaz_diagnostic_path(const putokaz_diagnostic *diagnostic,
                                       char *buf,
                                       size_t len,
                                       size_t *written);

// Copies the whole diagnostic as text into `buf`: for a pack, every issue as
// `file:line:col: kind: message` with an excerpt of the line and a caret; for a case,
// `path: kind: message`; otherwise the message. Never contains a value taken from a
// case.
//
// # Safety
// `diagnostic` is NULL or live; see "Strings out".
putokaz_result putokaz_diagnostic_text(const putokaz_diagnostic *diagnostic,
                                       char *buf,
                                       size_t len,
                                       size_t *written);

// Writes to `*count` how many issues a pack error has (every problem found, not just
// the first); 0 for any other failure.
//
// # Safety
// `diagnostic` is NULL or live; `count` is NULL or writable.
putokaz_result putokaz_diagnostic_issue_count(const putokaz_diagnostic *diagnostic, size_t *count);

// Writes to `*code` the result code of the pack issue at `index` (its kind).
//
// # Safety
// `diagnostic` is NULL or live; `code` is NULL or writable.
putokaz_result putokaz_diagnostic_issue_code(const putokaz_diagnostic *diagnostic,
                                             size_t index,
                                             putokaz_result *code);

// Copies the message of the pack issue at `index` into `buf`.
//
// # Safety
// `diagnostic` is NULL or live; see "Strings out".
putokaz_result putokaz_diagnostic_issue_message(const putokaz_diagnostic *diagnostic,
                                                size_t index,
                                                char *buf,
                                                size_t len,
                                                size_t *written);

// Where the pack issue at `index` is: the file (as listed in the pack, such as
// `pack.toml`) is copied into `file_buf` (see "Strings out"), the 1-based line and
// column (in characters) written to `*line` and `*column`. `PUTOKAZ_RESULT_NO_VALUE`
// when the issue has no location (a file that cannot be read).
//
// # Safety
// `diagnostic` is NULL or live; `line` and `column` are NULL or writable; see "Strings
// out" for the buffer.
putokaz_result putokaz_diagnostic_issue_location(const putokaz_diagnostic *diagnostic,
                                                 size_t index,
                                                 char *file_buf,
                                                 size_t file_len,
                                                 size_t *file_written,
                                                 uint32_t *line,
                                                 uint32_t *column);

#ifdef __cplusplus
}  // extern "C"
#endif  // __cplusplus

#endif  /* PUTOKAZ_H */
