package io.cortexsync.schema.serialization;

import io.cortexsync.schema.TestRecords;
import io.cortexsync.schema.model.DeadLetter;
import io.cortexsync.schema.model.EntityChange;
import io.cortexsync.schema.model.RepairRecord;
import io.cortexsync.schema.model.SyncEntity;
import io.cortexsync.schema.model.SyncEvent;

import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.HexFormat;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VersionedTypeSerializerTest {

    // Written once by this release (snapshot of the SyncEntity state serializer, then two values)
    // and frozen: a savepoint holding them must restore in every later release.
    private static final String V1_SNAPSHOT =
            "0042696f2e636f7274657873796e632e736368656d612e73657269616c697a6174696f6e2e566572"
                + "73696f6e65645479706553657269616c697a6572536e617073686f74000000010037696f2e636f72"
                + "74657873796e632e736368656d612e73657269616c697a6174696f6e2e53796e63456e7469747953"
                + "657269616c697a657200000001";
    private static final String V1_VALUES =
            "00000001000000ca00000003646f63000000000b68656c6c6f20776f726c64000000033dcccccdbf"
                + "a000004040000000000006000000057469746c65050000000f48c3a96c6c6f20e29fa920f09f9a80"
                + "000000016e0300000000000000010000000178043ff8000000000000000000036269670600000009"
                + "00ab54a98ceb1f0ad200000004746167730700000002050000000161050000000162000000066e65"
                + "737465640800000002000000016202000000016100000000006b069c880754d4c00000000477732d"
                + "31010000000000000007000000010000002d00000003646f6301000000000000002a000000000000"
                + "0000000000006b069c89000001c80000000477732d3100";

    @AfterEach
    void resetNoteVersion() {
        NoteSerializer.currentVersion = 2;
    }

    @Test
    void restoresFrozenVersion1State() throws IOException {
        TypeSerializerSnapshot<SyncEntity> restoredSnapshot =
                readSnapshot(HexFormat.of().parseHex(V1_SNAPSHOT));
        assertThat(restoredSnapshot).isInstanceOf(VersionedTypeSerializerSnapshot.class);

        TypeSerializer<SyncEntity> current =
                SchemaTypes.stateSerializer(new SyncEntitySerializer());
        assertThat(
                        current.snapshotConfiguration()
                                .resolveSchemaCompatibility(restoredSnapshot)
                                .isCompatibleAsIs())
                .isTrue();

        TypeSerializer<SyncEntity> restored = restoredSnapshot.restoreSerializer();
        assertThat(restored).isEqualTo(current);
        DataInputDeserializer in = new DataInputDeserializer(HexFormat.of().parseHex(V1_VALUES));
        assertThat(restored.deserialize(in)).isEqualTo(TestRecords.entity());
        assertThat(current.deserialize(in)).isEqualTo(TestRecords.minimalEntity());
        assertThat(in.available()).isZero();
    }

    @Test
    void snapshotIsStable() throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        TypeSerializerSnapshot.writeVersionedSnapshot(
                out,
                SchemaTypes.stateSerializer(new SyncEntitySerializer()).snapshotConfiguration());
        assertThat(HexFormat.of().formatHex(out.getCopyOfBuffer())).isEqualTo(V1_SNAPSHOT);
    }

    /**
     * A field added in version 2: state written by version 1 restores and is read with a default.
     */
    @Test
    void stateFromAnOlderVersionRestoresAfterAFieldIsAdded() throws IOException {
        NoteSerializer.currentVersion = 1;
        TypeSerializer<Note> yesterday = SchemaTypes.stateSerializer(new NoteSerializer());
        byte[] snapshot = writeSnapshot(yesterday.snapshotConfiguration());
        DataOutputSerializer state = new DataOutputSerializer(64);
        yesterday.serialize(new Note("old", 0), state);

        NoteSerializer.currentVersion = 2;
        TypeSerializerSnapshot<Note> old = readSnapshot(snapshot);
        assertThat(((VersionedTypeSerializerSnapshot<Note>) old).serializerVersion()).isEqualTo(1);
        TypeSerializer<Note> today = SchemaTypes.stateSerializer(new NoteSerializer());
        TypeSerializerSchemaCompatibility<Note> compatibility =
                today.snapshotConfiguration().resolveSchemaCompatibility(old);
        assertThat(compatibility.isCompatibleAsIs()).isTrue();

        TypeSerializer<Note> restored = old.restoreSerializer();
        restored.serialize(new Note("new", 5), state);
        DataInputDeserializer in = new DataInputDeserializer(state.getCopyOfBuffer());
        assertThat(restored.deserialize(in)).isEqualTo(new Note("old", 0));
        assertThat(restored.deserialize(in)).isEqualTo(new Note("new", 5));
    }

    @Test
    void stateFromANewerVersionIsIncompatible() throws IOException {
        TypeSerializerSnapshot<Note> tomorrow =
                readSnapshot(
                        writeSnapshot(
                                SchemaTypes.stateSerializer(new NoteSerializer())
                                        .snapshotConfiguration()));
        NoteSerializer.currentVersion = 1;
        TypeSerializer<Note> today = SchemaTypes.stateSerializer(new NoteSerializer());
        assertThat(
                        today.snapshotConfiguration()
                                .resolveSchemaCompatibility(tomorrow)
                                .isIncompatible())
                .isTrue();
        DataOutputSerializer out = new DataOutputSerializer(16);
        NoteSerializer.currentVersion = 2;
        SchemaTypes.stateSerializer(new NoteSerializer()).serialize(new Note("x", 1), out);
        NoteSerializer.currentVersion = 1;
        assertThatThrownBy(
                        () -> today.deserialize(new DataInputDeserializer(out.getCopyOfBuffer())))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("unknown Note serializer version 2");
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void anotherRecordSerializerIsIncompatible() throws IOException {
        TypeSerializerSnapshot other =
                readSnapshot(
                        writeSnapshot(
                                SchemaTypes.stateSerializer(new SyncEventSerializer())
                                        .snapshotConfiguration()));
        TypeSerializer<SyncEntity> entities =
                SchemaTypes.stateSerializer(new SyncEntitySerializer());
        assertThat(
                        entities.snapshotConfiguration()
                                .resolveSchemaCompatibility(other)
                                .isIncompatible())
                .isTrue();
    }

    @Test
    void typeInfoCreatesTheVersionedSerializer() {
        assertThat(SchemaTypes.SYNC_ENTITY.createSerializer(new SerializerConfigImpl()))
                .isEqualTo(SchemaTypes.stateSerializer(new SyncEntitySerializer()));
        assertThat(SchemaTypes.SYNC_ENTITY.getTypeClass()).isEqualTo(SyncEntity.class);
        assertThat(SchemaTypes.SYNC_ENTITY).isNotEqualTo(SchemaTypes.SYNC_EVENT);
    }

    private static byte[] writeSnapshot(TypeSerializerSnapshot<?> snapshot) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, snapshot);
        return out.getCopyOfBuffer();
    }

    private static <T> TypeSerializerSnapshot<T> readSnapshot(byte[] bytes) throws IOException {
        return TypeSerializerSnapshot.readVersionedSnapshot(
                new DataInputDeserializer(bytes),
                VersionedTypeSerializerTest.class.getClassLoader());
    }

    /** Flink's conformance checks for a TypeSerializer, per record. */
    abstract static class Conformance<T> extends SerializerTestBase<T> {
        @Override
        protected int getLength() {
            return -1;
        }

        @Override
        protected boolean allowNullInstances(TypeSerializer<T> serializer) {
            return true;
        }
    }

    @Nested
    class SyncEntities extends Conformance<SyncEntity> {
        @Override
        protected TypeSerializer<SyncEntity> createSerializer() {
            return SchemaTypes.stateSerializer(new SyncEntitySerializer());
        }

        @Override
        protected Class<SyncEntity> getTypeClass() {
            return SyncEntity.class;
        }

        @Override
        protected SyncEntity[] getTestData() {
            return new SyncEntity[] {
                TestRecords.entity(), TestRecords.minimalEntity(), TestRecords.nonFiniteEntity()
            };
        }
    }

    @Nested
    class EntityChanges extends Conformance<EntityChange> {
        @Override
        protected TypeSerializer<EntityChange> createSerializer() {
            return SchemaTypes.stateSerializer(new EntityChangeSerializer());
        }

        @Override
        protected Class<EntityChange> getTypeClass() {
            return EntityChange.class;
        }

        @Override
        protected EntityChange[] getTestData() {
            return new EntityChange[] {TestRecords.upsert(), TestRecords.delete()};
        }
    }

    @Nested
    class SyncEvents extends Conformance<SyncEvent> {
        @Override
        protected TypeSerializer<SyncEvent> createSerializer() {
            return SchemaTypes.stateSerializer(new SyncEventSerializer());
        }

        @Override
        protected Class<SyncEvent> getTypeClass() {
            return SyncEvent.class;
        }

        @Override
        protected SyncEvent[] getTestData() {
            return new SyncEvent[] {TestRecords.event(), TestRecords.minimalEvent()};
        }
    }

    @Nested
    class RepairRecords extends Conformance<RepairRecord> {
        @Override
        protected TypeSerializer<RepairRecord> createSerializer() {
            return SchemaTypes.stateSerializer(new RepairRecordSerializer());
        }

        @Override
        protected Class<RepairRecord> getTypeClass() {
            return RepairRecord.class;
        }

        @Override
        protected RepairRecord[] getTestData() {
            return new RepairRecord[] {TestRecords.mismatch(), TestRecords.orphanWithoutId()};
        }
    }

    @Nested
    class DeadLetters extends Conformance<DeadLetter> {
        @Override
        protected TypeSerializer<DeadLetter> createSerializer() {
            return SchemaTypes.stateSerializer(new DeadLetterSerializer());
        }

        @Override
        protected Class<DeadLetter> getTypeClass() {
            return DeadLetter.class;
        }

        @Override
        protected DeadLetter[] getTestData() {
            return new DeadLetter[] {TestRecords.deadLetter(), TestRecords.deadLetterWithoutId()};
        }
    }

    /** A record that gains a field in version 2. */
    static final class Note {
        final String text;
        final int priority;

        Note(String text, int priority) {
            this.text = text;
            this.priority = priority;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Note
                    && ((Note) o).text.equals(text)
                    && ((Note) o).priority == priority;
        }

        @Override
        public int hashCode() {
            return Objects.hash(text, priority);
        }

        @Override
        public String toString() {
            return "Note{" + text + ", " + priority + '}';
        }
    }

    /** Yesterday's (version 1) or today's (version 2) build, as the test sets it. */
    public static final class NoteSerializer extends RecordSerializer<Note> {
        static volatile int currentVersion = 2;

        public NoteSerializer() {
            super("Note", 32);
        }

        @Override
        public int getVersion() {
            return currentVersion;
        }

        @Override
        protected void writeCurrentVersion(Note note, DataOutputSerializer out) throws IOException {
            BinaryFields.writeString(out, note.text);
            if (currentVersion >= 2) {
                out.writeInt(note.priority);
            }
        }

        @Override
        protected Note read(int version, DataInputDeserializer in) throws IOException {
            if (version > currentVersion) {
                throw unknownVersion(version);
            }
            switch (version) {
                case 1:
                    return new Note(BinaryFields.readString(in), 0);
                case 2:
                    return new Note(BinaryFields.readString(in), in.readInt());
                default:
                    throw unknownVersion(version);
            }
        }
    }
}
