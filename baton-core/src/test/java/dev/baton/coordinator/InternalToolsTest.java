package dev.baton.coordinator;

import dev.baton.llm.ChatRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The internal tools over a real git repository made here: their prompts carry the right files,
 * header comments, documents and commits, and nothing from outside the workspace or hidden by
 * .gitignore.
 */
class InternalToolsTest {

    @TempDir
    Path tmp;
    Path work;

    @BeforeEach
    void repository() throws Exception {
        assumeTrue(gitAvailable(), "git is not installed");
        work = tmp.resolve("work");
        Files.createDirectories(work.resolve("src/billing"));
        Files.createDirectories(work.resolve("docs"));
        Files.createDirectories(work.resolve(".baton"));
        Files.writeString(tmp.resolve("outside-secret.txt"), "invoice OUTSIDE_SECRET_TOKEN\n");
        git("init", "-q", "-b", "main");
        Files.writeString(work.resolve("src/billing/InvoiceService.java"), """
                /**
                 * Issues invoices for finished orders and sends them to the ledger.
                 */
                public class InvoiceService {
                    void invoice(Order o) { }
                }
                """);
        Files.writeString(work.resolve("src/billing/TaxRules.java"), """
                // Tax rules per country, applied to each invoice line.
                public class TaxRules { }
                """);
        commit("Add invoice service and tax rules");
        Files.writeString(work.resolve("docs/billing.md"), """
                # Billing

                ## Invoices
                Every invoice is issued by the invoice service. See [taxes](taxes.md) for tax rules.
                """);
        Files.writeString(work.resolve("docs/taxes.md"), "# Taxes\n\nInvoice lines are taxed per country.\n");
        commit("Document invoices and taxes");
        Files.writeString(work.resolve("src/billing/TaxRules.java"), """
                // Tax rules per country, applied to each invoice line.
                public class TaxRules { int rate() { return 20; } }
                """);
        commit("Raise the standard invoice tax rate");
        Files.writeString(work.resolve(".gitignore"), "secret-notes.txt\n");
        Files.writeString(work.resolve("secret-notes.txt"), "invoice IGNORED_SECRET_TOKEN\n");
        commit("Ignore private notes");
    }

    @Test
    void the_four_workspace_tools_send_the_right_files_and_commits_and_nothing_from_outside() throws Exception {
        String plan = CoordinatorJobsTest.plan(CoordinatorJobsTest.job("codebase_context", 4, 0.25, 0.25),
                CoordinatorJobsTest.job("codebase_changelog", 3, 0.25, 0.25),
                CoordinatorJobsTest.job("documentation_context", 2, 0.25, 0.25),
                CoordinatorJobsTest.job("documentation_changelog", 1, 0.25, 0.25),
                CoordinatorJobsTest.job("expert_architect_advice", 9, 0.0, 0.0));
        Files.writeString(work.resolve(".baton/config.yaml"), CoordinatorJobsTest.config(plan, 4, 0));
        try (CoordinatorFixture f = CoordinatorFixture.over(tmp, work, List.of())) {
            CoordinatorResponse r = f.baton.coordinator().run(CoordinatorRequest.of("How are invoices taxed?"), CoordinatorListener.NONE);

            assertThat(r.errors()).isEmpty();
            String code = prompt(f, "which parts of a code base");
            assertThat(code).contains("src/billing/InvoiceService.java", "Issues invoices for finished orders",
                    "src/billing/TaxRules.java", "Tax rules per country").doesNotContain("docs/billing.md");
            String codeLog = prompt(f, "recent changes to a code base");
            assertThat(codeLog).contains("Raise the standard invoice tax rate", "Add invoice service and tax rules",
                    "return 20").doesNotContain("Document invoices and taxes");
            String docs = prompt(f, "documentation says about a question");
            assertThat(docs).contains("docs/billing.md", "## Invoices", "taxes.md", "docs/taxes.md");
            String docLog = prompt(f, "changes to a project's documentation");
            assertThat(docLog).contains("Document invoices and taxes").doesNotContain("Raise the standard invoice tax rate");
            String expert = prompt(f, "senior software architect");
            assertThat(expert).contains("codebase_context", "documentation_changelog", "tool finding");
            JobResult architect = r.jobs().stream().filter(j -> j.tool().equals("expert_architect_advice")).findFirst().orElseThrow();
            assertThat(r.jobs()).filteredOn(j -> j != architect)
                    .allSatisfy(j -> assertThat(j.finishedAt()).isBeforeOrEqualTo(architect.startedAt()));
            for (ChatRequest req : f.requests("work")) {
                assertThat(req.toString()).doesNotContain("OUTSIDE_SECRET_TOKEN").doesNotContain("IGNORED_SECRET_TOKEN");
            }
        }
    }

    private static String prompt(CoordinatorFixture f, String marker) {
        return f.requests("work").stream().map(ChatRequest::lastUserText).filter(t -> t.contains(marker)).findFirst()
                .orElseThrow(() -> new AssertionError("no prompt with '" + marker + "'"));
    }

    private void commit(String message) throws Exception {
        git("add", "-A");
        git("-c", "user.name=Test", "-c", "user.email=test@example.com", "commit", "-q", "-m", message);
    }

    private void git(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("git"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IOException("git " + String.join(" ", args) + ": " + out);
    }

    private static boolean gitAvailable() {
        try {
            return new ProcessBuilder("git", "--version").start().waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
