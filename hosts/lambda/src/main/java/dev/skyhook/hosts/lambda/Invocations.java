package dev.skyhook.hosts.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import dev.skyhook.hosts.lambda.logging.LogLines;
import dev.skyhook.hosts.lambda.metrics.EmfMetrics;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every handler does around its work: the invocation's request id on every log line written
 * meanwhile, a failure logged with it before Lambda sees it, and the invocation's metrics written
 * as one EMF line at the end.
 */
final class Invocations {
    /** Initialised on the first failure: the logging binding costs 20-30 ms of CPU in a cold start that logs nothing. */
    private static final class Log {
        static final Logger LOG = LoggerFactory.getLogger(Invocations.class);
    }

    interface Work {
        void run() throws IOException;
    }

    private Invocations() {}

    static void run(Context context, EmfMetrics metrics, Work work) throws IOException {
        LogLines.startInvocation(context.getAwsRequestId());
        try {
            work.run();
        } catch (IOException | RuntimeException | Error e) {
            Log.LOG.error("Invocation failed: {}", e.toString(), e);
            throw e;
        } finally {
            metrics.endInvocation(context.getFunctionName(), context.getAwsRequestId());
            LogLines.endInvocation();
        }
    }
}
