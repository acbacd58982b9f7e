package io.dexposure.analytics.linkpred;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * How well one model's predictions made at the previous week matched this week's actual links, on the
 * model-quality topic (key = model). ROLAND and every baseline get one record per week.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"id", "week", "model", "auprc", "auroc", "mrr", "positives", "negatives", "stepMillis",
        "epochs", "trainLoss", "weightMae"})
public class ModelQuality {
    /** week + ":" + model. */
    public String id;
    /** The week whose actual links were scored (the predictions were made the week before). */
    public String week;
    /** roland, persistence, adamic-adar, common-neighbours, jaccard, preferential-attachment, ... */
    public String model;
    public double auprc;
    public double auroc;
    public double mrr;
    public int positives;
    public int negatives;
    /** ROLAND only: fine-tune + state update + predict time for this week. */
    public Long stepMillis;
    public Integer epochs;
    public Double trainLoss;
    /** ROLAND only: mean absolute error of the predicted log exposure ln(USD) of this week's links (DeXposure-FM: 2.09). */
    public Double weightMae;

    public ModelQuality() {
    }
}
