/* redflags: the checklist table, the verdict and the yes-list parser. */
#include "src/redflags.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

static const struct redflag_item items[REDFLAG_COUNT] = {
    {1, REDFLAG_EMERGENCY,
     "Lost bladder or bowel control, trouble urinating, or not feeling urine pass?",
     "This means leaking urine or stool, new trouble starting to pass urine or holding "
     "in a bowel movement, or not feeling urine as it passes. With back pain these can "
     "be signs of cauda equina syndrome: nerves at the base of the spine are squeezed, "
     "and surgery is needed fast. Go to an emergency department now."},
    {2, REDFLAG_EMERGENCY,
     "Numbness or tingling in the groin, genitals, buttocks or inner thighs?",
     "This is the 'saddle' area, where you would sit on a saddle. Numbness or pins and "
     "needles there, or a new loss of sexual feeling, is an early sign of cauda equina "
     "syndrome. Early signs are as urgent as bladder trouble: seek emergency care now, "
     "do not wait for more signs."},
    {3, REDFLAG_EMERGENCY,
     "Symptoms in both legs, a leg getting weaker, or sudden trouble walking?",
     "Pain, numbness or weakness in both legs, leg weakness that keeps getting worse, or "
     "suddenly not being able to walk normally can mean the nerves at the base of the "
     "spine are squeezed (cauda equina syndrome). Time matters: seek emergency care now."},
    {4, REDFLAG_EMERGENCY,
     "Chest pain or difficulty breathing?",
     "Back pain with chest pain or trouble breathing may not come from the back muscles "
     "at all. Call emergency services or go to an emergency department now."},
    {5, REDFLAG_EMERGENCY,
     "Did the spasm start after a serious injury, like a fall, crash or blow?",
     "After a significant injury, such as a fall, a car accident or a blow to the back, "
     "the pain may come from damage that is more than a muscle spasm. Have it checked "
     "in an emergency department now."},
    {6, REDFLAG_URGENT,
     "Fever or chills together with the back pain?",
     "Fever or chills with back pain can be a sign of an infection. Contact a clinician "
     "today."},
    {7, REDFLAG_URGENT,
     "Severe pain in the belly (abdomen)?",
     "Severe abdominal pain together with back pain needs to be looked at by a clinician. "
     "Contact one today."},
    {8, REDFLAG_URGENT,
     "Pain in your side (flank), or blood in your urine?",
     "Pain in the side, between the ribs and the hip, or blood in the urine can point to "
     "a kidney stone. Contact a clinician today."},
    {9, REDFLAG_URGENT,
     "Have you ever had cancer, and is this back pain new?",
     "New back pain in someone who has had cancer should be checked by a clinician "
     "without delay. Contact one today."},
    {10, REDFLAG_URGENT,
     "Have you lost weight in recent weeks without trying?",
     "Weight loss you cannot explain, together with back pain, should be checked by a "
     "clinician. Contact one today."},
    {11, REDFLAG_URGENT,
     "Severe pain that no position eases, or worst at night or lying down?",
     "Severe pain that does not ease in any position, or that is worst at night or when "
     "lying down, is a warning sign. Contact a clinician today."},
    {12, REDFLAG_SEE_DOCTOR,
     "Tingling, numbness or weakness in one or both legs?",
     "This can mean a nerve is irritated or pressed. Book an appointment to have it "
     "checked. If both legs are affected, or a leg is getting weaker, also answer yes "
     "to question 3: that is an emergency."},
    {13, REDFLAG_SEE_DOCTOR,
     "Pain that travels down a leg, especially below the knee?",
     "Pain that runs down the leg, above all past the knee, can come from an irritated "
     "nerve. Book an appointment to have it checked."},
    {14, REDFLAG_SEE_DOCTOR,
     "Swelling or redness over the painful area?",
     "Swelling or redness where it hurts should be looked at. Book an appointment. If you "
     "also have fever or chills, answer yes to question 6 too."},
    {15, REDFLAG_SEE_DOCTOR,
     "Unable to sit or stand up straight because of the spasm?",
     "If the spasm stops you from sitting or standing upright, book an appointment so a "
     "clinician can check it and help with the pain."},
    {16, REDFLAG_SEE_DOCTOR,
     "No better after a week or two of rest and self-care?",
     "If rest, gentle stretching, ice or heat have not helped after one to two weeks, "
     "book an appointment. Pain lasting over two weeks should be seen."},
};

static const struct {
    const char *code;
    const char *title;
    const char *advice;
} levels[REDFLAG_LEVEL_COUNT] = {
    [REDFLAG_CLEAR] = {"clear", "Clear: no warning signs reported",
                       "No warning signs reported.\n"
                       "Still book an appointment if it lasts over a week or keeps coming back.\n"
                       REDFLAGS_NOT_MEDICAL_ADVICE},
    [REDFLAG_SEE_DOCTOR] = {"see_doctor", "See a doctor soon: book an appointment",
                            "Book an appointment with your doctor soon.\n"
                            "If a more serious sign appears, take the checklist again."},
    [REDFLAG_URGENT] = {"urgent", "URGENT: contact a clinician today",
                        "Contact a clinician today: your doctor or an urgent care service.\n"
                        "If it gets worse or a new warning sign appears, seek emergency care."},
    [REDFLAG_EMERGENCY] = {"emergency", "EMERGENCY: seek emergency care now",
                           "Go to an emergency department or call emergency services now.\n"
                           "Do not wait to see if it gets better."},
};

#define ACCEPTED "give numbers 1 to 16 separated by commas, e.g. 1,5,16, or none"

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
        if (answers[i] && items[i].level > worst)
            worst = items[i].level;
    return worst;
}

const char *redflag_level_code(enum redflag_level level)
{
    return level_valid(level) ? levels[level].code : "unknown";
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

const char *redflag_level_advice(enum redflag_level level)
{
    return level_valid(level) ? levels[level].advice : REDFLAGS_NOT_MEDICAL_ADVICE;
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
