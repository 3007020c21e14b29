import { REVIEW_LABELS, type ReviewLabel } from '../server/reviews';

/** The clinical name of a model label (HAM10000 code or emotion), else the label itself. */
export function labelName(label: string): string {
  return label in REVIEW_LABELS ? REVIEW_LABELS[label as ReviewLabel] : label;
}

/** Probabilities as horizontal bars, most probable first; the top one is highlighted. */
export function ProbabilityBars({
  probabilities,
  topLabel,
  caption,
}: {
  probabilities: Array<{ label: string; probability: number }>;
  topLabel: string;
  caption: string;
}) {
  const sorted = [...probabilities].sort((a, b) => b.probability - a.probability);
  return (
    <table className="w-full text-xs" aria-label={caption}>
      <tbody>
        {sorted.map(({ label, probability }) => {
          const top = label === topLabel;
          const percent = probability * 100;
          return (
            <tr
              key={label}
              data-top={top ? 'true' : undefined}
              className={top ? 'font-semibold text-slate-900' : 'text-slate-600'}
            >
              <th scope="row" className="w-1/2 py-0.5 pr-2 text-left font-[inherit]">
                {labelName(label)}
                <span className="ml-1 font-mono text-[10px] font-normal text-slate-400">{label}</span>
              </th>
              <td className="w-1/3 py-0.5">
                <div className="h-2 rounded-full bg-slate-100">
                  <div
                    className={`h-2 rounded-full ${top ? 'bg-brand-700 print:bg-slate-800' : 'bg-slate-400'}`}
                    style={{ width: `${Math.max(percent, 0.5)}%` }}
                  />
                </div>
              </td>
              <td className="py-0.5 pl-2 text-right tabular-nums">{percent.toFixed(1)}%</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
