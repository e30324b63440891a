package dev.skyhook.hosts.lambda;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Everything written to standard output and error while open: what CloudWatch Logs would receive from the function. */
final class CapturedOutput implements AutoCloseable {
    private final PrintStream originalOut = System.out;
    private final PrintStream originalErr = System.err;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    CapturedOutput() {
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    synchronized String text() {
        return out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
    }

    List<String> lines() {
        return text().lines().filter(line -> !line.isBlank()).toList();
    }

    /** A point in the output, to take the lines written after it. */
    record Mark(int out, int err) {}

    synchronized Mark mark() {
        return new Mark(out.size(), err.size());
    }

    synchronized List<String> linesSince(Mark mark) {
        byte[] outBytes = out.toByteArray();
        byte[] errBytes = err.toByteArray();
        String since = new String(outBytes, mark.out(), outBytes.length - mark.out(), StandardCharsets.UTF_8)
                + new String(errBytes, mark.err(), errBytes.length - mark.err(), StandardCharsets.UTF_8);
        return since.lines().filter(line -> !line.isBlank()).toList();
    }

    synchronized List<String> standardOutputLinesSince(Mark mark) {
        byte[] outBytes = out.toByteArray();
        return new String(outBytes, mark.out(), outBytes.length - mark.out(), StandardCharsets.UTF_8)
                .lines()
                .filter(line -> !line.isBlank())
                .toList();
    }

    @Override
    public void close() {
        System.setOut(originalOut);
        System.setErr(originalErr);
        // Kept in the test's report: what the function wrote is the first thing to read on a failure.
        originalOut.print(text());
    }
}
