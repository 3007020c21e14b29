'use client';
// Lesion-photo screening in the browser: the photo is decoded into memory, segmented, scored with
// the ABCD rule and classified on this device; nothing is uploaded.
import { useRef, useState } from 'react';
import {
  ANATOMIC_SITES,
  MAX_AGE_YEARS,
  parseClinicalMetadata,
  PATIENT_SEXES,
} from '@visioncad/dermoscopy/clinical/clinical-metadata';
import type { DemoModelInfo } from './demo-model-info';
import { fitWithin, FrameReader } from './frame-raster';
import type { LesionEngine, LesionScreening } from './lesion-screening';
import { maskOverlay } from './mask-overlay';
import { keepForOffline } from './offline-support';
import type { DemoBackend } from './tf-backend';
import { backendOverride } from './url-options';

type Status =
  | { kind: 'idle' }
  | { kind: 'busy'; what: string }
  | { kind: 'done'; name: string }
  | { kind: 'error'; message: string };

const BAND_TEXT = {
  benign: {
    label: 'Benign range (TDS below 4.75)',
    tone: 'text-emerald-800 bg-emerald-50 border-emerald-200',
  },
  suspicious: {
    label: 'Suspicious range (TDS 4.75–5.45)',
    tone: 'text-amber-900 bg-amber-50 border-amber-200',
  },
  highly_suspicious: {
    label: 'Highly suspicious range (TDS above 5.45)',
    tone: 'text-red-800 bg-red-50 border-red-200',
  },
} as const;

let engine: Promise<LesionEngine> | null = null;

// tfjs and the models load on the first photo, never during server rendering.
function loadEngine(segmentation: DemoModelInfo, classification: DemoModelInfo): Promise<LesionEngine> {
  engine ??= import('./lesion-screening')
    .then(({ loadLesionEngine }) => loadLesionEngine(segmentation, classification, backendOverride()))
    .catch((error: unknown) => {
      engine = null;
      throw error;
    });
  return engine;
}

const pretty = (name: string) => name.replace(/_/g, ' ');

