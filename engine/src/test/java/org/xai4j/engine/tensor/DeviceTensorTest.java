package org.xai4j.engine.tensor;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xai4j.engine.autodiff.Gradients;
import org.xai4j.engine.backend.Backends;
import org.xai4j.engine.backend.MirrorBackend;
import org.xai4j.engine.ops.Ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tensors on a device (the test's mirror device): moving, refusing host access, dispatch, mixing, autodiff. */
class DeviceTensorTest {
    private static MirrorBackend mirror;

    @BeforeAll
    static void register() {
        mirror = new MirrorBackend();
        Backends.register(mirror);
    }

    @Test
    void devicesParseAndPrintAsPyTorch() {
        assertEquals(Device.CPU, Device.parse("cpu"));
        assertEquals(Device.cuda(0), Device.parse("cuda"));
        assertEquals(Device.cuda(3), Device.parse(" cuda:3 "));
        assertEquals("cuda:3", Device.cuda(3).toString());
        var e = assertThrows(IllegalArgumentException.class, () -> Device.parse("gpu:x"));
        assertEquals("device: expected cpu, cuda or cuda:N, got 'gpu:x'", e.getMessage());
    }

    @Test
    void movingIsExplicitAndRoundTrips() {
        Tensor h = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        assertSame(h, h.to(Device.CPU));
        Tensor d = h.to(MirrorBackend.DEVICE);
        assertEquals(MirrorBackend.DEVICE, d.device());
        assertFalse(d.isHost());
        assertSame(d, d.to(MirrorBackend.DEVICE));
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, d.toHost().toArray());
        // a transposed view of device storage stays on the device; its host copy is the transpose
        Tensor t = Views.transpose(d, 0, 1);
        assertEquals(MirrorBackend.DEVICE, t.device());
        assertArrayEquals(new float[] {1, 4, 2, 5, 3, 6}, t.toHost().toArray());
        assertArrayEquals(new float[] {1, 4, 2, 5, 3, 6}, Views.reshape(t, 6).toHost().toArray());
    }

    @Test
    void hostAccessToADeviceTensorIsRefusedByName() {
        Tensor d = Tensor.of(new float[] {1, 2}, 2).to(MirrorBackend.DEVICE);
        var e = assertThrows(IllegalStateException.class, d::data);
        assertEquals("data(): tensor [2] lives on mirror:0; copy it to the host first with toHost()", e.getMessage());
        assertThrows(IllegalStateException.class, d::toArray);
        assertThrows(IllegalStateException.class, () -> d.get(0));
        assertTrue(d.toString().contains("(on mirror:0)"));
    }

    @Test
    void opsRunOnTheirInputsDeviceAndMixingIsAnError() {
        Tensor a = Tensor.of(new float[] {1, -2, 3}, 3), b = Tensor.of(new float[] {10, 20, 30}, 3);
        Tensor da = a.to(MirrorBackend.DEVICE), db = b.to(MirrorBackend.DEVICE);
        Tensor sum = Ops.add(da, db);
        assertEquals(MirrorBackend.DEVICE, sum.device());
        assertArrayEquals(new float[] {11, 18, 33}, sum.toHost().toArray());
        assertArrayEquals(new float[] {1, 0, 3}, Ops.relu(da).toHost().toArray());
        // a one-element host tensor joins a device op as a scalar, as PyTorch's 0-d CPU tensors
        assertArrayEquals(new float[] {2, -4, 6}, Ops.mul(da, Tensor.scalar(2f)).toHost().toArray());
        var e = assertThrows(IllegalArgumentException.class, () -> Ops.add(da, b));
        assertEquals("operands on different devices: mirror:0 and cpu; move one with to(device)", e.getMessage());
    }

    @Test
    void gradientsOfADeviceGraphStayOnTheDevice() {
        Tensor x = Tensor.of(new float[] {1, -2, 3, 0.5f}, 2, 2).to(MirrorBackend.DEVICE).requiresGrad(true);
        Tensor w = Tensor.of(new float[] {2, 0, 1, -1}, 2, 2).to(MirrorBackend.DEVICE);
        // d/dx sum(relu(x @ w)^2) = (2 relu(x w) * 1[xw > 0]) w^T
        Tensor y = Ops.matmul(x, w);
        Tensor loss = Ops.mul(Ops.relu(y), Ops.relu(y));
        int before = mirror.downloads;
        Tensor g = Gradients.gradOfSum(loss, x)[0];
        assertEquals(before, mirror.downloads, "the backward pass copied a tensor to the host");
        assertEquals(MirrorBackend.DEVICE, g.device());
        // x w = [[1*2 + -2*1, 1*0 + -2*-1], [3*2 + 0.5*1, 0 - 0.5]] = [[0, 2], [6.5, -0.5]]
        // upstream u = 2 relu(xw) 1[xw>0] = [[0, 4], [13, 0]]; g = u w^T = [[0*2+4*0, 0*1+4*-1], [13*2, 13*1]]
        assertArrayEquals(new float[] {0, -4, 26, 13}, g.toHost().toArray(), 1e-6f);
    }

    @Test
    void aDeviceTensorOutlivingItsMemoryScopeIsRefusedUnlessPersistent() {
        Tensor kept, dropped;
        try (var scope = mirror.memoryScope()) {
            dropped = Tensor.of(new float[] {1, 2}, 2).to(MirrorBackend.DEVICE);
            try (var persistent = mirror.persistentScope()) {
                kept = Tensor.of(new float[] {3, 4}, 2).to(MirrorBackend.DEVICE);
            }
        }
        assertArrayEquals(new float[] {3, 4}, kept.toHost().toArray());
        var e = assertThrows(IllegalStateException.class, dropped::toHost);
        assertEquals("device tensor used after its memory scope closed", e.getMessage());
    }

    @Test
    void dropoutMasksComeFromTheInputsDevice() {
        Tensor x = Tensor.ones(4, 1000);
        Tensor onHost = Ops.dropout(x, 0.25f, true, 9, 3);
        Tensor onDevice = Ops.dropout(x.to(MirrorBackend.DEVICE), 0.25f, true, 9, 3);
        assertEquals(MirrorBackend.DEVICE, onDevice.device());
        assertArrayEquals(onHost.toArray(), onDevice.toHost().toArray());
    }
}
