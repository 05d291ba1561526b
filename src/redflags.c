/* SPDX-License-Identifier: BSD-2-Clause */
/* redflags: the checklist table, the verdict and the yes-list parser. */
#include "src/redflags.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

/* CONTENT.md "Red-flag checklist", in its order and at its levels. Where
 * the sources disagree the more urgent reading wins (CONTENT.md says where
 * and why it does not); the explanations end with what to do. */
static const struct redflag_item items[REDFLAG_COUNT] = {
    {1, REDFLAG_EMERGENCY,
     "Trouble with your bladder or bowel: leaking, or trouble passing or holding?",
     "This means losing control or leaking urine or stool, new trouble starting to pass "
     "urine or holding it or a bowel movement, not feeling urine pass, or not knowing when "
     "your bladder is full. With back pain these are signs of cauda equina syndrome: nerves "
     "at the base of the spine are squeezed and surgery is needed fast. Seek emergency care "
     "now."},
    {2, REDFLAG_EMERGENCY,
     "Numbness or pins and needles between your legs, or a change when wiping?",
     "This is the saddle area: groin, genitals, buttocks, inner thighs and around the back "
     "passage. Numbness or pins and needles there, a changed feeling when you wipe, or a new "
     "loss of sexual feeling or change in erection or ejaculation is an early sign of cauda "
     "equina syndrome, as urgent as bladder trouble. Seek emergency care now."},
    {3, REDFLAG_EMERGENCY,
     "Symptoms in BOTH legs, a leg getting weaker, or suddenly unable to walk?",
     "Pain, numbness, tingling or weakness in both legs, leg weakness that keeps getting "
     "worse, or suddenly not being able to walk normally can mean the nerves at the base of "
     "the spine are squeezed. Time matters: seek emergency care now."},
    {4, REDFLAG_EMERGENCY,
     "Chest pain or difficulty breathing?",
     "Back pain with chest pain or trouble breathing may not come from the back at all. "
     "Call the emergency number now."},
    {5, REDFLAG_EMERGENCY,
     "Did the spasm start after a significant injury: a fall, a crash, a blow?",
     "After a fall, a car accident or a blow to the back, the pain may come from damage "
     "that is more than a muscle spasm. Seek emergency care now."},
    {6, REDFLAG_EMERGENCY,
     "Severe pain in your belly (abdomen)?",
     "Severe belly pain together with back pain can come from a blood vessel in the belly, "
     "which cannot wait. Seek emergency care now."},
    {7, REDFLAG_EMERGENCY,
     "Fever (38 C / 100.4 F or more) or shaking chills with the back pain?",
     "A fever or shaking chills with back pain can be a sign of an infection of the spine, "
     "which must not wait. Seek emergency care now."},
    {8, REDFLAG_EMERGENCY,
     "Severe pain that no position eases at all?",
     "Severe pain that does not ease in any position, lying, sitting or standing, is a "
     "warning sign. Seek emergency care now."},
    {9, REDFLAG_EMERGENCY,
     "Pain in your side (flank) with blood in your urine?",
     "Pain in the side, between the ribs and the hip, together with blood in the urine can "
     "be a kidney stone or another kidney problem. Seek emergency care now."},
    {10, REDFLAG_URGENT,
     "Have you ever had cancer, and is this back pain new?",
     "New back pain in someone who has had cancer should be checked without delay. Contact "
     "a doctor today. If you also have bladder or bowel trouble, numbness between your legs "
     "or symptoms in both legs, seek emergency care."},
    {11, REDFLAG_URGENT,
     "Have you lost weight in recent weeks without trying?",
     "Weight loss you cannot explain, together with back pain, should be checked. Contact a "
     "doctor today."},
    {12, REDFLAG_URGENT,
     "Pain that is worst at night or lying down, or that wakes you?",
     "Back pain that is worst at night or when lying down, or that wakes you from sleep, "
     "should be checked. Contact a doctor today."},
    {13, REDFLAG_URGENT,
     "New weakness in one leg or foot: it catches or slaps, no heel or toe stand?",
     "A foot that catches or slaps as you walk, or not being able to stand on your heel or "
     "your toes, means a nerve may be pressed. Contact a doctor today. If both legs are "
     "affected or it keeps getting worse, seek emergency care."},
    {14, REDFLAG_URGENT,
     "Numbness, tingling, weakness or clumsiness in an arm or hand; poor balance?",
     "With neck or upper-back pain, numbness, tingling, weakness or clumsiness in an arm or "
     "hand, or a loss of balance or coordination, can mean a nerve or the spinal cord is "
     "pressed. Contact a doctor today."},
    {15, REDFLAG_URGENT,
     "Swelling, redness or a lump over the painful area, or a changed back shape?",
     "Swelling, redness or a lump where it hurts, or a change in the shape of your back, "
     "should be looked at. Contact a doctor today."},
    {16, REDFLAG_URGENT,
     "Osteoporosis, months of steroid tablets, weak immunity or injecting drugs?",
     "With any of these, new back pain can come from a fracture or an infection: a weakened "
     "immune system means chemotherapy or transplant drugs, for example. Contact a doctor "
     "today."},
    {17, REDFLAG_SEE_DOCTOR,
     "Pain, tingling or numbness spreading down one leg, especially past the knee?",
     "This can mean a nerve is irritated. Book an appointment within a few days. If the leg "
     "is weak, or both legs are affected, answer yes to item 13 or 3 as well."},
    {18, REDFLAG_SEE_DOCTOR,
     "Unable to sit or stand up straight because of the spasm?",
     "Many spasms bend you over for a while. If it stops you sitting or standing upright, "
     "book an appointment within a few days so a doctor can help with the pain."},
    {19, REDFLAG_SEE_DOCTOR,
     "Pain for more than 3 days that is not easing, or severe despite rest?",
     "Pain that is not easing after 3 days, or stays severe despite rest and medication, "
     "should be checked. Book an appointment within a few days."},
    {20, REDFLAG_SEE_DOCTOR,
     "No better after a week or two of home care?",
     "If rest, gentle movement, ice or heat have not helped after one to two weeks, book an "
     "appointment within a few days."},
};

