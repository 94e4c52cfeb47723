package org.knetsweep.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.knetsweep.KnetException;

/** The keys of reference.conf, and the unknown-key check of each configuration layer. */
final class ConfigSchema {
    /** Leaf path -> type in reference.conf (lists are leaves). */
    final Map<String, ConfigValueType> leaves = new TreeMap<>();
    /** Object paths in reference.conf ("knet", "knet.data", ...). */
    final Set<String> sections = new TreeSet<>();

    ConfigSchema(Config reference) {
        ConfigObject root = reference.root().withOnlyKey(ConfigLoader.ROOT);
        walk(root, new ArrayList<>(), (path, value) -> leaves.put(path, value.valueType()), sections);
    }

    /** Rejects keys of one layer that reference.conf does not define. */
    void check(Config layer, String source) {
        Map<String, ConfigValue> found = new LinkedHashMap<>();
        walk(layer.root(), new ArrayList<>(), found::put, new TreeSet<>());
        List<Map.Entry<String, ConfigValue>> bad = new ArrayList<>();
        for (Map.Entry<String, ConfigValue> e : found.entrySet()) {
            if (!leaves.containsKey(e.getKey()) && !e.getKey().startsWith(SearchSpace.PATH + ".")) bad.add(e);
        }
        if (bad.isEmpty()) return;
        bad.sort(Comparator.comparingInt(e -> e.getValue().origin().lineNumber()));
        Map.Entry<String, ConfigValue> first = bad.get(0);
        String key = first.getKey();
        String at = source;
        ConfigOrigin origin = first.getValue().origin();
        if (origin.filename() != null && origin.lineNumber() > 0) at = at + " line " + origin.lineNumber();
        StringBuilder message = new StringBuilder();
        if (sections.contains(key)) {
            message.append(key).append(" is a section, not a value (").append(at).append("); set its keys: ")
                    .append(String.join(", ", keysOf(key)));
        } else {
            message.append("unknown key ").append(key).append(" (").append(at).append(")");
            String suggestion = suggest(key);
            if (suggestion != null) {
                message.append("; did you mean ").append(suggestion).append("?");
            } else {
                String parent = parentSection(key);
                if (parent != null) message.append("; keys of ").append(parent).append(": ").append(String.join(", ", childrenOf(parent)));
            }
        }
        if (bad.size() > 1) message.append(" (and ").append(bad.size() - 1).append(" more unknown key").append(bad.size() > 2 ? "s" : "").append(")");
        throw new KnetException(message.toString());
    }

    private List<String> keysOf(String section) {
        List<String> keys = new ArrayList<>();
        for (String leaf : leaves.keySet()) {
            if (leaf.startsWith(section + ".")) keys.add(leaf.substring(section.length() + 1));
        }
        return keys;
    }

    /** The immediate children of a section: keys by name, subsections as "name.*". */
    private List<String> childrenOf(String section) {
        Set<String> children = new TreeSet<>();
        for (String key : keysOf(section)) {
            List<String> parts = ConfigUtil.splitPath(key);
            children.add(ConfigUtil.joinPath(parts.get(0)) + (parts.size() > 1 ? ".*" : ""));
        }
        return new ArrayList<>(children);
    }

    private String parentSection(String key) {
        List<String> parts = ConfigUtil.splitPath(key);
        for (int n = parts.size() - 1; n > 0; n--) {
            String prefix = ConfigUtil.joinPath(parts.subList(0, n));
            if (sections.contains(prefix)) return prefix;
        }
        return null;
    }

    /** The closest known key by name, or null when nothing is close. */
    String suggest(String key) {
        if (leaves.containsKey(ConfigLoader.ROOT + "." + key)) return ConfigLoader.ROOT + "." + key;
        List<String> parts = ConfigUtil.splitPath(key);
        String last = normalize(parts.get(parts.size() - 1));
        String best = null;
        int bestLast = Integer.MAX_VALUE;
        int bestFull = Integer.MAX_VALUE;
        for (String known : leaves.keySet()) {
            List<String> knownParts = ConfigUtil.splitPath(known);
            int dLast = levenshtein(last, normalize(knownParts.get(knownParts.size() - 1)));
            int dFull = levenshtein(normalize(key), normalize(known));
            boolean closeByName = dLast <= Math.max(1, last.length() / 3);
            boolean closeByPath = dFull <= 3;
            if (!closeByName && !closeByPath) continue;
            int rankLast = closeByName ? dLast : Integer.MAX_VALUE - 1;
            if (rankLast < bestLast || (rankLast == bestLast && dFull < bestFull)) {
                best = known;
                bestLast = rankLast;
                bestFull = dFull;
            }
        }
        return best;
    }

    private static String normalize(String s) {
        return s.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
    }

    private static int levenshtein(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /** Visits the leaves (non-objects; lists are leaves) of an unresolved tree. */
    private static void walk(ConfigObject object, List<String> prefix,
                             java.util.function.BiConsumer<String, ConfigValue> leaf, Set<String> sections) {
        if (!prefix.isEmpty()) sections.add(ConfigUtil.joinPath(prefix));
        Set<Map.Entry<String, ConfigValue>> entries;
        try {
            entries = object.entrySet();
        } catch (ConfigException.NotResolved e) {
            return; // an object built from substitutions: checked after resolution by the typed reads
        }
        for (Map.Entry<String, ConfigValue> e : entries) {
            List<String> path = new ArrayList<>(prefix);
            path.add(e.getKey());
            if (e.getValue() instanceof ConfigObject child) {
                walk(child, path, leaf, sections);
            } else {
                leaf.accept(ConfigUtil.joinPath(path), e.getValue());
            }
        }
    }
}