/** The lesion-screening half of the demo page. */
export function LesionDemo({
  segmentation,
  classification,
  labelNames,
}: {
  segmentation: DemoModelInfo;
  classification: DemoModelInfo;
  labelNames: Record<string, string>;
}) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const [result, setResult] = useState<LesionScreening | null>(null);
  const [backend, setBackend] = useState<DemoBackend | null>(null);
  // Optional age, sex and body site: with a classifier that ships a metadata fusion they refine
  // the diagnosis, as HAM10000's diagnoses depend on them.
  const [clinical, setClinical] = useState({ ageYears: '', sex: '', site: '' });
  const fusionAvailable = classification.metadataFusion !== null;

  async function screen(file: File) {
    try {
      const metadata = fusionAvailable ? parseClinicalMetadata(clinical, 'Age, sex and site') : null;
      setStatus({ kind: 'busy', what: 'Loading the segmentation and classification models…' });
      const ready = await loadEngine(segmentation, classification);
      setBackend(ready.backend);
      void keepForOffline();
      setStatus({ kind: 'busy', what: `Analysing ${file.name} on this device…` });
      const bitmap = await createImageBitmap(file).catch(() => {
        throw new Error(`${file.name} could not be read as an image (JPEG, PNG, WebP, GIF or BMP).`);
      });
      const { width, height } = fitWithin(bitmap.width, bitmap.height, ready.maxSide);
      const photo = new FrameReader().read(bitmap, width, height);
      bitmap.close();
      // Let the browser paint the "Analysing" line before the synchronous analysis holds the thread.
      await new Promise((resolve) => setTimeout(resolve, 20));
      const screening = ready.screen(photo, metadata);
      const canvas = canvasRef.current!;
      canvas.width = screening.image.width;
      canvas.height = screening.image.height;
      canvas
        .getContext('2d')!
        .putImageData(
          new ImageData(
            maskOverlay(screening.image, screening.analysis.mask),
            screening.image.width,
            screening.image.height,
          ),
          0,
          0,
        );
      setResult(screening);
      setStatus({ kind: 'done', name: file.name });
    } catch (error) {
      setResult(null);
      setStatus({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  }

  const analysis = result?.analysis;
  const abcd = analysis?.abcd ?? null;
  const ranked = analysis ? [...analysis.probabilities].sort((a, b) => b.probability - a.probability) : [];

  return (
    <section
      aria-labelledby="lesion-heading"
      className="rounded-lg border border-slate-200 bg-white p-5"
      data-testid="lesion-demo"
    >
      <h2 id="lesion-heading" className="text-base font-semibold text-slate-900">
        Skin-lesion screening
      </h2>
      <div
        role="note"
        className="mt-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900"
        data-testid="lesion-disclaimer"
      >
        <strong>A screening aid, not a diagnosis.</strong> These models were trained on a few thousand
        dermoscopy images and make mistakes. Whatever the result, see a clinician about any skin lesion that
        is new, changing, bleeding or worrying you.
      </div>

      <div className="mt-4 flex flex-wrap items-center gap-3">
        <label className="cursor-pointer rounded-md bg-brand-600 px-3 py-2 text-sm font-medium text-white hover:bg-brand-700">
          Choose a lesion photo
          <input
            type="file"
            accept="image/*"
            className="sr-only"
            data-testid="lesion-photo-input"
            onChange={(event) => {
              const file = event.target.files?.[0];
              event.target.value = '';
              if (file) void screen(file);
            }}
          />
        </label>
        <label className="cursor-pointer rounded-md border border-slate-300 px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-50">
          Take a photo
          <input
            type="file"
            accept="image/*"
            capture="environment"
            className="sr-only"
            onChange={(event) => {
              const file = event.target.files?.[0];
              event.target.value = '';
              if (file) void screen(file);
            }}
          />
        </label>
      </div>

      {fusionAvailable ? (
        <fieldset className="mt-4 rounded-md border border-slate-200 p-3" data-testid="lesion-clinical">
          <legend className="px-1 text-xs font-medium text-slate-600">
            Optional: who and where (refines the diagnosis; stays on this device)
          </legend>
          <div className="flex flex-wrap gap-3 text-sm">
            <label className="flex flex-col text-xs text-slate-600">
              Age (years)
              <input
                type="number"
                min={0}
                max={MAX_AGE_YEARS}
                step={1}
                value={clinical.ageYears}
                onChange={(event) => setClinical({ ...clinical, ageYears: event.target.value })}
                className="mt-1 w-24 rounded-md border border-slate-300 px-2 py-1 text-sm text-slate-900"
              />
            </label>
            <label className="flex flex-col text-xs text-slate-600">
              Sex
              <select
                value={clinical.sex}
                onChange={(event) => setClinical({ ...clinical, sex: event.target.value })}
                className="mt-1 rounded-md border border-slate-300 px-2 py-1 text-sm text-slate-900"
              >
                <option value="">not given</option>
                {PATIENT_SEXES.map((sex) => (
                  <option key={sex} value={sex}>
                    {sex}
                  </option>
                ))}
              </select>
            </label>
            <label className="flex flex-col text-xs text-slate-600">
              Body site
              <select
                value={clinical.site}
                onChange={(event) => setClinical({ ...clinical, site: event.target.value })}
                className="mt-1 rounded-md border border-slate-300 px-2 py-1 text-sm text-slate-900"
              >
                <option value="">not given</option>
                {ANATOMIC_SITES.map((site) => (
                  <option key={site} value={site}>
                    {site}
                  </option>
                ))}
              </select>
            </label>
          </div>
        </fieldset>
      ) : null}

      <p className="mt-3 text-sm text-slate-600" role="status" data-testid="lesion-status">
        {status.kind === 'idle' &&
          'Choose a dermoscopy or close-up photo of one lesion. It is analysed here and never uploaded.'}
        {status.kind === 'busy' && status.what}
        {status.kind === 'done' && `Analysed ${status.name} on this device.`}
        {status.kind === 'error' && <span className="text-red-700">{status.message}</span>}
      </p>

      <div className={`mt-4 grid gap-5 md:grid-cols-2 ${result ? '' : 'hidden'}`}>
        <figure>
          <canvas
            ref={canvasRef}
            className="block w-full rounded-md bg-slate-900"
            data-testid="lesion-overlay"
            aria-label="The photo with the segmented lesion tinted blue and outlined in yellow"
          />
          <figcaption className="mt-1 text-xs text-slate-500">
            Lesion found by the U-Net: tinted blue, outlined in yellow.
            {analysis ? ` Area ${analysis.lesionAreaPx.toLocaleString('en')} px.` : ''}
          </figcaption>
        </figure>

        {analysis && result ? (
          <div className="space-y-4 text-sm">
            {abcd ? (
              <div data-testid="lesion-abcd">
                <h3 className="font-semibold text-slate-900">ABCD rule of dermoscopy</h3>
                <dl className="mt-2 grid grid-cols-[11rem_1fr] gap-x-3 gap-y-1 text-slate-700">
                  <dt>A · asymmetry</dt>
                  <dd>{abcd.asymmetry.score} of 2 axes</dd>
                  <dt>B · border</dt>
                  <dd>{abcd.border.score} of 8 sectors abrupt</dd>
                  <dt>C · colours</dt>
                  <dd>
                    {abcd.colours.score}:{' '}
                    {Object.entries(abcd.colours.present)
                      .filter(([, present]) => present)
                      .map(([colour]) => pretty(colour))
                      .join(', ')}
                  </dd>
                  <dt>D · structures</dt>
                  <dd>
                    {abcd.structures.score}:{' '}
                    {Object.entries(abcd.structures.present)
                      .filter(([, present]) => present)
                      .map(([structure]) => pretty(structure))
                      .join(', ')}
                  </dd>
                  <dt>Diameter</dt>
                  <dd>
                    {Math.round(abcd.diameter.maxFeretPx)} px at {result.image.width}×{result.image.height}{' '}
                    (no scale, so no millimetres)
                  </dd>
                  <dt>Total dermoscopy score</dt>
                  <dd className="font-semibold" data-testid="lesion-tds">
                    {abcd.tds.toFixed(2)}
                  </dd>
                </dl>
                <p
                  className={`mt-2 rounded-md border px-3 py-2 ${BAND_TEXT[abcd.band].tone}`}
                  data-testid="lesion-band"
                >
                  {BAND_TEXT[abcd.band].label}
                </p>
                <p className="mt-1 text-xs text-slate-500">
                  TDS = 1.3·A + 0.1·B + 0.5·C + 0.5·D (Stolz 1994). The structures (D) detector is a heuristic
                  with little agreement with experts; read D with care.
                </p>
              </div>
            ) : (
              <p className="rounded-md border border-slate-200 bg-slate-50 p-3 text-slate-700">
                The segmentation network found no lesion in this photo, so there is no ABCD score.
              </p>
            )}

            <div>
              <h3 className="font-semibold text-slate-900">
                Class probabilities ({classification.name}
                {analysis.decisionRule === 'clinical-metadata-fusion' ? ' + age, sex and site' : ''})
              </h3>
              {analysis.novelty?.unusual ? (
                <p
                  className="mt-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-xs text-amber-900"
                  data-testid="lesion-novelty-warning"
                >
                  This photo is unlike the dermoscopy images the classifier was trained on (another
                  dermatoscope, a phone photo, other lighting, or not a skin lesion): distance{' '}
                  {analysis.novelty.distance.toFixed(1)} against {analysis.novelty.threshold.toFixed(1)},
                  which {Math.round((1 - analysis.novelty.quantile) * 100)}% of its validation images exceed.
                  The probabilities below are less reliable than usual.
                </p>
              ) : null}
              <table className="mt-2 w-full text-left text-slate-700" data-testid="lesion-probabilities">
                <tbody>
                  {ranked.map(({ label, probability }) => (
                    <tr key={label}>
                      <th scope="row" className="py-0.5 pr-2 font-normal">
                        {labelNames[label] ?? label}
                      </th>
                      <td className="w-2/5 py-0.5">
                        <meter min={0} max={1} value={probability} className="w-full" aria-label={label} />
                      </td>
                      <td className="py-0.5 pl-3 text-right tabular-nums">
                        {(probability * 100).toFixed(1)}%
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <p className="mt-1 text-xs text-slate-500">
                Calibrated on validation data (temperature {classification.temperature?.toFixed(2)}).
              </p>
              {analysis.imageOnly ? (
                <p className="mt-1 text-xs text-slate-600" data-testid="lesion-image-only">
                  The photo alone says{' '}
                  {labelNames[analysis.imageOnly.topLabel] ?? analysis.imageOnly.topLabel} (
                  {(
                    analysis.imageOnly.probabilities.find((p) => p.label === analysis.imageOnly!.topLabel)!
                      .probability * 100
                  ).toFixed(1)}
                  %); the table adds what you entered.
                </p>
              ) : null}
            </div>

            <dl
              className="grid grid-cols-[9rem_1fr] gap-x-3 gap-y-1 text-xs text-slate-600"
              data-testid="lesion-timings"
              data-total-ms={result.totalMs}
              data-backend={backend?.name ?? ''}
            >
              <dt>Total on this device</dt>
              <dd className="tabular-nums">{Math.round(result.totalMs)} ms</dd>
              <dt>Preprocessing</dt>
              <dd className="tabular-nums">{Math.round(analysis.timingsMs.preprocessing)} ms</dd>
              <dt>Segmentation</dt>
              <dd className="tabular-nums">{Math.round(analysis.timingsMs.segmentation)} ms</dd>
              <dt>ABCD</dt>
              <dd className="tabular-nums">{Math.round(analysis.timingsMs.abcd)} ms</dd>
              <dt>Classification</dt>
              <dd className="tabular-nums">{Math.round(analysis.timingsMs.classification)} ms</dd>
              <dt>Backend</dt>
              <dd>{backend?.name ?? '–'}</dd>
            </dl>
          </div>
        ) : null}
      </div>
    </section>
  );
}
