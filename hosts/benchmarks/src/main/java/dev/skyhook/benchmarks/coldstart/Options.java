package dev.skyhook.benchmarks.coldstart;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** The harness's command line; every option has a default that {@code cold-start.sh} fills in. */
final class Options {
    static final List<String> ALL_VARIANTS = List.of(
            Variant.DAGGER,
            Variant.DAGGER_CLASS_DATA,
            Variant.DAGGER_ALL_ROUTES,
            Variant.MICRONAUT,
            Variant.FLOOR,
            Variant.FLOOR_CLASS_DATA,
            Variant.BARE_JVM,
            Variant.DAGGER_SNAP_START,
            Variant.FLOOR_SNAP_START,
            Variant.DAGGER_SNAP_START_LAZY,
            Variant.FLOOR_SNAP_START_LAZY,
            Variant.DAGGER_SNAP_START_BASELINE,
            Variant.WILD_RYDES_NODE);
    /** Without the variants that need more than the build: CRIU, a second package, node and the original function. */
    static final List<String> DEFAULT_VARIANTS = List.of(
            Variant.DAGGER,
            Variant.DAGGER_CLASS_DATA,
            Variant.DAGGER_ALL_ROUTES,
            Variant.MICRONAUT,
            Variant.FLOOR,
            Variant.FLOOR_CLASS_DATA,
            Variant.BARE_JVM);
    /** What the SAM template sets for every function: C1 only, also after a SnapStart restore. */
    static final String LAMBDA_JAVA_TOOL_OPTIONS = "-XX:+TieredCompilation -XX:TieredStopAtLevel=1";
    /**
     * The runtime's own flags for an on-demand function: serial GC, class-data sharing, a heap bounded by
     * the function's memory, and (java25, without SnapStart or provisioned concurrency) C1 only.
     */
    static final String LAMBDA_JVM_FLAGS = "-XX:+UseSerialGC -Xshare:auto -XX:TieredStopAtLevel=1 -XX:MaxHeapSize=870m "
            + "-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac";
    /** The one on-demand flag the runtime drops with SnapStart: C2 stays on for the restored copies. */
    static final String ON_DEMAND_ONLY_FLAG = "-XX:TieredStopAtLevel=1";

    int runs = 10;
    int warmInvokes = 5;
    int memoryMegabytes = 1024;
    List<String> variants = DEFAULT_VARIANTS;
    /** The package of the {@code dagger-snap-base} variant: an earlier build, to compare with in one run. */
    Path baselineZip;
    /** The original Wild Rydes function: requestUnicorn.js, invoke_once.js, local-env.js and node_modules. */
    Path wildRydes;
    /** Where to write, per function, the classes its restored copies load (the SnapStart priming lists). */
    Path recordClasses;

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
                case "--baseline-zip" -> options.baselineZip = Path.of(value);
                case "--wildrydes" -> options.wildRydes = Path.of(value);
                case "--record-classes" ->
                    options.recordClasses = Path.of(value).toAbsolutePath();
                case "--java-tool-options" -> options.javaToolOptions = value;
                case "--jvm-flags" -> options.jvmFlags = split(value);
                default -> throw new IllegalArgumentException("unknown option " + name + "\n" + usage());
            }
        }
        options.workDirectory = options.workDirectory.toAbsolutePath();
        if (options.variants.contains(Variant.DAGGER_SNAP_START_BASELINE) && options.baselineZip == null) {
            throw new IllegalArgumentException(
                    "the variant " + Variant.DAGGER_SNAP_START_BASELINE + " needs --baseline-zip");
        }
        if (options.variants.contains(Variant.WILD_RYDES_NODE) && options.wildRydes == null) {
            throw new IllegalArgumentException("the variant " + Variant.WILD_RYDES_NODE + " needs --wildrydes DIR");
        }
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

    /** The runtime's flags for a SnapStart version: C2 kept, and no performance-data file (CRIU would have to restore it). */
    List<String> snapStartJvmFlags() {
        List<String> flags = new java.util.ArrayList<>(jvmFlags);
        flags.remove(ON_DEMAND_ONLY_FLAG);
        flags.add("-XX:-UsePerfData");
        return flags;
    }

    static String usage() {
        return """
            cold-start.sh [--runs N] [--warm M] [--variants %s] [--requests hello,users,ride,images]
                          [--memory MB] [--java-tool-options '...'] [--jvm-flags '...'] [--work DIR]
                          [--baseline-zip ZIP] [--wildrydes DIR] [--record-classes DIR]
              --runs N      cold starts per variant and request (default 10)
              --warm M      warm invocations after each cold one (default 5)
              --variants    default %s; dagger-snap and floor-snap restore a CRIU checkpoint (emulated
                            SnapStart; needs a working criu, see docs/cold-start.md), every page copied before
                            the process resumes; floor-snap-lazy and dagger-snap-lazy copy each page when it is
                            first touched and the rest in the background (userfaultfd); dagger-snap-base is
                            dagger-snap on --baseline-zip; wildrydes-node is the original Wild Rydes function
                            in --wildrydes DIR (requestUnicorn.js, invoke_once.js, local-env.js, node_modules)
              --record-classes DIR  write DIR/<Handler>.classes: the classes dagger-snap's restored copies
                            load (after the checkpoint), the list its SnapStart priming loads before it
              --requests    substrings of the request names: /hello, /users, /ride, /images
              --java-tool-options  JAVA_TOOL_OPTIONS of every child (default: the template's, %s)
              --jvm-flags   the runtime's flags (default %s; restored variants drop %s, as the runtime does)""".formatted(
                        String.join(",", ALL_VARIANTS),
                        String.join(",", DEFAULT_VARIANTS),
                        LAMBDA_JAVA_TOOL_OPTIONS,
                        LAMBDA_JVM_FLAGS,
                        ON_DEMAND_ONLY_FLAG);
    }
}
