package io.dexposure.analytics.roland;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One predicted exposure for next week on the link-predictions topic (key = source): the probability
 * that an existing exposure persists, or one of the top-K most likely new exposures.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"id", "week", "madeAt", "kind", "rank", "source", "sourceName", "target", "targetName",
        "probability", "logExposure", "exposureUsd"})
public class LinkPrediction {
    public static final String PERSISTING = "persisting";
    public static final String NEW = "new";

    /** week + ":" + source + ">" + target. */
    public String id;
    /** The week predicted. */
    public String week;
    /** The week whose data the prediction was made from. */
    public String madeAt;
    /** persisting or new. */
    public String kind;
    /** Rank among the new exposures (1 = most likely); null for persisting ones. */
    public Integer rank;
    public String source;
    public String sourceName;
    public String target;
    public String targetName;
    public double probability;
    /** Predicted size of the exposure if it exists, ln(USD), from ROLAND's edge-weight head (null before its first fit). */
    public Double logExposure;
    /** The same in USD, exp(logExposure). */
    public Double exposureUsd;

    public LinkPrediction() {
    }
}
