import type { Locator, Page } from 'playwright-core';

/** How long a step may take to show: the machine running the tests may be busy. */
const STEP_TIMEOUT = 60_000;

/** One entry of the open QuickPick, as a person reads it. */
export interface QuickPickEntry {
  label: string;
  description: string;
  detail: string;
  checked: boolean;
}

/**
 * VS Code's quick input widget (QuickPick and InputBox share it), answered the way a person does:
 * reading the step's placeholder or prompt, clicking entries and checkboxes, typing, pressing Enter.
 */
export class QuickInput {
  readonly widget: Locator;
  private readonly input: Locator;

  constructor(private readonly page: Page) {
    this.widget = page.locator('.quick-input-widget');
    this.input = this.widget.locator('.quick-input-box input');
  }

  /**
   * Waits for the step whose placeholder or prompt contains `text`: the widget is reused from step
   * to step, so an entry must not be read before its own step shows.
   */
  async waitForStep(text: string): Promise<void> {
    try {
      await this.page.waitForFunction(
        ([widget, wanted]) => {
          if (!widget || (widget as unknown as { style: { display: string } }).style.display === 'none') return false;
          const placeholder = widget.querySelector('.quick-input-box input')?.getAttribute('placeholder') ?? '';
          const prompt = widget.querySelector('.quick-input-message')?.textContent ?? '';
          return placeholder.includes(wanted) || prompt.includes(wanted);
        },
        [await this.widget.elementHandle({ timeout: STEP_TIMEOUT }), text] as const,
        { timeout: STEP_TIMEOUT },
      );
    } catch {
      throw new Error(`The quick input did not show the step "${text}"; it shows: ${await this.describe()}`);
    }
  }

  /**
   * Every entry of the open QuickPick, once its items have arrived. The extension sets them all at
   * once, after showing the QuickPick empty and busy; the busy bar itself shows only after a delay.
   */
  async entries(): Promise<QuickPickEntry[]> {
    await this.rows().first().waitFor({ timeout: STEP_TIMEOUT });
    return this.rows().evaluateAll((rows) =>
      rows.map((row) => {
        const names = [...row.querySelectorAll('.label-name')].map((n) => n.textContent?.trim() ?? '');
        return {
          label: names[0] ?? '',
          description: row.querySelector('.label-description')?.textContent?.trim() ?? '',
          // The detail line is a second icon label under the first.
          detail: names[1] ?? '',
          checked: row.getAttribute('aria-checked') === 'true',
        };
      }),
    );
  }

  /** The entry whose label reads exactly `label` (an icon in front of it is ignored). */
  entry(label: string): Locator {
    return this.rows().filter({ has: this.page.locator('.quick-input-list-row:first-child .label-name', { hasText: exactly(label) }) });
  }

  /** Clicks an entry of a single-choice QuickPick. */
  async pick(label: string): Promise<void> {
    await this.waitForEntry(label);
    await this.entry(label).click();
  }

  /** Ticks or clears an entry's checkbox in a multi-choice QuickPick. */
  async toggle(label: string): Promise<void> {
    await this.waitForEntry(label);
    await this.entry(label).locator('.monaco-checkbox').click();
  }

  /** The multi-choice QuickPick's OK button. */
  async ok(): Promise<void> {
    await this.widget.locator('.quick-input-action .monaco-button', { hasText: /^OK$/ }).click();
  }

  /** Replaces the InputBox's text the way a person does, then presses Enter. */
  async type(text: string): Promise<void> {
    await this.input.click();
    await this.input.press('ControlOrMeta+A');
    await this.input.pressSequentially(text);
    await this.input.press('Enter');
  }

  /**
   * Answers VS Code's own save dialog (a remote window's path box) with `file`. The dialog checks
   * the path as it is typed, and an Enter that lands while its folder listing lags behind the text
   * only moves it to that folder (VS Code's simpleFileDialog.ts, `onDidAccept`): the dialog stays,
   * and a person presses Enter again. So does this, while the dialog titled `dialogTitle` is still
   * the one showing; the next step is then read with `waitForStep`.
   */
  async saveAs(file: string, dialogTitle: string): Promise<void> {
    await this.type(file);
    for (let attempt = 0; attempt < 5; attempt++) {
      const closed = await this.page
        .waitForFunction(
          ([widget, title]) => {
            if (!widget || (widget as unknown as { style: { display: string } }).style.display === 'none') return true;
            return !(widget.querySelector('.quick-input-title')?.textContent ?? '').includes(title);
          },
          [await this.widget.elementHandle({ timeout: STEP_TIMEOUT }), dialogTitle] as const,
          { timeout: 3_000 },
        )
        .then(() => true)
        .catch(() => false);
      if (closed) return;
      await this.input.press('Enter');
    }
    throw new Error(`The save dialog did not take ${file}; it shows: ${await this.describe()}`);
  }

  /** Types into a QuickPick's filter box, as a person narrows a long list. */
  async filter(text: string): Promise<void> {
    await this.input.fill(text);
  }

  /** Accepts the InputBox as it is (its default or an empty answer). */
  async accept(): Promise<void> {
    await this.input.press('Enter');
  }

  title(): Promise<string> {
    return this.widget.locator('.quick-input-title').innerText();
  }

  private rows(): Locator {
    return this.widget.locator('.quick-input-list .monaco-list-row');
  }

  private async waitForEntry(label: string): Promise<void> {
    await this.entry(label).waitFor({ timeout: STEP_TIMEOUT }).catch(async () => {
      throw new Error(`The quick pick has no entry "${label}"; it shows: ${await this.describe()}`);
    });
  }

  /** What the widget shows, for failure messages. */
  private async describe(): Promise<string> {
    if (!(await this.widget.isVisible())) return '(no quick input open)';
    const placeholder = await this.input.getAttribute('placeholder');
    const prompt = await this.widget.locator('.quick-input-message').textContent();
    const labels = await this.rows().locator('.quick-input-list-row:first-child .label-name').allTextContents();
    return JSON.stringify({ title: await this.title(), placeholder, prompt, entries: labels.map((l) => l.trim()) });
  }
}

function exactly(label: string): RegExp {
  return new RegExp(`^\\s*${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
}
