package io.cortexsync.schema.serialization;

import io.cortexsync.schema.TestRecords;
import io.cortexsync.schema.model.SyncEntity;

import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordSerializersTest {

    // Version-1 bytes, written once by the version-1 serializers and frozen here: they must
    // stay readable by every later build. Never regenerate them.
    private static final String V1_ENTITY =
            "00000003646f63000000000b68656c6c6f20776f726c64000000033dcccccdbfa000004040000000"
                + "000006000000057469746c65050000000f48c3a96c6c6f20e29fa920f09f9a80000000016e030000"
                + "0000000000010000000178043ff800000000000000000003626967060000000900ab54a98ceb1f0a"
                + "d200000004746167730700000002050000000161050000000162000000066e657374656408000000"
                + "02000000016202000000016100000000006b069c880754d4c00000000477732d3101000000000000"
                + "0007";

    private static final String V1_MINIMAL_ENTITY =
            "00000003646f6301000000000000002a0000000000000000000000006b069c89000001c800000004"
                    + "77732d3100";

    private static final String V1_NON_FINITE_ENTITY =
            "00000003646f63020190c5b27d4e7a118f00123456789abc000000047fc000007f800000ff800000"
                    + "8000000000000000000000006b069c89000001c80000000477732d3200";

    private static final String V1_UPSERT =
            "00000006555053455254000000057265712d31000000006b069c89000001c800000001000000ca00"
                + "000003646f63000000000b68656c6c6f20776f726c64000000033dcccccdbfa00000404000000000"
                + "0006000000057469746c65050000000f48c3a96c6c6f20e29fa920f09f9a80000000016e03000000"
                + "00000000010000000178043ff800000000000000000003626967060000000900ab54a98ceb1f0ad2"
                + "00000004746167730700000002050000000161050000000162000000066e65737465640800000002"
                + "000000016202000000016100000000006b069c880754d4c00000000477732d310100000000000000"
                + "07";

    private static final String V1_DELETE =
            "0000000644454c455445000000057265712d32000000006b069c89000001c800000003646f630100"
                    + "0000000000002a";

    private static final String V1_EVENT =
            "000000085245545259494e470100000006646f633a343201000000057265712d3200000013716472"
                + "616e743a20554e415641494c41424c45000000020000000000000096000000006b069c880754d4c0";

    private static final String V1_MINIMAL_EVENT =
            "0000000b444541445f4c4554544552000000000000000000000000000000000000000000006b069c"
                    + "89000001c8";

    private static final String V1_MISMATCH =
            "000000084d49534d415443480100000006646f633a3432d02745a2dc0151b9b1c761980bf220de00"
                + "000003646f63000000d0010000002030373838313563666666306563333965353939336665623836"
                + "63613632373039010000002039353761666439373132633366623737333361656138303061326134"
                + "65666137000000006b069c880754d4c00000000c5550534552545f504f494e54";

    private static final String V1_ORPHAN =
            "0000000d4f525048414e5f564543544f5200a3898253fe00510eb95b839a2e19dfb800000003646f"
                    + "63000000a30000000000006b069c89000001c8000000044e4f4e45";

    private static final String V1_DEAD_LETTER =
            "0000001d7b226964223a22646f633a31222c22766563746f72223a5b4e614e5d7d00000017766563"
                + "746f7220656c656d656e742030206973204e614e0000000876616c69646174650100000005646f63"
                + "3a31000000006b069c880754d4c0";

    private static final String V1_DEAD_LETTER_WITHOUT_ID =
            "000000116e6f74206a736f6e200020617420616c6c0000000f756e7061727361626c65204a534f4e"
                    + "00000005706172736500000000006b069c89000001c8";

    // Version-2 bytes of RepairRecord: a tagged point id (1: a number) and a nullable table.
    private static final String V2_NUMERIC_ORPHAN =
            "0000000d4f525048414e5f564543544f520001ffffffffffffffff00000000000001000000203935"
                    + "376166643937313263336662373733336165613830306132613465666137000000006b069c880754"
                    + "d4c00000000c44454c4554455f504f494e54";

    private static final String V2_MISMATCH =
            "000000084d49534d415443480100000006646f633a343200d02745a2dc0151b9b1c761980bf220de01"
                    + "00000003646f63000000d0010000002030373838313563666666306563333965353939336665623836"
                    + "63613632373039010000002039353761666439373132633366623737333361656138303061326134"
                    + "65666137000000006b069c880754d4c00000000c5550534552545f504f494e54";

    // Version-2 bytes of EntityChange: a DELETE ends with its optional version.
    private static final String V2_VERSIONED_DELETE =
            "0000000644454c455445000000057265712d33000000006b069c89000001c800000003646f6300"
                    + "0000000b68656c6c6f20776f726c64010000000000000009";

    private static final String V2_DELETE =
            "0000000644454c455445000000057265712d32000000006b069c89000001c800000003646f630100"
                    + "0000000000002a00";

    @Test
    void readsFrozenVersion2RepairRecords() throws IOException {
        RepairRecordSerializer serializer = new RepairRecordSerializer();
        assertThat(serializer.deserialize(2, HexFormat.of().parseHex(V2_NUMERIC_ORPHAN))).isEqualTo(TestRecords.numericOrphan());
        assertThat(serializer.deserialize(2, HexFormat.of().parseHex(V2_MISMATCH))).isEqualTo(TestRecords.mismatch());
        assertThat(HexFormat.of().formatHex(serializer.serialize(TestRecords.numericOrphan()))).isEqualTo(V2_NUMERIC_ORPHAN);
        assertThat(HexFormat.of().formatHex(serializer.serialize(TestRecords.mismatch()))).isEqualTo(V2_MISMATCH);
        // version 1 bytes, with a UUID point id and a table, read as before
        assertThat(serializer.deserialize(1, HexFormat.of().parseHex(V1_MISMATCH))).isEqualTo(TestRecords.mismatch());
        byte[] unknownTag = HexFormat.of().parseHex(V2_MISMATCH.replace("646f633a343200d027", "646f633a343207d027"));
        assertThatThrownBy(() -> serializer.deserialize(2, unknownTag)).hasMessageContaining("unknown point id tag 7");
    }

    @Test
    void readsFrozenVersion2EntityChanges() throws IOException {
        EntityChangeSerializer serializer = new EntityChangeSerializer();
        assertThat(serializer.deserialize(2, HexFormat.of().parseHex(V2_VERSIONED_DELETE)))
                .isEqualTo(TestRecords.versionedDelete());
        assertThat(serializer.deserialize(2, HexFormat.of().parseHex(V2_DELETE)))
                .isEqualTo(TestRecords.delete());
        assertThat(HexFormat.of().formatHex(serializer.serialize(TestRecords.versionedDelete())))
                .isEqualTo(V2_VERSIONED_DELETE);
        // version 1 knew no delete versions: its bytes read as an unversioned delete
        assertThat(serializer.deserialize(1, HexFormat.of().parseHex(V1_DELETE)).version()).isNull();
    }

    static List<Frozen<?>> frozenV1() {
        return List.of(
                frozen(new SyncEntitySerializer(), V1_ENTITY, TestRecords.entity()),
                frozen(new SyncEntitySerializer(), V1_MINIMAL_ENTITY, TestRecords.minimalEntity()),
                frozen(
                        new SyncEntitySerializer(),
                        V1_NON_FINITE_ENTITY,
                        TestRecords.nonFiniteEntity()),
                frozen(new EntityChangeSerializer(), V1_UPSERT, TestRecords.upsert()),
                frozen(new EntityChangeSerializer(), V1_DELETE, TestRecords.delete()),
                frozen(new SyncEventSerializer(), V1_EVENT, TestRecords.event()),
                frozen(new SyncEventSerializer(), V1_MINIMAL_EVENT, TestRecords.minimalEvent()),
                frozen(new RepairRecordSerializer(), V1_MISMATCH, TestRecords.mismatch()),
                frozen(new RepairRecordSerializer(), V1_ORPHAN, TestRecords.orphanWithoutId()),
                frozen(new DeadLetterSerializer(), V1_DEAD_LETTER, TestRecords.deadLetter()),
                frozen(
                        new DeadLetterSerializer(),
                        V1_DEAD_LETTER_WITHOUT_ID,
                        TestRecords.deadLetterWithoutId()));
    }

    @ParameterizedTest
    @MethodSource("frozenV1")
    void readsFrozenVersion1Bytes(Frozen<Object> frozen) throws IOException {
        assertThat(frozen.serializer.deserialize(1, frozen.bytes)).isEqualTo(frozen.expected);
    }

    @ParameterizedTest
    @MethodSource("frozenV1")
    void roundTripsEveryRecord(Frozen<Object> frozen) throws IOException {
        byte[] bytes = frozen.serializer.serialize(frozen.expected);
        assertThat(frozen.serializer.deserialize(frozen.serializer.getVersion(), bytes))
                .isEqualTo(frozen.expected);
    }

    @ParameterizedTest
    @MethodSource("frozenV1")
    void rejectsTrailingBytes(Frozen<Object> frozen) {
        byte[] longer = Arrays.copyOf(frozen.bytes, frozen.bytes.length + 1);
        assertThatThrownBy(() -> frozen.serializer.deserialize(1, longer))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("1 trailing bytes");
    }

    @ParameterizedTest
    @MethodSource("frozenV1")
    void rejectsTruncatedBytes(Frozen<Object> frozen) {
        for (int length : new int[] {0, 1, frozen.bytes.length / 2, frozen.bytes.length - 1}) {
            byte[] shorter = Arrays.copyOf(frozen.bytes, length);
            assertThatThrownBy(() -> frozen.serializer.deserialize(1, shorter))
                    .isInstanceOf(IOException.class);
        }
    }

    @ParameterizedTest
    @MethodSource("frozenV1")
    void rejectsUnknownVersions(Frozen<Object> frozen) {
        int current = frozen.serializer.getVersion();
        for (int version : new int[] {0, current + 1, -1}) {
            assertThatThrownBy(() -> frozen.serializer.deserialize(version, frozen.bytes))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("serializer version " + version)
                    .hasMessageContaining("reads versions 1 to " + current);
        }
    }

    @Test
    void currentVersions() {
        assertThat(new SyncEntitySerializer().getVersion())
                .isEqualTo(SyncEntitySerializer.VERSION_1);
        assertThat(new EntityChangeSerializer().getVersion())
                .isEqualTo(EntityChangeSerializer.VERSION_2);
        assertThat(new SyncEventSerializer().getVersion()).isEqualTo(SyncEventSerializer.VERSION_1);
        assertThat(new RepairRecordSerializer().getVersion())
                .isEqualTo(RepairRecordSerializer.VERSION_2);
        assertThat(new DeadLetterSerializer().getVersion())
                .isEqualTo(DeadLetterSerializer.VERSION_1);
    }

    @Test
    void keepsNaNPayloadsAndNegativeZeroBitForBit() throws IOException {
        float oddNaN = Float.intBitsToFloat(0x7fc00001);
        SyncEntity entity =
                TestRecords.minimalEntity().toBuilder().vector(new float[] {oddNaN, -0.0f}).build();
        SyncEntitySerializer serializer = new SyncEntitySerializer();
        float[] back = serializer.deserialize(1, serializer.serialize(entity)).vector();
        assertThat(Float.floatToRawIntBits(back[0])).isEqualTo(0x7fc00001);
        assertThat(Float.floatToRawIntBits(back[1])).isEqualTo(0x80000000);
    }

    @Test
    void corruptContentIsAnIOExceptionNamingTheRecord() {
        // A valid frame whose table is blank: the record's own check fails.
        byte[] blankTable = HexFormat.of().parseHex(V1_MINIMAL_ENTITY);
        blankTable[4] = ' ';
        blankTable[5] = ' ';
        blankTable[6] = ' ';
        assertThatThrownBy(() -> new SyncEntitySerializer().deserialize(1, blankTable))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("corrupt SyncEntity (version 1)")
                .hasMessageContaining("table must not be blank");
        // A length far beyond the bytes present must not allocate it.
        byte[] hugeLength = HexFormat.of().parseHex(V1_MINIMAL_ENTITY);
        hugeLength[0] = 0x7f;
        assertThatThrownBy(() -> new SyncEntitySerializer().deserialize(1, hugeLength))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("corrupt length");
    }

    static final class Frozen<T> {
        final SimpleVersionedSerializer<T> serializer;
        final byte[] bytes;
        final T expected;

        Frozen(SimpleVersionedSerializer<T> serializer, String hex, T expected) {
            this.serializer = serializer;
            this.bytes = HexFormat.of().parseHex(hex);
            this.expected = expected;
        }

        @Override
        public String toString() {
            return serializer.getClass().getSimpleName() + " " + expected;
        }
    }

    private static <T> Frozen<?> frozen(
            SimpleVersionedSerializer<T> serializer, String hex, T expected) {
        return new Frozen<>(serializer, hex, expected);
    }
}
