#!/usr/bin/env bash
# The GPU check of issue 11, in two halves:
#
#   kernels/scripts/gpu-check.sh bundle   (here: JDK, Maven, nvcc) builds gpu-bundle/ (git-ignored): a jlinked
#                                          Java runtime with the modules the engine needs (jdk.incubator.vector
#                                          included, stripped), the engine and kernels jars with the CUDA twin
#                                          tests, JCuda's jars with only the natives we load, the JUnit console
#                                          launcher; at most 60 MiB, so that a device run can carry it.
#   kernels/scripts/gpu-check.sh run      (on the device machine: NVIDIA driver, CUDA, PyTorch, no JDK) runs the
#                                          CUDA twin tests (and xai predict --device cuda on the Captum models),
#                                          GpuBench and the PyTorch peer within about 8 minutes,
#                                          logs under $OUT (default gpu-bundle/out). Here it is the dry run: the
#                                          bundle's JVM starts and the CUDA tests skip with their reason.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
bundle=$root/gpu-bundle
limit_mib=60
# JUnit console launcher matching the project's JUnit (5.10.2 -> platform 1.10.2)
console_version=1.10.2

m2=${M2_REPO:-$HOME/.m2/repository}
jcuda=12.6.0
ejml=0.43.1
picocli=4.7.6

build_bundle() {
  command -v mvn >/dev/null || { echo "gpu-check: mvn not found (the bundle is built where the JDK and Maven are)" >&2; exit 2; }
  # A runtime built on glibc 2.17 (Temurin) starts on any current Linux; a distribution JDK may need a newer glibc.
  jdk=${GPU_CHECK_JDK:-}
  if [ -z "$jdk" ]; then
    for cand in /usr/lib/jvm/temurin-2[1-9]-jdk-amd64 /usr/lib/jvm/temurin-17-jdk-amd64 "${JAVA_HOME:-}"; do
      if [ -n "$cand" ] && [ -x "$cand/bin/jlink" ]; then jdk=$cand; break; fi
    done
  fi
  [ -n "$jdk" ] || jdk=$(dirname "$(dirname "$(readlink -f "$(command -v jlink)")")")
  echo "gpu-check: building classes and PTX (mvn -pl kernels,src -am test-compile)"
  mvn -B -q -o -pl kernels,src -am test-compile
  [ -f kernels/target/classes/org/xai4j/kernels/ptx/sgemm.ptx ] || echo "gpu-check: warning: no PTX in this build (nvcc missing): the bundle will report 'built without CUDA kernels'" >&2

  rm -rf "$bundle.tmp"
  mkdir -p "$bundle.tmp/lib"
  echo "gpu-check: jlink from $jdk"
  "$jdk/bin/jlink" --add-modules java.base,java.logging,java.xml,java.management,jdk.unsupported,jdk.incubator.vector \
    --strip-debug --no-header-files --no-man-pages --compress=zip-9 --output "$bundle.tmp/jre" 2>/dev/null \
    || "$jdk/bin/jlink" --add-modules java.base,java.logging,java.xml,java.management,jdk.unsupported,jdk.incubator.vector \
         --strip-debug --no-header-files --no-man-pages --compress=2 --output "$bundle.tmp/jre"

  jar=$jdk/bin/jar
  "$jar" cf "$bundle.tmp/lib/xai4j-engine.jar" -C engine/target/classes .
  "$jar" cf "$bundle.tmp/lib/xai4j-kernels.jar" -C kernels/target/classes .
  "$jar" cf "$bundle.tmp/lib/xai4j-kernels-tests.jar" -C kernels/target/test-classes .
  "$jar" cf "$bundle.tmp/lib/xai4j-explain.jar" -C explain/target/classes .
  "$jar" cf "$bundle.tmp/lib/xai-cli.jar" -C src/target/classes .
  # the CLI tests read their fixtures (test resources) as files: a folder, not a jar
  mkdir -p "$bundle.tmp/classes"
  cp -r src/target/test-classes "$bundle.tmp/classes/xai-cli-tests"
  for a in "org/ejml/ejml-core/$ejml/ejml-core-$ejml.jar" "org/ejml/ejml-fdense/$ejml/ejml-fdense-$ejml.jar" \
           "info/picocli/picocli/$picocli/picocli-$picocli.jar" "org/jcuda/jcuda/$jcuda/jcuda-$jcuda.jar" "org/jcuda/jcublas/$jcuda/jcublas-$jcuda.jar" \
           "org/junit/platform/junit-platform-console-standalone/$console_version/junit-platform-console-standalone-$console_version.jar"; do
    [ -f "$m2/$a" ] || { echo "gpu-check: $m2/$a missing (run once: mvn -pl kernels -am test-compile without -o)" >&2; exit 2; }
    cp "$m2/$a" "$bundle.tmp/lib/"
  done
  # JCuda's natives: only the driver API's and JCublas2's libraries are loaded (not NVRTC, the PTX compiler
  # library or the runtime API), so the others are left out.
  for n in jcuda-natives jcublas-natives; do
    src="$m2/org/jcuda/$n/$jcuda/$n-$jcuda-linux-x86_64.jar"
    [ -f "$src" ] || { echo "gpu-check: $src missing" >&2; exit 2; }
    cp "$src" "$bundle.tmp/lib/"
    (cd "$bundle.tmp/lib" && zip -q -d "$n-$jcuda-linux-x86_64.jar" 'lib/libJNvPTXCompiler-*' 'lib/libJNvrtc-*' 'lib/libJCudaRuntime-*' 'lib/libJCublas-*' >/dev/null 2>&1 || true)
  done
  rm -rf "$bundle"
  mv "$bundle.tmp" "$bundle"
  size=$(du -sb "$bundle" | cut -f1)
  echo "gpu-check: bundle $bundle: $((size / 1024 / 1024)) MiB ($size bytes); runtime $("$bundle/jre/bin/java" -version 2>&1 | head -1)"
  if [ "$size" -gt $((limit_mib * 1024 * 1024)) ]; then
    echo "gpu-check: the bundle exceeds $limit_mib MiB" >&2
    exit 1
  fi
}

