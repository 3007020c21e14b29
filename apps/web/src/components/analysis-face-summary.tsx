import type { FaceOutputs } from '../server/analysis-outputs';
import { labelName, ProbabilityBars } from './analysis-probability-bars';

/** Each detected face with its emotion probabilities, numbered as on the image. */
export function FaceSummary({ outputs }: { outputs: FaceOutputs }) {
  if (outputs.faces.length === 0) {
    return (
      <p className="text-sm text-slate-600" data-testid="face-count">
        No face was found in this image.
      </p>
    );
  }
  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-700" data-testid="face-count">
        {outputs.faces.length} face{outputs.faces.length === 1 ? '' : 's'} found.
      </p>
      {outputs.faces.map((face, k) => (
        <div key={k} data-testid="face-result">
          <p className="mb-1 text-xs text-slate-500">
            <span className="font-semibold text-slate-900">Face {k + 1}</span> · {labelName(face.topLabel)} ·
            detector confidence {(face.score * 100).toFixed(0)}%
          </p>
          <ProbabilityBars
            probabilities={face.probabilities}
            topLabel={face.topLabel}
            caption={`Emotions of face ${k + 1}`}
          />
        </div>
      ))}
    </div>
  );
}

/** Captions for the boxes drawn over the image. */
export function faceBoxes(outputs: FaceOutputs) {
  return outputs.faces.map((face, k) => ({ ...face.box, caption: `${k + 1} · ${labelName(face.topLabel)}` }));
}
