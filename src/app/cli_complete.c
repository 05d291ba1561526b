/* SPDX-License-Identifier: BSD-2-Clause */
/* `unknot completions bash|zsh|fish`: the completion scripts, generated
 * from the command table (cli_table.h) and the core's code tables, so a
 * new command, option or word reaches them with no edit here. Static
 * vocabularies are written into the script; routine codes and episode ids
 * are asked of unknot itself when completing. */
#include <stdio.h>
#include <string.h>

#include "src/app/cli_common.h"
#include "src/app/cli_table.h"
#include "src/episode.h"
#include "src/listing.h"
#include "src/report.h"
#include "src/routines.h"
#include "src/session.h"
#include "src/settings.h"
#include "src/treatment.h"
#include "src/util.h"

static const char usage_completions[] =
    "usage: unknot completions bash|zsh|fish\n"
    "Print the completion script of a shell, made from the command table. make\n"
    "install installs all three; to try one: source <(unknot completions bash).\n";

static const char *const shells[] = {"bash", "zsh", "fish"};

/* The global options, before the command. */
#define GLOBAL_OPTS "--db --help --version -h -V"

const struct cli_argspec *cli_command_arg(const struct cli_command *cmd, const char *option)
{
    for (const struct cli_argspec *a = cmd->args; a && a->arg != CLI_ARG_FREE; a++)
        if ((!option && !a->option) || (option && a->option && strcmp(option, a->option) == 0))
            return a;
    return NULL;
}

/* ---- the words of a static vocabulary ------------------------------------ */

static void put_word(FILE *f, int *n, const char *w)
{
    fprintf(f, "%s%s", (*n)++ ? " " : "", w);
}

static void put_vocab(FILE *f, enum tag_kind kind, int *n)
{
    size_t len;
    const struct vocab *v = episode_vocab(kind, &len);
    for (size_t i = 0; i < len; i++)
        put_word(f, n, strcmp(v[i].code, "other") == 0 ? "other:" : v[i].code);
}

static void put_codes(FILE *f, const struct cli_argspec *a, int *n)
{
    char num[16];
    switch (a->arg) {
    case CLI_ARG_FORMAT:
        for (int i = 0; i < LISTING_FORMAT_COUNT; i++)
            if (a->formats & LISTING_BIT(i))
                put_word(f, n, listing_format_code((enum listing_format)i));
        break;
    case CLI_ARG_REPORT_FORMAT:
        for (int i = REPORT_TEXT; i <= REPORT_JSON; i++)
            put_word(f, n, report_format_code((enum report_format)i));
        break;
    case CLI_ARG_TABLE:
        for (int i = 0; i < LISTING_TABLE_COUNT; i++)
            put_word(f, n, listing_table_code((enum listing_table)i));
        break;
    case CLI_ARG_REGION:
        for (int i = 0; i < REGION_COUNT; i++)
            put_word(f, n, region_code((enum region)i));
        break;
    case CLI_ARG_SIDE:
        for (int i = SIDE_UNSET + 1; i < SIDE_COUNT; i++)
            put_word(f, n, side_code((enum side)i));
        break;
    case CLI_ARG_TRIGGER: put_vocab(f, TAG_TRIGGER, n); break;
    case CLI_ARG_FEEL: put_vocab(f, TAG_FEEL, n); break;
    case CLI_ARG_SYMPTOM: put_vocab(f, TAG_SYMPTOM, n); break;
    case CLI_ARG_RELIEF: put_vocab(f, TAG_RELIEF, n); break;
    case CLI_ARG_HOLD:
        snprintf(num, sizeof num, "%d", ROUTINE_HOLD_SHORT_S);
        put_word(f, n, num);
        snprintf(num, sizeof num, "%d", ROUTINE_HOLD_LONG_S);
        put_word(f, n, num);
        break;
    case CLI_ARG_TIMER:
        for (int i = 0; i < SESSION_KIND_COUNT; i++)
            put_word(f, n, session_kind_code((enum session_kind)i));
        break;
    case CLI_ARG_TREATMENT:
        for (int i = 0; i < TREATMENT_KIND_COUNT; i++)
            if (i != TREATMENT_MEDICATION) /* unknot took records those */
                put_word(f, n, treatment_kind_code((enum treatment_kind)i));
        break;
    case CLI_ARG_SETTING:
        for (size_t i = 0; i < settings_count(); i++)
            put_word(f, n, settings_def_at(i)->key);
        break;
    case CLI_ARG_SHELL:
        for (size_t i = 0; i < COUNT(shells); i++)
            put_word(f, n, shells[i]);
        break;
    default: break;
    }
}

