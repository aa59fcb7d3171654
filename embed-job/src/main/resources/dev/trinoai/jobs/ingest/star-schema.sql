-- The star schema the numbers come from. Idempotent: the ingest job runs it before every load.
-- Natural ids from the sources are kept as *_code columns (unique); facts reference dimensions by
-- surrogate keys and dates by dim_date.date_key (yyyymmdd).

CREATE TABLE IF NOT EXISTS star.dim_date (
    date_key integer PRIMARY KEY,
    date date NOT NULL UNIQUE,
    year integer NOT NULL,
    quarter integer NOT NULL,
    quarter_label text NOT NULL,            -- 2025-Q3
    month integer NOT NULL,
    month_label text NOT NULL,              -- 2025-07
    month_name text NOT NULL,               -- July
    iso_year integer NOT NULL,
    iso_week integer NOT NULL,
    week_start date NOT NULL,               -- the Monday of the ISO week
    day_of_week integer NOT NULL,           -- 1 = Monday
    fiscal_year integer NOT NULL,           -- the fiscal year starts on 1 July and is named by the year it ends in
    fiscal_quarter integer NOT NULL,
    fiscal_quarter_label text NOT NULL      -- FY2026-Q1
);

-- The days are filled by the job (calendar.sql): 2010-2035, and every year a source's dates reach; the view
-- star.fiscal_calendar (fiscal-calendar.sql) has the fiscal years of every other start month.

CREATE TABLE IF NOT EXISTS star.dim_program (
    program_key bigserial PRIMARY KEY,
    program_code text NOT NULL UNIQUE,
    name text NOT NULL,
    portfolio text,
    owner text,
    start_date date,
    status text,
    source text NOT NULL
);

CREATE TABLE IF NOT EXISTS star.dim_project (
    project_key bigserial PRIMARY KEY,
    project_code text NOT NULL UNIQUE,
    program_key bigint NOT NULL REFERENCES star.dim_program,
    name text NOT NULL,
    owner text,
    start_date date,
    planned_end_date date,
    status text,
    budget_usd numeric(14, 2)
);
CREATE INDEX IF NOT EXISTS dim_project_program ON star.dim_project (program_key);

CREATE TABLE IF NOT EXISTS star.dim_team (
    team_key bigserial PRIMARY KEY,
    team_code text NOT NULL UNIQUE,
    name text NOT NULL,
    program_key bigint REFERENCES star.dim_program,
    lead text,
    headcount integer,
    source text NOT NULL
);
CREATE INDEX IF NOT EXISTS dim_team_program ON star.dim_team (program_key);

CREATE TABLE IF NOT EXISTS star.fact_budget (
    project_key bigint NOT NULL REFERENCES star.dim_project,
    month_key integer NOT NULL REFERENCES star.dim_date,   -- the first day of the month
    category text NOT NULL,
    planned_usd numeric(14, 2),
    actual_usd numeric(14, 2),                             -- null for months not yet reported
    forecast_usd numeric(14, 2),
    PRIMARY KEY (project_key, month_key, category)
);
CREATE INDEX IF NOT EXISTS fact_budget_month ON star.fact_budget (month_key);

CREATE TABLE IF NOT EXISTS star.fact_sprint (
    sprint_key bigserial PRIMARY KEY,
    sprint_code text NOT NULL UNIQUE,
    team_key bigint NOT NULL REFERENCES star.dim_team,
    project_key bigint REFERENCES star.dim_project,
    name text,
    start_date_key integer REFERENCES star.dim_date,       -- null where the source has no dates
    end_date_key integer REFERENCES star.dim_date,
    length_days integer,
    committed_points numeric(10, 1),
    completed_points numeric(10, 1),
    team_size integer
);
CREATE INDEX IF NOT EXISTS fact_sprint_team ON star.fact_sprint (team_key);
CREATE INDEX IF NOT EXISTS fact_sprint_end ON star.fact_sprint (end_date_key);

CREATE TABLE IF NOT EXISTS star.fact_incident (
    incident_key bigserial PRIMARY KEY,
    incident_code text NOT NULL UNIQUE,
    team_key bigint REFERENCES star.dim_team,
    project_key bigint REFERENCES star.dim_project,
    service text,
    severity text,
    opened_at timestamptz NOT NULL,
    resolved_at timestamptz,                               -- null while open
    opened_date_key integer NOT NULL REFERENCES star.dim_date,
    resolution_hours numeric GENERATED ALWAYS AS (extract(epoch FROM resolved_at - opened_at) / 3600) STORED,
    title text,
    summary text,
    source text NOT NULL
);
CREATE INDEX IF NOT EXISTS fact_incident_opened ON star.fact_incident (opened_date_key);
CREATE INDEX IF NOT EXISTS fact_incident_team ON star.fact_incident (team_key);

CREATE TABLE IF NOT EXISTS star.fact_milestone (
    milestone_key bigserial PRIMARY KEY,
    milestone_code text NOT NULL UNIQUE,
    project_key bigint NOT NULL REFERENCES star.dim_project,
    name text NOT NULL,
    due_date_key integer NOT NULL REFERENCES star.dim_date,
    completed_date_key integer REFERENCES star.dim_date,
    status text NOT NULL,
    note text
);
CREATE INDEX IF NOT EXISTS fact_milestone_project ON star.fact_milestone (project_key);
CREATE INDEX IF NOT EXISTS fact_milestone_due ON star.fact_milestone (due_date_key);

CREATE TABLE IF NOT EXISTS star.fact_risk (
    risk_key bigserial PRIMARY KEY,
    risk_code text NOT NULL UNIQUE,
    project_key bigint NOT NULL REFERENCES star.dim_project,
    title text NOT NULL,
    description text,
    severity text,
    likelihood text,
    status text NOT NULL,
    owner text,
    raised_date_key integer REFERENCES star.dim_date,
    closed_date_key integer REFERENCES star.dim_date
);
CREATE INDEX IF NOT EXISTS fact_risk_project ON star.fact_risk (project_key);

CREATE TABLE IF NOT EXISTS star.fact_okr (
    okr_key bigserial PRIMARY KEY,
    okr_code text NOT NULL UNIQUE,
    program_key bigint NOT NULL REFERENCES star.dim_program,
    quarter_label text NOT NULL,
    objective text NOT NULL,
    key_result text NOT NULL,
    target numeric,
    current numeric,
    unit text
);
CREATE INDEX IF NOT EXISTS fact_okr_program ON star.fact_okr (program_key, quarter_label);
