-- DeXposure Monitor event-time store, version 1.
--
-- Every result stream of the job as a table keyed by week and subject. The job writes them with the Flink
-- JDBC connector as upserts (INSERT ... ON CONFLICT (key) DO UPDATE), so a replay run twice, a restart
-- from a checkpoint or an at-least-once retry rewrites rows instead of adding them. Grafana reads them
-- with time = week (dashboards/grafana), the report command too.
--
-- Columns are the record's JSON fields in snake_case (WeekMetrics.totalTvlUsd -> total_tvl_usd), one
-- column per field; lists and nested records are jsonb. `week` (and `made_at`) are dates: the Monday
-- of the snapshot (UTC). A test checks that every field of every record type has its column here.
--
-- Applied by SchemaMigration (job launcher, report, tests): files V<n>__*.sql in version order, each once,
-- recorded in dexposure_schema_version. Never edit an applied file: add V<n+1>__*.sql.

-- One row per computed week (dexposure.network-metrics): every weekly network metric; the top-10 lists as JSON.
CREATE TABLE IF NOT EXISTS dexposure_week_metrics (
    id                                 text,
    week                               date NOT NULL,
    nodes                              integer,
    protocols                          integer,
    token_buckets                      integer,
    edges                              integer,
    self_loops                         integer,
    isolated_nodes                     integer,
    total_tvl_usd                      double precision,
    token_bucket_size_usd              double precision,
    total_exposure_usd                 double precision,
    protocol_exposure_usd              double precision,
    density                            double precision,
    mean_degree                        double precision,
    in_degree_max                      integer,
    out_degree_max                     integer,
    in_degree_std                      double precision,
    out_degree_std                     double precision,
    in_degree_median                   double precision,
    out_degree_median                  double precision,
    dropped_links                      integer,
    flipped_links                      integer,
    merged_parallel_links              integer,
    weak_components                    integer,
    largest_weak_component_share       double precision,
    strong_components                  integer,
    largest_strong_component_share     double precision,
    degree_centralization              double precision,
    in_degree_centralization           double precision,
    out_degree_centralization          double precision,
    degree_cv                          double precision,
    degree_entropy                     double precision,
    degree_top10_percent_share         double precision,
    degree_gini                        double precision,
    assortativity                      double precision,
    weighted_assortativity             double precision,
    tvl_hhi                            double precision,
    tvl_gini                           double precision,
    tvl_top10_share                    double precision,
    exposure_hhi                       double precision,
    exposure_gini                      double precision,
    exposure_top10_share               double precision,
    average_closeness                  double precision,
    average_clustering                 double precision,
    average_weighted_clustering        double precision,
    average_undirected_clustering      double precision,
    transitivity                       double precision,
    entropy_rate                       double precision,
    normalised_entropy_rate            double precision,
    page_rank_entropy                  double precision,
    exposure_entropy                   double precision,
    curvature_links                    integer,
    curvature_approximated             integer,
    curvature_mean                     double precision,
    curvature_median                   double precision,
    curvature_p05                      double precision,
    curvature_p25                      double precision,
    curvature_p75                      double precision,
    curvature_p95                      double precision,
    curvature_min                      double precision,
    curvature_max                      double precision,
    communities                        integer,
    codelength                         double precision,
    one_module_codelength              double precision,
    largest_community_share            double precision,
    largest_community_flow_share       double precision,
    modularity                         double precision,
    page_rank_top10                    jsonb,
    weighted_page_rank_top10           jsonb,
    betweenness_top10                  jsonb,
    most_negative_curvature            jsonb,
    updated_at                         timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (week)
);

-- One row per node per computed week (dexposure.protocol-metrics).
CREATE TABLE IF NOT EXISTS dexposure_protocol_metrics (
    id                                 text,
    week                               date NOT NULL,
    node                               text NOT NULL,
    name                               text,
    category                           text,
    kind                               text,
    tvl_usd                            double precision,
    in_degree                          integer,
    out_degree                         integer,
    in_strength_usd                    double precision,
    out_strength_usd                   double precision,
    page_rank                          double precision,
    hub                                double precision,
    authority                          double precision,
    closeness                          double precision,
    betweenness                        double precision,
    clustering                         double precision,
    weighted_clustering                double precision,
    community                          integer,
    mean_curvature                     double precision,
    updated_at                         timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (week, node)
);

-- Weeks that did not add up, unreadable, late or duplicate records (dexposure.data-quality); id = week:problem[:position].
CREATE TABLE IF NOT EXISTS dexposure_data_quality (
    id                                 text NOT NULL,
    week                               date,
    problem                            text,
    expected_nodes                     integer,
    received_nodes                     integer,
    expected_links                     integer,
    received_links                     integer,
    duplicate_records                  integer,
    message                            text,
    updated_at                         timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (id)
);