/* The shell function call that completes a value of kind a->arg. */
static void put_action(FILE *f, const struct cli_argspec *a)
{
    int n = 0;
    switch (a->arg) {
    case CLI_ARG_FILE: fputs("_unknot_files", f); break;
    case CLI_ARG_ROUTINE: fputs("_unknot_reply \"$(_unknot_run routines --names)\"", f); break;
    case CLI_ARG_EPISODE: fputs("_unknot_reply \"$(_unknot_ids)\"", f); break;
    default:
        fputs("_unknot_reply \"", f);
        put_codes(f, a, &n);
        fputc('"', f);
    }
}

/* ---- options -------------------------------------------------------------- */

/* The short option of a long one: its getopt value when that is a letter. */
static int short_of(const struct option *o)
{
    /* -h is every command's, as --help is: offered once, as --help */
    return o->val >= 'a' && o->val <= 'z' && o->val != 'h' ? o->val : 0;
}

static int visible(const struct cli_command *c)
{
    return !c->hidden;
}

/* ---- bash and zsh: one data part, two drivers ------------------------------- */

/* `case "$1 $2" in` patterns of option o of command c: "log --region"|"log -r". */
static void put_patterns(FILE *f, const struct cli_command *c, const struct option *o)
{
    fprintf(f, "    \"%s --%s\"", c->name, o->name);
    if (short_of(o))
        fprintf(f, "|\"%s -%c\"", c->name, short_of(o));
}

/* _unknot_cmds and _unknot_opts: the commands, and each one's options. */
static void sh_options(FILE *f, const struct cli_command *cmds, size_t n)
{
    int k = 0;
    fputs("_unknot_cmds=\"", f);
    for (size_t i = 0; i < n; i++)
        if (visible(&cmds[i]))
            put_word(f, &k, cmds[i].name);
    fputs("\"\n\n# The options of a command.\n_unknot_opts() {\n    case $1 in\n", f);
    for (size_t i = 0; i < n; i++) {
        if (!visible(&cmds[i]))
            continue;
        k = 0;
        fprintf(f, "    %s) _unknot_w=\"", cmds[i].name);
        for (const struct option *o = cmds[i].options; o && o->name; o++) {
            char opt[64];
            snprintf(opt, sizeof opt, "--%s", o->name);
            put_word(f, &k, opt);
            if (short_of(o)) {
                snprintf(opt, sizeof opt, "-%c", short_of(o));
                put_word(f, &k, opt);
            }
        }
        fputs("\" ;;\n", f);
    }
    fputs("    *) _unknot_w=\"\" ;;\n    esac\n}\n\n", f);
}

/* _unknot_takes: the options that take a value, so that the word after
 * one is its value, not an operand. */
static void sh_takes(FILE *f, const struct cli_command *cmds, size_t n)
{
    int k = 0;
    fputs("# Succeeds when option $2 of command $1 takes a value.\n"
          "_unknot_takes() {\n    case \"$1 $2\" in\n",
          f);
    for (size_t i = 0; i < n; i++)
        for (const struct option *o = cmds[i].options; visible(&cmds[i]) && o && o->name; o++)
            if (o->has_arg == required_argument) {
                fputs(k++ ? "|\\\n" : "", f);
                put_patterns(f, &cmds[i], o);
            }
    fputs(k ? ") return 0 ;;\n" : "", f);
    fputs("    esac\n    return 1\n}\n\n", f);
}

