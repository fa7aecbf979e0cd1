package dev.baton.context.memory.internal;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.core.FlattenGraphFilter;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.miscellaneous.WordDelimiterGraphFilter;
import org.apache.lucene.analysis.util.CharTokenizer;

/**
 * Text analysis for code and prose alike: words are runs of letters and digits (so {@code foo_bar}
 * and {@code a.b} split), identifiers are also split at case changes ({@code parseGitignore} gives
 * {@code parsegitignore}, {@code parse}, {@code gitignore}), then lower-cased, English stop words
 * dropped, and Porter-stemmed so {@code retries} finds {@code retry}. The index side flattens the
 * split's token graph, as an index cannot store one; the query side is used as a bag of terms.
 */
final class CodeAnalyzer extends Analyzer {

    private static final int SPLIT = WordDelimiterGraphFilter.GENERATE_WORD_PARTS
            | WordDelimiterGraphFilter.GENERATE_NUMBER_PARTS | WordDelimiterGraphFilter.SPLIT_ON_CASE_CHANGE
            | WordDelimiterGraphFilter.PRESERVE_ORIGINAL;

    private final boolean forIndex;

    CodeAnalyzer(boolean forIndex) {
        this.forIndex = forIndex;
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        Tokenizer source = CharTokenizer.fromTokenCharPredicate(Character::isLetterOrDigit);
        TokenStream s = new WordDelimiterGraphFilter(source, SPLIT, CharArraySet.EMPTY_SET);
        if (forIndex) s = new FlattenGraphFilter(s);
        s = new LowerCaseFilter(s);
        s = new StopFilter(s, EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
        s = new PorterStemFilter(s);
        return new TokenStreamComponents(source, s);
    }
}
