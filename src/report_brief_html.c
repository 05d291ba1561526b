/* SPDX-License-Identifier: BSD-2-Clause */
/* report_brief_html: see report_brief_html.h. */
#include "src/report_brief_html.h"

#include <inttypes.h>
#include <stdarg.h>
#include <string.h>
#include <time.h>

#define HEAT_WEEKS 27 /* columns of the heat map: the last half year at most */
#define CELL 11       /* heat map: a day's square and its gap */
#define LINE_W 300
#define LINE_H 120
#define PLOT_X0 22
#define PLOT_X1 294
#define PLOT_Y0 8   /* pain 10 */
#define PLOT_Y1 98  /* pain 0 */

static const char style[] =
    "body{font:9pt/1.3 'DejaVu Sans',Arial,sans-serif;color:#000;background:#fff;margin:0}"
    "h1{font-size:14pt;margin:0}"
    "h2{font-size:10pt;margin:6pt 0 2pt;border-bottom:.6pt solid #000}"
    "p{margin:2pt 0}.meta{font-size:9pt}"
    ".warn{border:1.5pt solid #000;padding:2pt 6pt;margin:5pt 0}"
    ".warn.alert{border-width:3pt;background:#eee}.warn h2{border:0;margin:2pt 0}"
    ".warn ul{margin:2pt 0;padding-left:14pt}"
    ".cols{display:flex;gap:6mm}.cols>div{flex:1;min-width:0}"
    "table{border-collapse:collapse;width:100%}"
    "th,td{padding:1pt 3pt;border-bottom:.5pt solid #888;text-align:left;vertical-align:top}"
    "th{font-weight:bold}.n{text-align:right;white-space:nowrap}"
    "img.pic{display:block;max-width:100%;height:auto;margin:2pt 0}img.heat{width:75%}"
    ".legend{font-size:7.5pt}.note{margin:2pt 0 3pt}"
    ".foot{margin-top:6pt;border-top:.6pt solid #000;padding-top:2pt;font-size:8pt}"
    "@media screen{body{max-width:190mm;margin:8mm auto;padding:0 4mm}}"
    "@media print{body{margin:0}.warn,table,img,.note{break-inside:avoid}}";

void brief_html_begin(FILE *f, enum brief_paper paper)
{
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<title>unknot visit brief</title>\n<style>\n",
          f);
    fprintf(f, "@page{size:%s;margin:12mm}\n%s\n</style>\n</head>\n<body>\n",
            paper == BRIEF_LETTER ? "letter" : "A4", style);
}

void brief_html_end(FILE *f)
{
    fputs("</body>\n</html>\n", f);
}

/* Writes a piece of SVG percent-encoded for a data: URL. */
__attribute__((format(printf, 2, 3))) static void svg(FILE *f, const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    for (const char *p = buf; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (c == '%' || c == '#' || c == '"' || c == '<' || c == '>' || c == '&' || c < 0x21 ||
            c > 0x7e)
            fprintf(f, "%%%02X", c);
        else
            fputc(c, f);
    }
}

/* cls: "pic", or "pic heat" for the heat map (drawn larger than its
 * natural size: its squares and labels are small). */
static void img_begin(FILE *f, const char *cls, int w, int h, const char *alt)
{
    fprintf(f, "<img class=\"%s\" alt=\"%s\" src=\"data:image/svg+xml,", cls, alt);
    svg(f, "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 %d %d' width='%d' "
           "height='%d' font-family='sans-serif' font-size='8'>",
        w, h, w, h);
}

static void img_end(FILE *f)
{
    svg(f, "</svg>");
    fputs("\">\n", f);
}

/* The fill of a day: grey by its peak pain band, dots for a day with a
 * spasm but no reading, white for neither. */
static const char *day_fill(int peak, int spasm)
{
    if (peak >= 7)
        return "#000";
    if (peak >= 4)
        return "#777";
    if (peak >= 0)
        return "#ccc";
    return spasm ? "url(#dots)" : "#fff";
}

