package io.dynarocks.engine.operation;

import io.dynarocks.protocol.operation.DescribeEndpointsRequest;
import io.dynarocks.protocol.operation.DescribeEndpointsResponse;
import io.dynarocks.protocol.operation.Response;

/**
 * DescribeEndpoints: the endpoint to send requests to is the one the client used. DynamoDB answers
 * its regional endpoint with a cache period of 1440 minutes (one day).
 */
public final class DescribeEndpointsOperation implements Operation<DescribeEndpointsRequest> {

    private static final long CACHE_PERIOD_MINUTES = 1440;

    @Override
    public Response execute(DescribeEndpointsRequest request) {
        return new DescribeEndpointsResponse(request.address(), CACHE_PERIOD_MINUTES);
    }
}