/* _unknot_value: what completes each value that has a vocabulary. */
static void sh_values(FILE *f, const struct cli_command *cmds, size_t n)
{
    fputs("# Completes the value of option $2 of command $1 (\"\": its operand).\n"
          "_unknot_value() {\n    case \"$1 $2\" in\n",
          f);
    for (size_t i = 0; i < n; i++) {
        if (!visible(&cmds[i]))
            continue;
        for (const struct option *o = cmds[i].options; o && o->name; o++) {
            const struct cli_argspec *a = cli_command_arg(&cmds[i], o->name);
            if (!a || o->has_arg != required_argument)
                continue;
            put_patterns(f, &cmds[i], o);
            fputs(") ", f);
            put_action(f, a);
            fputs(" ;;\n", f);
        }
        const struct cli_argspec *a = cli_command_arg(&cmds[i], NULL);
        if (a) {
            fprintf(f, "    \"%s \") ", cmds[i].name);
            put_action(f, a);
            fputs(" ;;\n", f);
        }
    }
    fputs("    *) return 1 ;;\n    esac\n}\n\n", f);
}

/* The part of the script bash and zsh share: the table as shell code. */
static void sh_data(FILE *f, const struct cli_command *cmds, size_t n)
{
    sh_options(f, cmds, n);
    sh_takes(f, cmds, n);
    sh_values(f, cmds, n);
    /* The episode list writes one episode per line (listing.h). */
    fputs("_unknot_ids() {\n"
          "    _unknot_run list --format json | sed -n 's/^ *{\"id\": \\([0-9]*\\),.*/\\1/p' |\n"
          "        head -n 20\n}\n\n",
          f);
}

/* Walks the words: the command (skipping the global options), the
 * operands before the cursor. Shared by bash and zsh: both index the
 * array the driver copies into _unknot_words from 0 (the program). */
static const char sh_walk[] =
    "# Sets _unknot_cmd, _unknot_db and _unknot_nargs from _unknot_words[0.._unknot_cword-1].\n"
    "_unknot_walk() {\n"
    "    local i=1 w\n"
    "    _unknot_cmd=\"\" _unknot_db=\"\" _unknot_nargs=0\n"
    "    while [ \"$i\" -lt \"$_unknot_cword\" ]; do\n"
    "        w=${_unknot_words[$i]}\n"
    "        if [ -z \"$_unknot_cmd\" ]; then\n"
    "            case $w in\n"
    "            --db) i=$((i + 1)); _unknot_db=${_unknot_words[$i]} ;;\n"
    "            --db=*) _unknot_db=${w#--db=} ;;\n"
    "            -*) ;;\n"
    "            *) _unknot_cmd=$w ;;\n"
    "            esac\n"
    "        else\n"
    "            case $w in\n"
    "            --*=*) ;;\n"
    "            -*) _unknot_takes \"$_unknot_cmd\" \"$w\" && i=$((i + 1)) ;;\n"
    "            *) _unknot_nargs=$((_unknot_nargs + 1)) ;;\n"
    "            esac\n"
    "        fi\n"
    "        i=$((i + 1))\n"
    "    done\n"
    "}\n\n"
    "# unknot itself, with the --db of the command line.\n"
    "_unknot_run() {\n"
    "    if [ -n \"$_unknot_db\" ]; then\n"
    "        command \"${_unknot_words[0]}\" --db \"$_unknot_db\" \"$@\" 2>/dev/null\n"
    "    else\n"
    "        command \"${_unknot_words[0]}\" \"$@\" 2>/dev/null\n"
    "    fi\n"
    "}\n\n"
    "# Completes the word at the cursor, $1, after the word $2.\n"
    "_unknot_complete() {\n"
    "    local cur=$1 prev=$2\n"
    "    _unknot_walk\n"
    "    if [ -z \"$_unknot_cmd\" ]; then\n"
    "        case $prev in\n"
    "        --db) _unknot_files; return ;;\n"
    "        esac\n"
    "        case $cur in\n"
    "        -*) _unknot_reply \"" GLOBAL_OPTS "\" ;;\n"
    "        *) _unknot_reply \"$_unknot_cmds\" ;;\n"
    "        esac\n"
    "        return\n"
    "    fi\n"
    "    case $cur in\n"
    "    --*=*) _unknot_value \"$_unknot_cmd\" \"${cur%%=*}\"; return ;;\n"
    "    esac\n"
    "    if _unknot_takes \"$_unknot_cmd\" \"$prev\"; then\n"
    "        _unknot_value \"$_unknot_cmd\" \"$prev\"\n"
    "        return\n"
    "    fi\n"
    "    case $cur in\n"
    "    -*) _unknot_opts \"$_unknot_cmd\"; _unknot_reply \"$_unknot_w\" ;;\n"
    "    *) [ \"$_unknot_nargs\" -eq 0 ] && _unknot_value \"$_unknot_cmd\" \"\" ;;\n"
    "    esac\n"
    "}\n\n";

