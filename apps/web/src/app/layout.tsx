import '@fontsource-variable/inter';
import './globals.css';
import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { AppHeader } from '../components/app-header';
import { getCurrentUser } from '../server/current-user';

export const metadata: Metadata = {
  title: { default: 'VisionCAD', template: '%s · VisionCAD' },
  description: 'Computer-aided diagnosis for facial expressions and skin lesions.',
};

/** The page frame: header with the role's navigation, then the page. */
export default async function RootLayout({ children }: { children: ReactNode }) {
  const user = await getCurrentUser();
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 font-sans text-slate-900 antialiased">
        <AppHeader user={user} />
        <main className="mx-auto w-full max-w-6xl px-4 py-8 sm:px-6 lg:px-8">{children}</main>
      </body>
    </html>
  );
}
