/* registry: assess the cases of a registry's CSV export with the typed C API of putokaz
 * and print the overdue obligations, grouped by the institution that must act.
 *
 *   registry [--pack ID|PATH] [--as-of TIME] [--lang LANG] CASES.csv
 *
 * --pack   a bundled pack id ("bih", "ilo-2009") or a pack directory; default: the
 *          library's default pack
 * --as-of  the time to assess for, RFC 3339 with an offset; default: now (UTC)
 * --lang   language of the labels: bs, hr, sr-Latn, sr-Cyrl or en; default: the pack's
 *          first language
 *
 * The CSV is what an old registry dumps: a header row, then one row per case. Columns
 * (any order; only id and reported_at are required):
 *
 *   id, reported_at, municipality, reporter, birth_date, age, age_min, age_max, sex,
 *   citizenship, appears_minor     the case and the subject
 *   <event_kind>_at                when that event happened (csw_notified_at, ...)
 *   consent_<scope>                yes / no
 *   <indicator id>                 an observation: yes/no for a yes-no indicator, a
 *                                  number for a count, a value name for an enum; "?"
 *                                  means asked but not known; empty means not recorded
 *
 * A column the pack has no indicator for is reported once on stderr and ignored. A row
 * that cannot be assessed is reported on stderr with the field at fault (never its value)
 * and skipped. An obligation of the reporter is listed under the reporter's type
 * ("School"): a case records which kind of institution reported, not which one.
 * Durations are written as the engine writes them ("late by 5 d 20 h"). Written in C99
 * with no library but putokaz and libc. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "putokaz.h"

#define MAX_FIELDS 128
#define MAX_LINE 65536

/* ---- CSV (RFC 4180: quotes, doubled quotes, commas and newlines in quotes) ---- */

/* Reads one record into `fields` (pointers into `buf`); returns the field count, 0 at
 * the end of the file, -1 on a record that is too long. */
static int csv_record(FILE *f, char *buf, size_t size, char **fields) {
    size_t len = 0;
    int n = 0, c, quoted = 0, at_start = 1;
    fields[n++] = buf;
    while ((c = fgetc(f)) != EOF) {
        if (quoted) {
            if (c == '"') {
                int next = fgetc(f);
                if (next == '"') {
                    c = '"';
                } else {
                    quoted = 0;
                    if (next != EOF) ungetc(next, f);
                    continue;
                }
            }
        } else if (c == '"' && at_start) {
            quoted = 1;
            at_start = 0;
            continue;
        } else if (c == ',') {
            if (len + 1 >= size || n >= MAX_FIELDS) return -1;
            buf[len++] = '\0';
            fields[n++] = buf + len;
            at_start = 1;
            continue;
        } else if (c == '\r') {
            continue;
        } else if (c == '\n') {
            break;
        }
        if (len + 1 >= size) return -1;
        buf[len++] = (char)c;
        at_start = 0;
    }
    buf[len] = '\0';
    if (c == EOF && len == 0 && n == 1) return 0;
    return n;
}

/* ---- what the report collects ---- */

struct overdue {
    char institution[256];
    char case_id[64];
    char label[256];
    char due[40];
    int64_t late;
    unsigned priority;
};

static struct overdue *items = NULL;
static size_t item_count = 0, item_cap = 0;

static int add_item(const struct overdue *o) {
    if (item_count == item_cap) {
        size_t cap = item_cap ? item_cap * 2 : 32;
        struct overdue *grown = realloc(items, cap * sizeof *items);
        if (grown == NULL) return 0;
        items = grown;
        item_cap = cap;
    }
    items[item_count++] = *o;
    return 1;
}

static int by_institution(const void *a, const void *b) {
    const struct overdue *x = a, *y = b;
    int c = strcmp(x->institution, y->institution);
    if (c != 0) return c;
    if (x->priority != y->priority) return x->priority < y->priority ? -1 : 1;
    if (x->late != y->late) return x->late > y->late ? -1 : 1;
    return strcmp(x->case_id, y->case_id);
}

