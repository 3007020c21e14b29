import { describe, expect, it } from 'vitest';
import { redactCredentials } from './redact-credentials';

describe('redactCredentials', () => {
  it('hides the user and password of a connection URL', () => {
    expect(redactCredentials('connect failed: postgresql://visioncad:s3cret@db:5432/cad')).toBe(
      'connect failed: postgresql://***@db:5432/cad',
    );
  });

  it('leaves URLs without credentials alone', () => {
    expect(redactCredentials('file:/data/visioncad.db and http://localhost:3000/x')).toBe(
      'file:/data/visioncad.db and http://localhost:3000/x',
    );
  });
});
