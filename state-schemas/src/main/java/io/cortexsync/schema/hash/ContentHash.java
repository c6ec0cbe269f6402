package io.cortexsync.schema.hash;

import io.cortexsync.schema.ids.RecordId;
import io.cortexsync.schema.model.JsonValues;
import io.cortexsync.schema.model.SyncEntity;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;

/**
 * The {@code _content_hash} of an entity: 128 bits, written as 32 lower-case hex characters.
 *
 * <p>Definition (version 1): the first 16 bytes of SHA-256 over the concatenation of
 *
 * <ol>
 *   <li>the canonical record id ({@link RecordId#canonical()}) in UTF-8, preceded by its byte
 *       length;
 *   <li>the vector: its element count, then each element as the 4 bytes of its IEEE-754 binary32
 *       bit pattern (as is: {@code -0.0} and {@code 0.0} differ);
 *   <li>the metadata as canonical JSON ({@link CanonicalJson}) in UTF-8, leaving out top-level keys
 *       that start with {@code _} (the sync fields; nested keys are user data and kept), preceded
 *       by its byte length.
 * </ol>
 *
 * <p>Every length and count is an unsigned 32-bit integer, and every integer and float is
 * little-endian. Only vectors as read from SurrealDB are hashed: Qdrant normalizes vectors in
 * Cosine collections, so vectors read back from Qdrant never reproduce the hash.
 */
public final class ContentHash {

    /** Number of hex characters in a content hash. */
    public static final int HEX_LENGTH = 32;

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private static final VarHandle LITTLE_ENDIAN_INT =
            MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    /**
     * Each thread's digest and buffers, reused: a hash runs for every record a job writes, and
     * looking SHA-256 up, or allocating a vector's bytes, costs about as much as the hashing. The
     * hashing threads are a task's own, which end with it, so the buffers do not outlive the job.
     */
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /** The most metadata text a thread's buffer keeps between hashes. */
    private static final int KEPT_JSON_CHARS = 64 * 1024;

    private static final class Scratch {
        final MessageDigest sha256 = sha256();
        final byte[] length = new byte[4];
        StringBuilder json = new StringBuilder(256);
        byte[] vectorBytes = new byte[0];
    }

    private ContentHash() {}

    /** The content hash of an entity. */
    public static String of(SyncEntity entity) {
        return hash(entity.id(), entity.vectorView(), entity.metadata());
    }

    /** The content hash of a record id, vector and metadata (normalized by {@link JsonValues}). */
    public static String of(RecordId id, float[] vector, Map<String, ?> metadata) {
        return hash(id, FloatBuffer.wrap(vector), JsonValues.normalizeObject(metadata));
    }

    /** The canonical JSON of metadata as hashed: sorted keys, top-level {@code _} keys left out. */
    public static String canonicalMetadata(Map<String, ?> metadata) {
        StringBuilder out = new StringBuilder();
        CanonicalJson.writeObject(JsonValues.normalizeObject(metadata), out, true);
        return out.toString();
    }

    /** Whether a top-level metadata key is a sync field, left out of the hash. */
    public static boolean isExcludedKey(String key) {
        return key.startsWith("_");
    }

    private static String hash(RecordId id, FloatBuffer vector, Map<String, Object> metadata) {
        Scratch scratch = SCRATCH.get();
        MessageDigest sha256 = scratch.sha256;
        sha256.reset();
        updateLengthPrefixed(sha256, scratch.length, id.canonical().getBytes(StandardCharsets.UTF_8));

        // the count, then the elements' bits in one bulk copy: this runs for every migrated record
        int dimension = vector.remaining();
        int size = 4 + 4 * dimension;
        if (scratch.vectorBytes.length < size) {
            scratch.vectorBytes = new byte[size];
        }
        byte[] vectorBytes = scratch.vectorBytes;
        LITTLE_ENDIAN_INT.set(vectorBytes, 0, dimension);
        ByteBuffer.wrap(vectorBytes, 4, 4 * dimension).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().put(vector.duplicate());
        sha256.update(vectorBytes, 0, size);

        StringBuilder json = scratch.json;
        json.setLength(0);
        CanonicalJson.writeObject(metadata, json, true);
        updateLengthPrefixed(sha256, scratch.length, json.toString().getBytes(StandardCharsets.UTF_8));
        if (json.capacity() > KEPT_JSON_CHARS) {
            scratch.json = new StringBuilder(256);
        }

        byte[] digest = sha256.digest();
        char[] hex = new char[HEX_LENGTH];
        for (int i = 0; i < HEX_LENGTH / 2; i++) {
            hex[2 * i] = HEX[(digest[i] >> 4) & 0xF];
            hex[2 * i + 1] = HEX[digest[i] & 0xF];
        }
        return new String(hex);
    }

    /** Adds the bytes preceded by their length (4 bytes, little-endian, through {@code length}). */
    private static void updateLengthPrefixed(MessageDigest sha256, byte[] length, byte[] bytes) {
        LITTLE_ENDIAN_INT.set(length, 0, bytes.length);
        sha256.update(length);
        sha256.update(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }
}
