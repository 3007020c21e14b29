import type { ReactNode } from 'react';

/** The colour family of a status label. */
export type Tone = 'info' | 'accent' | 'success' | 'warning' | 'danger' | 'neutral';

const TONE_STYLE: Record<Tone, string> = {
  info: 'bg-sky-50 text-sky-800 ring-sky-200',
  accent: 'bg-violet-50 text-violet-800 ring-violet-200',
  success: 'bg-emerald-50 text-emerald-800 ring-emerald-200',
  warning: 'bg-amber-50 text-amber-900 ring-amber-200',
  danger: 'bg-red-50 text-red-800 ring-red-200',
  neutral: 'bg-slate-100 text-slate-700 ring-slate-200',
};

/** A short status shown as a coloured pill. */
export function StatusBadge({ tone, children }: { tone: Tone; children: ReactNode }) {
  return (
    <span
      className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${TONE_STYLE[tone]}`}
    >
      {children}
    </span>
  );
}
