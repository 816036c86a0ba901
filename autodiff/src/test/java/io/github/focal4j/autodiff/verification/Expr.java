package io.github.focal4j.autodiff.verification;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * An expression tree over the {@code Tensor} methods, as JSON: the one language shared by the
 * PyTorch goldens (written by {@code tools/goldens/autodiff_goldens.py}), the property tests and
 * the fuzz tests.
 *
 * <p>A node is {@code {"leaf": i}} (the i-th input tensor) or {@code {"op": name, "in":
 * [children...], args...}} where the arguments are further fields, e.g. {@code
 * {"op":"sum","axis":-1,"keepDim":true,"in":[{"leaf":0}]}}. {@link Interpreter} gives each op name
 * its meaning.
 */
final class Expr {

  private final JsonObject json;

  private Expr(JsonObject json) {
    this.json = json;
  }

  /** Wraps a parsed node. */
  static Expr of(JsonObject json) {
    return new Expr(json);
  }

  /** The i-th input tensor. */
  static Expr leaf(int index) {
    JsonObject o = new JsonObject();
    o.addProperty("leaf", index);
    return new Expr(o);
  }

  /** An op node over children; add arguments with the {@code with} methods. */
  static Expr op(String name, Expr... children) {
    JsonObject o = new JsonObject();
    o.addProperty("op", name);
    JsonArray in = new JsonArray();
    for (Expr c : children) {
      in.add(c.json);
    }
    o.add("in", in);
    return new Expr(o);
  }

  Expr with(String key, Number value) {
    json.addProperty(key, value);
    return this;
  }

  Expr with(String key, boolean value) {
    json.addProperty(key, value);
    return this;
  }

  Expr with(String key, int... values) {
    JsonArray a = new JsonArray();
    for (int v : values) {
      a.add(v);
    }
    json.add(key, a);
    return this;
  }

  Expr with(String key, JsonElement value) {
    json.add(key, value);
    return this;
  }

  boolean isLeaf() {
    return json.has("leaf");
  }

  int leafIndex() {
    return json.get("leaf").getAsInt();
  }

  String op() {
    return isLeaf() ? "leaf" : json.get("op").getAsString();
  }

  List<Expr> children() {
    List<Expr> out = new ArrayList<>();
    if (json.has("in")) {
      for (JsonElement e : json.getAsJsonArray("in")) {
        out.add(new Expr(e.getAsJsonObject()));
      }
    }
    return out;
  }

  boolean has(String key) {
    return json.has(key);
  }

  int intArg(String key) {
    return required(key).getAsInt();
  }

  double doubleArg(String key) {
    return required(key).getAsDouble();
  }

  boolean boolArg(String key) {
    return required(key).getAsBoolean();
  }

  int[] intsArg(String key) {
    JsonArray a = required(key).getAsJsonArray();
    int[] out = new int[a.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = a.get(i).getAsInt();
    }
    return out;
  }

  JsonObject objectArg(String key) {
    return required(key).getAsJsonObject();
  }

  /** Every op name used in this tree, leaves excluded. */
  void collectOps(java.util.Set<String> into) {
    if (!isLeaf()) {
      into.add(op());
      for (Expr c : children()) {
        c.collectOps(into);
      }
    }
  }

  private JsonElement required(String key) {
    JsonElement e = json.get(key);
    if (e == null) {
      throw new IllegalStateException("expression node " + json + " lacks argument '" + key + "'");
    }
    return e;
  }

  @Override
  public String toString() {
    return json.toString();
  }
}
