// Figure 2: how many OAuth2 exchanges 100 concurrent test requests on one access key cause. They go through the
// engine door (dispatch 'request.test', as the UI and CLI send them) against the fake Sinch; single-flight should
// make them share one exchange (docs/security-checklist.md#token-client-rules rule 4).
import { dispatch } from '../core/engine';
import { accessKeyFixture } from './engine-fixture';
import { type BenchOptions, type Figure, median } from './support';

const NAME = 'Token exchanges caused by 100 concurrent test requests on one access key';
const TARGET = 'exactly 1';
const CONCURRENT = 100;

export async function measureTokenExchanges({ quick }: BenchOptions): Promise<Figure> {
  const runs = quick ? 2 : 5;
  const exchanges: number[] = [];
  const secretReads: number[] = [];
  for (let run = 0; run < runs; run++) {
    // A fresh engine each run: an empty token cache, as right after start.
    const fixture = await accessKeyFixture();
    try {
      const input = { profileId: fixture.profile.id, credentialId: fixture.credential.id, productId: 'numbers' as const };
      const results = await Promise.all(
        Array.from({ length: CONCURRENT }, () => dispatch(fixture.engine.handlers, 'request.test', input)),
      );
      const failed = results.filter((r) => !r.ok || !r.value.ok).length;
      if (failed > 0) throw new Error(`${failed} of ${CONCURRENT} test requests did not succeed against the fake Sinch`);
      exchanges.push(fixture.fake.tokenRequests.length);
      secretReads.push(fixture.secrets.reads.length);
    } finally {
      await fixture.close();
    }
  }
  const worst = Math.max(...exchanges);
  return {
    name: NAME,
    measured: `${median(exchanges)} (every run: ${exchanges.join(', ')})`,
    target: TARGET,
    pass: exchanges.every((n) => n === 1),
    detail: `${runs} runs, each a fresh engine and ${CONCURRENT} concurrent 'request.test' calls (Numbers, Bearer); worst run ${worst} exchange(s), key secret read ${secretReads.join(', ')} time(s).`,
  };
}
