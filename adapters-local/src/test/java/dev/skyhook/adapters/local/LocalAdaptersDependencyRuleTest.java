package dev.skyhook.adapters.local;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Adapters implement the core's ports; they never reach into hosts or into the AWS adapters. */
class LocalAdaptersDependencyRuleTest {
    private static final JavaClasses ADAPTERS = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.skyhook.adapters.local");

    @Test
    void localAdaptersDependOnNeitherHostsNorAwsAdapters() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.skyhook.hosts..", "dev.skyhook.adapters.aws..", "software.amazon..", "com.amazonaws..")
                .check(ADAPTERS);
    }
}
