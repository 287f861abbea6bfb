import { createHash } from 'node:crypto';
import { EXTENSION_ID, EXTENSION_PUBLIC_KEY } from '../../extension/identity';

describe('extension identity', () => {
  it('is the id Chrome derives from the manifest key', () => {
    const digest = createHash('sha256').update(Buffer.from(EXTENSION_PUBLIC_KEY, 'base64')).digest('hex');
    const derived = digest.slice(0, 32).replace(/[0-9a-f]/g, (hex) => String.fromCharCode(97 + parseInt(hex, 16)));

    expect(derived).toBe(EXTENSION_ID);
  });
});
