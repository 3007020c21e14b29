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
          {face.posed ? (
            <details className="mt-2 rounded border border-slate-200 px-2 py-1" data-testid="face-posed">
              <summary className="cursor-pointer text-xs text-slate-600">
                Posed-expression model:{' '}
                <span className="font-semibold text-slate-900">{labelName(face.posed.topLabel)}</span>
              </summary>
              <p className="mt-1 text-[11px] text-slate-500">
                {outputs.models.posed ? `${outputs.models.posed.name} ${outputs.models.posed.version}. ` : ''}
                Trained on acted, frontal, evenly lit faces (contempt included); on everyday photos it is far
                less accurate than the model above (its card on the Models page has both figures). The class
                is the SVM&apos;s vote; the bars are its probability estimates, whose top can differ.
              </p>
              <ProbabilityBars
                probabilities={face.posed.probabilities}
                topLabel={face.posed.topLabel}
                caption={`Posed expressions of face ${k + 1}`}
              />
            </details>
          ) : null}
        </div>
      ))}
    </div>
  );
}

/** Captions for the boxes drawn over the image. */
export function faceBoxes(outputs: FaceOutputs) {
  return outputs.faces.map((face, k) => ({ ...face.box, caption: `${k + 1} · ${labelName(face.topLabel)}` }));
}
