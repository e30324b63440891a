package dev.skyhook.benchmarks.coldstart;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The floor of the cold-start benchmark: a function that answers a constant API Gateway response and
 * does nothing else, so its cold start is the JVM plus the Lambda runtime client alone.
 */
public final class ConstantHandler implements RequestStreamHandler {
    private static final byte[] ANSWER =
            "{\"statusCode\":200,\"headers\":{\"Content-Type\":\"application/json\"},\"body\":\"\\\"Hello from Lambda!\\\"\"}"
                    .getBytes(StandardCharsets.US_ASCII);

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        output.write(ANSWER);
    }
}
