/**
 * The canonical emotion labels: FER2013's seven in the order of its `emotion` codes (0 = angry ...
 * 6 = neutral), then contempt, which CK+ adds.
 */
export const EMOTIONS = [
  'angry',
  'disgust',
  'fear',
  'happy',
  'sad',
  'surprise',
  'neutral',
  'contempt',
] as const;

/** One canonical emotion label. */
export type Emotion = (typeof EMOTIONS)[number];

/** FER2013's classes; the index is fer2013.csv's `emotion` code. */
export const FER2013_CLASSES: readonly Emotion[] = [
  'angry',
  'disgust',
  'fear',
  'happy',
  'sad',
  'surprise',
  'neutral',
];

/** CK+'s seven classes (contempt, no neutral) in CK+48's alphabetical folder order. */
export const CKPLUS_CLASSES: readonly Emotion[] = [
  'angry',
  'contempt',
  'disgust',
  'fear',
  'happy',
  'sad',
  'surprise',
];

/** JAFFE's seven classes (neutral, no contempt) in the order of its codes AN DI FE HA NE SA SU. */
export const JAFFE_CLASSES: readonly Emotion[] = [
  'angry',
  'disgust',
  'fear',
  'happy',
  'neutral',
  'sad',
  'surprise',
];

/**
 * How each source names the emotions. A new dataset or model registers its vocabulary here instead of
 * adding name checks elsewhere.
 */
const vocabularies = new Map<string, ReadonlyMap<string, Emotion>>();

/** Registers a source's emotion names (matched case-insensitively) under a vocabulary name. */
export function registerEmotionVocabulary(name: string, names: Readonly<Record<string, Emotion>>): void {
  if (vocabularies.has(name)) throw new Error(`emotion vocabulary "${name}" is already registered`);
  const map = new Map<string, Emotion>();
  for (const [word, emotion] of Object.entries(names)) {
    if (!(EMOTIONS as readonly string[]).includes(emotion)) {
      throw new Error(
        `vocabulary "${name}": "${word}" maps to "${emotion}", which is not a canonical emotion`,
      );
    }
    map.set(word.toLowerCase(), emotion);
  }
  vocabularies.set(name, map);
}

registerEmotionVocabulary('fer2013', {
  angry: 'angry',
  disgust: 'disgust',
  fear: 'fear',
  happy: 'happy',
  sad: 'sad',
  surprise: 'surprise',
  neutral: 'neutral',
});
registerEmotionVocabulary('ckplus', {
  anger: 'angry',
  contempt: 'contempt',
  disgust: 'disgust',
  fear: 'fear',
  happy: 'happy',
  sadness: 'sad',
  surprise: 'surprise',
});
registerEmotionVocabulary('jaffe', {
  AN: 'angry',
  DI: 'disgust',
  FE: 'fear',
  HA: 'happy',
  NE: 'neutral',
  SA: 'sad',
  SU: 'surprise',
});
registerEmotionVocabulary('face-api', {
  angry: 'angry',
  disgusted: 'disgust',
  fearful: 'fear',
  happy: 'happy',
  sad: 'sad',
  surprised: 'surprise',
  neutral: 'neutral',
});

/** The names a vocabulary knows, as registered (lower-cased). */
export function vocabularyNames(vocabulary: string): string[] {
  return [...lookupVocabulary(vocabulary).keys()];
}

function lookupVocabulary(name: string): ReadonlyMap<string, Emotion> {
  const map = vocabularies.get(name);
  if (!map)
    throw new Error(
      `unknown emotion vocabulary "${name}"; registered: ${[...vocabularies.keys()].join(', ')}`,
    );
  return map;
}

/**
 * Maps a source's emotion name to the canonical label. `where` (a file, a row) goes into the error
 * message when the name is unknown.
 */
export function toEmotion(vocabulary: string, name: string, where?: string): Emotion {
  const emotion = lookupVocabulary(vocabulary).get(name.toLowerCase());
  if (!emotion) {
    throw new Error(
      `${where ? `${where}: ` : ''}unknown ${vocabulary} emotion "${name}"; expected one of ${vocabularyNames(vocabulary).join(', ')}`,
    );
  }
  return emotion;
}

/** Index of an emotion in a class list; throws when the classes do not include it. */
export function classIndex(classes: readonly Emotion[], emotion: Emotion, where?: string): number {
  const i = classes.indexOf(emotion);
  if (i < 0) {
    throw new Error(
      `${where ? `${where}: ` : ''}"${emotion}" is not one of the classes ${classes.join(', ')}`,
    );
  }
  return i;
}

/** A partition of emotions into named coarser classes. */
export interface EmotionGrouping {
  name: string;
  /** Group names in class-index order. */
  groups: readonly string[];
  /** Every grouped emotion's group. */
  groupOf: Readonly<Partial<Record<Emotion, string>>>;
}

/** Builds a grouping, checking that no emotion is in two groups and no group is empty. */
export function defineEmotionGrouping(
  name: string,
  groups: Readonly<Record<string, readonly Emotion[]>>,
): EmotionGrouping {
  const groupOf: Partial<Record<Emotion, string>> = {};
  for (const [group, members] of Object.entries(groups)) {
    if (members.length === 0) throw new Error(`grouping "${name}": group "${group}" is empty`);
    for (const emotion of members) {
      if (!(EMOTIONS as readonly string[]).includes(emotion)) {
        throw new Error(`grouping "${name}": "${emotion}" is not a canonical emotion`);
      }
      if (groupOf[emotion]) {
        throw new Error(`grouping "${name}": "${emotion}" is in both "${groupOf[emotion]}" and "${group}"`);
      }
      groupOf[emotion] = group;
    }
  }
  return { name, groups: Object.keys(groups), groupOf };
}

/**
 * The default 4-class grouping, by valence. Seed paper 000 reports 75.55% on "4 groups" of FER2013
 * without naming them; we group by valence because it keeps the classes a screening user acts on
 * apart and merges the ones FER models confuse most (fear/sad/angry/disgust are the bulk of FER2013's
 * off-diagonal errors): positive = happy; negative = angry, disgust, fear, sad, contempt; surprise
 * stays alone (its valence is ambiguous and it is visually distinct); neutral stays alone.
 */
export const VALENCE_4_GROUPING = defineEmotionGrouping('valence-4', {
  positive: ['happy'],
  negative: ['angry', 'disgust', 'fear', 'sad', 'contempt'],
  surprise: ['surprise'],
  neutral: ['neutral'],
});

/** The group an emotion belongs to; throws when the grouping leaves it out. */
export function groupEmotion(grouping: EmotionGrouping, emotion: Emotion): string {
  const group = grouping.groupOf[emotion];
  if (!group) throw new Error(`grouping "${grouping.name}" does not place "${emotion}" in any group`);
  return group;
}

/**
 * Sums per-emotion probabilities (columns in `classes` order) into per-group probabilities (columns in
 * `grouping.groups` order).
 */
export function groupProbabilities(
  grouping: EmotionGrouping,
  classes: readonly Emotion[],
  probabilities: ArrayLike<number>,
): Float64Array {
  if (probabilities.length !== classes.length) {
    throw new RangeError(`got ${probabilities.length} probabilities for ${classes.length} classes`);
  }
  const out = new Float64Array(grouping.groups.length);
  classes.forEach((emotion, c) => {
    out[grouping.groups.indexOf(groupEmotion(grouping, emotion))] += probabilities[c];
  });
  return out;
}
