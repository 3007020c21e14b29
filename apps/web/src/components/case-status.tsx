import type { Tone } from './status-badge';

/** How each case status is labelled and coloured. */
export const CASE_STATUS: Record<'OPEN' | 'ANALYZED' | 'REVIEWED' | 'CLOSED', { label: string; tone: Tone }> =
  {
    OPEN: { label: 'Open', tone: 'info' },
    ANALYZED: { label: 'Analysed', tone: 'accent' },
    REVIEWED: { label: 'Reviewed', tone: 'success' },
    CLOSED: { label: 'Closed', tone: 'neutral' },
  };