-- Shock alerts (dexposure.alerts); subjects = the protocols involved, as JSON.
CREATE TABLE IF NOT EXISTS dexposure_alerts (
    id                                 text,
    week                               date NOT NULL,
    rule                               text NOT NULL,
    severity                           text,
    subject                            text NOT NULL,
    subject_name                       text,
    subject_category                   text,
    value                              double precision,
    threshold                          double precision,
    usd_at_risk                        double precision,
    subjects                           jsonb,
    message                            text,
    updated_at                         timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (week, rule, subject)
);

-- The week's top systemic protocols (dexposure.protocol-risk).
CREATE TABLE IF NOT EXISTS dexposure_protocol_risk (
    id                                 text,
    week                               date NOT NULL,
    node                               text NOT NULL,
    name                               text,
    category                           text,
    rank                               integer,
    systemic_importance                double precision,
    page_rank_score                    double precision,
    tail_exposure_score                double precision,
    tvl_score                          double precision,
    page_rank                          double precision,
    tail_exposure_usd                  double precision,
    tvl_usd                            double precision,
    debt_rank_loss_usd                 double precision,
    updated_at                         timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (week, node)
);

-- Contagion and sector spillover per week (dexposure.week-risk); sector_flows as JSON.
CREATE TABLE IF NOT EXISTS dexposure_week_risk (
    id                                 text,
    week                               date NOT NULL,
    system_tvl_usd                     double precision,
    observed_shocks                    integer,
    observed_loss_usd                  double precision,
    observed_loss_share                double precision,
    observed_rounds                    integer,
    observed_distressed                integer,
    worst_systemic_node                text,
    worst_systemic_loss_usd            double precision,
    worst_systemic_loss_share          double precision,
    worst_systemic_rounds              integer,
    worst_systemic_distressed          integer,
    sector_hhi                         double precision,
    sector_flows                       jsonb,
    updated_at                         timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (week)
);

-- ROLAND's predictions for the week (dexposure.link-predictions); made_at = the week they were made from.
CREATE TABLE IF NOT EXISTS dexposure_link_predictions (
    id                                 text,
    week                               date NOT NULL,
    made_at                            date,
    kind                               text,
    rank                               integer,
    source                             text NOT NULL,
    source_name                        text,
    target                             text NOT NULL,
    target_name                        text,
    probability                        double precision,
    updated_at                         timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (week, source, target)
);

-- Link-prediction quality per scored week and model (dexposure.model-quality).
CREATE TABLE IF NOT EXISTS dexposure_model_quality (
    id                                 text,
    week                               date NOT NULL,
    model                              text NOT NULL,
    auprc                              double precision,
    auroc                              double precision,
    mrr                                double precision,
    positives                          integer,
    negatives                          integer,
    step_millis                        bigint,
    epochs                             integer,
    train_loss                         double precision,
    updated_at                         timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (week, model)
);

CREATE INDEX IF NOT EXISTS dexposure_protocol_metrics_node ON dexposure_protocol_metrics (node, week);
CREATE INDEX IF NOT EXISTS dexposure_data_quality_week ON dexposure_data_quality (week);
CREATE INDEX IF NOT EXISTS dexposure_alerts_severity ON dexposure_alerts (severity, week);
CREATE INDEX IF NOT EXISTS dexposure_protocol_risk_node ON dexposure_protocol_risk (node, week);
CREATE INDEX IF NOT EXISTS dexposure_link_predictions_source ON dexposure_link_predictions (source, week);

-- Events drawn on every event-time panel (Grafana annotations, report charts). Add rows freely.
CREATE TABLE IF NOT EXISTS dexposure_annotations (
    event_start                        date NOT NULL,
    event_end                          date NOT NULL,
    title                              text NOT NULL,
    description                        text NOT NULL,
    tags                               text NOT NULL,
    PRIMARY KEY (event_start, title)
);

INSERT INTO dexposure_annotations (event_start, event_end, title, description, tags) VALUES
    ('2022-05-09', '2022-05-16', 'Terra', 'UST loses its peg and LUNA collapses (2022-05-07 .. 05-13)', 'crisis,terra'),
    ('2022-11-07', '2022-11-14', 'FTX', 'FTX halts withdrawals and files for bankruptcy (2022-11-08 .. 11-11)', 'crisis,ftx')
ON CONFLICT DO NOTHING;
