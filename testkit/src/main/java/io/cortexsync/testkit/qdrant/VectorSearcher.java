package io.cortexsync.testkit.qdrant;

import io.qdrant.client.grpc.Common.Filter;
import io.qdrant.client.grpc.Points.ScoredPoint;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Exact nearest-neighbour search over all points, scored as Qdrant scores: Cosine and Dot
 * larger-first, Euclid and Manhattan as distances smaller-first.
 */
final class VectorSearcher {

    private VectorSearcher() {}

    /** The search parameters of one request. */
    record Query(String vectorName, float[] vector, Filter filter, int limit, int offset, Float scoreThreshold) {}

    private record Hit(StoredPoint point, float similarity) {}

    // NaN similarities rank first, as in Qdrant (its ordered floats put NaN above every number).
    private static final Comparator<Hit> BEST_FIRST =
            Comparator.comparing(Hit::similarity, (a, b) -> Float.compare(b, a))
                    .thenComparing(h -> h.point().id());

    static List<ScoredPoint> search(StoredCollection collection, Query query, PointView view) {
        VectorSpace space = collection.schema().require(query.vectorName());
        if (space.size() != query.vector().length) {
            throw QdrantErrors.wrongDimension(space.size(), query.vector().length, "");
        }
        Metric metric = space.metric();
        float[] prepared = metric.prepare(query.vector());
        int keep = query.offset() + query.limit();
        List<Hit> best = collection.read(points -> {
            PriorityQueue<Hit> worstFirst = new PriorityQueue<>(BEST_FIRST.reversed());
            for (StoredPoint point : points.values()) {
                float[] stored = point.vectors().get(query.vectorName());
                if (stored == null || (query.filter() != null && !FilterMatcher.matches(query.filter(), point))) {
                    continue;
                }
                worstFirst.add(new Hit(point, metric.similarity(stored, prepared)));
                if (worstFirst.size() > keep) {
                    worstFirst.poll();
                }
            }
            List<Hit> hits = new ArrayList<>(worstFirst);
            hits.sort(BEST_FIRST);
            return hits;
        });
        List<ScoredPoint> result = new ArrayList<>();
        for (int i = 0; i < best.size(); i++) {
            float score = metric.toScore(best.get(i).similarity());
            if (query.scoreThreshold() != null && !metric.passes(score, query.scoreThreshold())) {
                break;
            }
            if (i >= query.offset()) {
                result.add(view.scored(best.get(i).point(), score));
            }
        }
        return result;
    }
}
