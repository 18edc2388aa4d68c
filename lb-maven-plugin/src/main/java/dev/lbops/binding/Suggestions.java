package dev.lbops.binding;

import java.util.Collection;
import java.util.Comparator;
import org.apache.commons.text.similarity.LevenshteinDistance;

/** "Did you mean" hints for misspelt names. */
public final class Suggestions {

  private static final LevenshteinDistance DISTANCE = new LevenshteinDistance(3);

  private Suggestions() {}

  public static String didYouMean(String word, Collection<String> candidates) {
    return candidates.stream()
        .filter(candidate -> DISTANCE.apply(word, candidate) >= 0)
        .min(Comparator.comparingInt(candidate -> DISTANCE.apply(word, candidate)))
        .map(candidate -> "did you mean '" + candidate + "'?")
        .orElse("known keys here: " + String.join(", ", candidates));
  }
}