static void write_bash(FILE *f, const struct cli_command *cmds, size_t n)
{
    fputs("# bash completion for unknot; generated by `unknot completions bash` from its\n"
          "# command table. Installed as share/bash-completion/completions/unknot.\n\n",
          f);
    sh_data(f, cmds, n);
    fputs(sh_walk, f);
    fputs("_unknot_reply() {\n"
          "    local IFS=$' \\t\\n'\n"
          "    COMPREPLY=($(compgen -W \"$1\" -- \"$_unknot_cur\"))\n"
          "    declare -F __ltrim_colon_completions >/dev/null &&\n"
          "        __ltrim_colon_completions \"$_unknot_cur\"\n"
          "}\n\n"
          "_unknot_files() {\n"
          "    if declare -F _filedir >/dev/null; then _filedir; else\n"
          "        COMPREPLY=($(compgen -f -- \"$_unknot_cur\")); fi\n"
          "}\n\n"
          "_unknot() {\n"
          "    local cur prev words cword split=false\n"
          "    if declare -F _init_completion >/dev/null; then\n"
          "        _init_completion -s -n : || return\n"
          "    else\n"
          "        words=(\"${COMP_WORDS[@]}\") cword=$COMP_CWORD\n"
          "        cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}\n"
          "    fi\n"
          "    local _unknot_words=(\"${words[@]}\") _unknot_cword=$cword _unknot_cur=$cur\n"
          "    local _unknot_cmd _unknot_db _unknot_nargs _unknot_w\n"
          "    COMPREPLY=()\n"
          "    if $split; then\n"
          "        _unknot_walk\n"
          "        [ -n \"$_unknot_cmd\" ] && _unknot_value \"$_unknot_cmd\" \"$prev\"\n"
          "        return\n"
          "    fi\n"
          "    _unknot_complete \"$cur\" \"$prev\"\n"
          "}\n"
          "complete -F _unknot unknot\n",
          f);
}

static void write_zsh(FILE *f, const struct cli_command *cmds, size_t n)
{
    fputs("#compdef unknot\n"
          "# zsh completion for unknot; generated by `unknot completions zsh` from its\n"
          "# command table. Installed as share/zsh/site-functions/_unknot.\n\n",
          f);
    sh_data(f, cmds, n);
    fputs(sh_walk, f);
    fputs(
        "_unknot_reply() {\n"
        "    local -a w\n"
        "    w=(${=1})\n"
        "    compadd -- \"${w[@]}\"\n"
        "}\n\n"
        "_unknot_files() {\n"
        "    _files\n"
        "}\n\n"
        "_unknot() {\n"
        "    emulate -L zsh\n"
        "    setopt ksh_arrays\n"
        "    local -a _unknot_words\n"
        "    _unknot_words=(\"${words[@]}\")\n"
        "    local _unknot_cword=$((CURRENT - 1)) _unknot_cmd _unknot_db _unknot_nargs _unknot_w\n"
        "    _unknot_complete \"${_unknot_words[$_unknot_cword]}\" "
        "\"${_unknot_words[$((_unknot_cword - 1))]}\"\n"
        "}\n\n"
        "_unknot \"$@\"\n",
        f);
}

/* ---- fish: declarative ------------------------------------------------------ */

