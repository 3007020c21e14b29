import { describe, expect, it } from 'vitest';
import { EmotionAnnouncer, NO_FACE } from './emotion-announcer';

function recorder() {
  const said: string[] = [];
  return { said, speaker: { speak: (text: string) => said.push(text) } };
}

describe('EmotionAnnouncer', () => {
  it('speaks an emotion once it has held for stableMs, and only once while it stays', () => {
    const { said, speaker } = recorder();
    const announcer = new EmotionAnnouncer(speaker, { stableMs: 500, minGapMs: 1000 });
    expect(announcer.update('happy', 0)).toBeNull();
    expect(announcer.update('happy', 499)).toBeNull();
    expect(announcer.update('happy', 500)).toBe('happy');
    expect(announcer.update('happy', 5000)).toBeNull();
    expect(said).toEqual(['happy']);
  });

  it('ignores flicker shorter than stableMs and keeps minGapMs between announcements', () => {
    const { said, speaker } = recorder();
    const announcer = new EmotionAnnouncer(speaker, { stableMs: 300, minGapMs: 2000 });
    announcer.update('sad', 0);
    announcer.update('sad', 300);
    announcer.update('angry', 400);
    announcer.update('sad', 500);
    expect(announcer.update('sad', 900)).toBeNull();
    announcer.update('surprise', 1000);
    expect(announcer.update('surprise', 1500)).toBeNull();
    expect(announcer.update('surprise', 2300)).toBe('surprise');
    expect(said).toEqual(['sad', 'surprise']);
  });

  it('says "no face" when a spoken face is lost, never before any face', () => {
    const { said, speaker } = recorder();
    const announcer = new EmotionAnnouncer(speaker, { stableMs: 0, minGapMs: 0 });
    expect(announcer.update(null, 0)).toBeNull();
    announcer.update('neutral', 10);
    expect(announcer.update(null, 20)).toBe(NO_FACE);
    expect(said).toEqual(['neutral', NO_FACE]);
  });
});
