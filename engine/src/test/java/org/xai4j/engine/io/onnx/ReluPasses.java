package org.xai4j.engine.io.onnx;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.xai4j.engine.backend.Backend;
import org.xai4j.engine.backend.Backends;
import org.xai4j.engine.backend.UnaryKind;
import org.xai4j.engine.tensor.Tensor;

/** Counts the backend's separate ReLU passes while a body runs (the CPU backend behind a recording proxy). */
final class ReluPasses {
    private ReluPasses() {}

    /** The number of values each separate ReLU pass saw while body ran, in order. */
    static List<Integer> sizes(Runnable body) {
        Backend cpu = Backends.cpu();
        List<Integer> sizes = new ArrayList<>();
        Backend counting = (Backend) Proxy.newProxyInstance(Backend.class.getClassLoader(), new Class<?>[] {Backend.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("unary") && args[0] == UnaryKind.RELU) sizes.add(((Tensor) args[1]).numel());
                    try {
                        return method.invoke(cpu, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        Backend before = Backends.current();
        Backends.use(counting);
        try {
            body.run();
        } finally {
            Backends.use(before);
        }
        return sizes;
    }
}