/* ---- helpers ---- */

static int is_yes(const char *s) {
    return strcmp(s, "yes") == 0 || strcmp(s, "da") == 0 || strcmp(s, "1") == 0 || strcmp(s, "true") == 0;
}

static int is_no(const char *s) {
    return strcmp(s, "no") == 0 || strcmp(s, "ne") == 0 || strcmp(s, "0") == 0 || strcmp(s, "false") == 0;
}

static int ends_with(const char *s, const char *suffix) {
    size_t n = strlen(s), m = strlen(suffix);
    return n > m && strcmp(s + n - m, suffix) == 0;
}

static int parse_u64(const char *s, unsigned long long *out) {
    char *end;
    if (*s == '\0' || !isdigit((unsigned char)*s)) return 0;
    *out = strtoull(s, &end, 10);
    return *end == '\0';
}

/* Prints why a row failed: the code, and from the diagnostic the field and message. */
static void report_row_error(long row, const char *id, putokaz_result rc, const putokaz_diagnostic *d) {
    char path[256] = "", message[512] = "";
    size_t n;
    if (putokaz_diagnostic_path(d, path, sizeof path, &n) != PUTOKAZ_RESULT_OK) path[0] = '\0';
    if (putokaz_diagnostic_message(d, message, sizeof message, &n) != PUTOKAZ_RESULT_OK) message[0] = '\0';
    fprintf(stderr, "row %ld (case %s): %s%s%s: %s\n", row, id, putokaz_result_name(rc), path[0] ? " at " : "", path,
            message);
}

/* Copies an obligation's text with a fallback when it is absent or does not fit. */
static void text_of(putokaz_result (*get)(const putokaz_assessment *, size_t, char *, size_t, size_t *),
                    const putokaz_assessment *a, size_t i, char *buf, size_t len, const char *fallback) {
    size_t n;
    if (get(a, i, buf, len, &n) != PUTOKAZ_RESULT_OK) snprintf(buf, len, "%s", fallback);
}

/* ---- one row ---- */

enum column_use { SKIP, ID, REPORTED_AT, MUNICIPALITY, REPORTER, BIRTH_DATE, AGE, AGE_MIN, AGE_MAX, SEX, CITIZENSHIP,
                  APPEARS_MINOR, EVENT, CONSENT, INDICATOR };

struct column {
    enum column_use use;
    putokaz_indicator_kind kind;
    char name[128]; /* the event kind, consent scope or indicator id */
};

