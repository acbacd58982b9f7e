package io.dexposure.analytics.metrics;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** One entry of a top-N list in a metrics record. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"rank", "id", "name", "category", "kind", "score"})
public class RankedNode {
    public int rank;
    public String id;
    public String name;
    public String category;
    /** "protocol" or "token_bucket". */
    public String kind;
    public double score;

    public RankedNode() {
    }

    public RankedNode(int rank, String id, String name, String category, String kind, double score) {
        this.rank = rank;
        this.id = id;
        this.name = name;
        this.category = category;
        this.kind = kind;
        this.score = score;
    }
}
