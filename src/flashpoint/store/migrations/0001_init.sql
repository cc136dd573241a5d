-- flashpoint store, schema version 1.
-- Every stored fact keeps its provenance: a mention points at (doc_id, doc_version)
-- and the evidence sentence's character span in that document's text.

CREATE TABLE documents (
    id            VARCHAR NOT NULL,
    version       INTEGER NOT NULL,
    url           VARCHAR,
    title         VARCHAR,
    source        VARCHAR,
    published     DATE,
    content_hash  VARCHAR,
    language      VARCHAR,
    ingested_at   TIMESTAMP NOT NULL,
    status        VARCHAR NOT NULL,      -- ok | failed | unsupported-language | superseded
    error_code    VARCHAR,
    error         VARCHAR,
    is_current    BOOLEAN NOT NULL DEFAULT TRUE,
    n_mentions    INTEGER NOT NULL DEFAULT 0,
    text          VARCHAR,
    meta          JSON,
    PRIMARY KEY (id, version)
);
CREATE INDEX documents_hash ON documents (content_hash);
CREATE INDEX documents_url ON documents (url);

CREATE TABLE mentions (
    mention_id        VARCHAR PRIMARY KEY,   -- "<doc id>@<version>#<n>"
    doc_id            VARCHAR NOT NULL,
    doc_version       INTEGER NOT NULL,
    n                 INTEGER NOT NULL,      -- position among the document's events
    span_start        INTEGER,
    span_end          INTEGER,
    text              VARCHAR,               -- the evidence sentence
    trigger           VARCHAR,
    plover            VARCHAR,
    mode              VARCHAR,
    cameo             VARCHAR,
    quad_class        INTEGER,
    goldstein         DOUBLE,
    acled_event_type  VARCHAR,
    acled_sub_event_type VARCHAR,
    actor_text        VARCHAR,
    actor_country     VARCHAR,
    actor_sector      VARCHAR,
    actor_span_start  INTEGER,
    actor_span_end    INTEGER,
    recipient_text    VARCHAR,
    recipient_country VARCHAR,
    recipient_sector  VARCHAR,
    recipient_span_start INTEGER,
    recipient_span_end   INTEGER,
    place_text        VARCHAR,
    place_span_start  INTEGER,
    place_span_end    INTEGER,
    place_name        VARCHAR,
    lat               DOUBLE,
    lon               DOUBLE,
    country           VARCHAR,
    admin1            VARCHAR,
    geonames_id       BIGINT,
    feature           VARCHAR,
    geo_precision     INTEGER,
    date              DATE,
    date_precision    VARCHAR,
    fatalities        INTEGER,
    injuries          INTEGER,
    crowd_size        INTEGER,
    weapons           JSON,
    quantities        JSON,
    status            VARCHAR,
    confidence        DOUBLE,
    event_id          VARCHAR,               -- the fused event; NULL for superseded versions
    is_current        BOOLEAN NOT NULL DEFAULT TRUE
);
CREATE INDEX mentions_doc ON mentions (doc_id, doc_version);
CREATE INDEX mentions_event ON mentions (event_id);
CREATE INDEX mentions_date ON mentions (date);

CREATE TABLE events (
    event_id          VARCHAR PRIMARY KEY,
    plover            VARCHAR,
    mode              VARCHAR,
    cameo             VARCHAR,
    quad_class        INTEGER,
    goldstein         DOUBLE,
    acled_event_type  VARCHAR,
    acled_sub_event_type VARCHAR,
    actor_text        VARCHAR,
    actor_country     VARCHAR,
    actor_sector      VARCHAR,
    recipient_text    VARCHAR,
    recipient_country VARCHAR,
    recipient_sector  VARCHAR,
    dyad              VARCHAR,               -- "SRB-XKX" (actor-recipient), NULL without both
    place_name        VARCHAR,
    lat               DOUBLE,
    lon               DOUBLE,
    country           VARCHAR,
    admin1            VARCHAR,
    geonames_id       BIGINT,
    geo_precision     INTEGER,
    date              DATE,
    date_precision    VARCHAR,
    fatalities        INTEGER,
    injuries          INTEGER,
    crowd_size        INTEGER,
    weapons           JSON,
    status            VARCHAR,
    confidence        DOUBLE,
    text              VARCHAR,               -- the representative evidence sentence
    first_report      DATE,
    last_report       DATE,
    source_count      INTEGER,               -- distinct outlets (source, else document)
    document_count    INTEGER,
    mention_count     INTEGER,
    updated_at        TIMESTAMP
);
CREATE INDEX events_date ON events (date);
CREATE INDEX events_dyad ON events (dyad);

CREATE TABLE actors (
    actor_key     VARCHAR PRIMARY KEY,       -- "<country>|<sector>|<lower text>"
    text          VARCHAR,
    country       VARCHAR,
    sector        VARCHAR,
    mention_count INTEGER NOT NULL DEFAULT 0,
    first_seen    DATE,
    last_seen     DATE
);

CREATE TABLE places (
    place_key     VARCHAR PRIMARY KEY,       -- geonames id, else "<country>|<name>"
    name          VARCHAR,
    lat           DOUBLE,
    lon           DOUBLE,
    country       VARCHAR,
    admin1        VARCHAR,
    geonames_id   BIGINT,
    feature       VARCHAR,
    mention_count INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE alerts (
    alert_id       VARCHAR PRIMARY KEY,
    scope          VARCHAR NOT NULL,         -- country | dyad | admin1
    key            VARCHAR NOT NULL,
    freq           VARCHAR NOT NULL,         -- day | week
    period         DATE NOT NULL,            -- the period that crossed the threshold
    since          DATE NOT NULL,            -- first period of the current run above baseline
    observed       INTEGER NOT NULL,         -- material-conflict events in the period
    baseline_mean  DOUBLE,
    baseline_std   DOUBLE,
    z              DOUBLE,
    goldstein_sum  DOUBLE,
    goldstein_baseline DOUBLE,
    fatalities     INTEGER,
    n_documents    INTEGER,
    severity       VARCHAR,
    reason         VARCHAR,
    event_ids      JSON,
    created_at     TIMESTAMP NOT NULL
);
CREATE INDEX alerts_key ON alerts (scope, key);