static void heat_map(FILE *f, const struct report *r)
{
    const struct report_days *d = &r->daily;
    int64_t days = report_days_count(d), start = 0;
    int64_t first = d->first_day;
    int wd = (int)(((first % 7) + 7 + 3) % 7); /* 0: Monday (day 0 was a Thursday) */
    if ((wd + days + 6) / 7 > HEAT_WEEKS) {    /* the last weeks only */
        int64_t cut = (wd + days + 6) / 7 - HEAT_WEEKS;
        start = cut * 7 - wd;
        wd = 0;
    }
    int64_t shown = days - start, cols = (wd + shown + 6) / 7;
    int w = 24 + (int)cols * CELL, h = 7 * CELL + 14;
    img_begin(f, "pic heat", w, h, "Calendar of the period: a square per day, darker for more pain");
    svg(f, "<defs><pattern id='dots' width='3' height='3' patternUnits='userSpaceOnUse'>"
           "<rect width='3' height='3' fill='#fff'/><circle cx='1.5' cy='1.5' r='.8' "
           "fill='#000'/></pattern></defs>");
    static const char *const wdays[] = {"Mon", "Wed", "Fri", "Sun"};
    for (int i = 0; i < 4; i++)
        svg(f, "<text x='0' y='%d'>%s</text>", i * 2 * CELL + 9, wdays[i]);
    for (int64_t i = 0; i < shown; i++) {
        int64_t k = start + i, slot = wd + i;
        int spasm = report_days_spasm_on(&r->days, k);
        svg(f, "<rect x='%d' y='%d' width='%d' height='%d' fill='%s' stroke='#000' "
               "stroke-width='.4'/>",
            24 + (int)(slot / 7) * CELL, (int)(slot % 7) * CELL + 1, CELL - 2, CELL - 2,
            day_fill(report_days_peak(d, k), spasm));
    }
    char a[16], b[16];
    report_days_date(first + start, a, sizeof a);
    report_days_date(d->last_day, b, sizeof b);
    svg(f, "<text x='24' y='%d'>%s</text><text x='%d' y='%d' text-anchor='end'>%s</text>",
        h - 2, a, w - 2, h - 2, b);
    img_end(f);
    fprintf(f, "<p class=\"legend\">Each square a day%s. Peak pain: light grey 0-3, mid grey "
               "4-6, black 7-10; dotted: a spasm but no pain reading; white: no spasm.</p>\n",
            start ? " (the last weeks of the period)" : "");
}

static int plot_x(int64_t i, int64_t days)
{
    return days <= 1 ? PLOT_X0 : PLOT_X0 + (int)(i * (PLOT_X1 - PLOT_X0) / (days - 1));
}

static int plot_y(int pain)
{
    return PLOT_Y1 - pain * (PLOT_Y1 - PLOT_Y0) / 10;
}

/* Polylines through runs of consecutive days with a reading, and a dot
 * on every day that has one: a gap stays a gap. */
static void pain_line(FILE *f, const struct report *r)
{
    const struct report_days *d = &r->daily;
    int64_t days = report_days_count(d);
    img_begin(f, "pic", LINE_W, LINE_H, "Daily peak pain, 0 to 10, over the period");
    for (int p = 0; p <= 10; p += 5)
        svg(f, "<line x1='%d' x2='%d' y1='%d' y2='%d' stroke='#888' stroke-width='.5' "
               "stroke-dasharray='2,2'/><text x='%d' y='%d' text-anchor='end'>%d</text>",
            PLOT_X0, PLOT_X1, plot_y(p), plot_y(p), PLOT_X0 - 4, plot_y(p) + 3, p);
    int open = 0;
    for (int64_t i = 0; i <= days; i++) {
        int p = i < days ? report_days_peak(d, i) : REPORT_DAY_NONE;
        if (p == REPORT_DAY_NONE) {
            if (open)
                svg(f, "' fill='none' stroke='#000' stroke-width='1.2'/>");
            open = 0;
            continue;
        }
        if (open)
            svg(f, " %d,%d", plot_x(i, days), plot_y(p));
        else
            svg(f, "<polyline points='%d,%d", plot_x(i, days), plot_y(p));
        open = 1;
    }
    for (int64_t i = 0; i < days; i++) {
        int p = report_days_peak(d, i);
        if (p != REPORT_DAY_NONE)
            svg(f, "<circle cx='%d' cy='%d' r='1.6'/>", plot_x(i, days), plot_y(p));
    }
    char a[16], b[16];
    report_days_date(d->first_day, a, sizeof a);
    report_days_date(d->last_day, b, sizeof b);
    svg(f, "<text x='%d' y='%d'>%s</text><text x='%d' y='%d' text-anchor='end'>%s</text>",
        PLOT_X0, LINE_H - 8, a, PLOT_X1, LINE_H - 8, b);
    img_end(f);
    fputs("<p class=\"legend\">Highest pain reading of each day (0-10); a gap: no "
          "reading that day.</p>\n",
          f);
}

void brief_html_pictures(FILE *f, const struct report *r)
{
    fputs("<h2>Pain day by day</h2>\n", f);
    heat_map(f, r);
    pain_line(f, r);
}
