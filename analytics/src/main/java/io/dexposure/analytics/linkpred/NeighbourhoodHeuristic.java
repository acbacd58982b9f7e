package io.dexposure.analytics.linkpred;

/** The classic neighbourhood scores, on the undirected previous-week graph (NetworkX definitions). */
public enum NeighbourhoodHeuristic {
    COMMON_NEIGHBOURS("common-neighbours"),
    ADAMIC_ADAR("adamic-adar"),
    JACCARD("jaccard"),
    PREFERENTIAL_ATTACHMENT("preferential-attachment");

    private final String modelName;

    NeighbourhoodHeuristic(String modelName) {
        this.modelName = modelName;
    }

    public String modelName() {
        return modelName;
    }
}
