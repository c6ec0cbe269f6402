package io.cortexsync.jobs.reconcile.element;

import io.cortexsync.connector.qdrant.source.QdrantPoint;
import io.cortexsync.connector.qdrant.source.QdrantPointDeserializer;
import io.cortexsync.schema.ids.RecordId;
import io.cortexsync.schema.model.PayloadFields;
import io.cortexsync.schema.model.TargetPointId;

import io.qdrant.client.grpc.JsonWithInt.Value;
import io.qdrant.client.grpc.Common.PointId;
import io.qdrant.client.grpc.Points.RetrievedPoint;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.Collector;


import java.util.Map;

/**
 * A scrolled Qdrant point as an element: its id, and the {@code _surreal_id}, {@code _table} and
 * {@code _content_hash} of its payload as they are (a value that is not a string counts as
 * missing), and its unnamed vector when the source reads vectors. A point without {@code _table}
 * takes the table of its {@code _surreal_id} when that parses.
 */
public final class TargetElementDeserializer implements QdrantPointDeserializer<SideElement> {

    private static final long serialVersionUID = 1L;

    /** The payload fields reconciliation reads; never the vectors. */
    public static final String[] PAYLOAD_FIELDS = {PayloadFields.SURREAL_ID, PayloadFields.TABLE, PayloadFields.CONTENT_HASH};

    private final int partitionBits;
    private final int leafBits;

    public TargetElementDeserializer(int partitionBits, int leafBits) {
        this.partitionBits = partitionBits;
        this.leafBits = leafBits;
    }

    @Override
    public void deserialize(RetrievedPoint point, Collector<SideElement> out) {
        out.collect(element(point, partitionBits, leafBits));
    }

    /** The element of a point read by a scroll or a retrieve. */
    public static SideElement element(RetrievedPoint point, int partitionBits, int leafBits) {
        Map<String, Value> payload = point.getPayloadMap();
        String entityId = text(payload.get(PayloadFields.SURREAL_ID));
        String table = text(payload.get(PayloadFields.TABLE));
        if (table == null && entityId != null) {
            table = tableOf(entityId);
        }
        SideElement element = SideElement.of(Side.TARGET, pointId(point.getId()), entityId, table,
                text(payload.get(PayloadFields.CONTENT_HASH)), partitionBits, leafBits);
        if (point.hasVectors()) {
            element.vector = QdrantPoint.of(point).vector();
        }
        return element;
    }

    static TargetPointId pointId(PointId id) {
        return id.hasNum() ? TargetPointId.ofNumber(id.getNum()) : TargetPointId.parse(id.getUuid().toLowerCase());
    }

    private static String text(Value value) {
        return value != null && value.hasStringValue() && !value.getStringValue().isBlank() ? value.getStringValue() : null;
    }

    private static String tableOf(String entityId) {
        try {
            return RecordId.parse(entityId).table();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public TypeInformation<SideElement> getProducedType() {
        return TypeInformation.of(SideElement.class);
    }
}
