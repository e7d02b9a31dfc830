import type { SubscriptionRef } from '../../azure/subscriptionScope';

/**
 * What a wizard has read from ARM: each read once per wizard run, whatever step asks for it and
 * however often the user goes Back. Keyed by subscription too, since going Back may change it. A
 * failed read is not kept, so that going Back and on again tries it again.
 */
export class WizardReads {
  private readonly reads = new Map<string, Promise<unknown>>();

  once<T>(subscription: SubscriptionRef, what: string, read: () => Promise<T>): Promise<T> {
    const key = `${subscription.subscriptionId}/${what}`.toLowerCase();
    let pending = this.reads.get(key) as Promise<T> | undefined;
    if (!pending) {
      const started = read();
      pending = started;
      this.reads.set(key, started);
      started.catch(() => {
        if (this.reads.get(key) === started) this.reads.delete(key);
      });
    }
    return pending;
  }
}