/* A fish single-quoted word. */
static void fish_quote(FILE *f, const char *s)
{
    fputc('\'', f);
    for (; *s; s++) {
        if (*s == '\'' || *s == '\\')
            fputc('\\', f);
        fputc(*s, f);
    }
    fputc('\'', f);
}

static void fish_values(FILE *f, const struct cli_argspec *a)
{
    int n = 0;
    switch (a->arg) {
    case CLI_ARG_FILE: fputs(" -r -F", f); break;
    case CLI_ARG_ROUTINE: fputs(" -x -a '(__unknot_run routines --names)'", f); break;
    case CLI_ARG_EPISODE: fputs(" -x -a '(__unknot_ids)'", f); break;
    default:
        fputs(" -x -a '", f);
        put_codes(f, a, &n);
        fputc('\'', f);
    }
}

static void write_fish(FILE *f, const struct cli_command *cmds, size_t n)
{
    fputs("# fish completion for unknot; generated by `unknot completions fish` from its\n"
          "# command table. Installed as share/fish/vendor_completions.d/unknot.fish.\n\n"
          "# unknot itself, with the --db of the command line\n"
          "function __unknot_run\n"
          "    set -l words (commandline -opc)\n"
          "    set -l db\n"
          "    set -l i (contains -i -- --db $words)\n"
          "    and set db --db $words[(math $i + 1)]\n"
          "    command -q unknot; and command unknot $db $argv 2>/dev/null\n"
          "end\n\n"
          "# The latest episode ids: the list writes one episode per line.\n"
          "function __unknot_ids\n"
          "    __unknot_run list --format json | string replace -rf '^ *\\\\{\"id\": ([0-9]+),.*' "
          "'$1' |\n"
          "        head -n 20\n"
          "end\n\n"
          "complete -c unknot -f\n"
          "complete -c unknot -n __fish_use_subcommand -l db -r -F -d 'database file'\n"
          "complete -c unknot -n __fish_use_subcommand -s h -l help -d 'show the help'\n"
          "complete -c unknot -n __fish_use_subcommand -s V -l version -d 'print the version'\n",
          f);
    for (size_t i = 0; i < n; i++) {
        const struct cli_command *c = &cmds[i];
        if (!visible(c))
            continue;
        fprintf(f, "complete -c unknot -n __fish_use_subcommand -a %s -d ", c->name);
        fish_quote(f, c->summary);
        fputc('\n', f);
        for (const struct option *o = c->options; o && o->name; o++) {
            const struct cli_argspec *a = cli_command_arg(c, o->name);
            fprintf(f, "complete -c unknot -n '__fish_seen_subcommand_from %s' -l %s", c->name,
                    o->name);
            if (short_of(o))
                fprintf(f, " -s %c", short_of(o));
            if (a && o->has_arg == required_argument)
                fish_values(f, a);
            else if (o->has_arg == required_argument)
                fputs(" -x", f);
            fputc('\n', f);
        }
        const struct cli_argspec *a = cli_command_arg(c, NULL);
        if (a) {
            fprintf(f, "complete -c unknot -n '__fish_seen_subcommand_from %s'", c->name);
            fish_values(f, a);
            fputc('\n', f);
        }
    }
}

int cli_cmd_completions(struct cli_ctx *ctx, int argc, char **argv)
{
    static void (*const writers[])(FILE *, const struct cli_command *,
                                   size_t) = {write_bash, write_zsh, write_fish};
    size_t n, shell = COUNT(shells);
    const struct cli_command *cmds = cli_commands(&n);
    int rc = cli_parse_help_only(ctx, argc, argv, usage_completions);
    if (rc != CLI_OK)
        return rc < 0 ? CLI_OK : rc;
    for (size_t i = 0; optind + 1 == argc && i < COUNT(shells); i++)
        if (strcmp(argv[optind], shells[i]) == 0)
            shell = i;
    if (shell == COUNT(shells)) {
        fprintf(ctx->err, "unknot completions: give the shell: bash, zsh or fish\n");
        return CLI_USAGE;
    }
    writers[shell](ctx->out, cmds, n);
    return ferror(ctx->out) ? CLI_RUNTIME : CLI_OK;
}