static const struct {
    const char *code; /* stored; never shown to the patient */
    const char *word; /* the verdict in a table's cell */
    const char *title;
    const char *advice;
} levels[REDFLAG_LEVEL_COUNT] = {
    [REDFLAG_CLEAR] = {"clear", "no signs", "No warning signs reported",
                       "Book an appointment if the pain is not easing after 3 days, lasts\n"
                       "over a week, or keeps coming back.\n" REDFLAGS_SAFETY_NET "\n"
                       REDFLAGS_NOT_MEDICAL_ADVICE},
    [REDFLAG_SEE_DOCTOR] = {"see_doctor", "see a doctor",
                            "See a doctor soon: book an appointment within a few days",
                            "Book an appointment with your doctor within a few days.\n"
                            REDFLAGS_SAFETY_NET},
    [REDFLAG_URGENT] = {"urgent", "urgent", "URGENT: contact a doctor today",
                        "Call your doctor's surgery or an urgent care service today.\n"
                        REDFLAGS_SAFETY_NET},
    [REDFLAG_EMERGENCY] = {"emergency", "emergency", "EMERGENCY: seek emergency care now",
                           "Call your local emergency number (112 in Europe, 911 in North\n"
                           "America, 999 in the UK) or go to an emergency department\n"
                           "(A&E / ER) now. Do not drive yourself.\n"
                           "Do not wait to see if it gets better. Stretches, ice and heat do\n"
                           "not treat these signs."},
};

#define ACCEPTED "give numbers 1 to 20 separated by commas, e.g. 1,5,17, or none"

static int level_valid(enum redflag_level level)
{
    return (int)level >= 0 && level < REDFLAG_LEVEL_COUNT;
}

const struct redflag_item *redflags_item(int number)
{
    if (number < 1 || number > REDFLAG_COUNT)
        return NULL;
    return &items[number - 1];
}

enum redflag_level redflags_verdict(const unsigned char answers[REDFLAG_COUNT])
{
    enum redflag_level worst = REDFLAG_CLEAR;

    for (int i = 0; i < REDFLAG_COUNT; i++)
        if (answers[i] == REDFLAG_YES && items[i].level > worst)
            worst = items[i].level;
    return worst;
}

const char *redflag_level_code(enum redflag_level level)
{
    return level_valid(level) ? levels[level].code : "unknown";
}

const char *redflag_level_word(enum redflag_level level)
{
    return level_valid(level) ? levels[level].word : "unknown";
}

int redflag_level_parse(const char *code, enum redflag_level *out)
{
    if (!code)
        return -1;
    for (int i = 0; i < REDFLAG_LEVEL_COUNT; i++) {
        if (strcmp(code, levels[i].code) == 0) {
            *out = (enum redflag_level)i;
            return 0;
        }
    }
    return -1;
}

const char *redflag_level_title(enum redflag_level level)
{
    return level_valid(level) ? levels[level].title : "Unknown verdict";
}

/* The emergency advice naming the patient's own number (settings), or ""
 * for the generic wording of the table. */
static char emergency_advice[256];

int redflags_set_emergency_number(const char *number)
{
    if (!number || !*number) {
        emergency_advice[0] = '\0';
        return 0;
    }
    if (!redflags_emergency_number_valid(number))
        return -1;
    snprintf(emergency_advice, sizeof emergency_advice,
             "Call %s or go to an emergency department (A&E / ER) now.\n"
             "Do not drive yourself.\n"
             "Do not wait to see if it gets better. Stretches, ice and heat do\n"
             "not treat these signs.",
             number);
    return 0;
}

