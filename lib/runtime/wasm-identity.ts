// tfjs-wasm's Identity kernel copies its input. tfjs runs Identity for every tensor it saves for the backward pass
// (engine.clone), so on WASM a training step copies every weight a matMul reads (418 MiB for bert-base) and
// every saved activation. The CPU backend shares the data instead, by reference count; the WASM backend keeps
// reference counts too (incRef/disposeData), so sharing is just as safe there: tfjs tensors are immutable, and
// a variable's assign() swaps in new data rather than writing into the old.
//
// Only the kernel registry entry changes: WASM kernels that call identity() themselves keep their copy.
import * as tf from "@tensorflow/tfjs";

interface RefCounting { incRef(dataId: object): void }

let installed = false;

/** Make tf.clone (and so every save-for-backward) share data on the WASM backend. Idempotent. */
export function installSharedIdentityForWasm(): void {
  if (installed) return;
  installed = true;
  tf.unregisterKernel("Identity", "wasm");
  tf.registerKernel({
    kernelName: "Identity",
    backendName: "wasm",
    kernelFunc: ({ inputs, backend }) => {
      const x = inputs.x as tf.TensorInfo;
      (backend as unknown as RefCounting).incRef(x.dataId);
      return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
    },
  });
}
