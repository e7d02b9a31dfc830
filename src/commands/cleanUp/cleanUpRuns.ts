/** Clean-ups running in this window; Cancel on their notification (or a test) stops them starting more. */
export class CleanUpRuns {
  private readonly running = new Set<AbortController>();

  start(): AbortController {
    const controller = new AbortController();
    this.running.add(controller);
    return controller;
  }

  end(controller: AbortController): void {
    this.running.delete(controller);
  }

  cancelAll(): void {
    for (const controller of this.running) controller.abort();
  }
}
