import Link from 'next/link';

/** Shown with status 404 for paths the portal does not have. */
export default function NotFound() {
  return (
    <div className="mx-auto max-w-lg pt-12 text-center">
      <p className="text-sm font-semibold text-brand-700">404 · Not found</p>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight">There is no page at this address</h1>
      <Link href="/" className="mt-6 inline-block text-sm font-medium text-brand-700 hover:underline">
        Go to your start page
      </Link>
    </div>
  );
}
