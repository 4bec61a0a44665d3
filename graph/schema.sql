-- kg database schema, version 1 (PRAGMA user_version = 1).
-- A stable interface: scripts may read these tables and views with sqlite3.
-- Names are stored as written (name) and folded to lower case (name_key) for lookups.

CREATE TABLE IF NOT EXISTS meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS document (
    id       INTEGER PRIMARY KEY,
    source   TEXT NOT NULL,               -- path, "-" or --source NAME
    hash     TEXT NOT NULL UNIQUE,        -- hex content hash (idempotent ingest)
    title    TEXT,
    bytes    INTEGER NOT NULL DEFAULT 0,
    kind     TEXT NOT NULL DEFAULT 'text', -- 'text' (ingested), 'tsv', 'nt', 'jsonl' (imported)
    added_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);

CREATE TABLE IF NOT EXISTS sentence (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
    idx         INTEGER NOT NULL,         -- 0-based index in the document
    start       INTEGER NOT NULL,         -- UTF-8 byte offsets in the document
    end         INTEGER NOT NULL,
    text        TEXT NOT NULL,
    UNIQUE (document_id, idx)
);

CREATE TABLE IF NOT EXISTS entity (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL,          -- canonical name
    name_key      TEXT NOT NULL UNIQUE,   -- case-folded canonical name
    type          TEXT NOT NULL DEFAULT 'OTHER',
    mention_count INTEGER NOT NULL DEFAULT 0
);

-- Key columns first: SQLite 3.40's PRAGMA integrity_check wrongly reports
-- "NULL value in alias.alias" for a WITHOUT ROWID table whose non-key column
-- sits between its key columns.
CREATE TABLE IF NOT EXISTS alias (
    alias_key TEXT NOT NULL,              -- case-folded alias
    entity_id INTEGER NOT NULL REFERENCES entity(id) ON DELETE CASCADE,
    alias     TEXT NOT NULL,
    PRIMARY KEY (alias_key, entity_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS alias_entity ON alias(entity_id);

CREATE TABLE IF NOT EXISTS mention (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
    sentence_id INTEGER REFERENCES sentence(id) ON DELETE CASCADE,
    entity_id   INTEGER NOT NULL REFERENCES entity(id) ON DELETE CASCADE,
    start       INTEGER NOT NULL,
    end         INTEGER NOT NULL,
    text        TEXT NOT NULL,
    label       TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS mention_entity ON mention(entity_id);
CREATE INDEX IF NOT EXISTS mention_document ON mention(document_id);

CREATE TABLE IF NOT EXISTS relation (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE             -- normalised: lemmatised, lower case
);

CREATE TABLE IF NOT EXISTS triple (
    id          INTEGER PRIMARY KEY,
    subject_id  INTEGER NOT NULL REFERENCES entity(id) ON DELETE CASCADE,
    relation_id INTEGER NOT NULL REFERENCES relation(id),
    object_id   INTEGER NOT NULL REFERENCES entity(id) ON DELETE CASCADE,
    negated     INTEGER NOT NULL DEFAULT 0 CHECK (negated IN (0, 1)),
    surface     TEXT,                     -- relation's surface words, first seen
    confidence  REAL NOT NULL DEFAULT 1.0, -- highest confidence of its evidence
    time        TEXT,                     -- time qualifier, first seen
    modality    TEXT,                     -- can / may / will ..., first seen
    UNIQUE (subject_id, relation_id, object_id, negated)
);
CREATE INDEX IF NOT EXISTS triple_object ON triple(object_id, relation_id);
CREATE INDEX IF NOT EXISTS triple_relation ON triple(relation_id);

CREATE TABLE IF NOT EXISTS evidence (
    id          INTEGER PRIMARY KEY,
    triple_id   INTEGER NOT NULL REFERENCES triple(id) ON DELETE CASCADE,
    document_id INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
    sentence_id INTEGER REFERENCES sentence(id) ON DELETE CASCADE, -- NULL for imports
    surface     TEXT,
    confidence  REAL NOT NULL DEFAULT 1.0,
    time        TEXT,
    modality    TEXT
);
CREATE INDEX IF NOT EXISTS evidence_triple ON evidence(triple_id);
CREATE INDEX IF NOT EXISTS evidence_document ON evidence(document_id);

-- Views that join names, for direct sqlite3 use.
CREATE VIEW IF NOT EXISTS triples AS
SELECT t.id AS id, s.name AS subject, r.name AS relation, o.name AS object,
       t.surface AS surface, t.confidence AS confidence, t.negated AS negated,
       t.time AS time, t.modality AS modality,
       (SELECT d.source FROM evidence e JOIN document d ON d.id = e.document_id
         WHERE e.triple_id = t.id ORDER BY e.id LIMIT 1) AS document,
       (SELECT se.text FROM evidence e JOIN sentence se ON se.id = e.sentence_id
         WHERE e.triple_id = t.id ORDER BY e.id LIMIT 1) AS sentence,
       (SELECT count(*) FROM evidence e WHERE e.triple_id = t.id) AS evidence_count
FROM triple t
JOIN entity s ON s.id = t.subject_id
JOIN relation r ON r.id = t.relation_id
JOIN entity o ON o.id = t.object_id;

CREATE VIEW IF NOT EXISTS evidence_text AS
SELECT e.id AS id, e.triple_id AS triple_id, s.name AS subject, r.name AS relation,
       o.name AS object, t.negated AS negated, e.confidence AS confidence, e.time AS time,
       d.source AS document, se.idx AS sentence_index, se.text AS sentence
FROM evidence e
JOIN triple t ON t.id = e.triple_id
JOIN entity s ON s.id = t.subject_id
JOIN relation r ON r.id = t.relation_id
JOIN entity o ON o.id = t.object_id
JOIN document d ON d.id = e.document_id
LEFT JOIN sentence se ON se.id = e.sentence_id;
