import { finishedOutputs, type FaceOutputs } from '../server/analysis-outputs';
import type { CaseDetail } from '../server/case-records';
import { faceBoxes } from './analysis-face-summary';
import { AnalysisOverlayViewer } from './analysis-overlay-viewer';
import { AnalysisModels } from './analysis-panel';
import { labelName } from './analysis-probability-bars';

type CaseImage = CaseDetail['images'][number];

/** The frames of one uploaded video, in time order. */
export interface VideoGroup {
  sourceKey: string;
  name: string;
  frames: CaseImage[];
}

/** Groups a case's VIDEO_FRAME images by the video they came from (upload order kept). */
export function videoGroups(images: CaseImage[]): VideoGroup[] {
  const groups = new Map<string, VideoGroup>();
  for (const image of images) {
    if (image.kind !== 'VIDEO_FRAME' || !image.sourceKey) continue;
    const name = (image.originalName ?? 'video').replace(/ @ [\d.]+ s$/, '');
    const group = groups.get(image.sourceKey) ?? { sourceKey: image.sourceKey, name, frames: [] };
    group.frames.push(image);
    groups.set(image.sourceKey, group);
  }
  for (const group of groups.values()) group.frames.sort((a, b) => (a.frameIndex ?? 0) - (b.frameIndex ?? 0));
  return [...groups.values()];
}

function seconds(ms: number | null): string {
  return `${((ms ?? 0) / 1000).toFixed(1)} s`;
}

/**
 * A video's emotion timeline: one column per sampled frame, one row per emotion, each cell as dark
 * as the probability of that emotion for the main (largest) face; the most probable one is marked.
 */
export function AnalysisVideoTimeline({ group }: { group: VideoGroup }) {
  const results = group.frames.map((frame) => {
    const latest = frame.analyses[0];
    const outputs =
      latest?.status === 'SUCCEEDED' ? (finishedOutputs(latest.outputs) as FaceOutputs | null) : null;
    return { frame, latest, outputs, face: outputs?.faces[0] ?? null };
  });
  const done = results.filter((r) => r.outputs).length;
  const failed = results.filter((r) => r.latest?.status === 'FAILED');
  const labels = results.find((r) => r.face)?.face?.probabilities.map((p) => p.label) ?? [];
  const withFace = results.filter((r) => r.face);
  const tally = new Map<string, number>();
  for (const r of withFace) tally.set(r.face!.topLabel, (tally.get(r.face!.topLabel) ?? 0) + 1);
  const dominant = [...tally.entries()].sort((a, b) => b[1] - a[1])[0];
  const shown = results.find((r) => r.face) ?? results[0];
  const labelEvery = Math.max(1, Math.ceil(results.length / 12));
  return (
    <div
      className="grid gap-5 p-4 lg:grid-cols-[minmax(0,0.8fr)_minmax(0,1.2fr)]"
      data-testid="video-timeline"
    >
      <div className="space-y-2">
        <AnalysisOverlayViewer
          imageUrl={`/api/images/${shown.frame.id}`}
          alt={shown.frame.originalName ?? 'video frame'}
          width={shown.frame.width}
          height={shown.frame.height}
          boxes={shown.outputs ? faceBoxes(shown.outputs) : []}
        />
        <p className="text-[11px] text-slate-500">
          Frame at {seconds(shown.frame.frameTimeMs)} (first with a face).
        </p>
        {shown.latest ? <AnalysisModels analysis={shown.latest} /> : null}
      </div>
      <div className="min-w-0 space-y-3">
        <p className="text-sm text-slate-700" data-testid="video-progress">
          {done} of {results.length} frames analysed
          {failed.length > 0 ? `, ${failed.length} failed (${failed[0].latest?.error})` : ''}
          {withFace.length > 0 ? ` · a face in ${withFace.length}` : ''}.
          {dominant ? (
            <>
              {' '}
              Most frequent: <strong>{labelName(dominant[0])}</strong> ({dominant[1]} of {withFace.length}{' '}
              frames).
            </>
          ) : null}
        </p>
        {labels.length > 0 ? (
          <div className="overflow-x-auto">
            <table className="border-separate border-spacing-0.5 text-[11px]" aria-label="Emotion timeline">
              <thead>
                <tr>
                  <th scope="col" className="pr-2 text-left font-normal text-slate-400">
                    time
                  </th>
                  {results.map((r, k) => (
                    <th key={r.frame.id} scope="col" className="w-5 font-normal text-slate-400">
                      {k % labelEvery === 0 ? seconds(r.frame.frameTimeMs).replace(' s', '') : ''}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {labels.map((label, row) => (
                  <tr key={label}>
                    <th scope="row" className="whitespace-nowrap pr-2 text-left font-medium text-slate-600">
                      {labelName(label)}
                    </th>
                    {results.map((r) => {
                      const p = r.face?.probabilities[row]?.probability ?? null;
                      const top = r.face?.topLabel === label;
                      return (
                        <td
                          key={r.frame.id}
                          data-testid="timeline-cell"
                          title={
                            p === null
                              ? `${seconds(r.frame.frameTimeMs)}: ${r.outputs ? 'no face' : 'not analysed yet'}`
                              : `${seconds(r.frame.frameTimeMs)}: ${labelName(label)} ${(p * 100).toFixed(0)}%`
                          }
                          className={`size-5 rounded-sm ${p === null ? 'bg-slate-100' : 'bg-brand-700'} ${top ? 'ring-2 ring-amber-400' : ''}`}
                          style={p === null ? undefined : { opacity: 0.12 + 0.88 * p }}
                        />
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
            <p className="mt-1 text-[11px] text-slate-500">
              Darker = more probable for the largest face; ringed = that frame&apos;s most probable emotion.
              Sampled at 2 frames per second.
            </p>
          </div>
        ) : done === results.length ? (
          <p className="text-sm text-slate-600">No face was found in any frame.</p>
        ) : null}
      </div>
    </div>
  );
}
