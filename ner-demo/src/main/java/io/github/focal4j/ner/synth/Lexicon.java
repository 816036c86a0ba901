package io.github.focal4j.ner.synth;

import java.util.List;

/**
 * The word lists and templates of the synthetic corpus, loaded once from the resource files next to
 * this class (see each file's header for its format and purpose).
 */
final class Lexicon {

  final NameList firstNames = NameList.load("first-names.txt");
  final NameList lastNames = NameList.load("last-names.txt");
  final NameList cities = NameList.load("cities.txt");
  final NameList countries = NameList.load("countries.txt");
  final NameList organisations = NameList.load("organisations.txt");
  final NameList nationalities = NameList.load("nationalities.txt");
  final NameList events = NameList.load("events.txt");
  final List<Template> entityTemplates = templates("templates.txt", true);
  final List<Template> fillerTemplates = templates("fillers.txt", false);

  private Lexicon() {}

  private static final class Holder {
    static final Lexicon INSTANCE = new Lexicon();
  }

  /** The shared, immutable lexicon. */
  static Lexicon get() {
    return Holder.INSTANCE;
  }

  private static List<Template> templates(String resource, boolean withEntities) {
    List<Template> templates = NameList.load(resource).all().stream().map(Template::parse).toList();
    for (Template t : templates) {
      if (t.hasEntitySlot() != withEntities) {
        throw new IllegalStateException(
            resource
                + ": template '"
                + t
                + "' "
                + (withEntities ? "has no entity slot" : "has an entity slot"));
      }
    }
    return templates;
  }
}
