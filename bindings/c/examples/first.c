#include <stdio.h>
#include "putokaz.h"

int main(void) {
    const putokaz_protocol *bih = NULL;  /* shared and immutable: one per process is enough */
    putokaz_case *c = NULL;
    putokaz_assessment *a = NULL;
    putokaz_diagnostic *d = NULL;        /* NULL before every call that may fill it */
    putokaz_level level;
    putokaz_obligation_status status;
    const char *score, *label, *who, *due;
    char text[1024];
    size_t i, count = 0, n;
    putokaz_result rc;

    if (putokaz_protocol_bundled("bih", &bih, &d) != PUTOKAZ_RESULT_OK) return 1;

    /* A case, field by field: no JSON library needed. */
    putokaz_case_new("JJ-2026-007", "2026-03-02T09:15:00+01:00", &c);
    putokaz_case_set_municipality(c, "Jajce");
    putokaz_case_set_reporter(c, "school");
    putokaz_case_set_birth_date(c, "2014-05-01");
    putokaz_case_observe_bool(c, "forced_begging", true);
    putokaz_case_set_observed(c, 0, "2026-02-27T16:00:00+01:00", "school");
    putokaz_case_observe_bool(c, "daily_money_quota", true);
    putokaz_case_observe_count(c, "unexcused_absences", 80);

    rc = putokaz_assess(bih, c, "2026-03-04T12:00:00+01:00", "en", &a, &d);
    if (rc != PUTOKAZ_RESULT_OK) {
        /* such as "$.observations[1].indicator: unknown_indicator: ..." — never a case value */
        if (putokaz_diagnostic_text(d, text, sizeof text, &n) != PUTOKAZ_RESULT_OK) text[0] = '\0';
        fprintf(stderr, "%s: %s\n", putokaz_result_name(rc), text);
    } else {
        /* Texts are lent: valid until the assessment is freed. */
        putokaz_assessment_level(a, &level);
        putokaz_assessment_score_str(a, &score);
        printf("level %s, score %s\n", putokaz_level_name(level), score);
        putokaz_assessment_obligation_count(a, &count);
        for (i = 0; i < count; i++) { /* the most urgent first */
            putokaz_assessment_obligation_status(a, i, &status);
            if (status != PUTOKAZ_OBLIGATION_STATUS_OVERDUE && status != PUTOKAZ_OBLIGATION_STATUS_PENDING) continue;
            putokaz_assessment_obligation_label_str(a, i, &label);
            if (putokaz_assessment_obligation_actor_institution_str(a, i, &who) != PUTOKAZ_RESULT_OK) who = "?";
            if (putokaz_assessment_obligation_due_str(a, i, &due) != PUTOKAZ_RESULT_OK) due = "not started";
            printf("%-7s %s — %s, due %s\n", putokaz_obligation_status_name(status), label, who, due);
        }
    }
    putokaz_diagnostic_free(d);          /* every _free accepts NULL */
    putokaz_assessment_free(a);
    putokaz_case_free(c);
    putokaz_protocol_free(bih);
    putokaz_global_cleanup();            /* at exit: nothing held for a leak checker to see */
    return rc == PUTOKAZ_RESULT_OK ? 0 : 1;
}
