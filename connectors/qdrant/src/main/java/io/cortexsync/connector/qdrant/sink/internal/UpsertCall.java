package io.cortexsync.connector.qdrant.sink.internal;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import io.grpc.MethodDescriptor;
import io.grpc.stub.ClientCalls;
import io.qdrant.client.grpc.Points.PointsOperationResponse;
import io.qdrant.client.grpc.Points.UpdateResult;
import io.qdrant.client.grpc.PointsGrpc;

/**
 * The Points service's {@code Upsert} call with an {@link UpsertRequest} in place of the generated
 * request message: the same method, answer and call options (API key, deadline) as the client's
 * own upsert, so Qdrant sees the same request.
 */
final class UpsertCall {

    private static final MethodDescriptor<UpsertRequest, PointsOperationResponse> METHOD =
            PointsGrpc.getUpsertMethod().toBuilder(UpsertRequest.MARSHALLER, PointsGrpc.getUpsertMethod().getResponseMarshaller())
                    .build();

    private UpsertCall() {}

    /** Sends the request on the stub's channel with the stub's call options; completes with Qdrant's result. */
    static ListenableFuture<UpdateResult> send(PointsGrpc.PointsFutureStub stub, UpsertRequest request) {
        ListenableFuture<PointsOperationResponse> response =
                ClientCalls.futureUnaryCall(stub.getChannel().newCall(METHOD, stub.getCallOptions()), request);
        return Futures.transform(response, PointsOperationResponse::getResult, MoreExecutors.directExecutor());
    }
}
