package dev.skyhook.benchmarks.coldstart;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** The harness's command line; every option has a default that {@code cold-start.sh} fills in. */
final class Options {
    static final List<String> ALL_VARIANTS = List.of(Variant.DAGGER, Variant.DAGGER_CLASS_DATA, Variant.DAGGER_ALL_ROUTES,
        Variant.MICRONAUT, Variant.FLOOR, Variant.FLOOR_CLASS_DATA, Variant.BARE_JVM);
    /** None: the SAM template sets no JAVA_TOOL_OPTIONS on java25. */
    static final String LAMBDA_JAVA_TOOL_OPTIONS = "";
    /**
     * The runtime's own flags for an on-demand function: serial GC, class-data sharing, a heap bounded by
     * the function's memory, and (java25, without SnapStart or provisioned concurrency) C1 only.
     */
    static final String LAMBDA_JVM_FLAGS = "-XX:+UseSerialGC -Xshare:auto -XX:TieredStopAtLevel=1 -XX:MaxHeapSize=870m";

    int runs = 10;
    int warmInvokes = 5;
    int memoryMegabytes = 1024;
    List<String> variants = ALL_VARIANTS;
    List<String> requests = List.of();
    Path lambdaZip = Path.of("../lambda/target/skyhook-lambda.zip");
    Path serverJar = Path.of("../server/target/skyhook-server.jar");
    Path runtimeClassPathFile = Path.of("target/lambda-runtime.classpath");
    Path workDirectory = Path.of("target/cold-start");
    String javaToolOptions = LAMBDA_JAVA_TOOL_OPTIONS;
    List<String> jvmFlags = split(LAMBDA_JVM_FLAGS);

    static Options parse(String[] args) {
        Options options = new Options();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (name.equals("--help") || name.equals("-h")) {
                System.out.println(usage());
                System.exit(0);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(name + " needs a value\n" + usage());
            }
            String value = args[++i];
            switch (name) {
                case "--runs" -> options.runs = wholeNumber(name, value);
                case "--warm" -> options.warmInvokes = wholeNumber(name, value);
                case "--memory" -> options.memoryMegabytes = lambdaMemory(wholeNumber(name, value));
                case "--variants" -> options.variants = List.of(value.split(","));
                case "--requests" -> options.requests = List.of(value.split(","));
                case "--lambda-zip" -> options.lambdaZip = Path.of(value);
                case "--server-jar" -> options.serverJar = Path.of(value);
                case "--runtime-class-path" -> options.runtimeClassPathFile = Path.of(value);
                case "--work" -> options.workDirectory = Path.of(value);
                case "--java-tool-options" -> options.javaToolOptions = value;
                case "--jvm-flags" -> options.jvmFlags = split(value);
                default -> throw new IllegalArgumentException("unknown option " + name + "\n" + usage());
            }
        }
        options.workDirectory = options.workDirectory.toAbsolutePath();
        return options;
    }

    private static List<String> split(String flags) {
        return flags.isBlank() ? List.of() : Arrays.asList(flags.strip().split("\\s+"));
    }

    private static int wholeNumber(String name, String value) {
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " must be a whole number, 0 or more, was '" + value + "'");
    }

    /** What Lambda accepts as a function's memory size. */
    private static int lambdaMemory(int megabytes) {
        if (megabytes < 128 || megabytes > 10_240) {
            throw new IllegalArgumentException("--memory must be from 128 to 10240 MB, as on Lambda, was " + megabytes);
        }
        return megabytes;
    }

    static String usage() {
        return """
            cold-start.sh [--runs N] [--warm M] [--variants %s] [--requests hello,users,ride,images]
                          [--memory MB] [--java-tool-options '...'] [--jvm-flags '...'] [--work DIR]
              --runs N      cold starts per variant and request (default 10)
              --warm M      warm invocations after each cold one (default 5)
              --requests    substrings of the request names: /hello, /users, /ride, /images
              --java-tool-options  JAVA_TOOL_OPTIONS of every child (default: none, as the template sets)
              --jvm-flags   the runtime's flags (default %s)""".formatted(String.join(",", ALL_VARIANTS),
            LAMBDA_JVM_FLAGS);
    }
}