/* Builds the case of one row; returns a result code (and a message on stderr). */
static putokaz_result build_case(const struct column *cols, int ncols, char **cells, int ncells, putokaz_case **out) {
    const char *id = NULL, *reported_at = NULL;
    const char *age_min = NULL, *age_max = NULL;
    putokaz_case *c = NULL;
    putokaz_result rc = PUTOKAZ_RESULT_OK;
    unsigned long long number;
    int i;
    for (i = 0; i < ncols && i < ncells; i++) {
        if (cols[i].use == ID) id = cells[i];
        if (cols[i].use == REPORTED_AT) reported_at = cells[i];
    }
    if (id == NULL || reported_at == NULL) return PUTOKAZ_RESULT_USAGE;
    rc = putokaz_case_new(id, reported_at, &c);
    for (i = 0; rc == PUTOKAZ_RESULT_OK && i < ncols && i < ncells; i++) {
        const char *v = cells[i];
        if (*v == '\0') continue; /* not recorded */
        switch (cols[i].use) {
        case MUNICIPALITY: rc = putokaz_case_set_municipality(c, v); break;
        case REPORTER: rc = putokaz_case_set_reporter(c, v); break;
        case BIRTH_DATE: rc = putokaz_case_set_birth_date(c, v); break;
        case SEX: rc = putokaz_case_set_sex(c, v); break;
        case CITIZENSHIP: rc = putokaz_case_set_citizenship(c, v); break;
        case AGE:
            rc = parse_u64(v, &number) && number < 200 ? putokaz_case_set_age(c, (uint32_t)number)
                                                        : PUTOKAZ_RESULT_CASE_WRONG_TYPE;
            break;
        case AGE_MIN: age_min = v; break;
        case AGE_MAX: age_max = v; break;
        case APPEARS_MINOR: rc = putokaz_case_set_appears_minor(c, is_yes(v)); break;
        case EVENT: rc = putokaz_case_add_event(c, cols[i].name, v, NULL); break;
        case CONSENT: rc = putokaz_case_add_consent(c, cols[i].name, is_yes(v), NULL); break;
        case INDICATOR:
            if (strcmp(v, "?") == 0) {
                rc = putokaz_case_observe_unknown(c, cols[i].name);
            } else if (cols[i].kind == PUTOKAZ_INDICATOR_KIND_BOOL) {
                rc = is_yes(v) ? putokaz_case_observe_bool(c, cols[i].name, true)
                     : is_no(v) ? putokaz_case_observe_bool(c, cols[i].name, false)
                                : PUTOKAZ_RESULT_CASE_WRONG_TYPE;
            } else if (cols[i].kind == PUTOKAZ_INDICATOR_KIND_COUNT) {
                rc = parse_u64(v, &number) ? putokaz_case_observe_count(c, cols[i].name, number)
                                           : PUTOKAZ_RESULT_CASE_WRONG_TYPE;
            } else {
                rc = putokaz_case_observe_enum(c, cols[i].name, v);
            }
            break;
        default: break;
        }
        if (rc != PUTOKAZ_RESULT_OK)
            fprintf(stderr, "case %s: column %d: %s\n", id, i + 1, putokaz_result_name(rc));
    }
    if (rc == PUTOKAZ_RESULT_OK && (age_min != NULL || age_max != NULL)) {
        unsigned long long lo = 0, hi = 0;
        rc = age_min && age_max && parse_u64(age_min, &lo) && parse_u64(age_max, &hi) && hi < 200
                 ? putokaz_case_set_age_range(c, (uint32_t)lo, (uint32_t)hi)
                 : PUTOKAZ_RESULT_CASE_WRONG_TYPE;
        if (rc != PUTOKAZ_RESULT_OK) fprintf(stderr, "case %s: age_min and age_max: %s\n", id, putokaz_result_name(rc));
    }
    if (rc != PUTOKAZ_RESULT_OK) {
        putokaz_case_free(c);
        return rc;
    }
    *out = c;
    return PUTOKAZ_RESULT_OK;
}

/* Adds the overdue obligations of one assessment to the report. */
static int collect(const putokaz_assessment *a, const char *case_id) {
    size_t count = 0, i;
    if (putokaz_assessment_obligation_count(a, &count) != PUTOKAZ_RESULT_OK) return 0;
    for (i = 0; i < count; i++) {
        putokaz_obligation_status status;
        struct overdue o;
        uint8_t priority = 0;
        char role[64];
        if (putokaz_assessment_obligation_status(a, i, &status) != PUTOKAZ_RESULT_OK) return 0;
        if (status != PUTOKAZ_OBLIGATION_STATUS_OVERDUE) continue;
        memset(&o, 0, sizeof o);
        text_of(putokaz_assessment_obligation_actor_role, a, i, role, sizeof role, "?");
        {
            char fallback[128];
            snprintf(fallback, sizeof fallback, "(not named: role %s; the case has no municipality)", role);
            text_of(putokaz_assessment_obligation_actor_institution, a, i, o.institution, sizeof o.institution,
                    fallback);
        }
        text_of(putokaz_assessment_obligation_label, a, i, o.label, sizeof o.label, "?");
        text_of(putokaz_assessment_obligation_due, a, i, o.due, sizeof o.due, "?");
        if (putokaz_assessment_obligation_late_seconds(a, i, &o.late) != PUTOKAZ_RESULT_OK) o.late = 0;
        if (putokaz_assessment_obligation_priority(a, i, &priority) == PUTOKAZ_RESULT_OK) o.priority = priority;
        snprintf(o.case_id, sizeof o.case_id, "%s", case_id);
        if (!add_item(&o)) return 0;
    }
    return 1;
}

