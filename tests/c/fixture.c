/* The fixture reader of fixture.h. */
#include "fixture.h"

#include <stdlib.h>
#include <string.h>

#include "harness.h"

static void fixture_fail(const fixture *fx, const char *what) {
    char msg[4300];
    snprintf(msg, sizeof msg, "%.4000s:%d: %.200s", fx->path, fx->lineno, what);
    harness_fail(__FILE__, __LINE__, msg);
}

static void *checked_realloc(void *p, size_t n) {
    void *q = realloc(p, n);
    if (q == NULL) {
        fprintf(stderr, "out of memory\n");
        exit(2);
    }
    return q;
}

int fixture_open(fixture *fx, const char *name) {
    const char *dir = getenv("PUTOKAZ_C_FIXTURES");
    memset(fx, 0, sizeof *fx);
    if (dir == NULL || dir[0] == '\0') {
        harness_fail(__FILE__, __LINE__,
                     "PUTOKAZ_C_FIXTURES is not set: run tests/c/run.sh, or "
                     "python3 tests/c/make_fixtures.py DIR and set PUTOKAZ_C_FIXTURES=DIR");
        return 0;
    }
    snprintf(fx->path, sizeof fx->path, "%s/%s", dir, name);
    fx->file = fopen(fx->path, "rb");
    if (fx->file == NULL) {
        char msg[4300];
        snprintf(msg, sizeof msg, "cannot open the fixture %s (made by tests/c/make_fixtures.py)", fx->path);
        harness_fail(__FILE__, __LINE__, msg);
        return 0;
    }
    return 1;
}

void fixture_close(fixture *fx) {
    if (fx->file != NULL) fclose(fx->file);
    free(fx->line);
    fx->file = NULL;
    fx->line = NULL;
    fx->cap = 0;
}

/* Reads one line (without its newline) into fx->line; 0 at the end of the file. */
static int read_line(fixture *fx) {
    size_t n = 0;
    int ch;
    if (fx->file == NULL) return 0;
    for (;;) {
        ch = fgetc(fx->file);
        if (ch == EOF) {
            if (ferror(fx->file)) return -1;
            if (n == 0) return 0;
            break;
        }
        if (ch == '\n') break;
        if (n + 1 >= fx->cap) {
            fx->cap = fx->cap ? fx->cap * 2 : 4096;
            fx->line = checked_realloc(fx->line, fx->cap);
        }
        fx->line[n++] = (char)ch;
    }
    if (fx->line == NULL) {
        fx->cap = 16;
        fx->line = checked_realloc(NULL, fx->cap);
    }
    fx->line[n] = '\0';
    fx->lineno++;
    return 1;
}

int fixture_next(fixture *fx) {
    for (;;) {
        char *p;
        int got = read_line(fx);
        if (got <= 0) {
            if (got < 0) fixture_fail(fx, "read error");
            fx->ntok = 0;
            return got;
        }
        if (fx->line[0] == '\0' || fx->line[0] == '#') continue;
        fx->ntok = 0;
        p = fx->line;
        for (;;) {
            char *space = strchr(p, ' ');
            if (fx->ntok == FIXTURE_MAX_TOKENS) {
                fixture_fail(fx, "too many tokens on the line");
                return -1;
            }
            fx->tok[fx->ntok++] = p;
            if (space == NULL) break;
            *space = '\0';
            p = space + 1;
        }
        return fx->ntok;
    }
}

static int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

int fixture_text(const fixture *fx, int index, char **out, size_t *len) {
    const char *tok;
    size_t n, i;
    *out = NULL;
    if (len != NULL) *len = 0;
    if (index >= fx->ntok) {
        fixture_fail(fx, "a text token is missing");
        return 0;
    }
    tok = fx->tok[index];
    if (strcmp(tok, "-") == 0) return 1;
    n = strlen(tok);
    if (tok[0] != 'x' || (n - 1) % 2 != 0) {
        fixture_fail(fx, "not a text token");
        return 0;
    }
    *out = checked_realloc(NULL, (n - 1) / 2 + 1);
    for (i = 0; i < (n - 1) / 2; i++) {
        int hi = hex_value(tok[1 + 2 * i]), lo = hex_value(tok[2 + 2 * i]);
        if (hi < 0 || lo < 0) {
            free(*out);
            *out = NULL;
            fixture_fail(fx, "not a hex digit in a text token");
            return 0;
        }
        (*out)[i] = (char)(hi * 16 + lo);
    }
    (*out)[i] = '\0';
    if (len != NULL) *len = i;
    return 1;
}

int fixture_number(const fixture *fx, int index, unsigned long long *out) {
    const char *tok;
    unsigned long long v = 0;
    *out = 0;
    if (index >= fx->ntok || fx->tok[index][0] == '\0') {
        fixture_fail(fx, "a number is missing");
        return 0;
    }
    for (tok = fx->tok[index]; *tok; tok++) {
        unsigned d;
        if (*tok < '0' || *tok > '9') {
            fixture_fail(fx, "not a whole number");
            return 0;
        }
        d = (unsigned)(*tok - '0');
        if (v > (18446744073709551615ULL - d) / 10) {
            fixture_fail(fx, "a number beyond 64 bits");
            return 0;
        }
        v = v * 10 + d;
    }
    *out = v;
    return 1;
}

/* Room for `n` more bytes and a NUL. */
static void sbuf_reserve(sbuf *b, size_t n) {
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (b->len + n + 1 > cap) cap *= 2;
        b->data = checked_realloc(b->data, cap);
        b->cap = cap;
    }
}

void sbuf_add(sbuf *b, const char *bytes, size_t n) {
    sbuf_reserve(b, n);
    memcpy(b->data + b->len, bytes, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void sbuf_str(sbuf *b, const char *s) { sbuf_add(b, s, strlen(s)); }

void sbuf_repeat(sbuf *b, const char *s, size_t times, const char *separator) {
    size_t i, n = strlen(s), sep = separator != NULL ? strlen(separator) : 0;
    if (times == 0) return;
    /* Room for all of it at once: the inputs run to megabytes. */
    sbuf_reserve(b, n * times + sep * (times - 1));
    if (n == 1 && sep == 0) {
        memset(b->data + b->len, s[0], times);
        b->len += times;
        b->data[b->len] = '\0';
        return;
    }
    for (i = 0; i < times; i++) {
        if (i > 0 && sep > 0) sbuf_add(b, separator, sep);
        sbuf_add(b, s, n);
    }
}

const char *sbuf_cstr(sbuf *b) {
    if (b->data == NULL) sbuf_add(b, "", 0);
    return b->data;
}

void sbuf_free(sbuf *b) {
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

char *fixture_read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    sbuf b = {NULL, 0, 0};
    char chunk[65536];
    size_t n;
    if (len != NULL) *len = 0;
    if (f == NULL) return NULL;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) sbuf_add(&b, chunk, n);
    if (ferror(f)) {
        fclose(f);
        sbuf_free(&b);
        return NULL;
    }
    fclose(f);
    sbuf_cstr(&b);
    if (len != NULL) *len = b.len;
    return b.data;
}
