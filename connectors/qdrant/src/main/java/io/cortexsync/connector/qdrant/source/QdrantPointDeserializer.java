package io.cortexsync.connector.qdrant.source;

import io.qdrant.client.grpc.Points.RetrievedPoint;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.util.Collector;

import java.io.IOException;
import java.io.Serializable;

/** Turns a scrolled point into the source's records (none, one or more). */
@PublicEvolving
public interface QdrantPointDeserializer<T> extends Serializable, ResultTypeQueryable<T> {

    void deserialize(RetrievedPoint point, Collector<T> out) throws IOException;

    /** Emits each point as a {@link QdrantPoint}; the source's default. */
    static QdrantPointDeserializer<QdrantPoint> points() {
        return new QdrantPointDeserializer<>() {
            private static final long serialVersionUID = 1L;

            @Override
            public void deserialize(RetrievedPoint point, Collector<QdrantPoint> out) {
                out.collect(QdrantPoint.of(point));
            }

            @Override
            public TypeInformation<QdrantPoint> getProducedType() {
                return QdrantPointSerializer.TYPE_INFO;
            }
        };
    }
}