/* A number of seconds as the engine's text writes it: "2 d 3 h", "3 h 5 min", "40 min". */
static void print_span(int64_t seconds) {
    long d = (long)(seconds / 86400), h = (long)(seconds % 86400 / 3600), m = (long)(seconds % 3600 / 60);
    if (d > 0) printf("%ld d %ld h", d, h);
    else if (h > 0) printf("%ld h %ld min", h, m);
    else printf("%ld min", m);
}

static void print_report(const char *pack, const char *as_of, long assessed, long failed) {
    size_t i;
    printf("%ld case(s) assessed with %s as of %s", assessed, pack, as_of);
    if (failed > 0) printf("; %ld row(s) could not be assessed (see stderr)", failed);
    printf("\n\nOverdue obligations by institution\n");
    if (item_count == 0) printf("\n  none\n");
    qsort(items, item_count, sizeof *items, by_institution);
    for (i = 0; i < item_count; i++) {
        if (i == 0 || strcmp(items[i].institution, items[i - 1].institution) != 0) {
            size_t j, n = 0;
            for (j = i; j < item_count && strcmp(items[j].institution, items[i].institution) == 0; j++) n++;
            printf("\n%s (%lu)\n", items[i].institution, (unsigned long)n);
        }
        printf("  %-12s P%u  %s\n", items[i].case_id, items[i].priority, items[i].label);
        printf("  %-12s     due %s, late by ", "", items[i].due);
        print_span(items[i].late);
        printf("\n");
    }
}

static void usage(void) {
    fprintf(stderr, "usage: registry [--pack ID|PATH] [--as-of TIME] [--lang LANG] CASES.csv\n");
}

