package org.xai4j.kernels.cuda;

import jcuda.NativePointerObject;
import jcuda.Pointer;

/**
 * Packs kernel arguments as cuLaunchKernel wants them: an array of pointers, each to one parameter's value.
 * Java types map to the C parameters of the kernels: Integer to int, Long to long long (also unsigned long
 * long: the bits are the same), Float to float, a device pointer to a pointer, and an int[] to a struct of
 * ints passed by value (Strided, Pool, Conv in the .cu files).
 */
final class KernelArguments {
    private KernelArguments() {}

    static Pointer of(Object... args) {
        NativePointerObject[] ps = new NativePointerObject[args.length];
        for (int i = 0; i < args.length; i++) ps[i] = parameter(args[i]);
        return Pointer.to(ps);
    }

    static Pointer parameter(Object a) {
        if (a instanceof Integer v) return Pointer.to(new int[] {v});
        if (a instanceof Long v) return Pointer.to(new long[] {v});
        if (a instanceof Float v) return Pointer.to(new float[] {v});
        if (a instanceof int[] struct) return Pointer.to(struct);
        if (a instanceof NativePointerObject p) return Pointer.to(p);
        throw new IllegalArgumentException("kernel argument of type " + (a == null ? "null" : a.getClass().getName()));
    }
}
