// Synthetic out-of-fold predictions for the out-of-fold file and --cv-ensemble tests.
import { OUT_OF_FOLD_FORMAT, type OutOfFoldPredictions } from './fer-out-of-fold';

/** Four samples over two folds and two classes; samples 0 and 1 (fold 0) are right, 2 and 3 wrong. */
export function syntheticOutOfFold(overrides: Partial<OutOfFoldPredictions> = {}): OutOfFoldPredictions {
  return {
    format: OUT_OF_FOLD_FORMAT,
    model: 'synthetic',
    command: 'made by a test',
    dataset: 'CK+48',
    data: '/data/CK+48',
    folds: 2,
    seed: 0,
    labels: ['happy', 'sad'],
    samples: [
      {
        file: 'happy/S001_001_00000001.png',
        subject: 'S001',
        fold: 0,
        label: 'happy',
        probabilities: [0.9, 0.1],
      },
      {
        file: 'sad/S001_002_00000001.png',
        subject: 'S001',
        fold: 0,
        label: 'sad',
        probabilities: [0.4, 0.6],
      },
      {
        file: 'happy/S002_001_00000001.png',
        subject: 'S002',
        fold: 1,
        label: 'happy',
        probabilities: [0.3, 0.7],
      },
      {
        file: 'sad/S002_002_00000001.png',
        subject: 'S002',
        fold: 1,
        label: 'sad',
        probabilities: [0.8, 0.2],
      },
    ],
    ...overrides,
  };
}
