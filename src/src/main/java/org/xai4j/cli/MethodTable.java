package org.xai4j.cli;

import java.util.ArrayList;
import java.util.List;
import org.xai4j.explain.registry.MethodExtra;
import org.xai4j.explain.registry.MethodRegistry;
import org.xai4j.explain.registry.MethodSpec;
import org.xai4j.explain.registry.Param;

/**
 * The README's table of {@code xai explain} methods, written from {@link MethodRegistry}: a test compares
 * the README with it, so the table says what the registry declares (name, family, options with their
 * defaults, what else the method returns).
 */
final class MethodTable {
    private MethodTable() {}

    static final String HEADER = "| method | family | options (defaults) | also returns |\n| --- | --- | --- | --- |\n";

    /** The table in Markdown, one row per registered method. */
    static String markdown() {
        StringBuilder b = new StringBuilder(HEADER);
        for (MethodSpec s : MethodRegistry.all()) {
            List<String> options = new ArrayList<>();
            for (Param<?> p : s.params()) {
                String d = p.defaultText();
                options.add("`" + p.option().flag() + "`" + (d.isEmpty() ? "" : " (" + d.replace("|", "\\|") + ")"));
            }
            List<String> extras = new ArrayList<>();
            if (s.has(MethodExtra.CONVERGENCE_DELTA)) extras.add("convergence delta (`--delta-out D.npy`)");
            if (s.has(MethodExtra.LAYER_MAP)) extras.add("a layer-shaped map");
            List<String> aliases = MethodRegistry.aliasesOf(s.name());
            b.append("| `").append(s.name()).append("`")
                    .append(aliases.isEmpty() ? "" : " (also `" + String.join("`, `", aliases) + "`)").append(" | ").append(s.family().text()).append(" | ")
                    .append(options.isEmpty() ? "none" : String.join(", ", options)).append(" | ")
                    .append(extras.isEmpty() ? "" : String.join(", ", extras)).append(" |\n");
        }
        return b.toString();
    }
}
