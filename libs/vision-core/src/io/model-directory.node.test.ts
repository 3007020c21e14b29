import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tinyClassifier, useCpuBackend } from '../training/tiny-model.test-support';
import { loadModel, saveModel } from './model-directory.node.js';

let root: string;
let server: Server;
let baseUrl: string;

beforeAll(async () => {
  await useCpuBackend();
  root = await mkdtemp(join(tmpdir(), 'visioncad-model-'));
  // Serves `root` over HTTP so models load through tf.io.http, the browser's code path.
  server = createServer(async (req, res) => {
    try {
      res.end(await readFile(join(root, decodeURIComponent(new URL(req.url!, 'http://x').pathname))));
    } catch {
      res.statusCode = 404;
      res.end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((r) => server.close(r));
  await rm(root, { recursive: true, force: true });
});

function probe(): tf.Tensor4D {
  return tf.randomUniform([5, 8, 8, 1], 0, 1, 'float32', 42) as tf.Tensor4D;
}

async function predict(model: tfl.LayersModel): Promise<Float32Array> {
  const x = probe();
  const y = model.predict(x) as tf.Tensor;
  const out = (await y.data()) as Float32Array;
  tf.dispose([x, y]);
  return out;
}

async function weightBytes(dir: string): Promise<number> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.bin'));
  let total = 0;
  for (const f of files) total += (await stat(join(dir, f))).size;
  return total;
}

describe('model directory I/O', () => {
  it('save -> load round trip gives identical predictions', async () => {
    const model = tinyClassifier(21);
    const dir = join(root, 'plain');
    await saveModel(model, dir);
    expect((await readdir(dir)).sort()).toEqual(['group1-shard1of1.bin', 'model.json']);
    const loaded = await loadModel(dir);
    expect(await predict(loaded)).toEqual(await predict(model));
    // Overwriting an existing directory swaps it in whole.
    await saveModel(tinyClassifier(22), dir);
    expect(await predict(await loadModel(dir))).toEqual(await predict(tinyClassifier(22)));
    expect((await readdir(root)).filter((f) => f.includes('.tmp-') || f.includes('.old-'))).toEqual([]);
  });

  it('shards weights like tfjs-converter and the browser loader reassembles them over HTTP', async () => {
    const model = tinyClassifier(23);
    await saveModel(model, join(root, 'sharded'), { shardSizeBytes: 256 });
    const files = await readdir(join(root, 'sharded'));
    const shards = files.filter((f) => f.endsWith('.bin')).sort();
    expect(shards.length).toBeGreaterThan(2);
    expect(shards[0]).toMatch(/^group1-shard1of\d+\.bin$/);
    const viaHttp = await tfl.loadLayersModel(tf.io.http(`${baseUrl}/sharded/model.json`));
    expect(await predict(viaHttp)).toEqual(await predict(model));
  });

  for (const [dtype, ratio, tolerance] of [
    ['float16', 2, 5e-3],
    ['uint8', 4, 5e-2],
  ] as const) {
    it(`a ${dtype}-quantized export is ${ratio}x smaller and the browser loader predicts close`, async () => {
      const model = tinyClassifier(24);
      await saveModel(model, join(root, 'f32'));
      await saveModel(model, join(root, dtype), { quantization: dtype });
      const json = JSON.parse(await readFile(join(root, dtype, 'model.json'), 'utf8'));
      expect(json.weightsManifest[0].weights[0].quantization.dtype).toBe(dtype);
      expect((await weightBytes(join(root, 'f32'))) / (await weightBytes(join(root, dtype)))).toBeCloseTo(
        ratio,
        5,
      );
      const viaHttp = await tfl.loadLayersModel(tf.io.http(`${baseUrl}/${dtype}/model.json`));
      const [a, b] = [await predict(model), await predict(viaHttp)];
      const maxDiff = Math.max(...a.map((v, i) => Math.abs(v - b[i])));
      expect(maxDiff).toBeLessThan(tolerance);
      expect(maxDiff).toBeGreaterThan(0); // it really was quantized
    });
  }

  it('explains a missing model and refuses weight paths outside the directory', async () => {
    await expect(loadModel(join(root, 'nope'))).rejects.toThrow(/cannot read model .*nope\/model\.json/);
    const dir = join(root, 'evil');
    await saveModel(tinyClassifier(1), dir);
    const path = join(dir, 'model.json');
    const json = JSON.parse(await readFile(path, 'utf8'));
    json.weightsManifest[0].paths = ['../plain/group1-shard1of1.bin'];
    await import('node:fs/promises').then((fs) => fs.writeFile(path, JSON.stringify(json)));
    await expect(loadModel(dir)).rejects.toThrow('outside the model directory');
  });
});
