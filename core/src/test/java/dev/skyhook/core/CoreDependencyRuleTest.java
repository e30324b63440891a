package dev.skyhook.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The core may use the JDK and itself, nothing else; inside it, ports do not reach into services. */
class CoreDependencyRuleTest {
    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.skyhook.core");

    @Test
    void coreDependsOnlyOnTheJdkAndItself() {
        classes()
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(
                        "dev.skyhook.core..",
                        "java.lang..",
                        "java.util..",
                        "java.time..",
                        "java.math..",
                        "java.nio..",
                        "java.io..",
                        "java.net..",
                        "java.security..",
                        "java.text..")
                .check(CORE);
    }

    @Test
    void coreUsesNoSqlOrDesktopPartsOfTheJdk() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("java.sql..", "javax..", "java.awt..", "java.beans..")
                .check(CORE);
    }

    @Test
    void portsAndModelDoNotDependOnServices() {
        noClasses()
                .that()
                .resideInAnyPackage("dev.skyhook.core.port..", "dev.skyhook.core.model..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.skyhook.core.service..")
                .check(CORE);
    }
}
