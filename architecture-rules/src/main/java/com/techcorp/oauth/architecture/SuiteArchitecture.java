package com.techcorp.oauth.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import jakarta.ws.rs.Path;

import java.util.List;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The rules of DESIGN.md and STYLE.md that a build can check, for any service of the suite:
 * packages that depend one way, resources that leave queries to repositories, and services that
 * share code only through the shared modules ({@code com.techcorp.oauth}). A service's test calls
 * {@link #check(String)} with its base package.
 */
public final class SuiteArchitecture {

    /** Every service's base package; a service may import none but its own. */
    public static final List<String> SERVICES = List.of("com.techcorp.auth", "com.techcorp.identity", "com.techcorp.data",
            "com.techcorp.report", "com.techcorp.portal");

    private SuiteArchitecture() {
    }

    /** The service's production classes (tests may reach across packages). */
    public static JavaClasses classesOf(String basePackage) {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(basePackage);
    }

    /** No two packages of the service import each other, directly or through others: every package is a slice. */
    public static ArchRule packagesDependOneWay(String basePackage) {
        return slices().matching(basePackage + ".(**)").should().beFreeOfCycles()
                .because("packages read top-down: endpoints, then grants, then what they use, the error catalog at the bottom");
    }

    /** A resource (a class with @Path) goes through a service or a store, never to a repository itself. */
    public static ArchRule resourcesNeverReachRepositories(String basePackage) {
        return noClasses().that().resideInAPackage(basePackage + "..").and().areAnnotatedWith(Path.class)
                .should().dependOnClassesThat().haveSimpleNameEndingWith("Repository")
                .because("thin resources; services own transactions, repositories own queries (STYLE.md)");
    }

    /** Code shared by services lives in a shared module, never in another service. */
    public static ArchRule noOtherServiceImported(String basePackage) {
        String[] others = SERVICES.stream().filter(s -> !s.equals(basePackage)).map(s -> s + "..").toArray(String[]::new);
        return noClasses().that().resideInAPackage(basePackage + "..").should().dependOnClassesThat().resideInAnyPackage(others)
                .because("each service keeps its own DTOs; what they share is a module of its own");
    }

    public static void check(String basePackage) {
        JavaClasses classes = classesOf(basePackage);
        packagesDependOneWay(basePackage).check(classes);
        resourcesNeverReachRepositories(basePackage).check(classes);
        noOtherServiceImported(basePackage).check(classes);
    }
}
