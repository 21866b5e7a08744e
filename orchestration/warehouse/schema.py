"""Tables owned by the Python assets: the ``raw``, ``extraction`` and ``reference`` schemas.

dbt owns everything downstream (``staging``, ``intermediate``, ``marts``). The dbt sources are
named after these schemas so Dagster's lineage joins up without glue code.
"""
from __future__ import annotations

import duckdb

DDL = """
create schema if not exists raw;
create schema if not exists extraction;
create schema if not exists reference;

create table if not exists raw.articles (
    article_id varchar primary key,
    content_hash varchar not null,
    text varchar not null,
    title varchar,
    outlet varchar,
    published_at timestamp,
    url varchar,
    source_format varchar not null,
    encoding varchar,
    first_source_name varchar not null,
    ingested_at timestamp not null,
    run_id varchar
);

create table if not exists raw.article_versions (
    source_key varchar not null,
    version integer not null,
    article_id varchar not null,
    source_name varchar not null,
    ingested_at timestamp not null,
    run_id varchar,
    primary key (source_key, version)
);

create table if not exists raw.duplicates (
    source_key varchar not null,
    source_name varchar not null,
    duplicate_of_article_id varchar not null,
    detected_at timestamp not null,
    run_id varchar
);

create table if not exists raw.rejected_inputs (
    source_name varchar not null,
    reason_code varchar not null,
    detail varchar not null,
    content_hash varchar,
    detected_at timestamp not null,
    run_id varchar
);

create table if not exists raw.file_state (
    source_path varchar primary key,
    size_bytes bigint not null,
    mtime_ns bigint not null,
    content_hash varchar,
    outcome varchar not null,
    seen_at timestamp not null
);

create table if not exists raw.pipeline_runs (
    run_id varchar primary key,
    started_at timestamp not null,
    finished_at timestamp,
    status varchar not null,
    articles_added integer,
    versions_added integer,
    duplicates integer,
    rejected integer,
    articles_extracted integer,
    checks_passed integer,
    checks_failed integer,
    is_published boolean,
    detail varchar
);

create table if not exists extraction.processed_articles (
    article_id varchar primary key,
    extractor_version varchar not null,
    body varchar not null,
    word_count integer not null,
    extracted_at timestamp not null
);

create table if not exists extraction.boilerplate_lines (
    article_id varchar not null,
    line_number integer not null,
    text varchar not null,
    reason varchar not null,
    extractor_version varchar not null
);

create table if not exists extraction.sentences (
    article_id varchar not null,
    sentence_index integer not null,
    char_start integer not null,
    char_end integer not null,
    extractor_version varchar not null
);

create table if not exists extraction.entity_mentions (
    article_id varchar not null,
    char_start integer not null,
    char_end integer not null,
    surface varchar not null,
    label varchar not null,
    extractor_version varchar not null
);

create table if not exists extraction.actor_mentions (
    mention_id varchar not null,
    article_id varchar not null,
    char_start integer not null,
    char_end integer not null,
    surface varchar not null,
    canonical_name varchar not null,
    name_key varchar not null,
    actor_type varchar not null,
    side varchar not null,
    side_evidence varchar,
    mention_kind varchar not null,
    is_anonymous boolean not null,
    extractor_version varchar not null
);

create table if not exists extraction.place_mentions (
    mention_id varchar not null,
    article_id varchar not null,
    char_start integer not null,
    char_end integer not null,
    surface varchar not null,
    place_key varchar not null,
    place_name varchar not null,
    place_type varchar not null,
    country_code varchar,
    latitude double,
    longitude double,
    geonames_id bigint,
    precision varchar not null,
    score double not null,
    extractor_version varchar not null
);

create table if not exists extraction.claim_candidates (
    claim_candidate_id varchar not null,
    article_id varchar not null,
    char_start integer not null,
    char_end integer not null,
    claim_text varchar not null,
    cue varchar not null,
    cue_start integer not null,
    cue_end integer not null,
    speaker_mention_id varchar,
    via_mention_id varchar,
    is_direct_quote boolean not null,
    is_hedged boolean not null,
    stance varchar not null,
    hedge_cue varchar,
    extractor_version varchar not null
);

create table if not exists extraction.dbt_build_state (
    fingerprint varchar not null,
    built_at timestamp not null
);

-- How far each Great Expectations suite has validated: rows of articles extracted up to
-- ``checked_through`` passed it, under the suite definition with this fingerprint.
create table if not exists extraction.quality_check_state (
    suite varchar primary key,
    suite_fingerprint varchar not null,
    checked_through timestamp,
    checked_at timestamp not null
);

create table if not exists extraction.figure_candidates (
    figure_candidate_id varchar not null,
    article_id varchar not null,
    char_start integer not null,
    char_end integer not null,
    surface varchar not null,
    value double not null,
    value_high double,
    unit varchar not null,
    counts varchar,
    qualifier varchar not null,
    place_mention_id varchar,
    direction varchar,
    extractor_version varchar not null
);

create table if not exists reference.gazetteer (
    place_key varchar primary key,
    place_name varchar not null,
    place_type varchar not null,
    country_code varchar,
    latitude double,
    longitude double,
    geonames_id bigint,
    population bigint,
    admin1_code varchar
);

create table if not exists reference.gazetteer_version (
    version varchar not null,
    loaded_at timestamp not null
);
"""

EXTRACTION_TABLES = (
    "boilerplate_lines",
    "sentences",
    "entity_mentions",
    "actor_mentions",
    "place_mentions",
    "claim_candidates",
    "figure_candidates",
)


# Columns added after the first release, for working databases created before them.
MIGRATIONS = (
    "alter table extraction.figure_candidates add column if not exists direction varchar",
)


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(DDL)
    for statement in MIGRATIONS:
        con.execute(statement)
