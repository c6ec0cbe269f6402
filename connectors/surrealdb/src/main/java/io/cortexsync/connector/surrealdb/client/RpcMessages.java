package io.cortexsync.connector.surrealdb.client;

import io.cortexsync.connector.surrealdb.client.cbor.CborException;
import io.cortexsync.connector.surrealdb.client.cbor.CborReader;
import io.cortexsync.connector.surrealdb.client.cbor.CborWriter;
import io.cortexsync.connector.surrealdb.client.cbor.SurrealValueWriter;

import java.util.Map;
import java.util.Set;

/** The RPC request body {@code {method, params}} and the reply {@code {result}} or {@code {error}}. */
final class RpcMessages {

    private RpcMessages() {}

    static byte[] request(String method, Object... params) {
        CborWriter out = new CborWriter();
        out.writeMapHeader(2);
        out.writeText("method");
        out.writeText(method);
        out.writeText("params");
        out.writeArrayHeader(params.length);
        for (Object param : params) {
            SurrealValueWriter.write(out, param);
        }
        return out.toByteArray();
    }

    /** The {@code result} of a reply, or the server's error as a {@link SurrealRpcException}. */
    static Object result(String method, byte[] reply, Set<String> floatArrayFields) {
        Object decoded;
        try {
            decoded = CborReader.decode(reply, floatArrayFields);
        } catch (CborException e) {
            throw new SurrealException("malformed CBOR reply to '" + method + "': " + e.getMessage(), e);
        }
        if (!(decoded instanceof Map)) {
            throw new SurrealException("reply to '" + method + "' is not an object: " + decoded);
        }
        Map<?, ?> envelope = (Map<?, ?>) decoded;
        Object error = envelope.get("error");
        if (error instanceof Map) {
            Map<?, ?> fields = (Map<?, ?>) error;
            Object code = fields.get("code");
            Object kind = fields.get("kind");
            return throwing(new SurrealRpcException(
                    method,
                    code instanceof Number ? ((Number) code).longValue() : 0,
                    String.valueOf(fields.get("message")),
                    kind instanceof String ? (String) kind : null));
        }
        if (!envelope.containsKey("result")) {
            throw new SurrealException("reply to '" + method + "' has neither result nor error");
        }
        return envelope.get("result");
    }

    private static Object throwing(SurrealException e) {
        throw e;
    }
}
