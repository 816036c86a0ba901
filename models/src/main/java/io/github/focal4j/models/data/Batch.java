package io.github.focal4j.models.data;

import com.google.common.base.Preconditions;
import io.github.focal4j.autodiff.IntTensor;
import io.github.focal4j.autodiff.Tensor;
import java.util.List;

/**
 * A batch of B sentences. Two views of the same ids:
 *
 * <ul>
 *   <li>padded, as a user expects: {@link #wordIds()}, {@link #casingIds()}, {@link #tagIds()}
 *       {@code [B, T]} (0 at padding), {@link #charIds()} {@code [B, T, W]} (0 = padding
 *       character), {@link #mask()} {@code [B, T]} (1 for real tokens);
 *   <li>packed, as the kernels use it: the N real tokens in sentence order ({@link #lengths()}
 *       gives the layout), with the characters of every token concatenated and indexed by {@link
 *       #packedCharOffsets()}.
 * </ul>
 *
 * Immutable; accessors return fresh tensors or copies.
 */
public final class Batch {

  private final Lengths lengths;
  private final int[] words;
  private final int[] casing;
  private final int[] chars;
  private final int[] charOffsets;
  private final int[] tags;

  private Batch(
      Lengths lengths, int[] words, int[] casing, int[] chars, int[] charOffsets, int[] tags) {
    this.lengths = lengths;
    this.words = words;
    this.casing = casing;
    this.chars = chars;
    this.charOffsets = charOffsets;
    this.tags = tags;
  }

  /**
   * @throws IllegalArgumentException if some sentences are labeled and others are not
   */
  public static Batch of(List<EncodedSentence> sentences) {
    int[] len = new int[sentences.size()];
    int n = 0;
    int c = 0;
    boolean labeled = !sentences.isEmpty() && sentences.get(0).isLabeled();
    for (int b = 0; b < len.length; b++) {
      EncodedSentence s = sentences.get(b);
      Preconditions.checkArgument(
          s.isLabeled() == labeled,
          "Batch: sentence %s is %s, sentence 0 is not",
          b,
          s.isLabeled() ? "labeled" : "unlabeled");
      len[b] = s.size();
      n += s.size();
      c += s.charsView().length;
    }
    int[] words = new int[n];
    int[] casing = new int[n];
    int[] tags = labeled ? new int[n] : null;
    int[] chars = new int[c];
    int[] offs = new int[n + 1];
    int r = 0;
    int p = 0;
    for (EncodedSentence s : sentences) {
      int k = s.size();
      System.arraycopy(s.wordsView(), 0, words, r, k);
      System.arraycopy(s.casingView(), 0, casing, r, k);
      if (labeled) {
        System.arraycopy(s.tagsView(), 0, tags, r, k);
      }
      int[] so = s.charOffsetsView();
      System.arraycopy(s.charsView(), 0, chars, p, so[k]);
      for (int i = 0; i < k; i++) {
        offs[r + i + 1] = p + so[i + 1];
      }
      r += k;
      p += so[k];
    }
    return new Batch(Lengths.of(len), words, casing, chars, offs, tags);
  }

  /** Number of sentences B. */
  public int size() {
    return lengths.batchSize();
  }

  /** Number of real tokens N. */
  public int tokens() {
    return lengths.total();
  }

  /** Longest sentence T. */
  public int maxLength() {
    return lengths.maxLength();
  }

  public Lengths lengths() {
    return lengths;
  }

  public boolean isLabeled() {
    return tags != null;
  }

  public IntTensor wordIds() {
    return padded(words);
  }

  public IntTensor casingIds() {
    return padded(casing);
  }

  /**
   * @throws IllegalStateException for an unlabeled batch
   */
  public IntTensor tagIds() {
    Preconditions.checkState(tags != null, "the batch is unlabeled");
    return padded(tags);
  }

  /** 1 at real tokens, 0 at padding, {@code [B, T]}. */
  public Tensor mask() {
    return lengths.mask(lengths.maxLength());
  }

  /** {@code [B, T, W]} with W the longest token in characters; 0 pads. */
  public IntTensor charIds() {
    int w = 0;
    for (int i = 0; i < words.length; i++) {
      w = Math.max(w, charOffsets[i + 1] - charOffsets[i]);
    }
    int t = lengths.maxLength();
    int[] out = new int[size() * t * w];
    for (int b = 0; b < size(); b++) {
      for (int i = 0; i < lengths.length(b); i++) {
        int tok = lengths.offset(b) + i;
        System.arraycopy(
            chars, charOffsets[tok], out, (b * t + i) * w, charOffsets[tok + 1] - charOffsets[tok]);
      }
    }
    return IntTensor.of(out, size(), t, w);
  }

  public IntTensor packedWordIds() {
    return IntTensor.of(words);
  }

  public IntTensor packedCasingIds() {
    return IntTensor.of(casing);
  }

  /**
   * @throws IllegalStateException for an unlabeled batch
   */
  public IntTensor packedTagIds() {
    Preconditions.checkState(tags != null, "the batch is unlabeled");
    return IntTensor.of(tags);
  }

  /** Characters of all tokens, concatenated. */
  public IntTensor packedCharIds() {
    return IntTensor.of(chars);
  }

  /** {@code N + 1} offsets into {@link #packedCharIds()}. */
  public IntTensor packedCharOffsets() {
    return IntTensor.of(charOffsets);
  }

  private IntTensor padded(int[] packed) {
    int t = lengths.maxLength();
    int[] out = new int[size() * t];
    for (int b = 0; b < size(); b++) {
      System.arraycopy(packed, lengths.offset(b), out, b * t, lengths.length(b));
    }
    return IntTensor.of(out, size(), t);
  }
}
