package io.cortexsync.testkit.qdrant;

import io.qdrant.client.grpc.Common.Filter;
import io.qdrant.client.grpc.Points.PointsSelector;

import java.util.List;
import java.util.NavigableMap;

/** The points an update names: a list of ids (which may not exist) or a filter. */
final class PointSelection {

    private final List<PointKey> ids;
    private final Filter filter;

    private PointSelection(List<PointKey> ids, Filter filter) {
        this.ids = ids;
        this.filter = filter;
    }

    /** @param selector null when the request has none */
    static PointSelection of(PointsSelector selector) {
        if (selector == null) {
            throw QdrantErrors.invalidArgument("PointSelector is missing");
        }
        switch (selector.getPointsSelectorOneOfCase()) {
            case POINTS:
                return new PointSelection(
                        selector.getPoints().getIdsList().stream().map(PointKey::from).toList(), null);
            case FILTER:
                return new PointSelection(null, selector.getFilter());
            default:
                throw QdrantErrors.invalidArgument("Unknown PointsSelector");
        }
    }

    /** The named ids, or the ids of the points the filter matches. */
    List<PointKey> resolve(NavigableMap<PointKey, StoredPoint> points) {
        if (ids != null) {
            return ids;
        }
        return points.values().stream()
                .filter(p -> FilterMatcher.matches(filter, p))
                .map(StoredPoint::id)
                .toList();
    }
}
