package io.github.focal4j.ner.synth;

import io.github.focal4j.ner.data.Corpus;
import io.github.focal4j.ner.data.Sentence;
import io.github.focal4j.ner.data.TagScheme;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Generates the demo's built-in NER corpus: news-like English sentences from templates with entity
 * slots, filled from name lists that ship with the project, tagged IOB2 with PER, LOC, ORG and
 * MISC.
 *
 * <p>What makes it worth learning:
 *
 * <ul>
 *   <li>Class imbalance close to CoNLL-2003 by default (about 83% O tokens), adjustable with {@link
 *       SyntheticCorpusConfig#entitySentenceShare()}.
 *   <li>Ambiguity: the same word is an entity of one type in some sentences and of another type, or
 *       none, in others (May, Jordan, Washington, Chelsea, Ford; turkey, apple, bush in lower
 *       case), so context matters.
 *   <li>Unseen names: every list has names held out of training that dev and test use ({@link
 *       SyntheticCorpusConfig#heldOutNameShare()}), so character-level features matter.
 *   <li>Headlines in capitals, datelines ({@code LONDON 1996-08-30}), sports results and numbers.
 * </ul>
 *
 * <p>Deterministic: each split has its own random stream derived from the seed, so the same
 * configuration gives equal corpora on every run and JVM ({@link Random} is specified exactly), and
 * changing one split's size does not change the others.
 */
public final class SyntheticCorpusGenerator {

  private static final String[] DAYS = {
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"
  };
  private static final String[] MONTHS = {
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December"
  };
  private static final String[] ROLES = {
    "minister",
    "spokesman",
    "president",
    "striker",
    "coach",
    "chairman",
    "director",
    "ambassador",
    "prime minister",
    "foreign minister",
    "chief executive",
    "goalkeeper"
  };
  private static final String[] CURRENCIES = {
    "dollars", "marks", "francs", "yen", "pounds", "euros"
  };

  private SyntheticCorpusGenerator() {}

  /** Generates the three splits, named {@code synthetic-train}, {@code -dev} and {@code -test}. */
  public static SyntheticCorpora generate(SyntheticCorpusConfig config) {
    Lexicon lexicon = Lexicon.get();
    return new SyntheticCorpora(
        split(lexicon, config, "synthetic-train", 0, config.trainSentences(), 0.0),
        split(
            lexicon, config, "synthetic-dev", 1, config.devSentences(), config.heldOutNameShare()),
        split(
            lexicon,
            config,
            "synthetic-test",
            2,
            config.testSentences(),
            config.heldOutNameShare()));
  }

  private static Corpus split(
      Lexicon lexicon,
      SyntheticCorpusConfig config,
      String name,
      int index,
      int count,
      double heldOutShare) {
    Random random = new Random(config.seed() * 0x9E3779B97F4A7C15L + index);
    List<Sentence> sentences = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      boolean withEntities = random.nextDouble() < config.entitySentenceShare();
      List<Template> pool = withEntities ? lexicon.entityTemplates : lexicon.fillerTemplates;
      Template template = pool.get(random.nextInt(pool.size()));
      boolean headline = random.nextDouble() < config.headlineShare();
      sentences.add(new Filler(lexicon, random, heldOutShare).fill(template, headline));
    }
    return new Corpus(name, TagScheme.IOB2, sentences);
  }

  /** Fills one template. */
  private static final class Filler {
    private final Lexicon lexicon;
    private final Random random;
    private final double heldOutShare;
    private final List<String> tokens = new ArrayList<>();
    private final List<String> tags = new ArrayList<>();

    Filler(Lexicon lexicon, Random random, double heldOutShare) {
      this.lexicon = lexicon;
      this.random = random;
      this.heldOutShare = heldOutShare;
    }

    Sentence fill(Template template, boolean headline) {
      for (String token : template.tokens()) {
        Slot slot = Slot.of(token);
        if (slot == null) {
          add(token, null);
        } else {
          add(text(slot), slot.entityType());
        }
      }
      List<String> words =
          headline ? tokens.stream().map(t -> t.toUpperCase(Locale.ROOT)).toList() : tokens;
      return Sentence.of(words, tags);
    }

    /** Adds the words of {@code text}, tagged B-/I-type or O. */
    private void add(String text, String type) {
      String[] words = text.split(" ");
      for (int i = 0; i < words.length; i++) {
        tokens.add(words[i]);
        tags.add(type == null ? TagScheme.OUTSIDE : (i == 0 ? "B-" : "I-") + type);
      }
    }

    private String text(Slot slot) {
      switch (slot) {
        case PER:
          String last = pick(lexicon.lastNames);
          return random.nextInt(4) == 0 ? last : pick(lexicon.firstNames) + " " + last;
        case LAST:
          return pick(lexicon.lastNames);
        case LOC:
          return pick(random.nextBoolean() ? lexicon.cities : lexicon.countries);
        case CITY:
          return pick(lexicon.cities);
        case COUNTRY:
          return pick(lexicon.countries);
        case ORG:
          return pick(lexicon.organisations);
        case NAT:
          return pick(lexicon.nationalities);
        case EVENT:
          return pick(lexicon.events);
        case DAY:
          return DAYS[random.nextInt(DAYS.length)];
        case MONTH:
          return MONTHS[random.nextInt(MONTHS.length)];
        case NUM:
          return number();
        case YEAR:
          return Integer.toString(1980 + random.nextInt(45));
        case DATE:
          return String.format(
              Locale.ROOT,
              "%d-%02d-%02d",
              1990 + random.nextInt(35),
              1 + random.nextInt(12),
              1 + random.nextInt(28));
        case PCT:
          return random.nextBoolean()
              ? Integer.toString(1 + random.nextInt(30))
              : (random.nextInt(10) + "." + random.nextInt(10));
        case SCORE:
          return random.nextInt(7) + "-" + random.nextInt(7);
        case ROLE:
          return ROLES[random.nextInt(ROLES.length)];
        case CURRENCY:
          return CURRENCIES[random.nextInt(CURRENCIES.length)];
        default:
          throw new AssertionError(slot);
      }
    }

    private String pick(NameList list) {
      return list.pick(random, heldOutShare);
    }

    /** Small counts, larger amounts with thousands separators, and decimals. */
    private String number() {
      int kind = random.nextInt(5);
      if (kind <= 1) {
        return Integer.toString(2 + random.nextInt(19));
      } else if (kind <= 3) {
        return Integer.toString(21 + random.nextInt(979));
      } else if (random.nextBoolean()) {
        return String.format(Locale.ROOT, "%,d", 1000 + random.nextInt(99000));
      }
      return (1 + random.nextInt(99)) + "." + random.nextInt(10);
    }
  }
}
