package dev.baton.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import dev.baton.architecture.fixture.LeakyApi;
import dev.baton.architecture.fixture.internal.Hidden;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.members;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Core's public API boundary (DESIGN.md §2–3): the SPI package {@code llm} stands on its own, and
 * what a caller of a public package can see — the public members of its public types — names no
 * {@code internal} type, so a face or provider written against the API never has to reach into
 * an implementation package to call it.
 */
class ApiBoundaryTest {

    /**
     * Public members of API types that still take implementation types: setters of the builder
     * that core's own wiring ({@code ModelWiring}) and the benchmarks compose the pipeline with.
     * {@code Pipeline} itself is handed out by {@code Baton} (the CLI reads its ledger, budgets and
     * cooldowns), so it stays public; the shared timer and validator it is built with do not.
     */
    static final Set<String> WIRING_SIGNATURES = Set.of(
            "dev.baton.pipeline.Pipeline$Builder.timer(dev.baton.pipeline.internal.DeadlineTimer)",
            "dev.baton.pipeline.Pipeline$Builder.outputValidator(dev.baton.pipeline.internal.JsonOutputValidator)");

    static final ArchRule LLM_STANDS_ALONE = classes().that().resideInAPackage("dev.baton.llm..")
            .should().onlyDependOnClassesThat().resideInAnyPackage(
                    "dev.baton.llm..", "dev.baton.error..", "java..", "org.jspecify.annotations..")
            .because("llm is the one SPI: value types and ChatModel, with errors from dev.baton.error and nothing else of Baton");

    static final ArchRule API_SIGNATURES_NAME_NO_INTERNAL_TYPE = members()
            .that(arePublicMembersOfPublicApiTypes())
            .should(nameNoInternalType())
            .because("a caller of a public package must not need an internal type to call it");

    private static JavaClasses core;

    @BeforeAll
    static void importCore() {
        core = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.baton");
    }

    @Test
    void llm_depends_on_nothing_of_baton_but_error() {
        assertThat(core.stream().filter(c -> c.getPackageName().equals("dev.baton.llm")))
                .as("llm's classes were imported").hasSizeGreaterThan(10);

        LLM_STANDS_ALONE.check(core);
    }

    @Test
    void public_members_of_api_types_name_no_internal_type() {
        API_SIGNATURES_NAME_NO_INTERNAL_TYPE.check(core);
    }

    @Test
    void the_signature_rule_catches_an_internal_type_in_a_public_signature() {
        JavaClasses fixture = new ClassFileImporter().importClasses(LeakyApi.class, Hidden.class);

        var result = API_SIGNATURES_NAME_NO_INTERNAL_TYPE.evaluate(fixture);

        assertThat(result.getFailureReport().getDetails())
                .anyMatch(d -> d.contains("LeakyApi.hidden()"))
                .anyMatch(d -> d.contains("LeakyApi.take("))
                .noneMatch(d -> d.contains("LeakyApi.visible("));
    }

    /** Public members of public types outside {@code internal} packages (synthetic members excluded). */
    private static DescribedPredicate<JavaMember> arePublicMembersOfPublicApiTypes() {
        return DescribedPredicate.describe("are public members of public types in API packages", m -> {
            JavaClass owner = m.getOwner();
            return m.getModifiers().contains(JavaModifier.PUBLIC)
                    && !m.getModifiers().contains(JavaModifier.SYNTHETIC)
                    && isApiType(owner)
                    && !WIRING_SIGNATURES.contains(m.getFullName());
        });
    }

    private static boolean isApiType(JavaClass c) {
        if (isInternal(c)) return false;
        for (JavaClass t = c; t != null; t = t.getEnclosingClass().orElse(null)) {
            if (!t.getModifiers().contains(JavaModifier.PUBLIC)) return false;
        }
        return true;
    }

    private static boolean isInternal(JavaClass c) {
        return c.getPackageName().contains(".internal") || c.getName().contains("$internal");
    }

    private static ArchCondition<JavaMember> nameNoInternalType() {
        return new ArchCondition<>("name no internal type in their signature") {
            @Override
            public void check(JavaMember member, ConditionEvents events) {
                for (JavaClass t : signatureTypes(member)) {
                    if (isInternal(t)) {
                        events.add(SimpleConditionEvent.violated(member,
                                member.getFullName() + " names internal type " + t.getName()));
                    }
                }
            }
        };
    }

    /** Raw types of the return type, parameter types and field type, type arguments included. */
    private static List<JavaClass> signatureTypes(JavaMember member) {
        List<JavaType> types = new ArrayList<>();
        if (member instanceof JavaField f) types.add(f.getType());
        if (member instanceof JavaCodeUnit u) {
            types.add(u.getReturnType());
            types.addAll(u.getParameterTypes());
        }
        List<JavaClass> raw = new ArrayList<>();
        for (JavaType t : types) raw.addAll(t.getAllInvolvedRawTypes());
        return raw;
    }
}
