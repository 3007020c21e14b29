import type { Metadata } from 'next';
import Link from 'next/link';
import { PageHeader } from '../../components/page-header';

export const metadata: Metadata = { title: 'On-device demo' };

/** The public demo page: what the in-browser screening demo is and what it will do. */
export default function DemoPage() {
  return (
    <div className="max-w-3xl">
      <PageHeader title="On-device screening demo">
        A public demonstration of VisionCAD&apos;s models that runs entirely in your browser. No account is
        needed, and no image leaves your device.
      </PageHeader>

      <div className="space-y-4 text-sm leading-6 text-slate-700">
        <section className="rounded-lg border border-slate-200 bg-white p-5">
          <h2 className="text-base font-semibold text-slate-900">What it will do</h2>
          <ul className="mt-2 list-disc space-y-1 pl-5">
            <li>
              <strong>Facial expression recognition from your webcam:</strong> find the face, crop it to a
              48×48 grey image and classify it into seven emotions with a TensorFlow.js model, optionally
              reading the result aloud.
            </li>
            <li>
              <strong>Lesion-photo screening:</strong> segment a skin lesion in a photo you choose and show
              the model&apos;s class probabilities and ABCD measurements.
            </li>
          </ul>
        </section>

        <section className="rounded-lg border border-amber-200 bg-amber-50 p-5 text-amber-900" role="note">
          <h2 className="text-base font-semibold">Not available yet</h2>
          <p className="mt-1">
            The in-browser models are not part of this release; this page will host them once they are
            published in the model registry. Nothing here analyses images today.
          </p>
        </section>

        <section className="rounded-lg border border-slate-200 bg-white p-5">
          <h2 className="text-base font-semibold text-slate-900">Not a diagnosis</h2>
          <p className="mt-1">
            The demo is a research tool. Its output is not medical advice; see a clinician about any skin
            lesion that worries you.
          </p>
        </section>
      </div>

      <p className="mt-6 text-sm text-slate-500">
        Clinicians and analysts work in the{' '}
        <Link href="/sign-in" className="font-medium text-brand-700 hover:underline">
          signed-in portal
        </Link>
        .
      </p>
    </div>
  );
}
