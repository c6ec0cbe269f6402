package io.cortexsync.connector.surrealdb.client;

import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Error replies, frozen from the real engine. */
class RpcMessagesTest {

    @Test
    void aParseErrorIsAnRpcExceptionWithCodeKindAndMessage() {
        // query "RETURN person:⟨a⟩b⟩"
        byte[] reply = HexFormat.of().parseHex("a1656572726f72a4656361757365c6f664636f6465397cff646b696e646a56616c69646174696f6e676d65737361676578815061727365206572726f723a20556e657870656374656420746f6b656e2060616e206964656e746966696572602c20657870656374656420456f660a202d2d3e205b313a31385d0a20207c0a31207c2052455455524e20706572736f6e3ae29fa861e29fa962e29fa90a20207c2020202020202020202020202020202020205e0a");
        assertThatThrownBy(() -> RpcMessages.result("query", reply, Set.of()))
                .isInstanceOfSatisfying(SurrealRpcException.class, e -> {
                    assertThat(e.code()).isEqualTo(-32000);
                    assertThat(e.kind()).isEqualTo("Validation");
                    assertThat(e.serverMessage()).startsWith("Parse error: Unexpected token");
                });
    }

    @Test
    void garbageIsAProtocolFailure() {
        assertThatThrownBy(() -> RpcMessages.result("query", new byte[] {(byte) 0x82, 1}, Set.of()))
                .isExactlyInstanceOf(SurrealException.class)
                .hasMessageContaining("malformed CBOR reply to 'query'");
    }
}