classpath() {
  local cp=""
  for j in "$bundle"/lib/*.jar; do
    case "$j" in *junit-platform-console-standalone*) continue ;; esac
    cp="$cp${cp:+:}$j"
  done
  for d in "$bundle"/classes/*/; do cp="$cp:${d%/}"; done
  echo "$cp"
}

run_checks() {
  local java=$bundle/jre/bin/java
  [ -x "$java" ] || { echo "gpu-check: $java missing: build the bundle first (gpu-check.sh bundle)" >&2; exit 2; }
  out=${OUT:-$bundle/out}
  mkdir -p "$out"
  echo "gpu-check: logs under $out"
  { "$java" -version 2>&1; uname -a; command -v nvidia-smi >/dev/null && nvidia-smi || echo "no nvidia-smi"; } > "$out/machine.txt" 2>&1 || true
  # JCublas needs libcublas.so.12; CUDA 13 machines lack it, but a PyTorch wheel may carry one.
  local cublas
  cublas=$(python3 -c 'import nvidia.cublas, os; print(os.path.join(list(nvidia.cublas.__path__)[0], "lib"))' 2>/dev/null || true)
  if [ -n "$cublas" ] && [ -f "$cublas/libcublas.so.12" ]; then export LD_LIBRARY_PATH="$cublas${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"; fi
  # benchmarks run as shipped; the tests also NaN-fill recycled storage (as mvn test does)
  local jvm=(--add-modules=jdk.incubator.vector -Xmx16g)
  # JDK 22+ warns when JCuda loads its natives unless native access is granted
  if "$java" --enable-native-access=ALL-UNNAMED -version >/dev/null 2>&1; then jvm+=(--enable-native-access=ALL-UNNAMED); fi
  local test_jvm=("${jvm[@]}" -Dxai4j.recycle.check=true)
  local cp
  cp=$(classpath)
  local status=0
  echo "gpu-check: CUDA twin tests"
  # from kernels/: PhiloxHostTwinTest compiles src/test/c with the C compiler when one is there
  (cd kernels && timeout 300 "$java" "${test_jvm[@]}" -jar "$bundle/lib/junit-platform-console-standalone-$console_version.jar" \
      execute --class-path "$cp" --disable-banner --disable-ansi-colors --details=tree --reports-dir "$out/junit" \
      --select-class org.xai4j.kernels.cuda.CudaProbeTest --select-class org.xai4j.kernels.cuda.CudaTwinTest \
      --select-class org.xai4j.kernels.cuda.PtxAssemblyTest --select-class org.xai4j.kernels.cuda.PhiloxHostTwinTest \
      --select-class org.xai4j.cli.CliDeviceTest) \
      > "$out/tests.log" 2>&1 || status=$?
  grep -E "tests (successful|failed|skipped|aborted|found)" "$out/tests.log" || tail -20 "$out/tests.log"
  echo "gpu-check: GPU benchmarks"
  timeout 150 "$java" "${jvm[@]}" -cp "$cp" org.xai4j.kernels.cuda.GpuBench > "$out/gpu-bench.txt" 2>&1 || echo "GpuBench exited $?" >> "$out/gpu-bench.txt"
  cat "$out/gpu-bench.txt"
  if command -v python3 >/dev/null && python3 -c 'import torch' 2>/dev/null; then
    echo "gpu-check: PyTorch peer"
    timeout 120 python3 kernels/scripts/torch_peer.py > "$out/torch-peer.txt" 2>&1 || echo "torch_peer exited $?" >> "$out/torch-peer.txt"
    cat "$out/torch-peer.txt"
    resnet_checks
  else
    echo "gpu-check: no PyTorch here: peer skipped" | tee "$out/torch-peer.txt"
  fi
  echo "gpu-check: done in ${SECONDS}s"
  return $status
}

