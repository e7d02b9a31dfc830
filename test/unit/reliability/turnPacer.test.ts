import * as assert from 'node:assert/strict';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { TurnPacer } from '../../../src/azure/turnPacer';

/** Runs `work`, writing 'S' for each start it reports and '|' at every turn of the event loop (each check phase). */
async function startsBetweenTurns(work: (started: () => void) => Promise<void>): Promise<number[]> {
  let events = '';
  let running = true;
  const mark = (): void => {
    events += '|';
    if (running) setImmediate(mark);
  };
  setImmediate(mark);
  await work(() => (events += 'S'));
  running = false;
  return events.split('|').map((s) => s.length);
}

describe('TurnPacer: requests started per turn of the event loop', () => {
  it('starts at most perTurn between two turns of the event loop, and every one of them', async () => {
    const pacer = new TurnPacer(3);
    const runs = await startsBetweenTurns((started) => Promise.all(Array.from({ length: 8 }, () => pacer.next().then(started))).then(() => undefined));
    assert.equal(runs.reduce((a, b) => a + b, 0), 8);
    assert.ok(Math.max(...runs) <= 3, `starts between turns: ${runs.join(', ')}`);
  });

  it('without pacing, the same burst starts in one turn (what the test above would see)', async () => {
    const runs = await startsBetweenTurns((started) => Promise.all(Array.from({ length: 8 }, () => Promise.resolve().then(started))).then(() => undefined));
    assert.equal(Math.max(...runs), 8);
  });

  it('lets a later turn start its own share at once', async () => {
    const pacer = new TurnPacer(2);
    await pacer.next();
    await pacer.next();
    await nextTurn();
    await nextTurn();
    let startedNow = 0;
    await Promise.all([pacer.next(), pacer.next()].map((p) => p.then(() => startedNow++)));
    assert.equal(startedNow, 2);
  });

  it('refuses a share that is not a positive whole number', () => {
    assert.throws(() => new TurnPacer(0), RangeError);
    assert.throws(() => new TurnPacer(1.5), RangeError);
  });
});
