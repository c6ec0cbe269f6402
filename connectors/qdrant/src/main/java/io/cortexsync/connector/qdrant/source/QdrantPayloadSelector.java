package io.cortexsync.connector.qdrant.source;

import io.qdrant.client.grpc.Points.PayloadExcludeSelector;
import io.qdrant.client.grpc.Points.PayloadIncludeSelector;
import io.qdrant.client.grpc.Points.WithPayloadSelector;

import org.apache.flink.annotation.PublicEvolving;

import java.io.Serializable;
import java.util.List;

/** Which payload keys a scroll returns: all, none, only some, or all but some. */
@PublicEvolving
public final class QdrantPayloadSelector implements Serializable {

    private static final long serialVersionUID = 1L;

    private enum Kind { ALL, NONE, INCLUDE, EXCLUDE }

    private final Kind kind;
    private final List<String> fields;

    private QdrantPayloadSelector(Kind kind, List<String> fields) {
        this.kind = kind;
        this.fields = List.copyOf(fields);
    }

    public static QdrantPayloadSelector all() {
        return new QdrantPayloadSelector(Kind.ALL, List.of());
    }

    public static QdrantPayloadSelector none() {
        return new QdrantPayloadSelector(Kind.NONE, List.of());
    }

    /** Only these keys (payload paths such as {@code meta.lang} select within a key). */
    public static QdrantPayloadSelector include(String... fields) {
        return new QdrantPayloadSelector(Kind.INCLUDE, checked(fields));
    }

    /** Every key but these. */
    public static QdrantPayloadSelector exclude(String... fields) {
        return new QdrantPayloadSelector(Kind.EXCLUDE, checked(fields));
    }

    public WithPayloadSelector toGrpc() {
        switch (kind) {
            case NONE:
                return WithPayloadSelector.newBuilder().setEnable(false).build();
            case INCLUDE:
                return WithPayloadSelector.newBuilder()
                        .setInclude(PayloadIncludeSelector.newBuilder().addAllFields(fields)).build();
            case EXCLUDE:
                return WithPayloadSelector.newBuilder()
                        .setExclude(PayloadExcludeSelector.newBuilder().addAllFields(fields)).build();
            default:
                return WithPayloadSelector.newBuilder().setEnable(true).build();
        }
    }

    private static List<String> checked(String... fields) {
        if (fields.length == 0) {
            throw new IllegalArgumentException("name at least one payload field, or use all() or none()");
        }
        for (String field : fields) {
            if (field == null || field.isEmpty()) {
                throw new IllegalArgumentException("payload field names must not be empty");
            }
        }
        return List.of(fields);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QdrantPayloadSelector
                && kind == ((QdrantPayloadSelector) o).kind
                && fields.equals(((QdrantPayloadSelector) o).fields);
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + fields.hashCode();
    }

    @Override
    public String toString() {
        return kind == Kind.ALL || kind == Kind.NONE ? kind.name().toLowerCase() : kind.name().toLowerCase() + fields;
    }
}