# ResNet-18 saliency and IG-50 at 16x3x224x224 and 64x3x64x64: PyTorch CUDA (resnet_peer.py, which also
# exports the model) and xai explain --device cuda --repeat 3 on the same model and inputs. The model
# (45 MB) stays out of $OUT. Skipped when the run is already long, to stay within about 8 minutes.
resnet_checks() {
  local dir=${TMPDIR:-/tmp}/xai4j-resnet
  echo "gpu-check: ResNet-18 (PyTorch CUDA peer, then xai)"
  timeout 150 python3 kernels/scripts/resnet_peer.py "$dir" > "$out/resnet.txt" 2>&1 || echo "resnet_peer exited $?" >> "$out/resnet.txt"
  [ -f "$dir/resnet18.onnx" ] || { cat "$out/resnet.txt"; return 0; }
  for shape in 16x224 64x64; do
    for method in saliency integrated-gradients; do
      if [ "$SECONDS" -gt 400 ]; then echo "skipped $method $shape: the run is at ${SECONDS}s" >> "$out/resnet.txt"; continue; fi
      echo "xai $method $shape --device cuda:" >> "$out/resnet.txt"
      timeout 100 "$java" "${jvm[@]}" -cp "$cp" org.xai4j.cli.Main explain --model "$dir/resnet18.onnx" \
        --input "$dir/x_$shape.npy" --target "$dir/t_$shape.npy" --method "$method" --device cuda --repeat 3 \
        --out "$dir/attr.npy" >> "$out/resnet.txt" 2>&1 || echo "xai exited $?" >> "$out/resnet.txt"
    done
  done
  cat "$out/resnet.txt"
}

case "${1:-}" in
  bundle) build_bundle ;;
  run) run_checks ;;
  *) echo "usage: kernels/scripts/gpu-check.sh bundle|run" >&2; exit 2 ;;
esac
