/* SPDX-License-Identifier: BSD-2-Clause */
/* schema: migrations, oldest first. Never edit a step that has shipped:
 * add a new one. store.c runs every pending step in one BEGIN IMMEDIATE
 * transaction at open.
 *
 * Times are INTEGER Unix seconds (UTC). Enumerated columns carry CHECKs
 * with the codes db/store.c maps to the C enums. Text limits are in bytes
 * (length of the BLOB cast), matching the C buffers of src/episode.h; a
 * character count would let 4000 multi-byte characters through into a
 * 4000-byte buffer. */
#include "db/schema.h"

/* The version number is pasted into the SQL at compile time: no step can
 * forget to bump user_version, and nothing is formatted at run time. */
#define SCHEMA_STEP(v, body) {(v), body "PRAGMA user_version = " #v ";\n"}

const struct schema_step schema_steps[] = {
    SCHEMA_STEP(1,
        "CREATE TABLE episodes (\n"
        "  id          INTEGER PRIMARY KEY,\n"
        "  started_at  INTEGER NOT NULL,\n"
        "  ended_at    INTEGER NULL CONSTRAINT episode_ends_after_start\n"
        "              CHECK (ended_at IS NULL OR ended_at >= started_at),\n"
        "  intensity   INTEGER NOT NULL CONSTRAINT intensity_0_to_10\n"
        "              CHECK (typeof(intensity) = 'integer' AND intensity BETWEEN 0 AND 10),\n"
        "  region      TEXT NOT NULL CONSTRAINT region_known\n"
        "              CHECK (region IN ('lower', 'mid', 'upper', 'neck')),\n"
        "  side        TEXT NULL CONSTRAINT side_known\n"
        "              CHECK (side IS NULL OR side IN ('left', 'right', 'both', 'center')),\n"
        "  notes       TEXT NOT NULL DEFAULT '' CONSTRAINT notes_at_most_4000_bytes\n"
        "              CHECK (length(CAST(notes AS BLOB)) <= 4000),\n"
        "  created_at  INTEGER NOT NULL,\n"
        "  updated_at  INTEGER NOT NULL\n"
        ");\n"
        "CREATE INDEX episodes_started_at ON episodes (started_at);\n"
        /* The home screen asks for the ongoing episode at every start:
         * without this, a history with none ongoing is scanned in full. */
        "CREATE INDEX episodes_ongoing ON episodes (started_at) WHERE ended_at IS NULL;\n"
        "\n"
        /* Not WITHOUT ROWID: tags are read back in rowid (insertion) order. */
        "CREATE TABLE episode_tags (\n"
        "  episode_id  INTEGER NOT NULL REFERENCES episodes (id) ON DELETE CASCADE,\n"
        "  kind        TEXT NOT NULL CONSTRAINT tag_kind_known\n"
        "              CHECK (kind IN ('trigger', 'symptom', 'relief', 'medication')),\n"
        "  tag         TEXT NOT NULL CONSTRAINT tag_1_to_120_bytes\n"
        "              CHECK (length(CAST(tag AS BLOB)) BETWEEN 1 AND 120),\n"
        "  PRIMARY KEY (episode_id, kind, tag)\n"
        ");\n"
        "\n"
        "CREATE TABLE sessions (\n"
        "  id          INTEGER PRIMARY KEY,\n"
        "  kind        TEXT NOT NULL CONSTRAINT session_kind_known\n"
        "              CHECK (kind IN ('stretch', 'ice', 'heat')),\n"
        "  routine     TEXT NULL,\n"
        "  hold_s      INTEGER NULL CONSTRAINT hold_5_or_30\n"
        "              CHECK (hold_s IS NULL OR hold_s IN (5, 30)),\n"
        "  planned_s   INTEGER NOT NULL CONSTRAINT planned_positive CHECK (planned_s > 0),\n"
        "  elapsed_s   INTEGER NOT NULL DEFAULT 0\n"
        "              CONSTRAINT elapsed_not_negative CHECK (elapsed_s >= 0),\n"
        "  started_at  INTEGER NOT NULL,\n"
        "  ended_at    INTEGER NULL CONSTRAINT session_ends_after_start\n"
        "              CHECK (ended_at IS NULL OR ended_at >= started_at),\n"
        "  status      TEXT NOT NULL DEFAULT 'running' CONSTRAINT session_status_known\n"
        "              CHECK (status IN ('running', 'done', 'stopped', 'interrupted')),\n"
        "  episode_id  INTEGER NULL REFERENCES episodes (id) ON DELETE SET NULL,\n"
        "  pain_before INTEGER NULL CONSTRAINT pain_before_0_to_10\n"
        "              CHECK (pain_before IS NULL OR pain_before BETWEEN 0 AND 10),\n"
        "  pain_after  INTEGER NULL CONSTRAINT pain_after_0_to_10\n"
        "              CHECK (pain_after IS NULL OR pain_after BETWEEN 0 AND 10)\n"
        ");\n"
        "CREATE INDEX sessions_started_at ON sessions (started_at);\n"
        /* Deleting an episode looks up its sessions (ON DELETE SET NULL). */
        "CREATE INDEX sessions_episode ON sessions (episode_id);\n"
        /* Every start turns stale 'running' sessions into 'interrupted'. */
        "CREATE INDEX sessions_running ON sessions (started_at) WHERE status = 'running';\n"
        "\n"
        "CREATE TABLE checks (\n"
        "  id          INTEGER PRIMARY KEY,\n"
        "  taken_at    INTEGER NOT NULL,\n"
        "  verdict     TEXT NOT NULL CONSTRAINT verdict_known\n"
        "              CHECK (verdict IN ('clear', 'see_doctor', 'urgent', 'emergency'))\n"
        ");\n"
        "CREATE INDEX checks_taken_at ON checks (taken_at);\n"
        "\n"
        "CREATE TABLE check_answers (\n"
        "  check_id    INTEGER NOT NULL REFERENCES checks (id) ON DELETE CASCADE,\n"
        "  item        INTEGER NOT NULL CONSTRAINT item_1_to_32 CHECK (item BETWEEN 1 AND 32),\n"
        "  answer      INTEGER NOT NULL CONSTRAINT answer_0_or_1 CHECK (answer IN (0, 1)),\n"
        "  PRIMARY KEY (check_id, item)\n"
        ");\n"),
    /* Timer sessions survive a killed process: the owner checkpoints
     * elapsed_s with the wall-clock time of the checkpoint, and the next
     * start of unknot turns a 'running' row whose owner is gone, or whose
     * checkpoint is stale, into 'interrupted'. owner_pid is only compared
     * with live processes, never trusted as an identity. */
    SCHEMA_STEP(2,
        "ALTER TABLE sessions ADD COLUMN checkpoint_at INTEGER NULL\n"
        "  CONSTRAINT checkpoint_after_start\n"
        "  CHECK (checkpoint_at IS NULL OR checkpoint_at >= started_at);\n"
        "ALTER TABLE sessions ADD COLUMN owner_pid INTEGER NULL\n"
        "  CONSTRAINT owner_pid_positive CHECK (owner_pid IS NULL OR owner_pid > 0);\n"
        /* The 2-hour ice warning asks for the latest end of an ice session. */
        "CREATE INDEX sessions_kind_ended ON sessions (kind, ended_at);\n"),
    /* 0.2: the checklist of CONTENT.md has 20 items. Stored answers move to
     * the new numbers through unknot_item_from_v1() (src/redflags.c's one
     * map; registered by the store before migrating); where two old items
     * became one, a yes to either stays a yes. A check may now be partial:
     * the patient left after a yes, and the items not asked have no row.
     * Checks stored before were complete for their checklist.
     * Tags gain a kind: what the pain feels like. SQLite cannot change a
     * CHECK, so episode_tags is rebuilt, in rowid order (tags read back in
     * insertion order). */
    SCHEMA_STEP(3,
        "ALTER TABLE checks ADD COLUMN complete INTEGER NOT NULL DEFAULT 1\n"
        "  CONSTRAINT complete_0_or_1 CHECK (complete IN (0, 1));\n"
        "CREATE TABLE check_answers_v1 AS SELECT check_id, item, answer FROM check_answers;\n"
        "DELETE FROM check_answers;\n"
        "INSERT INTO check_answers (check_id, item, answer)\n"
        "  SELECT check_id, unknot_item_from_v1(item), max(answer) FROM check_answers_v1\n"
        "  GROUP BY check_id, unknot_item_from_v1(item);\n"
        "DROP TABLE check_answers_v1;\n"
        "\n"
        "CREATE TABLE episode_tags_new (\n"
        "  episode_id  INTEGER NOT NULL REFERENCES episodes (id) ON DELETE CASCADE,\n"
        "  kind        TEXT NOT NULL CONSTRAINT tag_kind_known\n"
        "              CHECK (kind IN ('trigger', 'symptom', 'relief', 'medication', 'feel')),\n"
        "  tag         TEXT NOT NULL CONSTRAINT tag_1_to_120_bytes\n"
        "              CHECK (length(CAST(tag AS BLOB)) BETWEEN 1 AND 120),\n"
        "  PRIMARY KEY (episode_id, kind, tag)\n"
        ");\n"
        "INSERT INTO episode_tags_new (episode_id, kind, tag)\n"
        "  SELECT episode_id, kind, tag FROM episode_tags ORDER BY rowid;\n"
        "DROP TABLE episode_tags;\n"
        "ALTER TABLE episode_tags_new RENAME TO episode_tags;\n"),
    /* The report counts every episode active in its period, also those
     * begun before it: found by their end, not by a scan of every older
     * start; with the start in the index, the durations and the count of
     * those read the index alone. */
    SCHEMA_STEP(4,
        "CREATE INDEX episodes_ended_at ON episodes (ended_at, started_at)\n"
        "  WHERE ended_at IS NOT NULL;\n"),
    /* 0.3: pain over time and a treatment log (issue 13). An episode's
     * intensity is its first reading: the one reading of source 'log',
     * kept equal to the episode's intensity at its start by every write of
     * the episode (db/store_episode.c), so the readings alone answer "how
     * did the pain go". readings_first makes "one per episode" a rule the
     * database keeps. Each existing episode gets that first reading here.
     * Treatments are medication intakes (name = the text typed) and relief
     * done without the timer; the episode link is optional and survives the
     * episode's deletion as NULL, as a session's does. */
    SCHEMA_STEP(5,
        "CREATE TABLE readings (\n"
        "  id          INTEGER PRIMARY KEY,\n"
        "  episode_id  INTEGER NOT NULL REFERENCES episodes (id) ON DELETE CASCADE,\n"
        "  taken_at    INTEGER NOT NULL,\n"
        "  pain        INTEGER NOT NULL CONSTRAINT reading_pain_0_to_10\n"
        "              CHECK (typeof(pain) = 'integer' AND pain BETWEEN 0 AND 10),\n"
        "  source      TEXT NOT NULL CONSTRAINT reading_source_known\n"
        "              CHECK (source IN ('log', 'cli', 'home', 'timer-before', 'timer-after')),\n"
        "  created_at  INTEGER NOT NULL\n"
        ");\n"
        "CREATE INDEX readings_episode ON readings (episode_id, taken_at);\n"
        "CREATE UNIQUE INDEX readings_first ON readings (episode_id) WHERE source = 'log';\n"
        "INSERT INTO readings (episode_id, taken_at, pain, source, created_at)\n"
        "  SELECT id, started_at, intensity, 'log', created_at FROM episodes ORDER BY id;\n"
        "\n"
        "CREATE TABLE treatments (\n"
        "  id          INTEGER PRIMARY KEY,\n"
        "  kind        TEXT NOT NULL CONSTRAINT treatment_kind_known\n"
        "              CHECK (kind IN ('medication', 'ice', 'heat', 'stretch', 'massage',\n"
        "                              'walk', 'rest')),\n"
        "  name        TEXT NOT NULL DEFAULT '' CONSTRAINT treatment_name_at_most_120_bytes\n"
        "              CHECK (length(CAST(name AS BLOB)) <= 120\n"
        "                     AND (kind = 'medication') = (name <> '')),\n"
        "  taken_at    INTEGER NOT NULL,\n"
        "  duration_s  INTEGER NULL CONSTRAINT treatment_duration_positive\n"
        "              CHECK (duration_s IS NULL OR duration_s > 0),\n"
        "  pain_before INTEGER NULL CONSTRAINT treatment_before_0_to_10\n"
        "              CHECK (pain_before IS NULL OR pain_before BETWEEN 0 AND 10),\n"
        "  pain_after  INTEGER NULL CONSTRAINT treatment_after_0_to_10\n"
        "              CHECK (pain_after IS NULL OR pain_after BETWEEN 0 AND 10),\n"
        "  episode_id  INTEGER NULL REFERENCES episodes (id) ON DELETE SET NULL,\n"
        "  created_at  INTEGER NOT NULL\n"
        ");\n"
        "CREATE INDEX treatments_taken_at ON treatments (taken_at);\n"
        /* Deleting an episode looks up its treatments (ON DELETE SET NULL). */
        "CREATE INDEX treatments_episode ON treatments (episode_id);\n"),
    /* Check-ins (CONTENT.md "Check-ins"): at most one daily check-in per
     * local day (day is its 'YYYY-MM-DD', UNIQUE: a second one of the day
     * replaces the first, after the patient said so), and the weekly
     * ratings. The step's number is its only tie to the steps before it:
     * renumbering it is the one number in SCHEMA_STEP. */
    SCHEMA_STEP(6,
        "CREATE TABLE checkins (\n"
        "  id           INTEGER PRIMARY KEY,\n"
        "  day          TEXT NOT NULL UNIQUE CONSTRAINT checkin_day_is_a_date\n"
        "               CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),\n"
        "  taken_at     INTEGER NOT NULL,\n"
        "  pain         INTEGER NOT NULL CONSTRAINT checkin_pain_0_to_10\n"
        "               CHECK (typeof(pain) = 'integer' AND pain BETWEEN 0 AND 10),\n"
        "  activities   TEXT NULL CONSTRAINT checkin_activities_known\n"
        "               CHECK (activities IS NULL OR activities IN ('yes', 'partly', 'no')),\n"
        "  sleep_tenths INTEGER NULL CONSTRAINT checkin_sleep_0_to_24_hours\n"
        "               CHECK (sleep_tenths IS NULL OR sleep_tenths BETWEEN 0 AND 240),\n"
        "  woken        INTEGER NULL CONSTRAINT checkin_woken_0_or_1\n"
        "               CHECK (woken IS NULL OR woken IN (0, 1)),\n"
        "  created_at   INTEGER NOT NULL\n"
        ");\n"
        "CREATE INDEX checkins_taken_at ON checkins (taken_at);\n"
        "CREATE TABLE weekly (\n"
        "  id           INTEGER PRIMARY KEY,\n"
        "  taken_at     INTEGER NOT NULL,\n"
        "  pain         INTEGER NOT NULL CONSTRAINT weekly_pain_0_to_10\n"
        "               CHECK (typeof(pain) = 'integer' AND pain BETWEEN 0 AND 10),\n"
        "  enjoyment    INTEGER NOT NULL CONSTRAINT weekly_enjoyment_0_to_10\n"
        "               CHECK (typeof(enjoyment) = 'integer' AND enjoyment BETWEEN 0 AND 10),\n"
        "  activity     INTEGER NOT NULL CONSTRAINT weekly_activity_0_to_10\n"
        "               CHECK (typeof(activity) = 'integer' AND activity BETWEEN 0 AND 10),\n"
        "  created_at   INTEGER NOT NULL\n"
        ");\n"
        "CREATE INDEX weekly_taken_at ON weekly (taken_at);\n"),
    /* "Did any exercise make it worse?" after a stretch routine (issue 16):
     * the exercises named, by their number in the routine and their name
     * then (a routine file may change after). Gone with their session. */
    SCHEMA_STEP(7,
        "CREATE TABLE session_worse (\n"
        "  session_id     INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,\n"
        "  exercise_index INTEGER NOT NULL CONSTRAINT worse_index_1_to_64\n"
        "                 CHECK (typeof(exercise_index) = 'integer'\n"
        "                        AND exercise_index BETWEEN 1 AND 64),\n"
        "  exercise_name  TEXT NOT NULL CONSTRAINT worse_name_1_to_80_bytes\n"
        "                 CHECK (length(CAST(exercise_name AS BLOB)) BETWEEN 1 AND 80),\n"
        "  PRIMARY KEY (session_id, exercise_index)\n"
        ");\n"),
    /* "Not sure" is a third answer to a checklist item (issue 18), stored
     * as 2. SQLite cannot change a CHECK, so check_answers is rebuilt and
     * every stored answer copied as it is. Self-contained: renumbering it
     * is the one number in SCHEMA_STEP. */
    SCHEMA_STEP(8,
        "CREATE TABLE check_answers_new (\n"
        "  check_id    INTEGER NOT NULL REFERENCES checks (id) ON DELETE CASCADE,\n"
        "  item        INTEGER NOT NULL CONSTRAINT item_1_to_32 CHECK (item BETWEEN 1 AND 32),\n"
        "  answer      INTEGER NOT NULL CONSTRAINT answer_no_yes_or_unsure\n"
        "              CHECK (typeof(answer) = 'integer' AND answer IN (0, 1, 2)),\n"
        "  PRIMARY KEY (check_id, item)\n"
        ");\n"
        "INSERT INTO check_answers_new (check_id, item, answer)\n"
        "  SELECT check_id, item, answer FROM check_answers;\n"
        "DROP TABLE check_answers;\n"
        "ALTER TABLE check_answers_new RENAME TO check_answers;\n"),
    /* The patient's own questions for the next visit (issue 15), kept
     * until cleared and listed by the visit brief. A handful at a time:
     * no index. */
    SCHEMA_STEP(9,
        "CREATE TABLE questions (\n"
        "  id          INTEGER PRIMARY KEY,\n"
        "  asked_at    INTEGER NOT NULL,\n"
        "  text        TEXT NOT NULL CONSTRAINT question_1_to_500_bytes\n"
        "              CHECK (length(CAST(text AS BLOB)) BETWEEN 1 AND 500)\n"
        ");\n"),
};

const size_t schema_step_count = sizeof(schema_steps) / sizeof(schema_steps[0]);
