import type { ReactNode } from 'react';

/** A titled chart panel with a caption saying what is plotted and from where. */
export function ChartFigure({
  title,
  caption,
  children,
}: {
  title: string;
  caption?: ReactNode;
  children: ReactNode;
}) {
  return (
    <figure aria-label={title} className="rounded-lg border border-slate-200 bg-white p-4">
      <div className="text-sm font-semibold text-slate-900">{title}</div>
      <div className="mt-2">{children}</div>
      {caption ? <figcaption className="mt-2 text-xs text-slate-500">{caption}</figcaption> : null}
    </figure>
  );
}
