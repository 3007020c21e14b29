import type { ReactNode } from 'react';

/** A page's title with a sentence on what it is for. */
export function PageHeader({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="mb-6">
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{title}</h1>
      {children ? <p className="mt-1 max-w-3xl text-sm text-slate-600">{children}</p> : null}
    </div>
  );
}
