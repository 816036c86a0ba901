package io.github.focal4j.ner.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LexiconTest {

  private final Lexicon lexicon = Lexicon.get();

  @Test
  void listsHaveTheSizesTheDemoNeeds() {
    assertTrue(lexicon.firstNames.all().size() >= 100);
    assertTrue(lexicon.lastNames.all().size() >= 100);
    assertTrue(lexicon.cities.all().size() >= 60);
    assertTrue(lexicon.countries.all().size() >= 50);
    assertTrue(lexicon.organisations.all().size() >= 60);
    assertTrue(lexicon.nationalities.all().size() + lexicon.events.all().size() >= 60);
    assertTrue(lexicon.entityTemplates.size() >= 30);
    assertTrue(lexicon.fillerTemplates.size() >= 20);
  }

  @Test
  void everyListHasHeldOutNamesDistinctFromItsSeenNames() {
    for (NameList list :
        List.of(
            lexicon.firstNames,
            lexicon.lastNames,
            lexicon.cities,
            lexicon.countries,
            lexicon.organisations,
            lexicon.nationalities,
            lexicon.events)) {
      assertTrue(list.heldOut().size() >= 5, list.seen().get(0));
      Set<String> overlap = new HashSet<>(list.seen());
      overlap.retainAll(list.heldOut());
      assertEquals(Set.of(), overlap);
    }
  }

  @Test
  void templatesParseSlotsAndRejectUnknownOnes() {
    Template t = Template.parse("{PER} won the {EVENT} in {YEAR} .");
    assertEquals(List.of("{PER}", "won", "the", "{EVENT}", "in", "{YEAR}", "."), t.tokens());
    assertTrue(t.hasEntitySlot());
    assertEquals(Slot.PER, Slot.of("{PER}"));
    assertEquals(null, Slot.of("won"));
    assertThrows(IllegalStateException.class, () -> Template.parse("{NAME} said ."));
  }
}
