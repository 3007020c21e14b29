// Speaks the dominant emotion for people who cannot see the screen: only once it has held for a
// moment (no chatter when the classifier flickers between frames) and not more often than every few
// seconds, with one "no face" when the face is lost.

/** What the announcer speaks through (the Web Speech API in the page, a recorder in tests). */
export interface Speaker {
  speak(text: string): void;
}

export interface AnnouncerOptions {
  /** How long an emotion must stay dominant before it is spoken, ms. */
  stableMs?: number;
  /** Least time between two announcements, ms. */
  minGapMs?: number;
}

export const NO_FACE = 'no face';

/** Decides when to speak; feed it the dominant emotion (or null without a face) every frame. */
export class EmotionAnnouncer {
  private candidate: string | null = null;
  private candidateSince = 0;
  private spoken: string | null = null;
  private spokenAt = -Infinity;
  private readonly stableMs: number;
  private readonly minGapMs: number;

  constructor(
    private readonly speaker: Speaker,
    options: AnnouncerOptions = {},
  ) {
    this.stableMs = options.stableMs ?? 800;
    this.minGapMs = options.minGapMs ?? 2500;
  }

  /** Updates with this frame's dominant emotion; returns the text spoken now, if any. */
  update(emotion: string | null, now: number): string | null {
    const text = emotion ?? NO_FACE;
    if (text !== this.candidate) {
      this.candidate = text;
      this.candidateSince = now;
    }
    const stable = now - this.candidateSince >= this.stableMs;
    const quiet = now - this.spokenAt >= this.minGapMs;
    // Silence at the start stays silent: "no face" is only worth saying after a face was announced.
    if (!stable || !quiet || text === this.spoken || (text === NO_FACE && this.spoken === null)) return null;
    this.spoken = text;
    this.spokenAt = now;
    this.speaker.speak(text);
    return text;
  }
}

/** A Speaker on the browser's speech synthesis, or null where the browser has none. */
export function browserSpeaker(): Speaker | null {
  if (typeof window === 'undefined' || !('speechSynthesis' in window)) return null;
  return {
    speak(text) {
      window.speechSynthesis.cancel();
      window.speechSynthesis.speak(new SpeechSynthesisUtterance(text));
    },
  };
}
