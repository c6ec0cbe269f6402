package io.cortexsync.schema.serialization;

import io.cortexsync.schema.model.DeadLetter;

import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class SerializerTypeInfoTest {

    @Test
    void aRecordSerializerIsWrappedInItsVersionedStateSerializer() throws Exception {
        SerializerTypeInfo<DeadLetter> info = SerializerTypeInfo.of(DeadLetter.class, new DeadLetterSerializer());
        TypeSerializer<DeadLetter> serializer = info.createSerializer(new SerializerConfigImpl());
        assertThat(serializer).isEqualTo(new VersionedTypeSerializer<>(new DeadLetterSerializer()));

        DeadLetter letter = DeadLetter.of("{}", "bad vector", "test", "docs:1", Instant.parse("2026-01-02T03:04:05Z"));
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(letter, out);
        assertThat(serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()))).isEqualTo(letter);
    }

    @Test
    void equalForTheSameClassAndSerializerOnly() throws Exception {
        SerializerTypeInfo<String> info = SerializerTypeInfo.of(String.class, StringSerializer.INSTANCE);
        assertThat(info).isEqualTo(SerializerTypeInfo.of(String.class, StringSerializer.INSTANCE))
                .hasSameHashCodeAs(SerializerTypeInfo.of(String.class, StringSerializer.INSTANCE))
                .isNotEqualTo(Types.STRING)
                .isEqualTo(InstantiationUtil.clone(info));
        assertThat(info.createSerializer(new SerializerConfigImpl())).isSameAs(StringSerializer.INSTANCE);
        assertThat(info.getTypeClass()).isEqualTo(String.class);
        assertThat(info.isKeyType()).isFalse();
        assertThat(info).hasToString("String");
    }
}
