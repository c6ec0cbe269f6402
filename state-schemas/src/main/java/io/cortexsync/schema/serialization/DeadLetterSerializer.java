package io.cortexsync.schema.serialization;

import io.cortexsync.schema.model.DeadLetter;

import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

import java.io.IOException;

import static io.cortexsync.schema.serialization.BinaryFields.readInstant;
import static io.cortexsync.schema.serialization.BinaryFields.readNullableString;
import static io.cortexsync.schema.serialization.BinaryFields.readString;
import static io.cortexsync.schema.serialization.BinaryFields.writeInstant;
import static io.cortexsync.schema.serialization.BinaryFields.writeNullableString;
import static io.cortexsync.schema.serialization.BinaryFields.writeString;

/**
 * Versioned binary form of a {@link DeadLetter}.
 *
 * <p>Version 1: raw, reason, stage, record id?, time.
 */
public final class DeadLetterSerializer extends RecordSerializer<DeadLetter> {

    private static final long serialVersionUID = 1L;

    public static final int VERSION_1 = 1;
    private static final int CURRENT_VERSION = VERSION_1;

    public DeadLetterSerializer() {
        super("DeadLetter", 512);
    }

    @Override
    public int getVersion() {
        return CURRENT_VERSION;
    }

    @Override
    protected void writeCurrentVersion(DeadLetter d, DataOutputSerializer out) throws IOException {
        writeString(out, d.raw());
        writeString(out, d.reason());
        writeString(out, d.stage());
        writeNullableString(out, d.recordId());
        writeInstant(out, d.time());
    }

    @Override
    protected DeadLetter read(int version, DataInputDeserializer in) throws IOException {
        switch (version) {
            case VERSION_1:
                return readV1(in);
            default:
                throw unknownVersion(version);
        }
    }

    private static DeadLetter readV1(DataInputDeserializer in) throws IOException {
        return DeadLetter.of(
                readString(in),
                readString(in),
                readString(in),
                readNullableString(in),
                readInstant(in));
    }
}
