/* A small test harness for the C suite: checks that report the file and line, one
 * line of output per test, and counts that tests/c/run.sh reads. Plain C99. */
#ifndef PUTOKAZ_TEST_HARNESS_H
#define PUTOKAZ_TEST_HARNESS_H

#include <stdio.h>
#include <string.h>

#include "putokaz.h"

/* Failed checks in the running test; reset by the runner before each test. */
extern int harness_failures;
/* The repository root, where the fixtures are found (argv[1], default "."). */
extern const char *harness_root;

void harness_fail(const char *file, int line, const char *what);
/* Prints a putokaz_result as "name (number)". */
const char *harness_code(putokaz_result code);
/* A path below the repository root, in a static buffer (valid until the next call). */
const char *harness_path(const char *relative);
/* A whole file, malloc'd and NUL-terminated; NULL if it cannot be read. */
char *harness_read_file(const char *path);

#define CHECK(cond)                                                                      \
    do {                                                                                 \
        if (!(cond)) harness_fail(__FILE__, __LINE__, #cond);                            \
    } while (0)

/* A call's result code must be `want`. */
#define CHECK_RC(call, want)                                                             \
    do {                                                                                 \
        putokaz_result rc_got_ = (call);                                                 \
        putokaz_result rc_want_ = (want);                                                \
        if (rc_got_ != rc_want_) {                                                       \
            char rc_msg_[512];                                                           \
            snprintf(rc_msg_, sizeof rc_msg_, "%s returned %s, expected %s", #call,      \
                     harness_code(rc_got_), harness_code(rc_want_));                     \
            harness_fail(__FILE__, __LINE__, rc_msg_);                                   \
        }                                                                                \
    } while (0)

#define CHECK_OK(call) CHECK_RC(call, PUTOKAZ_RESULT_OK)

#define CHECK_STR(got, want)                                                             \
    do {                                                                                 \
        const char *s_got_ = (got);                                                      \
        const char *s_want_ = (want);                                                    \
        if (s_got_ == NULL || strcmp(s_got_, s_want_) != 0) {                            \
            char s_msg_[1024];                                                           \
            snprintf(s_msg_, sizeof s_msg_, "%s is \"%.300s\", expected \"%.300s\"", #got, \
                     s_got_ ? s_got_ : "(null)", s_want_);                               \
            harness_fail(__FILE__, __LINE__, s_msg_);                                    \
        }                                                                                \
    } while (0)

#define CHECK_CONTAINS(hay, needle)                                                      \
    do {                                                                                 \
        const char *c_hay_ = (hay);                                                      \
        const char *c_needle_ = (needle);                                                \
        if (c_hay_ == NULL || strstr(c_hay_, c_needle_) == NULL) {                       \
            char c_msg_[1024];                                                           \
            snprintf(c_msg_, sizeof c_msg_, "%s does not contain \"%.300s\"", #hay,        \
                     c_needle_);                                                         \
            harness_fail(__FILE__, __LINE__, c_msg_);                                    \
        }                                                                                \
    } while (0)

#define CHECK_NOT_CONTAINS(hay, needle)                                                  \
    do {                                                                                 \
        const char *c_hay_ = (hay);                                                      \
        const char *c_needle_ = (needle);                                                \
        if (c_hay_ != NULL && strstr(c_hay_, c_needle_) != NULL) {                       \
            char c_msg_[1024];                                                           \
            snprintf(c_msg_, sizeof c_msg_, "%s contains \"%.300s\"", #hay, c_needle_);  \
            harness_fail(__FILE__, __LINE__, c_msg_);                                    \
        }                                                                                \
    } while (0)

/* Frees a diagnostic and sets the variable back to NULL, as a caller does before passing
 * it to the next call (one still held is refused with PUTOKAZ_RESULT_DIAGNOSTIC_IN_USE). */
#define FREE_DIAGNOSTIC(d) (putokaz_diagnostic_free(d), (d) = NULL)

/* Shared fixtures. */
#define DEMO_PACK "bindings/c/examples/demo-pack"
#define AS_OF "2026-03-09T12:00:00+01:00"

/* The demo pack, loaded from the repository (fails the test and returns NULL if it
 * cannot be). */
const putokaz_protocol *load_demo(void);

/* The demo case of the suite, as JSON (demo-1: a girl of 11 in Jajce, forced begging). */
extern const char *const DEMO_CASE_JSON;
/* The same case built with the typed API; NULL (and a failed check) if a call fails. */
putokaz_case *build_demo_case(void);

/* The diagnostic's kind, path and text in static buffers, "" when absent. */
const char *diag_kind(const putokaz_diagnostic *d);
const char *diag_path(const putokaz_diagnostic *d);
const char *diag_text(const putokaz_diagnostic *d);

/* ---- JSON spans: enough of a reader to compare parts of the library's JSON (C has no
 * JSON library; the tests compare raw bytes of members, never re-serialise). ---- */

/* The end of the JSON value at `p` (leading whitespace skipped), or NULL if there is
 * none; strings, objects and arrays are followed, scalars are taken up to a delimiter. */
const char *json_skip(const char *p);
/* The value at `path` (see json_get) as a pointer into `json` and its length in *len;
 * NULL if there is no such value. */
const char *json_find(const char *json, const char *path, size_t *len);
/* The raw text of the value at `path` in `json`, in a static buffer (valid for the next
 * seven calls), or NULL if there is no such value. A path is keys and array indexes
 * separated by '.': "level.possible.min", "unknowns.0.input". */
const char *json_get(const char *json, const char *path);
/* A malloc'd copy of an assessment's JSON whose `trace` and `unknowns` are emptied to []
 * and whose `text` is emptied to "", except those whose PUTOKAZ_ASSESS_* bit is in
 * `keep`; everything else (a trailing newline too) byte for byte. NULL if `json` is not
 * a JSON object. */
char *json_assessment_without(const char *json, unsigned keep);

/* Fails the running test, naming `what`, unless the screening `screening` (from
 * putokaz_screen_json, with `ranked` as rank_unknowns) is one line with the documented
 * keys in order and says what the full assessment JSON `full` says: level, classification
 * and score with their ranges and settledness, the child gate, the obligation counts, the
 * earliest due time of the pending and overdue obligations, and the first ranked unknown
 * (null unless `ranked`). In test_lean.c. */
void check_screening_agrees(const char *what, const char *screening, const char *full, int ranked);

#endif