int redflags_emergency_number_valid(const char *number)
{
    size_t n = strlen(number), digits = 0;
    if (n == 0 || n > REDFLAGS_NUMBER_MAX)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = number[i];
        if (c >= '0' && c <= '9')
            digits++;
        else if (c != ' ' && c != '-' && !(c == '+' && i == 0))
            return 0;
    }
    return digits > 0;
}

const char *redflag_level_advice(enum redflag_level level)
{
    if (level == REDFLAG_EMERGENCY && emergency_advice[0])
        return emergency_advice;
    return level_valid(level) ? levels[level].advice : REDFLAGS_NOT_MEDICAL_ADVICE;
}

/* "Not sure" is no clear answer (CONTENT.md, Principle 1): each level's
 * line sends the patient to ask at that level's pace. An emergency sign
 * does not wait (time matters for cauda equina), yet a doubt is not
 * itself a yes: the line says to call now and to seek emergency care if
 * the sign is there or no one answers, not that it is an emergency. */
static const char *const unsure_advice[REDFLAG_LEVEL_COUNT] = {
    [REDFLAG_SEE_DOCTOR] = "Take the checklist again in a few days, or book an appointment and "
                           "ask.",
    [REDFLAG_URGENT] = "Not sure is not a no: ask your doctor's surgery or an urgent care "
                       "service today.",
    [REDFLAG_EMERGENCY] = "Not sure is not a no for an emergency sign: do not wait to find out. "
                          "Call your doctor or an urgent care service now and tell them; if "
                          "the sign is there or no one answers, seek emergency care.",
};

const char *redflag_unsure_advice(enum redflag_level level)
{
    return level_valid(level) && unsure_advice[level] ? unsure_advice[level] : "";
}

/* Old item -> new item: 6 fever and 7 belly became emergencies 7 and 6;
 * 8 "flank pain, or blood in the urine" is 9; 11 "severe pain no position
 * eases, or worst at night" is 8, the more urgent of its two signs; 12
 * "tingling, numbness or weakness in one or both legs" and 13 "pain down a
 * leg" are 17 (both legs and a weakening leg were asked as item 3). */
static const unsigned char from_v1[REDFLAG_V1_COUNT] = {1,  2,  3,  4,  5,  7,  6,  9,
                                                         10, 11, 8,  17, 17, 15, 18, 20};

int redflags_item_from_v1(int old)
{
    return old >= 1 && old <= REDFLAG_V1_COUNT ? from_v1[old - 1] : 0;
}

/* ---- the yes-list ---- */

static int is_blank(char c)
{
    return c == ' ' || c == '\t';
}

static const char *skip_blanks(const char *p)
{
    while (is_blank(*p))
        p++;
    return p;
}

static int fail(char *err, size_t errlen, const char *what, const char *tok, size_t toklen)
{
    if (errlen == 0)
        return -1;
    if (toklen == 0)
        snprintf(err, errlen, "%s: " ACCEPTED, what);
    else
        snprintf(err, errlen, "%s '%.*s': " ACCEPTED, what, (int)(toklen > 20 ? 20 : toklen),
                 tok);
    return -1;
}

/* Reads one item number at *pp into *number; advances *pp past it. */
static int parse_number(const char **pp, int *number, char *err, size_t errlen)
{
    const char *p = *pp;
    size_t len = strcspn(p, ", \t");
    int value = 0;

    if (len == 0)
        return fail(err, errlen, "missing number near", p, strlen(p));
    for (size_t i = 0; i < len; i++) {
        if (p[i] < '0' || p[i] > '9')
            return fail(err, errlen, "not an item number:", p, len);
        if (value <= REDFLAG_COUNT) /* stop growing: no overflow on long input */
            value = value * 10 + (p[i] - '0');
    }
    if (value < 1 || value > REDFLAG_COUNT)
        return fail(err, errlen, "no such item:", p, len);
    *number = value;
    *pp = p + len;
    return 0;
}

static int is_none(const char *p)
{
    return strncasecmp(p, "none", 4) == 0 && *skip_blanks(p + 4) == '\0';
}

int redflags_parse_yes_list(const char *text, unsigned char answers[REDFLAG_COUNT], char *err,
                            size_t errlen)
{
    unsigned char yes[REDFLAG_COUNT] = {0};
    const char *p;

    if (!text)
        return fail(err, errlen, "no list given", "", 0);
    p = skip_blanks(text);

    if (*p != '\0' && !is_none(p)) {
        for (;;) {
            int number = 0;
            if (parse_number(&p, &number, err, errlen) != 0)
                return -1;
            yes[number - 1] = 1;
            p = skip_blanks(p);
            if (*p == '\0')
                break;
            if (*p == ',')
                p = skip_blanks(p + 1);
            if (*p == '\0' || *p == ',')
                return fail(err, errlen, "missing number in", text, strlen(text));
        }
    }
    memcpy(answers, yes, sizeof yes);
    return 0;
}
