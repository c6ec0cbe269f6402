package io.cortexsync.testkit.qdrant;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/** The gRPC errors Qdrant 1.18 answers with, worded as Qdrant words them. */
final class QdrantErrors {

    private QdrantErrors() {}

    /** A request rejected before it reaches storage (Qdrant's plain {@code invalid_argument}). */
    static StatusRuntimeException invalidArgument(String message) {
        return Status.INVALID_ARGUMENT.withDescription(message).asRuntimeException();
    }

    /** Qdrant's {@code StorageError::BadInput}. */
    static StatusRuntimeException badInput(String description) {
        return invalidArgument("Wrong input: " + description);
    }

    /** Qdrant's request validation, e.g. a limit of 0. */
    static StatusRuntimeException validation(String field, String problem) {
        return invalidArgument("Validation error in body: [" + field + ": " + problem + "]");
    }

    static StatusRuntimeException notFound(String description) {
        return Status.NOT_FOUND.withDescription("Not found: " + description).asRuntimeException();
    }

    static StatusRuntimeException collectionNotFound(String name) {
        return notFound("Collection `" + name + "` doesn't exist!");
    }

    static StatusRuntimeException collectionExists(String name) {
        return Status.ALREADY_EXISTS
                .withDescription("Wrong input: Collection `" + name + "` already exists!")
                .asRuntimeException();
    }

    static StatusRuntimeException pointNotFound(PointKey id) {
        return notFound("No point with id " + id + " found");
    }

    static StatusRuntimeException wrongDimension(int expected, int got, String vectorName) {
        String suffix = vectorName.isEmpty() ? "" : " for vector '" + vectorName + "'";
        return badInput(
                "Vector dimension error: expected dim: " + expected + ", got " + got + suffix);
    }

    static StatusRuntimeException unknownVectorName(String name) {
        return badInput("Not existing vector name error: " + name);
    }
}
