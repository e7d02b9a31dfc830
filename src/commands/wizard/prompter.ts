/**
 * The seam between wizards and the UI. Wizards ask through a Prompter; VS Code answers with
 * QuickPicks and InputBoxes (VSCodePrompter), tests answer from a script.
 */

/**
 * Answer of a prompt whose Back button was pressed. Registered globally: the integration tests'
 * prompter is compiled apart from the extension's bundle and must answer with the same symbol.
 */
export const BACK: unique symbol = Symbol.for('restorePoints.wizard.back');
export type Back = typeof BACK;
export type Answer<T> = T | Back;

/** Escape, or a dismissed confirmation: the wizard ends and nothing is executed. */
export class UserCancelledError extends Error {
  constructor(what?: string) {
    super(what ? `Cancelled: ${what}` : 'Cancelled.');
    this.name = 'UserCancelledError';
  }
}

export const isUserCancelled = (error: unknown): error is UserCancelledError => error instanceof Error && error.name === 'UserCancelledError';

/** Where the prompt is in its wizard; runWizard fills these in. */
export interface PromptPosition {
  step?: number;
  totalSteps?: number;
  /** Show a Back button. */
  canGoBack?: boolean;
}

export interface PromptBase extends PromptPosition {
  /** Defaults to the wizard's title. */
  title?: string;
}

export interface PickItem<T> {
  label: string;
  description?: string;
  detail?: string;
  value: T;
  /**
   * Shown, with this reason, but cannot be changed: in pickOne it cannot be chosen, in pickMany
   * it keeps its `picked` state (a disk that must be excluded, the OS disk that cannot be).
   */
  disabledReason?: string;
  /** pickMany: checked when the prompt opens. */
  picked?: boolean;
}

export interface PickOnePrompt<T> extends PromptBase {
  placeholder?: string;
  /** A promise shows the picker at once, busy, until the items arrive. */
  items: readonly PickItem<T>[] | Promise<readonly PickItem<T>[]>;
  /** The item to highlight at the start, e.g. the earlier answer after Back. */
  isDefault?: (value: T) => boolean;
}

export interface PickManyPrompt<T> extends PromptBase {
  placeholder?: string;
  items: readonly PickItem<T>[] | Promise<readonly PickItem<T>[]>;
}

export interface InputPrompt extends PromptBase {
  prompt?: string;
  placeholder?: string;
  /** The text the box opens with (a default, or the earlier answer after Back). */
  value?: string;
  /** Runs on every change; a message blocks accepting the value. */
  validate?: (value: string) => string | undefined;
}

export interface ConfirmPrompt extends PromptBase {
  /** What will happen, naming what is lost or what it costs. */
  message: string;
  detail?: string;
  /** The button that goes ahead, e.g. "Delete". */
  confirmLabel: string;
  /** Ask the user to type this (a name) instead of pressing a button. */
  typeToConfirm?: string;
}

export interface SaveLocationPrompt extends PromptBase {
  /** A file name (in the last folder used) or, with `folder`, the folder to start in. */
  defaultName: string;
  /** Ask for a folder rather than a file. */
  folder?: boolean;
  /** File dialog filters: label to extensions. */
  filters?: Record<string, string[]>;
}

export interface Prompter {
  pickOne<T>(prompt: PickOnePrompt<T>): Promise<Answer<T>>;
  /** The values of every checked item, disabled ones included. */
  pickMany<T>(prompt: PickManyPrompt<T>): Promise<Answer<T[]>>;
  input(prompt: InputPrompt): Promise<Answer<string>>;
  /** Modal; declining throws UserCancelledError. Within a wizard it offers Back as well. */
  confirm(prompt: ConfirmPrompt): Promise<Answer<true>>;
  /** Where to save: a file path, or a folder path; a dismissed dialog throws UserCancelledError. */
  saveLocation(prompt: SaveLocationPrompt): Promise<Answer<string>>;
}
