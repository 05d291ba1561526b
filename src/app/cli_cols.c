/* SPDX-License-Identifier: BSD-2-Clause */
/* cli_cols: the CLI's text outputs fit the terminal. Tables shrink and
 * drop columns in a fixed order and cut what is left with an ellipsis;
 * prose wraps at word boundaries (text_wrap). */
#include <langinfo.h>
#include <stdarg.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "src/app/cli_common.h"
#include "src/text.h"

/* A cell is cut to fit its column; a longer one never reaches here. */
#define CELL_MAX 1024

int cli_term_width(int fd)
{
    const char *env = getenv("COLUMNS");
    if (env && *env) {
        char *end;
        long v = strtol(env, &end, 10);
        if (*end == '\0' && v >= 1 && v <= 10000)
            return (int)v;
    }
    struct winsize ws;
    if (isatty(fd) && ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
        return ws.ws_col;
    return 80;
}

int cli_locale_utf8(void)
{
    const char *cur = setlocale(LC_CTYPE, NULL);
    char *saved = cur ? strdup(cur) : NULL;
    int utf8 = 0;
    if (setlocale(LC_CTYPE, "")) {
        const char *cs = nl_langinfo(CODESET);
        utf8 = cs && (strcasecmp(cs, "UTF-8") == 0 || strcasecmp(cs, "utf8") == 0);
    }
    if (saved)
        (void)setlocale(LC_CTYPE, saved);
    free(saved);
    return utf8;
}

int cli_width(const struct cli_ctx *ctx)
{
    return ctx->width > 0 ? ctx->width : 80;
}

const char *cli_ellipsis(const struct cli_ctx *ctx)
{
    return ctx->utf8 ? TEXT_ELLIPSIS : TEXT_ELLIPSIS_ASCII;
}

/* The columns the shown columns take, the flexible one at its minimum. */
static int cols_need(const struct cli_cols *t)
{
    int need = 0, shown = 0;
    for (int c = 0; c < t->n; c++) {
        if (t->w[c] == 0)
            continue;
        need += t->w[c] < 0 ? t->col[c].min : t->w[c];
        shown++;
    }
    return need + (shown > 1 ? (shown - 1) * 2 : 0);
}

void cli_cols_fit(struct cli_cols *t, const struct cli_ctx *ctx, const struct cli_col *cols,
                  int n, const struct cli_fit_step *steps, size_t nsteps)
{
    t->col = cols;
    t->n = n < CLI_COLS_MAX ? n : CLI_COLS_MAX;
    t->ell = cli_ellipsis(ctx);
    t->width = cli_width(ctx);
    for (int c = 0; c < t->n; c++)
        t->w[c] = cols[c].width > 0 ? cols[c].width : -1; /* -1: the rest of the line */
    for (size_t i = 0; i < nsteps && cols_need(t) > t->width; i++) {
        int c = steps[i].col, over = cols_need(t) - t->width;
        if (c < 0 || c >= t->n || t->w[c] == 0)
            continue;
        if (steps[i].min == 0 || t->w[c] < 0)
            t->w[c] = 0;
        else if (t->w[c] > steps[i].min)
            t->w[c] = t->w[c] - over > steps[i].min ? t->w[c] - over : steps[i].min;
    }
}

/* The last shown column: no blanks after it. */
static int cols_last(const struct cli_cols *t)
{
    int last = -1;
    for (int c = 0; c < t->n; c++)
        if (t->w[c] != 0)
            last = c;
    return last;
}

void cli_cols_row(FILE *f, const struct cli_cols *t, const char *const cells[])
{
    char cell[CELL_MAX];
    int x = 0, last = cols_last(t);
    for (int c = 0; c <= last; c++) {
        if (t->w[c] == 0)
            continue;
        int room = t->width - x - (x > 0 ? 2 : 0);
        if (room <= 0)
            break;
        int w = t->w[c] < 0 || t->w[c] > room ? room : t->w[c];
        int cw = text_cut(cells[c], strlen(cells[c]), w, t->ell, cell, sizeof cell);
        int pad = w - cw;
        if (x > 0)
            fputs("  ", f), x += 2;
        if (t->col[c].right)
            fprintf(f, "%*s", pad, "");
        fputs(cell, f);
        if (!t->col[c].right && c != last)
            fprintf(f, "%*s", pad, "");
        x += c == last && !t->col[c].right ? cw : w;
    }
    fputc('\n', f);
}

void cli_cols_head(FILE *f, const struct cli_cols *t)
{
    const char *heads[CLI_COLS_MAX];
    for (int c = 0; c < t->n; c++)
        heads[c] = t->col[c].head;
    cli_cols_row(f, t, heads);
}

void cli_wrap(const struct cli_ctx *ctx, FILE *f, int ind, int hang, const char *text)
{
    size_t len = strlen(text), cap = len * 3 + 1; /* a bad byte grows to U+FFFD */
    char *clean = malloc(cap), *buf = NULL;
    size_t blen = 0;
    FILE *mem = clean ? open_memstream(&buf, &blen) : NULL;
    if (!mem) { /* out of memory: the text unwrapped rather than lost */
        text_write_clean(f, text, len, TEXT_KEEP_NEWLINE);
        fputc('\n', f);
        free(clean);
        return;
    }
    text_clean(text, TEXT_KEEP_NEWLINE | TEXT_KEEP_TAB, clean, cap);
    for (char *p = clean; (p = strchr(p, '\t')) != NULL;)
        *p = ' '; /* a tab's width is the terminal's: a blank is one column */
    text_wrap(mem, clean, ind, cli_width(ctx));
    fclose(mem);
    size_t skip = hang && blen >= (size_t)ind ? (size_t)ind : 0;
    if (blen == 0 && hang)
        fputc('\n', f); /* a blank text still ends the label's line */
    else
        fwrite(buf + skip, 1, blen - skip, f);
    free(buf);
    free(clean);
}

void cli_say(const struct cli_ctx *ctx, const char *fmt, ...)
{
    va_list ap, again;
    va_start(ap, fmt);
    va_copy(again, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *text = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (text) {
        vsnprintf(text, (size_t)n + 1, fmt, again);
        cli_wrap(ctx, ctx->out, 0, 0, text);
    }
    va_end(again);
    free(text);
}
