// Figure 1: Application-signed Authorization headers per second, ours (signApplicationRequest) against Sinch's
// official Node SDK (generateAuthorizationHeader) on the same inputs, in the same process. The two run in short
// alternating slices, so a noisy neighbour or a CPU frequency change hits both alike; the figure is the median of
// the per-slice ratios.
import { generateAuthorizationHeader } from '@sinch/sdk-client';
import { signApplicationRequest } from '../core/app-signing';
import { type BenchOptions, count, type Figure, median, ratio } from './support';

const NAME = 'Application-signed headers per second vs the official SDK';
const TARGET = '≥ 1.0× and ≥ 200,000/s';

// A Voice TTS callout as a developer would sign it (docs/protocol.md#signing), with a fixed timestamp so both sign one string.
const REQUEST = {
  applicationKey: '669E367E-6BBA-48AB-AF15-266871C28135',
  applicationSecret: 'BeIukql3pTKJ8RGL5zo0DA==',
  method: 'POST',
  path: '/calling/v1/callouts',
  contentType: 'application/json; charset=utf-8',
  body: JSON.stringify({
    method: 'ttsCallout',
    ttsCallout: {
      cli: '+46000000000',
      destination: { type: 'number', endpoint: '+46700000000' },
      locale: 'en-US',
      text: 'Hello from Sinch Keys',
    },
  }),
  timestamp: '2026-05-01T12:00:00.000Z',
};

const ours = () => signApplicationRequest(REQUEST).authorization;
const sdk = (): string =>
  generateAuthorizationHeader(
    REQUEST.method,
    REQUEST.body,
    REQUEST.contentType,
    `x-timestamp:${REQUEST.timestamp}`,
    REQUEST.path,
    REQUEST.applicationKey,
    REQUEST.applicationSecret,
  );

/** Headers per second over one slice of `sliceMs`; the result is kept so the work cannot be optimised away. */
function rate(sign: () => string, sliceMs: number): number {
  let done = 0;
  let sink = 0;
  const start = performance.now();
  let now = start;
  do {
    for (let i = 0; i < 500; i++) sink += sign().length;
    done += 500;
    now = performance.now();
  } while (now - start < sliceMs);
  if (sink === 0) throw new Error('signing returned nothing');
  return done / ((now - start) / 1000);
}

export function measureSigning({ quick }: BenchOptions): Figure {
  if (ours() !== sdk()) throw new Error('our Authorization differs from the SDK’s for the same inputs');
  const slices = quick ? 10 : 60;
  const sliceMs = 50;
  // Warm both up until the JIT has settled.
  rate(ours, 300);
  rate(sdk, 300);
  const oursRates: number[] = [];
  const ratios: number[] = [];
  for (let i = 0; i < slices; i++) {
    // Alternate which goes first, so neither always runs right after a GC the other triggered.
    const sdkFirst = i % 2 === 1 ? rate(sdk, sliceMs) : 0;
    const mine = rate(ours, sliceMs);
    const theirs = sdkFirst || rate(sdk, sliceMs);
    oursRates.push(mine);
    ratios.push(mine / theirs);
  }
  const r = median(ratios);
  const perSecond = median(oursRates);
  return {
    name: NAME,
    measured: `${ratio(r)} (${count(perSecond)}/s ours, ${count(perSecond / r)}/s SDK)`,
    target: TARGET,
    pass: r >= 1 && perSecond >= 200_000,
    detail: `${slices} alternating ${sliceMs} ms slices per side after a 300 ms warm-up; median of per-slice ratios.`,
  };
}
