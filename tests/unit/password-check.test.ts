import { hashPasswordSync } from '../../scripts/lib/password';
import { checkPassword } from '../../worker/src/auth/password-check';
import type { Db } from '../../worker/src/platform/db';

/** The one query checkPassword makes, answered with `user` (or nobody). */
function dbWith(user: { id: number; hash: string; active: boolean } | undefined): Db {
  const chain = { from: () => chain, where: () => chain, get: async () => user };
  return { select: () => chain } as unknown as Db;
}

/** Every PBKDF2 derivation WebCrypto is asked for while `run` runs: its iterations and salt length. */
async function derivations(run: () => Promise<unknown>): Promise<{ iterations: number; saltBytes: number }[]> {
  const seen: { iterations: number; saltBytes: number }[] = [];
  const derive = crypto.subtle.deriveBits.bind(crypto.subtle);
  const spy = jest.spyOn(crypto.subtle, 'deriveBits').mockImplementation((algorithm, key, length) => {
    const { iterations, salt } = algorithm as unknown as { iterations: number; salt: Uint8Array };
    seen.push({ iterations, saltBytes: salt.byteLength });
    return derive(algorithm, key, length);
  });
  try {
    await run().catch(() => undefined);
  } finally {
    spy.mockRestore();
  }
  return seen;
}

describe('unknown e-mail and wrong password cost the same', () => {
  const stored = hashPasswordSync('верный пароль'); // as seeds and user:add write it: 100k iterations

  test('an unknown e-mail runs the same PBKDF2 as a known account with a wrong password', async () => {
    const known = await derivations(() => checkPassword(dbWith({ id: 7, hash: stored, active: true }), 'a@test.ru', 'не тот'));
    const unknown = await derivations(() => checkPassword(dbWith(undefined), 'ghost@test.ru', 'не тот'));

    expect(known).toEqual([{ iterations: 100_000, saltBytes: 16 }]);
    expect(unknown).toEqual(known);
  });

  test('both are refused with the same message', async () => {
    const messages = await Promise.all(
      [dbWith({ id: 7, hash: stored, active: true }), dbWith(undefined)].map((db) =>
        checkPassword(db, 'a@test.ru', 'не тот').then(
          () => 'signed in',
          (err: Error) => err.message,
        ),
      ),
    );
    expect(new Set(messages)).toEqual(new Set(['Wrong e-mail or password']));
  });
});
