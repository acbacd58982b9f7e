-- Issue 17, the sector-flows stream (dexposure.sector-flows): one row per week, the sector rows and the
-- cross-sector flows as JSON, and the VAR refitted that week on the last --sector-var-window weeks
-- (null columns, with var_note saying why, while the window is too short to carry one).
CREATE TABLE IF NOT EXISTS dexposure_sector_flows (
    id                                 text,
    week                               date NOT NULL,
    previous                           text,
    priced                             boolean,
    sectors                            jsonb,
    cross_flows                        jsonb,
    var_window_weeks                   integer,
    var_note                           text,
    var_sectors                        jsonb,
    var_criterion                      text,
    var_selected_lag                   integer,
    var_lag                            integer,
    var_nobs                           integer,
    var_aic                            double precision,
    var_bic                            double precision,
    var_param_names                    jsonb,
    var_params                         jsonb,
    var_stderr                         jsonb,
    var_granger_p                      jsonb,
    var_irf                            jsonb,
    var_irf_lower                      jsonb,
    var_irf_upper                      jsonb,
    var_bootstrap_draws                integer,
    updated_at                         timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (week)
);