int main(int argc, char **argv) {
    const char *pack = NULL, *language = NULL, *csv_path = NULL;
    char as_of[64] = "", pack_name[160], version[32], pack_id[64];
    const putokaz_protocol *protocol = NULL;
    putokaz_diagnostic *d = NULL;
    putokaz_result rc;
    struct column cols[MAX_FIELDS];
    char *cells[MAX_FIELDS];
    static char line[MAX_LINE];
    int ncols, ncells, i;
    long row = 1, assessed = 0, failed = 0;
    size_t n;
    FILE *f;

    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--pack") == 0 && i + 1 < argc) pack = argv[++i];
        else if (strcmp(argv[i], "--as-of") == 0 && i + 1 < argc) snprintf(as_of, sizeof as_of, "%s", argv[++i]);
        else if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc) language = argv[++i];
        else if (argv[i][0] != '-' && csv_path == NULL) csv_path = argv[i];
        else {
            usage();
            return 2;
        }
    }
    if (csv_path == NULL) {
        usage();
        return 2;
    }
    if (as_of[0] == '\0') {
        time_t now = time(NULL);
        strftime(as_of, sizeof as_of, "%Y-%m-%dT%H:%M:%SZ", gmtime(&now));
    }

    /* The pack: a path if it names one, else a bundled id; the default pack if none. */
    if (pack == NULL) {
        if (putokaz_bundled_pack_id(0, pack_id, sizeof pack_id, &n) != PUTOKAZ_RESULT_OK) return 1;
        pack = pack_id;
    }
    if (strchr(pack, '/') != NULL || strcmp(pack, ".") == 0)
        rc = putokaz_protocol_from_path(pack, &protocol, &d);
    else
        rc = putokaz_protocol_bundled(pack, &protocol, &d);
    if (rc != PUTOKAZ_RESULT_OK) {
        char text[4096];
        if (putokaz_diagnostic_text(d, text, sizeof text, &n) != PUTOKAZ_RESULT_OK) text[0] = '\0';
        fprintf(stderr, "registry: cannot load pack %s: %s\n%s\n", pack, putokaz_result_name(rc), text);
        putokaz_diagnostic_free(d);
        return 1;
    }
    putokaz_protocol_id(protocol, pack_name, sizeof pack_name, &n);
    putokaz_protocol_version(protocol, version, sizeof version, &n);
    strncat(pack_name, " ", sizeof pack_name - strlen(pack_name) - 1);
    strncat(pack_name, version, sizeof pack_name - strlen(pack_name) - 1);

    f = fopen(csv_path, "rb");
    if (f == NULL) {
        perror(csv_path);
        putokaz_protocol_free(protocol);
        return 1;
    }

    /* The header says what each column is. */
    ncols = csv_record(f, line, sizeof line, cells);
    if (ncols <= 0) {
        fprintf(stderr, "registry: %s has no header row\n", csv_path);
        fclose(f);
        putokaz_protocol_free(protocol);
        return 1;
    }
    for (i = 0; i < ncols; i++) {
        const char *h = cells[i];
        struct column *c = &cols[i];
        c->use = SKIP;
        c->kind = 0;
        c->name[0] = '\0';
        if (strcmp(h, "id") == 0) c->use = ID;
        else if (strcmp(h, "reported_at") == 0) c->use = REPORTED_AT;
        else if (strcmp(h, "municipality") == 0) c->use = MUNICIPALITY;
        else if (strcmp(h, "reporter") == 0) c->use = REPORTER;
        else if (strcmp(h, "birth_date") == 0) c->use = BIRTH_DATE;
        else if (strcmp(h, "age") == 0) c->use = AGE;
        else if (strcmp(h, "age_min") == 0) c->use = AGE_MIN;
        else if (strcmp(h, "age_max") == 0) c->use = AGE_MAX;
        else if (strcmp(h, "sex") == 0) c->use = SEX;
        else if (strcmp(h, "citizenship") == 0) c->use = CITIZENSHIP;
        else if (strcmp(h, "appears_minor") == 0) c->use = APPEARS_MINOR;
        else if (ends_with(h, "_at") && strlen(h) - 3 < sizeof c->name) {
            c->use = EVENT;
            memcpy(c->name, h, strlen(h) - 3);
            c->name[strlen(h) - 3] = '\0';
        } else if (strncmp(h, "consent_", 8) == 0 && h[8] != '\0') {
            c->use = CONSENT;
            snprintf(c->name, sizeof c->name, "%s", h + 8);
        } else if (putokaz_protocol_indicator_kind(protocol, h, &c->kind) == PUTOKAZ_RESULT_OK) {
            c->use = INDICATOR;
            snprintf(c->name, sizeof c->name, "%s", h);
        } else {
            fprintf(stderr, "registry: column \"%s\" is not an indicator of %s; ignored\n", h, pack_name);
        }
    }

    /* One case per row. */
    while ((ncells = csv_record(f, line, sizeof line, cells)) != 0) {
        putokaz_case *c = NULL;
        putokaz_assessment *a = NULL;
        const char *id = "?";
        row++;
        if (ncells < 0) {
            fprintf(stderr, "row %ld: too long; skipped\n", row);
            failed++;
            continue;
        }
        if (ncells == 1 && cells[0][0] == '\0') continue; /* a blank line */
        for (i = 0; i < ncols && i < ncells; i++)
            if (cols[i].use == ID) id = cells[i];
        rc = build_case(cols, ncols, cells, ncells, &c);
        if (rc == PUTOKAZ_RESULT_OK) rc = putokaz_assess(protocol, c, as_of, language, &a, &d);
        if (rc != PUTOKAZ_RESULT_OK) {
            report_row_error(row, id, rc, d);
            putokaz_diagnostic_free(d);
            d = NULL;
            failed++;
        } else if (!collect(a, id)) {
            fprintf(stderr, "registry: out of memory\n");
            failed++;
        } else {
            assessed++;
        }
        putokaz_assessment_free(a);
        putokaz_case_free(c);
    }
    fclose(f);

    print_report(pack_name, as_of, assessed, failed);
    free(items);
    putokaz_protocol_free(protocol);
    putokaz_global_cleanup(); /* at the end, so that a leak checker sees nothing held */
    return 0;
}
