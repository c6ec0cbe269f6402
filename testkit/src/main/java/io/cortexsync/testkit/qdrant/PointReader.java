package io.cortexsync.testkit.qdrant;

import io.qdrant.client.grpc.Common.Filter;
import io.qdrant.client.grpc.Common.PointId;
import io.qdrant.client.grpc.Points.RetrievedPoint;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Retrieve, scroll and count, with Qdrant's ordering and paging rules. */
final class PointReader {

    private PointReader() {}

    /** A scroll page; {@code nextOffset} is null on the last page. */
    record Page(List<RetrievedPoint> points, PointId nextOffset) {}

    /** Points in request order, each once; ids that do not exist are left out. */
    static List<RetrievedPoint> get(StoredCollection collection, List<PointKey> ids, PointView view) {
        Set<PointKey> unique = new LinkedHashSet<>(ids);
        return collection.read(points -> {
            List<RetrievedPoint> found = new ArrayList<>();
            for (PointKey id : unique) {
                StoredPoint point = points.get(id);
                if (point != null) {
                    found.add(view.retrieved(point));
                }
            }
            return found;
        });
    }

    /**
     * Reads {@code limit + 1} matching points from {@code offset} (inclusive) in id order; the
     * extra point's id becomes the next page's offset, as in Qdrant.
     */
    static Page scroll(StoredCollection collection, PointKey offset, int limit, Filter filter, PointView view) {
        return collection.read(points -> {
            var candidates = offset == null ? points.values() : points.tailMap(offset, true).values();
            List<RetrievedPoint> page = new ArrayList<>();
            for (StoredPoint point : candidates) {
                if (filter != null && !FilterMatcher.matches(filter, point)) {
                    continue;
                }
                if (page.size() == limit) {
                    return new Page(page, point.id().toPointId());
                }
                page.add(view.retrieved(point));
            }
            return new Page(page, null);
        });
    }

    static long count(StoredCollection collection, Filter filter) {
        return collection.read(points -> filter == null
                ? (long) points.size()
                : points.values().stream().filter(p -> FilterMatcher.matches(filter, p)).count());
    }
}
