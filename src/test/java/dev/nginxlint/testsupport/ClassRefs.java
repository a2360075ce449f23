package dev.nginxlint.testsupport;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Which project classes each compiled class refers to, read from the class files' constant
 * pools (class entries and the type descriptors of fields, methods and annotations). Nested
 * classes count as their top-level class. Enough for architecture tests without a library.
 */
public final class ClassRefs {

  private static final String ROOT = "dev/nginxlint/";
  private static final Pattern DESCRIPTOR_TYPE = Pattern.compile("L(dev/nginxlint/[^;<]+)[;<]");

  private ClassRefs() {
  }

  /** Top-level class name (dots) → the other top-level project classes it refers to. */
  public static Map<String, Set<String>> of(Path classesDir) throws IOException {
    Map<String, Set<String>> out = new TreeMap<>();
    try (Stream<Path> files = Files.walk(classesDir)) {
      for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".class"))::iterator) {
        String name = topLevel(classesDir.relativize(f).toString().replace('\\', '/').replaceAll("\\.class$", ""));
        if (!name.startsWith(ROOT)) {
          continue; // generated or foreign classes are not the project's layering
        }
        Set<String> refs = out.computeIfAbsent(dotted(name), k -> new TreeSet<>());
        try (InputStream in = Files.newInputStream(f)) {
          for (String r : referencedNames(in)) {
            String top = topLevel(r);
            if (top.startsWith(ROOT) && !top.equals(name)) {
              refs.add(dotted(top));
            }
          }
        }
      }
    }
    return out;
  }

  /**
   * Top-level class name (dots) → the methods and constructors its code calls, of any class,
   * as "owner.name(descriptor)" with the owner in dots, e.g.
   * {@code java.lang.Thread.<init>(Ljava/lang/Runnable;)V}.
   */
  public static Map<String, Set<String>> calls(Path classesDir) throws IOException {
    Map<String, Set<String>> out = new TreeMap<>();
    try (Stream<Path> files = Files.walk(classesDir)) {
      for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".class"))::iterator) {
        String name = topLevel(classesDir.relativize(f).toString().replace('\\', '/').replaceAll("\\.class$", ""));
        if (!name.startsWith(ROOT)) {
          continue;
        }
        Set<String> calls = out.computeIfAbsent(dotted(name), k -> new TreeSet<>());
        try (InputStream in = Files.newInputStream(f)) {
          for (String c : read(in).calls) {
            int paren = c.indexOf('(');
            calls.add(dotted(c.substring(0, paren)) + c.substring(paren));
          }
        }
      }
    }
    return out;
  }

  /** What one class file's constant pool holds that the tests ask about. */
  private record Pool(ArrayList<String> names, ArrayList<String> calls) {}

  /** The internal names (a/b/C) a class file's constant pool mentions. */
  static Iterable<String> referencedNames(InputStream raw) throws IOException {
    return read(raw).names;
  }

  private static Pool read(InputStream raw) throws IOException {
    DataInputStream in = new DataInputStream(raw);
    if (in.readInt() != 0xCAFEBABE) {
      throw new IOException("not a class file");
    }
    in.readUnsignedShort();
    in.readUnsignedShort();
    int count = in.readUnsignedShort();
    String[] utf8 = new String[count];
    int[] classIndex = new int[count];
    // Methodref/InterfaceMethodref: class and name-and-type; NameAndType: name
    int[] methodClass = new int[count];
    int[] methodNameType = new int[count];
    int[] nameOf = new int[count];
    int[] descriptorOf = new int[count];
    for (int i = 1; i < count; i++) {
      int tag = in.readUnsignedByte();
      switch (tag) {
        case 1 -> utf8[i] = in.readUTF();
        case 7 -> classIndex[i] = in.readUnsignedShort();
        case 8, 16, 19, 20 -> in.readUnsignedShort();
        case 15 -> {
          in.readUnsignedByte();
          in.readUnsignedShort();
        }
        case 10, 11 -> {
          methodClass[i] = in.readUnsignedShort();
          methodNameType[i] = in.readUnsignedShort();
        }
        case 12 -> {
          nameOf[i] = in.readUnsignedShort();
          descriptorOf[i] = in.readUnsignedShort();
        }
        case 3, 4, 9, 17, 18 -> in.readInt();
        case 5, 6 -> {
          in.readLong();
          i++; // an 8-byte constant takes two slots
        }
        default -> throw new IOException("unknown constant pool tag " + tag);
      }
    }
    ArrayList<String> names = new ArrayList<>();
    ArrayList<String> calls = new ArrayList<>();
    for (int i = 1; i < count; i++) {
      if (methodClass[i] != 0) {
        int nt = methodNameType[i];
        calls.add(utf8[classIndex[methodClass[i]]] + "." + utf8[nameOf[nt]] + utf8[descriptorOf[nt]]);
      }
      if (classIndex[i] != 0) {
        String n = utf8[classIndex[i]];
        // array classes are written as descriptors: [Ldev/nginxlint/X;
        names.add(n.startsWith("[") ? n.replaceAll("^\\[+L?|;$", "") : n);
      }
      if (utf8[i] != null) {
        Matcher m = DESCRIPTOR_TYPE.matcher(utf8[i]);
        while (m.find()) {
          names.add(m.group(1));
        }
      }
    }
    return new Pool(names, calls);
  }

  private static String topLevel(String internal) {
    int dollar = internal.indexOf('$');
    return dollar < 0 ? internal : internal.substring(0, dollar);
  }

  private static String dotted(String internal) {
    return internal.replace('/', '.');
  }
}
