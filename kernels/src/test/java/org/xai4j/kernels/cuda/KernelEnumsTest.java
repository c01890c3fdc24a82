package org.xai4j.kernels.cuda;

import org.junit.jupiter.api.Test;
import org.xai4j.engine.backend.BinaryKind;
import org.xai4j.engine.backend.ReduceKind;
import org.xai4j.engine.backend.UnaryKind;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The kernels switch on the engine's enum ordinals (the backend passes {@code kind.ordinal()}): every
 * constant of UnaryKind, BinaryKind and ReduceKind has its #define in the .cu file with its ordinal, and
 * nothing else is defined there.
 */
class KernelEnumsTest {
    private static Map<String, Integer> defines(String file, String prefix) throws Exception {
        String src = Files.readString(Path.of("src/main/cuda", file));
        Matcher m = Pattern.compile("#define " + prefix + "([A-Z_]+) (\\d+)").matcher(src);
        Map<String, Integer> out = new LinkedHashMap<>();
        while (m.find()) out.put(m.group(1), Integer.parseInt(m.group(2)));
        return out;
    }

    private static <E extends Enum<E>> void assertSameOrdinals(Class<E> type, Map<String, Integer> defined) {
        Map<String, Integer> expected = new LinkedHashMap<>();
        for (E e : type.getEnumConstants()) expected.put(e.name(), e.ordinal());
        assertEquals(expected, defined, type.getSimpleName() + " ordinals vs the kernels' #defines");
    }

    @Test
    void elementwiseKindsMatchTheEnums() throws Exception {
        assertSameOrdinals(UnaryKind.class, defines("elementwise.cu", "U_"));
        assertSameOrdinals(BinaryKind.class, defines("elementwise.cu", "B_"));
    }

    @Test
    void reduceKindsMatchTheEnum() throws Exception {
        assertSameOrdinals(ReduceKind.class, defines("reduce.cu", "R_"));
    }
}
