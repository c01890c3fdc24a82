package org.xai4j.engine.io.onnx;

import java.util.List;

/** A GraphProto: nodes (in file order), initializers, declared inputs, outputs and value infos. */
public record OnnxGraph(String name, List<OnnxNode> nodes, List<OnnxTensor> initializers,
                        List<OnnxValueInfo> inputs, List<OnnxValueInfo> outputs, List<OnnxValueInfo> valueInfo) {}
