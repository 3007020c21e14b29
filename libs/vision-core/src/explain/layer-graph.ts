// Runs a LayersModel layer by layer on concrete tensors, optionally replacing one layer's output.
// Grad-CAM needs the class score as a function of an inner layer's activations; tfjs only
// differentiates with respect to function inputs, so the graph is replayed with that activation
// fed in. Skip connections that bypass the layer are recomputed from the image and stay constant.
import * as tf from '@tensorflow/tfjs';

// The parts of tfjs-layers' graph bookkeeping this uses (public fields, untyped in the d.ts).
interface GraphNode {
  inputTensors: tf.SymbolicTensor[];
  outputTensors: tf.SymbolicTensor[];
}
interface GraphLayer {
  name: string;
  inboundNodes: GraphNode[];
  apply(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor | tf.Tensor[];
  getClassName(): string;
}

/**
 * The model's single output for input `x`, with `replace.layer`'s output swapped for
 * `replace.value` when given. Runs inside the caller's tidy/grad scope.
 */
export function runLayerGraph(
  model: tf.LayersModel,
  x: tf.Tensor,
  replace?: { layer: string; value: tf.Tensor },
): tf.Tensor {
  if (model.inputs.length !== 1 || model.outputs.length !== 1) {
    throw new Error(`model ${model.name} must have one input and one output to be explained`);
  }
  const values = new Map<number, tf.Tensor>([[model.inputs[0].id, x]]);
  for (const layer of model.layers as unknown as GraphLayer[]) {
    if (layer.getClassName() === 'InputLayer') continue;
    // A layer shared across models has one node per call; use the one wired into this graph.
    const node = layer.inboundNodes.find((n) => n.inputTensors.every((t) => values.has(t.id)));
    if (!node) continue;
    let outputs: tf.Tensor[];
    if (replace && layer.name === replace.layer) outputs = [replace.value];
    else {
      const inputs = node.inputTensors.map((t) => values.get(t.id)!);
      const result = layer.apply(inputs.length === 1 ? inputs[0] : inputs);
      outputs = Array.isArray(result) ? result : [result];
    }
    node.outputTensors.forEach((t, i) => values.set(t.id, outputs[i]));
  }
  const output = values.get(model.outputs[0].id);
  if (!output) throw new Error(`could not replay model ${model.name} to its output layer`);
  return output;
}
