package dev.skyhook.benchmarks.coldstart;

/** The reference beneath the floor: a bare JVM that prints a JSON string and exits. */
public final class PrintJson {
    private PrintJson() {}

    public static void main(String[] args) {
        System.out.println("\"Hello from Lambda!\"");
    }
}
