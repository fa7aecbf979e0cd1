package dev.baton.context.memory.internal;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ChunkerTest {

    @Test
    void java_is_cut_at_member_declarations_with_their_javadoc_and_annotations() {
        String src = """
                package x;

                /** A thing. */
                public final class Thing {

                    private final int n = 1;

                    /** Says hi. */
                    @Override
                    public String toString() {
                        if (n > 0) {
                            return helper(n);
                        }
                        return "";
                    }

                    static String helper(int n) {
                        return "x" + n;
                    }
                }
                """;
        List<Chunk> chunks = Chunker.chunks("src/Thing.java", src);
        assertThat(chunks).extracting(Chunk::title).containsExactly(
                "", "public final class Thing {", "public String toString() {", "static String helper(int n) {");
        assertThat(chunks.get(1).startLine()).isEqualTo(3); // the class's Javadoc line
        assertThat(chunks.get(2).startLine()).isEqualTo(8); // the method's Javadoc line
        assertThat(chunks.get(2).text()).startsWith("    /** Says hi. */\n    @Override\n");
        assertThat(chunks.get(3).endLine()).isEqualTo(20);
    }

    @Test
    void python_decorators_stay_with_their_function_and_nested_statements_do_not_cut() {
        String src = """
                import os


                @cached
                def load(path):
                    def inner():
                        return 1
                    return inner()


                class Store:
                    def get(self, key):
                        return key
                """;
        List<Chunk> chunks = Chunker.chunks("a.py", src);
        assertThat(chunks).extracting(Chunk::title).containsExactly("", "def load(path):", "class Store:", "def get(self, key):");
        assertThat(chunks.get(1).startLine()).isEqualTo(4);
    }

    @Test
    void markdown_is_cut_at_headings_but_not_inside_code_fences() {
        String src = """
                # Title
                intro
                ## Install
                ```sh
                # not a heading
                make
                ```
                ## Use
                run it
                """;
        List<Chunk> chunks = Chunker.chunks("README.md", src);
        assertThat(chunks).extracting(Chunk::title).containsExactly("# Title", "## Install", "## Use");
        assertThat(chunks).extracting(Chunk::startLine).containsExactly(1, 3, 8);
    }

    @Test
    void a_long_body_is_cut_into_windows_and_blank_files_give_nothing() {
        String src = "x\n".repeat(Chunker.MAX_LINES * 2 + 5);
        List<Chunk> chunks = Chunker.chunks("notes.txt", src.replace("x\n", "word\n"));
        assertThat(chunks).allSatisfy(c -> assertThat(c.endLine() - c.startLine() + 1).isLessThanOrEqualTo(Chunker.MAX_LINES));
        assertThat(chunks.getLast().endLine()).isEqualTo(Chunker.MAX_LINES * 2 + 5);
        assertThat(Chunker.chunks("empty.txt", "\n\n")).isEmpty();
    }

    @Test
    void go_rust_and_typescript_declarations_are_found() {
        assertThat(Chunker.chunks("a.go", "package a\n\nfunc A() {}\n\ntype B struct{}\n"))
                .extracting(Chunk::title).containsExactly("", "func A() {}", "type B struct{}");
        assertThat(Chunker.chunks("a.rs", "use x;\n\npub fn a() {}\n\nimpl B {\n    fn c(&self) {}\n}\n"))
                .extracting(Chunk::title).containsExactly("", "pub fn a() {}", "impl B {", "fn c(&self) {}");
        assertThat(Chunker.chunks("a.ts", "import x from 'y';\n\nexport const f = (a: number) => a;\n\nexport class K {\n  run(): void {\n  }\n}\n"))
                .extracting(Chunk::title).containsExactly("", "export const f = (a: number) => a;", "export class K {", "run(): void {");
    }
}
