package dev.skyhook.hosts.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

/**
 * The SAM template against what the build produced: every handler it names loads from the zip,
 * the code URI is that zip, SnapStart is on, and no policy allows a wildcard action on a wildcard
 * resource.
 */
class SamTemplateIT {
    @TempDir
    static Path unpacked;
    private static Map<String, Object> template;

    @BeforeAll
    static void load() throws IOException {
        try (Reader reader = Files.newBufferedReader(Path.of(System.getProperty("sam.template", "template.yaml")))) {
            template = new Yaml().load(reader);
        }
        LambdaZip.unpack(LambdaZip.built(), unpacked);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        return (Map<String, Object>) parent.getOrDefault(key, Map.of());
    }

    @SuppressWarnings("unchecked")
    static Stream<String> handlers() throws IOException {
        if (template == null) {
            load();
        }
        return map(template, "Resources").values().stream()
            .map(resource -> (Map<String, Object>) resource)
            .filter(resource -> "AWS::Serverless::Function".equals(resource.get("Type")))
            .map(resource -> (String) map(resource, "Properties").get("Handler"));
    }

    @ParameterizedTest
    @MethodSource("handlers")
    void everyHandlerTheTemplateNamesLoadsFromTheBuiltZip(String handler) throws Exception {
        assertThat(handler).as("Handler").contains("::");
        String[] parts = handler.split("::");
        LambdaZip.assertHandlerLoads(unpacked, parts[0], parts[1]);
    }

    @Test
    void functionsRunTheBuiltZipOnJavaWithSnapStart() {
        Map<String, Object> function = map(map(template, "Globals"), "Function");

        assertThat(Path.of(System.getProperty("sam.template", "template.yaml")).resolveSibling((String) function.get("CodeUri")))
            .as("CodeUri").isEqualTo(Path.of(System.getProperty("sam.template", "template.yaml")).resolveSibling("target/skyhook-lambda.zip"));
        assertThat(LambdaZip.built()).exists();
        assertThat((String) function.get("Runtime")).startsWith("java");
        assertThat(map(function, "SnapStart")).containsEntry("ApplyOn", "PublishedVersions");
        assertThat(function).containsKeys("MemorySize", "Timeout", "AutoPublishAlias");
    }

    @Test
    @SuppressWarnings("unchecked")
    void functionsRunOnJava25WhatTheBuildCompiledOnTheArchitectureParameter() throws IOException {
        Map<String, Object> function = map(map(template, "Globals"), "Function");

        assertThat(function.get("Runtime")).isEqualTo("java25");
        try (DataInputStream classFile = new DataInputStream(Files.newInputStream(unpacked.resolve("dev/skyhook/hosts/lambda/ApiHandler.class")))) {
            classFile.readInt();
            classFile.readUnsignedShort();
            assertThat(classFile.readUnsignedShort() - 44).as("Java version of the zip's class files").isEqualTo(25);
        }
        assertThat(function.get("Architectures")).isEqualTo(List.of(Map.of("Ref", "Architecture")));
        assertThat(map(map(template, "Parameters"), "Architecture"))
            .containsEntry("Default", "x86_64").containsEntry("AllowedValues", List.of("x86_64", "arm64"));
        // java25 chooses the JIT tiers itself (C1 only on demand, C2 with SnapStart): nothing pins them.
        assertThat(map(map(function, "Environment"), "Variables")).doesNotContainKey("JAVA_TOOL_OPTIONS");
        for (Object resource : map(template, "Resources").values()) {
            Map<String, Object> properties = map((Map<String, Object>) resource, "Properties");
            assertThat(properties).as("a function's own settings").doesNotContainKeys("Runtime", "Architectures");
            assertThat(map(map(properties, "Environment"), "Variables")).doesNotContainKey("JAVA_TOOL_OPTIONS");
        }
    }

    @Test
    void theApiTakesBinaryBodiesAndRequiresKeysOnUploads() {
        Map<String, Object> api = map(map(map(template, "Resources"), "SkyhookApi"), "Properties");

        assertThat(api.get("BinaryMediaTypes")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST).isNotEmpty();
        assertThat(map(map(api, "Auth"), "UsagePlan")).containsKeys("Throttle", "Quota");
        assertThat((String) map(api, "AccessLogSetting").get("Format")).contains("$context.requestId", "$context.identity.sourceIp",
            "$context.identity.caller", "$context.identity.user", "$context.requestTime", "$context.httpMethod",
            "$context.resourcePath", "$context.status", "$context.protocol", "$context.responseLength");
        Map<String, Object> uploads = map(map(map(map(map(template, "Resources"), "ImagesFunction"), "Properties"), "Events"), "Upload");
        assertThat(map(map(uploads, "Properties"), "Auth")).containsEntry("ApiKeyRequired", true);
    }

    @Test
    @SuppressWarnings("unchecked")
    void noPolicyAllowsAWildcardActionOnAWildcardResource() {
        List<Map<String, Object>> statements = new ArrayList<>();
        for (Object resource : map(template, "Resources").values()) {
            Map<String, Object> properties = map((Map<String, Object>) resource, "Properties");
            for (Object policy : (List<Object>) properties.getOrDefault("Policies", List.of())) {
                if (policy instanceof Map<?, ?> document) {
                    statements.addAll((List<Map<String, Object>>) document.get("Statement"));
                }
            }
            statements.addAll((List<Map<String, Object>>) map(properties, "PolicyDocument").getOrDefault("Statement", List.of()));
        }

        assertThat(statements).isNotEmpty();
        for (Map<String, Object> statement : statements) {
            boolean wildcardAction = asList(statement.get("Action")).stream().anyMatch(action -> action.equals("*") || action.endsWith(":*"));
            boolean wildcardResource = asList(statement.get("Resource")).stream().anyMatch(resource -> resource.equals("*"));
            assertThat(wildcardAction && wildcardResource).as("statement %s", statement).isFalse();
            assertThat(asList(statement.get("Action"))).as("actions of %s", statement).doesNotContain("s3:*", "dynamodb:*", "*");
        }
    }

    /** A policy field as strings; intrinsic functions ({@code Fn::Sub}) count as specific resources. */
    @SuppressWarnings("unchecked")
    private static List<String> asList(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(item -> item instanceof String s ? s : "(intrinsic)").toList();
        }
        return List.of(value instanceof String s ? s : "(intrinsic)");
    }
}
