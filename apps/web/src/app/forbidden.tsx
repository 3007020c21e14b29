import Link from 'next/link';

/** Shown with status 403 when a signed-in user opens a section their role does not include. */
export default function Forbidden() {
  return (
    <div className="mx-auto max-w-lg pt-12 text-center">
      <p className="text-sm font-semibold text-brand-700">403 · Forbidden</p>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight">Your role cannot open this page</h1>
      <p className="mt-2 text-sm text-slate-600">
        Access in VisionCAD follows your role. Ask an administrator if you need this section.
      </p>
      <Link href="/" className="mt-6 inline-block text-sm font-medium text-brand-700 hover:underline">
        Go to your start page
      </Link>
    </div>
  );
}
